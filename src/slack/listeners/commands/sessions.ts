// /mentor log: the session log for the person's mentorship; with several, "which one?" first.
import { noticeMessage } from "../../views/help.ts";
import { NO_PAIR_YET } from "../../views/pairs.ts";
import { sessionLogModal, sessionPairModal } from "../../views/sessions.ts";
import type { SubcommandHandler } from "./context.ts";

const log: SubcommandHandler = async (ctx) => {
  const pairs = await ctx.services.sessions.pairsOf(ctx.workspaceId, ctx.userId);
  const [only] = pairs;
  if (!only) {
    await ctx.reply(noticeMessage(NO_PAIR_YET));
    return;
  }
  if (pairs.length > 1) {
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: sessionPairModal(pairs) });
    return;
  }
  const form = await ctx.services.sessions.form(ctx.workspaceId, ctx.userId, only.m.id);
  await ctx.client.views.open({
    trigger_id: ctx.triggerId,
    view: sessionLogModal(form, JSON.stringify({ mentorship: form.mentorshipId })),
  });
};

export const sessionCommands: Record<string, SubcommandHandler> = { log };
