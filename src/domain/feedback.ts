// The feedback scale both people use about each other and their sessions: 1 to 4, no middle
// point, each with the words people pick from.
export const feedbackScale = [
  { value: 4, label: "Very helpful" },
  { value: 3, label: "Helpful" },
  { value: 2, label: "Somewhat helpful" },
  { value: 1, label: "Not helpful" },
] as const;

export type FeedbackRating = (typeof feedbackScale)[number]["value"];

export function feedbackLabel(rating: number): string {
  return feedbackScale.find((s) => s.value === rating)?.label ?? `${rating} of 4`;
}
