// Submitting "Swap mentors": swap, close the picker, and refresh the review underneath.
import type { App } from "@slack/bolt";
import { userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata, swapMetadataSchema } from "../../modals.ts";
import { roundReviewModal, swapBlocks } from "../../views/rounds.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.swapPair, async ({ ack, body, view, context, client }) => {
    const { roundId, pair } = parseMetadata(swapMetadataSchema, view.private_metadata);
    const other = ModalValues.parse(view.state.values).option(swapBlocks.other);
    if (!other) {
      await ack({
        response_action: "errors",
        errors: { [swapBlocks.other]: "Choose the pair to swap with." },
      });
      return;
    }
    try {
      await services.rounds.swap(workspaceIdOf(context), body.user.id, pair, other);
    } catch (error) {
      await ack({ response_action: "errors", errors: { [swapBlocks.other]: userMessageOf(error) } });
      return;
    }
    await ack();
    const root = view.root_view_id;
    if (root) {
      try {
        const round = await services.rounds.viewFor(workspaceIdOf(context), body.user.id, roundId);
        await client.views.update({ view_id: root, view: roundReviewModal(round) });
      } catch (error) {
        logger.warn({ err: error }, "refreshing the review after a swap failed");
      }
    }
  });
}
