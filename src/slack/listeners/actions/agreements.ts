// "Fill in our kick-off agreement" / "Open our agreement" (intro message, Home, a partner's
// change): opens the agreement modal for one of the pair.
import type { App } from "@slack/bolt";
import { workspaceIdOf } from "../../context.ts";
import { actionIds } from "../../ids.ts";
import { agreementModal } from "../../views/agreements.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.openAgreement,
    "opening a kick-off agreement",
    async ({ action, body, client, context }, where) => {
      const form = await services.agreements.form(workspaceIdOf(context), where.userId, action.value ?? "");
      await client.views.open({ trigger_id: body.trigger_id, view: agreementModal(form) });
    },
  );
}
