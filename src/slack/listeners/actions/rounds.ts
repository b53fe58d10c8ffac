// Round buttons: run a round (Home), review it (DM), the pair menu in the review (lock, remove,
// swap), pages, re-run around locked pairs, and publish. Every one re-checks that the person is a
// coordinator of the round's workspace.
import type { App, BlockAction, OverflowAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Services } from "../../../services/index.ts";
import { workspaceIdOf } from "../../context.ts";
import { actionIds } from "../../ids.ts";
import { parseMetadata, roundMetadataSchema } from "../../modals.ts";
import { noticeMessage } from "../../views/help.ts";
import { noticeModal } from "../../views/programs.ts";
import { roundReviewModal, roundStartedMessage, swapModal } from "../../views/rounds.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton, reportFailure, tellUser } from "../respond.ts";

interface Who {
  workspaceId: string;
  userId: string;
}

/** Re-renders an open review modal in place. */
async function refreshReview(
  client: WebClient,
  services: Services,
  who: Who,
  viewId: string,
  roundId: string,
  page: number,
) {
  const view = await services.rounds.viewFor(who.workspaceId, who.userId, roundId);
  await client.views.update({ view_id: viewId, view: roundReviewModal(view, page) });
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(app, logger, actionIds.runRound, "starting a round", async ({ action, context }, where) => {
    const workspaceId = workspaceIdOf(context);
    const program = await services.programs.get(workspaceId, action.value ?? "");
    await services.rounds.start(workspaceId, where.userId, program.id);
    await tellUser(where, roundStartedMessage(program.name));
  });

  onButton(
    app,
    logger,
    actionIds.reviewRound,
    "opening a round",
    async ({ action, body, context, client }, where) => {
      const view = await services.rounds.viewFor(workspaceIdOf(context), where.userId, action.value ?? "");
      await client.views.open({ trigger_id: body.trigger_id, view: roundReviewModal(view) });
    },
  );

  onButton(
    app,
    logger,
    actionIds.publishRound,
    "publishing a round",
    async ({ action, body, context, client }, where) => {
      await services.rounds.publish(workspaceIdOf(context), where.userId, action.value ?? "");
      const text =
        "Publishing… each pair gets an introduction in a group DM, and Tandem will DM you a summary.";
      if (body.view)
        await client.views.update({ view_id: body.view.id, view: noticeModal("Publishing", text) });
      else await tellUser(where, noticeMessage(text));
    },
  );

  onButton(
    app,
    logger,
    actionIds.rerunRound,
    "re-running a round",
    async ({ action, body, context, client }, where) => {
      await services.rounds.rerun(workspaceIdOf(context), where.userId, action.value ?? "");
      if (body.view) {
        await client.views.update({
          view_id: body.view.id,
          view: noticeModal(
            "Re-running",
            "Tandem is solving again around the locked pairs, and will DM you when the new draft is ready.",
          ),
        });
      }
    },
  );

  onButton(
    app,
    logger,
    new RegExp(`^${actionIds.roundPage}_(prev|next)$`),
    "paging a round",
    async ({ action, body, context, client }, where) => {
      const [roundId = "", page = "0"] = (action.value ?? "").split(":");
      if (body.view) {
        await refreshReview(
          client,
          services,
          { workspaceId: workspaceIdOf(context), userId: where.userId },
          body.view.id,
          roundId,
          Number(page),
        );
      }
    },
  );

  app.action<BlockAction<OverflowAction>>(
    actionIds.pairMenu,
    async ({ ack, action, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      try {
        const view = body.view;
        if (!view) return;
        const who = { workspaceId: workspaceIdOf(context), userId };
        const { roundId, page } = parseMetadata(roundMetadataSchema, view.private_metadata);
        const [verb = "", mentorshipId = ""] = action.selected_option.value.split(":");
        if (verb === "swap") {
          const round = await services.rounds.viewFor(who.workspaceId, userId, roundId);
          await client.views.push({ trigger_id: body.trigger_id, view: swapModal(round, mentorshipId) });
          return;
        }
        if (verb === "remove") await services.rounds.remove(who.workspaceId, userId, mentorshipId);
        else await services.rounds.setLocked(who.workspaceId, userId, mentorshipId, verb === "lock");
        await refreshReview(client, services, who, view.id, roundId, page);
      } catch (error) {
        await reportFailure(
          { respond, client, userId, inMessage: false },
          logger,
          error,
          "changing a draft pair",
        );
      }
    },
  );
}
