// Matching buttons: "Ask <mentor>" on find results, "Accept" / "Decline" on a request DM, and
// "See other mentors" after a decline or an expiry.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { displayNameOf } from "../../../domain/members.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { actionIds } from "../../ids.ts";
import { askMetadataSchema, parseMetadata } from "../../modals.ts";
import {
  answeredRequestMessage,
  askMentorModal,
  declineModal,
  findResultsMessage,
} from "../../views/matching.ts";
import type { ListenerDeps } from "../deps.ts";
import { reportFailure, tellUser } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    actionIds.askMentor,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const userId = body.user.id;
      try {
        const { mentor, program, name } = parseMetadata(askMetadataSchema, action.value);
        await client.views.open({
          trigger_id: body.trigger_id,
          view: askMentorModal({ mentorMemberId: mentor, programId: program, name }),
        });
      } catch (error) {
        await reportFailure(
          { respond, client, userId, inMessage: body.container.type === "message" },
          logger,
          error,
          "opening a request",
        );
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    actionIds.acceptRequest,
    async ({ ack, action, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const where = { respond, client, userId, inMessage: body.container.type === "message" };
      try {
        const workspaceId = workspaceIdOf(context);
        const details = await services.matching.respond(workspaceId, userId, action.value ?? "", {
          accept: true,
        });
        await tellUser(where, answeredRequestMessage(details, true), true);
        await publishHome(client, services, workspaceId, userId);
      } catch (error) {
        await reportFailure(where, logger, error, "accepting a request");
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    actionIds.declineRequest,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const userId = body.user.id;
      try {
        const details = await services.matching.requestDetails(action.value ?? "");
        await client.views.open({
          trigger_id: body.trigger_id,
          view: declineModal(details.mentorship.id, displayNameOf(details.mentee)),
        });
      } catch (error) {
        await reportFailure(
          { respond, client, userId, inMessage: body.container.type === "message" },
          logger,
          error,
          "opening a decline",
        );
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    actionIds.findAgain,
    async ({ ack, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const where = { respond, client, userId, inMessage: body.container.type === "message" };
      try {
        const suggestions = await services.matching.find(workspaceIdOf(context), userId);
        await tellUser(where, findResultsMessage(suggestions, ""));
      } catch (error) {
        await reportFailure(where, logger, error, "finding mentors");
      }
    },
  );
}
