// The scheduler's review jobs: a review comes round (both people are invited and the next one is
// planned), and one person's review message: the invitation, the pair's summary in their group
// DM once both answered, or the closing thanks.
import { jobPayloads } from "../../domain/jobs.ts";
import { reviewNoteMessage } from "../../slack/views/reviews.ts";
import type { JobHandler } from "../runner.ts";
import { deliver, deliverStep, invalid, outcomeOf } from "./deliver.ts";
import type { JobHandlerDeps } from "./index.ts";

export function reviewHandlers(
  deps: JobHandlerDeps & { now: () => Date },
): Record<"review_round" | "review", JobHandler> {
  return {
    review_round: async (job) => {
      const parsed = jobPayloads.review_round.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const result = await deps.reviews.runRound(parsed.data);
      deps.kick();
      return outcomeOf(result);
    },
    review: async (job) => {
      const parsed = jobPayloads.review.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const step = await deps.reviews.prepareReview(parsed.data);
      if (step.do === "send" && step.what.kind === "summary") {
        return deliver(deps.messenger, job, step.what.together, reviewNoteMessage(step.what), deps.now());
      }
      return deliverStep(deps, job, step, reviewNoteMessage);
    },
  };
}
