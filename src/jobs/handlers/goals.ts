// The scheduler's goal jobs: a milestone's reminder to the mentee (in their working hours; a
// no-op once it is done, skipped or its date moved) and the pair's group-DM celebration.
import { jobPayloads } from "../../domain/jobs.ts";
import { celebrationMessage, milestoneReminderMessage } from "../../slack/views/goals.ts";
import type { JobHandler } from "../runner.ts";
import { deliver, deliverStep, invalid } from "./deliver.ts";
import type { JobHandlerDeps } from "./index.ts";

export function goalHandlers(
  deps: JobHandlerDeps & { now: () => Date },
): Record<"milestone_due" | "milestone_done", JobHandler> {
  return {
    milestone_due: async (job) => {
      const parsed = jobPayloads.milestone_due.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const step = await deps.goals.prepareReminder(parsed.data);
      return deliverStep(deps, job, step, milestoneReminderMessage);
    },
    milestone_done: async (job) => {
      const parsed = jobPayloads.milestone_done.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const step = await deps.goals.prepareCelebration(parsed.data);
      if (step.do === "skip") return { status: "cancelled", reason: step.reason };
      return deliver(deps.messenger, job, step.to, celebrationMessage(step.what), deps.now());
    },
  };
}
