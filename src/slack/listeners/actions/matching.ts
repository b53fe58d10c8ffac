// Matching buttons: "Ask <mentor>" on find results, "Accept" / "Decline" on a request DM, and
// "See other mentors" after a decline or an expiry.
import type { App } from "@slack/bolt";
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
import { onButton, tellUser } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(app, logger, actionIds.askMentor, "opening a request", async ({ action, body, client }) => {
    const { mentor, program, name } = parseMetadata(askMetadataSchema, action.value);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: askMentorModal({ mentorMemberId: mentor, programId: program, name }),
    });
  });

  onButton(
    app,
    logger,
    actionIds.acceptRequest,
    "accepting a request",
    async ({ action, context, client }, where) => {
      const workspaceId = workspaceIdOf(context);
      const details = await services.matching.respond(workspaceId, where.userId, action.value ?? "", {
        accept: true,
      });
      await tellUser(where, answeredRequestMessage(details, true), true);
      await publishHome(client, services, workspaceId, where.userId);
    },
  );

  onButton(app, logger, actionIds.declineRequest, "opening a decline", async ({ action, body, client }) => {
    const details = await services.matching.requestDetails(action.value ?? "");
    await client.views.open({
      trigger_id: body.trigger_id,
      view: declineModal(details.mentorship.id, displayNameOf(details.mentee)),
    });
  });

  onButton(app, logger, actionIds.findAgain, "finding mentors", async ({ context }, where) => {
    const suggestions = await services.matching.find(workspaceIdOf(context), where.userId);
    await tellUser(where, findResultsMessage(suggestions, ""));
  });
}
