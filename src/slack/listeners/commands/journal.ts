// /mentor journal [words]: the learning journal, searched for the words when given.
import { journalModal } from "../../views/journal.ts";
import type { SubcommandHandler } from "./context.ts";

const journal: SubcommandHandler = async (ctx) => {
  const page = await ctx.services.journal.browse(ctx.workspaceId, ctx.userId, ctx.args || null);
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view: journalModal(page) });
};

export const journalCommands: Record<string, SubcommandHandler> = { journal };
