// The library of reflection prompts: short questions that help a person notice what they are
// learning. Mentees get one every check-in cycle, mentors every other one. Prompts that can use
// the person's current goal or last takeaway come first when there is one; the library rotates,
// and the same prompt is never sent twice in a row.

export type PromptAudience = "mentee" | "mentor";

export interface PromptContext {
  audience: PromptAudience;
  partnerName: string;
  /** The mentee's current goal in this mentorship, if any. */
  goal?: string | undefined;
  /** The last takeaway recorded from a session, if any. */
  takeaway?: string | undefined;
}

interface PromptTemplate {
  key: string;
  audience: PromptAudience | "both";
  /** A prompt that quotes the goal or takeaway is only used when there is one. */
  needs?: "goal" | "takeaway";
  text: (ctx: PromptContext) => string;
}

const quote = (s: string | undefined, max = 120): string => {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
};

// Library order is rotation order: prompts tied to a goal or takeaway are spread between the
// general ones, so a person sees both kinds.
export const PROMPT_LIBRARY: readonly PromptTemplate[] = [
  {
    key: "goal-step",
    audience: "mentee",
    needs: "goal",
    text: (c) =>
      `You're working toward ${quote(c.goal)}. What is one step you took since you last met, and what got in the way?`,
  },
  {
    key: "surprise",
    audience: "mentee",
    text: (c) => `What is one thing ${c.partnerName} said or asked that surprised you, and why did it stick?`,
  },
  {
    key: "takeaway-applied",
    audience: "both",
    needs: "takeaway",
    text: (c) =>
      `Last time you noted ${quote(c.takeaway)}. Where have you used it since, or what stopped you?`,
  },
  {
    key: "mentor-learned",
    audience: "mentor",
    text: (c) =>
      `What have you learned from mentoring ${c.partnerName} so far, about them, your field or yourself?`,
  },
  {
    key: "stuck",
    audience: "mentee",
    text: () =>
      "Where do you feel stuck right now? Write it as a question you could bring to your next session.",
  },
  {
    key: "energy",
    audience: "both",
    text: () => "Which part of your work gave you the most energy this fortnight, and which drained it?",
  },
  {
    key: "goal-next",
    audience: "mentee",
    needs: "goal",
    text: (c) =>
      `Looking at ${quote(c.goal)}: what would make the next two weeks a success, and where could ${c.partnerName} help most?`,
  },
  {
    key: "mentor-listening",
    audience: "mentor",
    text: () =>
      "In your last conversation, when did you give an answer where a question might have helped more?",
  },
  {
    key: "confidence",
    audience: "mentee",
    text: () => "What did you do recently that you would not have felt ready to do a few months ago?",
  },
  {
    key: "feedback-received",
    audience: "mentee",
    text: () =>
      "What is the most useful feedback you received lately, from anyone? What will you do with it?",
  },
  {
    key: "mentor-progress",
    audience: "mentor",
    text: (c) => `What progress have you seen in ${c.partnerName} that you have not told them about yet?`,
  },
  {
    key: "ask-for",
    audience: "mentee",
    text: (c) =>
      `If you could ask ${c.partnerName} for one introduction, resource or opinion, what would it be?`,
  },
  {
    key: "mentor-stretch",
    audience: "mentor",
    text: (c) => `What is one stretch opportunity you could point ${c.partnerName} to in the next month?`,
  },
  {
    key: "future-self",
    audience: "mentee",
    text: () =>
      "Picture yourself a year from now. What would you thank yourself for having started this month?",
  },
  {
    key: "mentor-own-mentor",
    audience: "mentor",
    text: () => "Think of a mentor who shaped you. What did they do that you could do more of?",
  },
];

function fits(p: PromptTemplate, ctx: PromptContext): boolean {
  if (p.audience !== "both" && p.audience !== ctx.audience) return false;
  if (p.needs === "goal") return Boolean(ctx.goal?.trim());
  if (p.needs === "takeaway") return Boolean(ctx.takeaway?.trim());
  return true;
}

/**
 * The next prompt for this person: the first prompt after `lastKey` in library order (cycling)
 * that fits their audience and what Tandem knows of their goal and takeaways. Never `lastKey`
 * again while any other prompt fits.
 */
export function pickPrompt(
  ctx: PromptContext,
  lastKey: string | null | undefined,
): { key: string; text: string } {
  const start = PROMPT_LIBRARY.findIndex((p) => p.key === lastKey);
  for (let step = 1; step <= PROMPT_LIBRARY.length; step++) {
    const prompt = PROMPT_LIBRARY[(start + step) % PROMPT_LIBRARY.length];
    if (prompt && prompt.key !== lastKey && fits(prompt, ctx))
      return { key: prompt.key, text: prompt.text(ctx) };
  }
  const fallback = PROMPT_LIBRARY.find((p) => fits(p, ctx));
  if (!fallback) throw new Error("no reflection prompt fits");
  return { key: fallback.key, text: fallback.text(ctx) };
}
