// "See failed messages" on a coordinator's Home: the program's permanent delivery failures.
import type { App } from "@slack/bolt";
import { workspaceIdOf } from "../../context.ts";
import { actionIds } from "../../ids.ts";
import { failedDeliveriesModal } from "../../views/deliveries.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.showFailedDeliveries,
    "showing failed messages",
    async ({ action, body, client, context }, where) => {
      const shown = await services.deliveries.failures(
        workspaceIdOf(context),
        where.userId,
        action.value ?? "",
      );
      await client.views.open({
        trigger_id: body.trigger_id,
        view: failedDeliveriesModal(shown.programName, shown.failures, shown.tz),
      });
    },
  );
}
