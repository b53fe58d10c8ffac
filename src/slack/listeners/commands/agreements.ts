// /mentor agreement: the kick-off agreement of your mentorship (a choice first when you have several).
import { agreementModal, chooseAgreementMessage } from "../../views/agreements.ts";
import { noticeMessage } from "../../views/help.ts";
import { NO_PAIR_YET } from "../../views/pairs.ts";
import type { SubcommandHandler } from "./context.ts";

const agreement: SubcommandHandler = async (ctx) => {
  const pairs = await ctx.services.agreements.pairsOf(ctx.workspaceId, ctx.userId);
  const [only] = pairs;
  if (!only) {
    await ctx.reply(noticeMessage(NO_PAIR_YET));
    return;
  }
  if (pairs.length > 1) {
    await ctx.reply(chooseAgreementMessage(pairs));
    return;
  }
  const form = await ctx.services.agreements.form(ctx.workspaceId, ctx.userId, only.m.id);
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view: agreementModal(form) });
};

export const agreementCommands: Record<string, SubcommandHandler> = { agreement };
