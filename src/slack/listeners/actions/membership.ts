// Buttons about taking part: confirm or cancel leaving, resume from a pause.
import type { App } from "@slack/bolt";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { actionIds } from "../../ids.ts";
import { noticeMessage } from "../../views/help.ts";
import { leftMessage, resumedMessage } from "../../views/membership.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton, tellUser } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(app, logger, actionIds.confirmLeave, "leaving", async ({ context, client }, where) => {
    const workspaceId = workspaceIdOf(context);
    const ended = await services.members.leave(workspaceId, where.userId);
    await tellUser(where, leftMessage(ended), true);
    await publishHome(client, services, workspaceId, where.userId);
  });

  onButton(app, logger, actionIds.cancelLeave, "staying", async (_args, where) => {
    await tellUser(where, noticeMessage("Glad you're staying. Nothing changed."), true);
  });

  onButton(app, logger, actionIds.resume, "resuming", async ({ context, client }, where) => {
    const workspaceId = workspaceIdOf(context);
    const wasPaused = await services.members.resume(workspaceId, where.userId);
    await tellUser(where, resumedMessage(wasPaused), where.inMessage);
    await publishHome(client, services, workspaceId, where.userId);
  });
}
