// Confirming /mentor delete-my-data: erase, tell partners (through the outbox), confirm.
import type { App } from "@slack/bolt";
import { userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { deleteDataBlocks } from "../../views/membership.ts";
import { noticeModal } from "../../views/programs.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.deleteData, async ({ ack, body, view, context }) => {
    const confirmed = ModalValues.parse(view.state.values).options(deleteDataBlocks.confirm).includes("yes");
    if (!confirmed) {
      await ack({
        response_action: "errors",
        errors: { [deleteDataBlocks.confirm]: "Tick the box to confirm, or cancel to keep your data." },
      });
      return;
    }
    try {
      const { mentorshipsEnded } = await services.members.deleteData(workspaceIdOf(context), body.user.id);
      await ack({
        response_action: "update",
        view: noticeModal(
          "Data deleted",
          `Everything Tandem kept about you is erased.${mentorshipsEnded ? " Your partners have been told your mentorship ended." : ""} ` +
            "If you ever want to take part again, type `/mentor join`.",
        ),
      });
    } catch (error) {
      logger.error({ err: error, user: body.user.id }, "deleting data failed");
      await ack({ response_action: "errors", errors: { [deleteDataBlocks.confirm]: userMessageOf(error) } });
    }
  });
}
