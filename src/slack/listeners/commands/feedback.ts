// /mentor feedback: say how a mentorship is going, any time (a relationship-health pulse), in the
// same modal as the feedback Tandem asks for after sessions and milestones. Someone in several
// mentorships is asked which one first; someone in none is told how to get one.
import { feedbackModal } from "../../views/feedback.ts";
import { noticeMessage } from "../../views/help.ts";
import { NO_PAIR_YET } from "../../views/pairs.ts";
import type { SubcommandHandler } from "./context.ts";

const feedback: SubcommandHandler = async ({ workspaceId, userId, triggerId, client, services, reply }) => {
  const pairs = await services.feedback.pairsOf(workspaceId, userId);
  const only = pairs.length === 1 ? pairs[0] : undefined;
  if (pairs.length === 0) {
    await reply(noticeMessage(NO_PAIR_YET));
    return;
  }
  const view = only
    ? feedbackModal(
        await services.feedback.form(workspaceId, userId, { mentorshipId: only.m.id, context: "PULSE" }),
        JSON.stringify({ mentorship: only.m.id, context: "PULSE" }),
      )
    : feedbackModal({ pairs }, JSON.stringify({ context: "PULSE" }));
  await client.views.open({ trigger_id: triggerId, view });
};

export const feedbackCommands: Record<string, SubcommandHandler> = { feedback };
