// /mentor goals: the pair's goals modal (after "whose goals?" for someone in several mentorships).
import { goalsModal, goalsPairModal } from "../../views/goals.ts";
import { noticeMessage } from "../../views/help.ts";
import { NO_PAIR_YET } from "../../views/pairs.ts";
import type { SubcommandHandler } from "./context.ts";

const goals: SubcommandHandler = async (ctx) => {
  const pairs = await ctx.services.goals.pairs(ctx.workspaceId, ctx.userId);
  const [only] = pairs;
  if (!only) {
    await ctx.reply(noticeMessage(NO_PAIR_YET));
    return;
  }
  const view =
    pairs.length === 1
      ? goalsModal(await ctx.services.goals.overview(ctx.workspaceId, ctx.userId, only.m.id))
      : goalsPairModal(pairs);
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view });
};

export const goalCommands: Record<string, SubcommandHandler> = { goals };
