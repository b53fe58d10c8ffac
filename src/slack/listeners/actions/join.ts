// Buttons that lead into the profile modal: "Join as …" (Home, /mentor join) and "Fill in my
// profile" / "Edit my profile".
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import { type ParticipantRole, parseParticipantRole } from "../../../domain/roles.ts";
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
          const { role, programId } = profileButtonValue(action.value);
          await openProfileModal(client, services, {
            workspaceId: workspaceIdOf(context),
            userId,
            triggerId: body.trigger_id,
            ...(role ? { suggestedRole: role } : {}),
            ...(programId ? { programId } : {}),
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

/** A button's value: a role ("MENTEE"), or JSON with the program and role it is about. */
function profileButtonValue(value: string | undefined): { role?: ParticipantRole; programId?: string } {
  const direct = parseParticipantRole(value ?? "");
  if (direct) return { role: direct };
  const parsed = profileButtonSchema.safeParse(safeJson(value));
  if (!parsed.success) return {};
  const role = parsed.data.role ? parseParticipantRole(parsed.data.role) : undefined;
  return { ...(role ? { role } : {}), ...(parsed.data.program ? { programId: parsed.data.program } : {}) };
}

const profileButtonSchema = z.object({ program: z.string().optional(), role: z.string().optional() });

function safeJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
