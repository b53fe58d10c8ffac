// "Stop weekly digests" / "Send weekly digests again" on a digest: changes the clicker's own
// setting and answers where they clicked, with the way back.
import type { App } from "@slack/bolt";
import { workspaceIdOf } from "../../context.ts";
import { actionIds } from "../../ids.ts";
import { digestSubscriptionMessage } from "../../views/digest.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton, tellUser } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.digestSubscription,
    "changing the weekly digest",
    async ({ action, context }, where) => {
      const on = action.value === "on";
      await services.digests.setSubscription(workspaceIdOf(context), where.userId, on);
      await tellUser(where, digestSubscriptionMessage(on));
    },
  );
}
