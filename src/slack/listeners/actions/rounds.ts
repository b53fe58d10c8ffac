// Round buttons: run a round (Home), review it (DM), the pair menu in the review (lock, remove,
// swap), pages, re-run around locked pairs, and publish.
import type { App, BlockAction, ButtonAction, OverflowAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Services } from "../../../services/index.ts";
import { workspaceIdOf } from "../../context.ts";
import { actionIds } from "../../ids.ts";
import { noticeMessage } from "../../views/help.ts";
import { noticeModal } from "../../views/programs.ts";
import { roundReviewModal, roundStartedMessage, swapModal } from "../../views/rounds.ts";
import type { ListenerDeps } from "../deps.ts";
import { reportFailure, tellUser } from "../respond.ts";

/** Re-renders an open review modal in place. */
async function refreshReview(
  client: WebClient,
  services: Services,
  viewId: string,
  roundId: string,
  page: number,
) {
  await client.views.update({
    view_id: viewId,
    view: roundReviewModal(await services.rounds.view(roundId), page),
  });
}

function pageOf(privateMetadata: string | undefined): number {
  try {
    const parsed = JSON.parse(privateMetadata ?? "{}") as { page?: unknown };
    return typeof parsed.page === "number" ? parsed.page : 0;
  } catch {
    return 0;
  }
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    actionIds.runRound,
    async ({ ack, action, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const where = { respond, client, userId, inMessage: body.container.type === "message" };
      try {
        const workspaceId = workspaceIdOf(context);
        const program = await services.programs.get(workspaceId, action.value ?? "");
        await services.rounds.start(workspaceId, userId, program.id);
        await tellUser(where, roundStartedMessage(program.name));
      } catch (error) {
        await reportFailure(where, logger, error, "starting a round");
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    actionIds.reviewRound,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const userId = body.user.id;
      try {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: roundReviewModal(await services.rounds.view(action.value ?? "")),
        });
      } catch (error) {
        await reportFailure(
          { respond, client, userId, inMessage: body.container.type === "message" },
          logger,
          error,
          "opening a round",
        );
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    actionIds.publishRound,
    async ({ ack, action, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const where = { respond, client, userId, inMessage: body.container.type === "message" };
      try {
        await services.rounds.publish(workspaceIdOf(context), userId, action.value ?? "");
        const text =
          "Publishing… each pair gets an introduction in a group DM, and Tandem will DM you a summary.";
        if (body.view)
          await client.views.update({ view_id: body.view.id, view: noticeModal("Publishing", text) });
        else await tellUser(where, noticeMessage(text));
      } catch (error) {
        await reportFailure(where, logger, error, "publishing a round");
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    actionIds.rerunRound,
    async ({ ack, action, body, context, client, respond }) => {
      await ack();
      const userId = body.user.id;
      try {
        await services.rounds.rerun(workspaceIdOf(context), userId, action.value ?? "");
        if (body.view) {
          await client.views.update({
            view_id: body.view.id,
            view: noticeModal(
              "Re-running",
              "Tandem is solving again around the locked pairs, and will DM you when the new draft is ready.",
            ),
          });
        }
      } catch (error) {
        await reportFailure(
          { respond, client, userId, inMessage: false },
          logger,
          error,
          "re-running a round",
        );
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${actionIds.roundPage}_(prev|next)$`),
    async ({ ack, action, body, client, respond }) => {
      await ack();
      try {
        const [roundId = "", page = "0"] = (action.value ?? "").split(":");
        if (body.view) await refreshReview(client, services, body.view.id, roundId, Number(page));
      } catch (error) {
        await reportFailure(
          { respond, client, userId: body.user.id, inMessage: false },
          logger,
          error,
          "paging a round",
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
        const workspaceId = workspaceIdOf(context);
        const [verb = "", mentorshipId = ""] = action.selected_option.value.split(":");
        const view = body.view;
        if (!view) return;
        const page = pageOf(view.private_metadata);
        if (verb === "swap") {
          const roundId = JSON.parse(view.private_metadata || "{}").roundId as string;
          await client.views.push({
            trigger_id: body.trigger_id,
            view: swapModal(await services.rounds.view(roundId), mentorshipId),
          });
          return;
        }
        const roundId =
          verb === "remove"
            ? await services.rounds.remove(workspaceId, userId, mentorshipId)
            : await services.rounds.setLocked(workspaceId, userId, mentorshipId, verb === "lock");
        await refreshReview(client, services, view.id, roundId, page);
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
