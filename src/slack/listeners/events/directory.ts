// Slack's directory events keep members' facts fresh: names, titles, time zones, and whether the
// account is a guest, a bot, or deactivated (which ends their mentorships politely).
import type { App } from "@slack/bolt";
import { workspaceIdOf } from "../../context.ts";
import { toUserFacts } from "../../gateway.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  for (const type of ["team_join", "user_change"] as const) {
    app.event(type, async ({ event, context }) => {
      const facts = toUserFacts(event.user);
      if (!facts.slackUserId) return;
      try {
        // Only people Tandem already knows are refreshed: a directory event never creates anyone.
        const refreshed = await services.members.refreshFromSlack(workspaceIdOf(context), facts);
        if (refreshed?.deactivated)
          logger.info({ user: facts.slackUserId }, "member deactivated in Slack: mentorships ended");
      } catch (error) {
        logger.error(
          { err: error, user: facts.slackUserId, event: type },
          "applying a directory change failed",
        );
      }
    });
  }
}
