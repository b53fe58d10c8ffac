// Publishes the Home tab whenever a member opens it.
import type { App } from "@slack/bolt";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.event("app_home_opened", async ({ event, context, client }) => {
    if (event.tab !== "home") return;
    try {
      await publishHome(client, services, workspaceIdOf(context), event.user);
    } catch (error) {
      logger.error({ err: error, user: event.user }, "home publish failed");
    }
  });
}
