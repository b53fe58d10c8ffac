// The scheduler's feedback job: one person's request for feedback about their partner, after a
// session, at a milestone, or as the pulse half-way between reviews, in their working hours.
import { jobPayloads } from "../../domain/jobs.ts";
import { feedbackRequestMessage } from "../../slack/views/feedback.ts";
import type { JobHandler } from "../runner.ts";
import { deliverStep, invalid } from "./deliver.ts";
import type { JobHandlerDeps } from "./index.ts";

export function feedbackHandlers(
  deps: JobHandlerDeps & { now: () => Date },
): Record<"feedback_request", JobHandler> {
  return {
    feedback_request: async (job) => {
      const parsed = jobPayloads.feedback_request.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const step = await deps.feedback.prepareRequest(parsed.data);
      return deliverStep(deps, job, step, feedbackRequestMessage);
    },
  };
}
