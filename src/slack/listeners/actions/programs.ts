// Program buttons: "Join this program" (join cards, /mentor programs), "Edit program",
// "Create a program", "Import a roster".
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
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
import { reportFailure, tellUser } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    actionIds.joinProgram,
    async ({ ack, action, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const where = { respond, client, userId, inMessage: body.container.type === "message" };
      try {
        const workspaceId = workspaceIdOf(context);
        const programId = action.value ?? "";
        const outcome = await services.members.enrolWithProfile(workspaceId, userId, programId);
        if ("needsProfile" in outcome) {
          await openProfileModal(client, services, {
            workspaceId,
            userId,
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
        await publishHome(client, services, workspaceId, userId);
      } catch (error) {
        await reportFailure(where, logger, error, "joining a program");
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    actionIds.editProgram,
    async ({ ack, action, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      try {
        const workspaceId = workspaceIdOf(context);
        await services.coordinators.require(workspaceId, userId, "create and edit programs");
        const program =
          action.value && action.value !== "new"
            ? await services.programs.get(workspaceId, action.value)
            : null;
        await client.views.open({ trigger_id: body.trigger_id, view: programModal(program) });
      } catch (error) {
        await reportFailure(
          { respond, client, userId, inMessage: body.container.type === "message" },
          logger,
          error,
          "opening a program",
        );
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    actionIds.importRoster,
    async ({ ack, action, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      try {
        const workspaceId = workspaceIdOf(context);
        await services.coordinators.require(workspaceId, userId, "import rosters");
        const program = await services.programs.get(workspaceId, action.value ?? "");
        await client.views.open({ trigger_id: body.trigger_id, view: rosterModal(program) });
      } catch (error) {
        await reportFailure(
          { respond, client, userId, inMessage: body.container.type === "message" },
          logger,
          error,
          "opening a roster import",
        );
      }
    },
  );
}
