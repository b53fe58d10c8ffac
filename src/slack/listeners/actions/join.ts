// Buttons that lead into the profile modal: "Join as …" (Home, /mentor join) and "Fill in my
// profile" / "Edit my profile".
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { parseParticipantRole } from "../../../domain/roles.ts";
import { workspaceIdOf } from "../../context.ts";
import { actionIds, joinAsActionPattern } from "../../ids.ts";
import { openProfileModal } from "../../modals.ts";
import type { ListenerDeps } from "../deps.ts";
import { reportFailure } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  const open = (pattern: string | RegExp) =>
    app.action<BlockAction<ButtonAction>>(
      pattern,
      async ({ ack, action, body, context, client, respond }) => {
        await ack();
        const userId = body.user.id;
        try {
          const role = parseParticipantRole(action.value ?? "");
          await openProfileModal(client, services, {
            workspaceId: workspaceIdOf(context),
            userId,
            triggerId: body.trigger_id,
            ...(role ? { suggestedRole: role } : {}),
          });
        } catch (error) {
          await reportFailure(
            { respond, client, userId, inMessage: body.container.type === "message" },
            logger,
            error,
            "opening the profile",
          );
        }
      },
    );
  open(joinAsActionPattern);
  open(actionIds.openProfile);
}
