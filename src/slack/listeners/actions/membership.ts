// Buttons about taking part: confirm or cancel leaving, resume from a pause.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { actionIds } from "../../ids.ts";
import { noticeMessage } from "../../views/help.ts";
import { leftMessage, resumedMessage } from "../../views/membership.ts";
import type { ListenerDeps } from "../deps.ts";
import { reportFailure, tellUser } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    actionIds.confirmLeave,
    async ({ ack, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const where = { respond, client, userId, inMessage: body.container.type === "message" };
      try {
        const workspaceId = workspaceIdOf(context);
        const ended = await services.members.leave(workspaceId, userId);
        await tellUser(where, leftMessage(ended), true);
        await publishHome(client, services, workspaceId, userId);
      } catch (error) {
        await reportFailure(where, logger, error, "leaving");
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(actionIds.cancelLeave, async ({ ack, body, client, respond }) => {
    await ack();
    await tellUser(
      { respond, client, userId: body.user.id, inMessage: body.container.type === "message" },
      noticeMessage("Glad you're staying. Nothing changed."),
      true,
    );
  });

  app.action<BlockAction<ButtonAction>>(actionIds.resume, async ({ ack, body, context, client, respond }) => {
    await ack();
    const userId = body.user.id;
    const where = { respond, client, userId, inMessage: body.container.type === "message" };
    try {
      const workspaceId = workspaceIdOf(context);
      const wasPaused = await services.members.resume(workspaceId, userId);
      await tellUser(where, resumedMessage(wasPaused), where.inMessage);
      await publishHome(client, services, workspaceId, userId);
    } catch (error) {
      await reportFailure(where, logger, error, "resuming");
    }
  });
}
