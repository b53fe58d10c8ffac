// The scheduler's letter jobs: the ask reaching the writer, each update one person hears of the
// other's doing, the writer's one reminder before a deadline, and the mentee's note when a
// deadline passed with the letter not submitted. All in the recipient's working hours.
import { jobPayloads } from "../../domain/jobs.ts";
import {
  letterAskMessage,
  letterLateMessage,
  letterReminderMessage,
  letterUpdateMessage,
} from "../../slack/views/letters.ts";
import type { JobHandler } from "../runner.ts";
import { deliverStep, invalid } from "./deliver.ts";
import type { JobHandlerDeps } from "./index.ts";

export function letterHandlers(
  deps: JobHandlerDeps & { now: () => Date },
): Record<"letter_ask" | "letter_update" | "letter_reminder" | "letter_late", JobHandler> {
  return {
    letter_ask: async (job) => {
      const parsed = jobPayloads.letter_ask.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const step = await deps.letters.prepareAsk(parsed.data);
      return deliverStep(deps, job, step, (v) =>
        letterAskMessage(v, parsed.data.round > 1 ? "again" : "ask"),
      );
    },
    letter_update: async (job) => {
      const parsed = jobPayloads.letter_update.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      return deliverStep(deps, job, await deps.letters.prepareUpdate(parsed.data), letterUpdateMessage);
    },
    letter_reminder: async (job) => {
      const parsed = jobPayloads.letter_reminder.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      return deliverStep(deps, job, await deps.letters.prepareReminder(parsed.data), letterReminderMessage);
    },
    letter_late: async (job) => {
      const parsed = jobPayloads.letter_late.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      return deliverStep(deps, job, await deps.letters.prepareLate(parsed.data), letterLateMessage);
    },
  };
}
