// Submitting "Ask a mentor" (sends the request) and "Decline request" (tells the mentee kindly).
import type { App } from "@slack/bolt";
import { localDate } from "../../../domain/dates.ts";
import { userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { askMetadataSchema, declineMetadataSchema, parseMetadata } from "../../modals.ts";
import { askBlocks, declineBlocks, declineReasons } from "../../views/matching.ts";
import { noticeModal } from "../../views/programs.ts";
import { escapeMrkdwn } from "../../views/text.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.askMentor, async ({ ack, body, view, context }) => {
    const userId = body.user.id;
    const { mentor, program } = parseMetadata(askMetadataSchema, view.private_metadata);
    const note = ModalValues.parse(view.state.values).text(askBlocks.note);
    try {
      const sent = await services.matching.request(workspaceIdOf(context), userId, mentor, program, note);
      const by = localDate(sent.respondBy, sent.menteeTz);
      await ack({
        response_action: "update",
        view: noticeModal(
          "Request sent",
          `Tandem has asked *${escapeMrkdwn(sent.mentorName)}*. They have until ${by} to answer; you'll hear either way, ` +
            "and if they don't answer, Tandem asks your next choice.",
        ),
      });
    } catch (error) {
      logger.warn({ err: error, user: userId }, "request failed");
      await ack({ response_action: "errors", errors: { [askBlocks.note]: userMessageOf(error) } });
    }
  });

  app.view(callbackIds.declineRequest, async ({ ack, body, view, context }) => {
    const userId = body.user.id;
    const { mentorship } = parseMetadata(declineMetadataSchema, view.private_metadata);
    const values = ModalValues.parse(view.state.values);
    const reason = values.option(declineBlocks.reason);
    if (!reason || !(declineReasons as readonly string[]).includes(reason)) {
      await ack({
        response_action: "errors",
        errors: { [declineBlocks.reason]: "Choose a reason; the mentee sees it." },
      });
      return;
    }
    const note = values.text(declineBlocks.note);
    try {
      await services.matching.respond(workspaceIdOf(context), userId, mentorship, {
        accept: false,
        reason,
        ...(note ? { note } : {}),
      });
      await ack({
        response_action: "update",
        view: noticeModal("Request declined", "Thank you. Tandem has let them know kindly."),
      });
    } catch (error) {
      logger.warn({ err: error, user: userId }, "decline failed");
      await ack({ response_action: "errors", errors: { [declineBlocks.reason]: userMessageOf(error) } });
    }
  });
}
