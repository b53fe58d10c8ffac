// How far a goal has come: milestones done out of those that still count (skipped ones don't).
export function milestoneProgress(milestones: ReadonlyArray<{ status: string }>): {
  done: number;
  total: number;
} {
  return {
    done: milestones.filter((ms) => ms.status === "DONE").length,
    total: milestones.filter((ms) => ms.status !== "SKIPPED").length,
  };
}
