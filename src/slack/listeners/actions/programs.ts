// Program buttons: "Join this program" (join cards, /mentor programs), "Edit program",
// "Create a program", "Import a roster".
import type { App } from "@slack/bolt";
import { describeRole } from "../../../domain/roles.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { actionIds } from "../../ids.ts";
import { openProfileModal } from "../../modals.ts";
import { noticeMessage } from "../../views/help.ts";
import { programModal } from "../../views/program-modal.ts";
import { rosterModal } from "../../views/roster-modal.ts";
import { escapeMrkdwn } from "../../views/text.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton, tellUser } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.joinProgram,
    "joining a program",
    async ({ action, body, context, client }, where) => {
      const workspaceId = workspaceIdOf(context);
      const programId = action.value ?? "";
      const outcome = await services.members.enrolWithProfile(workspaceId, where.userId, programId);
      if ("needsProfile" in outcome) {
        await openProfileModal(client, services, {
          workspaceId,
          userId: where.userId,
          triggerId: body.trigger_id,
          programId,
        });
        return;
      }
      const name = escapeMrkdwn(outcome.program.name);
      await tellUser(
        where,
        noticeMessage(
          outcome.alreadyEnrolled
            ? `You're already in *${name}*.`
            : `You've joined *${name}* as ${describeRole(outcome.role)}. To change your role, use \`/mentor profile\`.`,
        ),
      );
      await publishHome(client, services, workspaceId, where.userId);
    },
  );

  onButton(
    app,
    logger,
    actionIds.editProgram,
    "opening a program",
    async ({ action, body, context, client }, where) => {
      const workspaceId = workspaceIdOf(context);
      await services.coordinators.require(workspaceId, where.userId, "create and edit programs");
      const program =
        action.value && action.value !== "new"
          ? await services.programs.get(workspaceId, action.value)
          : null;
      await client.views.open({ trigger_id: body.trigger_id, view: programModal(program) });
    },
  );

  onButton(
    app,
    logger,
    actionIds.importRoster,
    "opening a roster import",
    async ({ action, body, context, client }, where) => {
      const workspaceId = workspaceIdOf(context);
      await services.coordinators.require(workspaceId, where.userId, "import rosters");
      const program = await services.programs.get(workspaceId, action.value ?? "");
      await client.views.open({ trigger_id: body.trigger_id, view: rosterModal(program) });
    },
  );
}
