// The "Join as …" / "Switch to …" buttons, in Home and in the /mentor join reply.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { parseParticipantRole } from "../../../domain/roles.ts";
import { userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { joinAsActionPattern } from "../../ids.ts";
import { noticeMessage } from "../../views/help.ts";
import { joinedMessage } from "../../views/join.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    joinAsActionPattern,
    async ({ ack, action, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const fromMessage = body.container.type === "message";
      try {
        const role = parseParticipantRole(action.value ?? "");
        if (!role) throw new Error(`unexpected join button value ${action.value}`);
        const workspaceId = workspaceIdOf(context);
        const result = await services.members.join(workspaceId, userId, role);
        if (fromMessage) {
          await respond({
            replace_original: true,
            ...joinedMessage({ firstTime: result.firstTime, role, programName: result.program.name }),
          });
        }
        await publishHome(client, services, workspaceId, userId);
      } catch (error) {
        logger.error({ err: error, user: userId }, "join from button failed");
        if (fromMessage)
          await respond({
            replace_original: false,
            response_type: "ephemeral",
            ...noticeMessage(userMessageOf(error)),
          });
        else await client.chat.postMessage({ channel: userId, ...noticeMessage(userMessageOf(error)) });
      }
    },
  );
}
