// The scheduler's session jobs: an action item's reminder on its due date (to its owner, in their
// working hours, held back by a pause rather than lost) and the agenda prompt each person gets
// the working day before a planned session.
import { jobPayloads } from "../../domain/jobs.ts";
import { actionItemReminderMessage, agendaPromptMessage } from "../../slack/views/sessions.ts";
import type { JobHandler } from "../runner.ts";
import { deliverStep, invalid } from "./deliver.ts";
import type { JobHandlerDeps } from "./index.ts";

export function sessionHandlers(
  deps: JobHandlerDeps & { now: () => Date },
): Record<"action_item_due" | "agenda_prompt", JobHandler> {
  return {
    action_item_due: async (job) => {
      const parsed = jobPayloads.action_item_due.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const step = await deps.sessions.prepareActionItemReminder(parsed.data);
      return deliverStep(deps, job, step, actionItemReminderMessage);
    },
    agenda_prompt: async (job) => {
      const parsed = jobPayloads.agenda_prompt.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const step = await deps.sessions.prepareAgendaPrompt(parsed.data);
      return deliverStep(deps, job, step, agendaPromptMessage);
    },
  };
}
