// Buttons that lead into the profile modal: "Join as …" (Home, /mentor join) and "Fill in my
// profile" / "Edit my profile".
import type { App } from "@slack/bolt";
import { z } from "zod";
import { type ParticipantRole, parseParticipantRole } from "../../../domain/roles.ts";
import { workspaceIdOf } from "../../context.ts";
import { actionIds, joinAsActionPattern } from "../../ids.ts";
import { openProfileModal } from "../../modals.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  for (const pattern of [joinAsActionPattern, actionIds.openProfile]) {
    onButton(
      app,
      logger,
      pattern,
      "opening the profile",
      async ({ action, body, context, client }, where) => {
        const { role, programId } = profileButtonValue(action.value);
        await openProfileModal(client, services, {
          workspaceId: workspaceIdOf(context),
          userId: where.userId,
          triggerId: body.trigger_id,
          ...(role ? { suggestedRole: role } : {}),
          ...(programId ? { programId } : {}),
        });
      },
    );
  }
}

const profileButtonSchema = z.object({ program: z.string().optional(), role: z.string().optional() });

/** A button's value: a role ("MENTEE"), or JSON with the program and role it is about. */
function profileButtonValue(value: string | undefined): { role?: ParticipantRole; programId?: string } {
  const direct = parseParticipantRole(value ?? "");
  if (direct) return { role: direct };
  const parsed = profileButtonSchema.safeParse(safeJson(value));
  if (!parsed.success) return {};
  const role = parsed.data.role ? parseParticipantRole(parsed.data.role) : undefined;
  return { ...(role ? { role } : {}), ...(parsed.data.program ? { programId: parsed.data.program } : {}) };
}

function safeJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
