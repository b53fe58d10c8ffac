// The coordinator dashboard in Home (pick a program, page through pairs at risk, announce a
// program in a channel) and the member's own Home buttons that open a modal (pause).
import type { App, BlockAction, StaticSelectAction } from "@slack/bolt";
import { z } from "zod";
import { userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { actionIds, callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import { announceBlocks, announceModal } from "../../views/dashboard.ts";
import { pausedMessage, pauseMeBlocks, pauseMeModal } from "../../views/membership.ts";
import { joinCardPostedMessage } from "../../views/programs.ts";
import type { ListenerDeps } from "../deps.ts";
import { postJoinCard } from "../join-card.ts";
import { onButton, reportFailure } from "../respond.ts";

const pagePattern = new RegExp(`^${actionIds.atRiskPage}_(previous|next)$`);
const announceMetadata = z.object({ programId: z.string() });

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.action<BlockAction<StaticSelectAction>>(
    actionIds.dashboardProgram,
    async ({ ack, action, body, client, context }) => {
      await ack();
      const userId = body.user.id;
      try {
        await services.coordinators.require(workspaceIdOf(context), userId, "see program health");
        await publishHome(client, services, workspaceIdOf(context), userId, {
          programId: action.selected_option.value,
        });
      } catch (error) {
        await reportFailure(
          { respond: undefined, client, userId, inMessage: false },
          logger,
          error,
          "showing a program",
        );
      }
    },
  );

  onButton(app, logger, pagePattern, "paging pairs at risk", async ({ action, client, context }, where) => {
    const [programId = "", page = "0"] = (action.value ?? "").split(":");
    await services.coordinators.require(workspaceIdOf(context), where.userId, "see program health");
    await publishHome(client, services, workspaceIdOf(context), where.userId, {
      programId,
      atRiskPage: Math.max(0, Number.parseInt(page, 10) || 0),
    });
  });

  onButton(
    app,
    logger,
    actionIds.announceProgram,
    "opening an announcement",
    async ({ action, body, client, context }, where) => {
      const workspaceId = workspaceIdOf(context);
      await services.coordinators.require(workspaceId, where.userId, "announce programs");
      const program = await services.programs.get(workspaceId, action.value ?? "");
      await client.views.open({ trigger_id: body.trigger_id, view: announceModal(program) });
    },
  );

  app.view(callbackIds.announceProgram, async ({ ack, body, view, context, client }) => {
    const userId = body.user.id;
    const { programId } = parseMetadata(announceMetadata, view.private_metadata);
    const channelId = ModalValues.parse(view.state.values).channel(announceBlocks.channel);
    if (!channelId) {
      await ack({
        response_action: "errors",
        errors: { [announceBlocks.channel]: "Choose the channel to post in." },
      });
      return;
    }
    const fail = (message: string) =>
      ack({ response_action: "errors", errors: { [announceBlocks.channel]: message } });
    try {
      const program = await services.programs.announce(workspaceIdOf(context), userId, programId, channelId);
      if (!(await postJoinCard(client, channelId, program))) {
        await fail("Tandem isn't in that channel: invite it with /invite @Tandem, then post again.");
        return;
      }
      await ack();
      await client.chat.postMessage({ channel: userId, ...joinCardPostedMessage(program, channelId) });
    } catch (error) {
      logger.warn({ err: error, user: userId }, "announcing a program failed");
      await fail(userMessageOf(error));
    }
  });

  onButton(app, logger, actionIds.pauseMe, "opening the pause", async ({ body, client }) => {
    await client.views.open({ trigger_id: body.trigger_id, view: pauseMeModal() });
  });

  app.view(callbackIds.pauseMe, async ({ ack, body, view, context, client }) => {
    const userId = body.user.id;
    const workspaceId = workspaceIdOf(context);
    const until = ModalValues.parse(view.state.values).date(pauseMeBlocks.until) ?? "";
    let label: string;
    try {
      ({ label } = await services.members.pauseFromText(workspaceId, userId, until));
    } catch (error) {
      logger.warn({ err: error, user: userId }, "pause refused");
      await ack({ response_action: "errors", errors: { [pauseMeBlocks.until]: userMessageOf(error) } });
      return;
    }
    await ack();
    await client.chat
      .postMessage({ channel: userId, ...pausedMessage(label) })
      .catch((error: unknown) => logger.warn({ err: error }, "could not confirm the pause"));
    await publishHome(client, services, workspaceId, userId).catch((error: unknown) =>
      logger.warn({ err: error, user: userId }, "home publish failed"),
    );
  });
}
