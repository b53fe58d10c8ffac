// Submitting the letter modals. The mentee's request saves a draft and turns into the packet
// modal; the packet sends the ask (or the answers, or an update). The writer's decline, question
// and submission update the message they came from. A problem shows next to its field, with
// everything typed kept; the Homes of both people are refreshed after every change.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { FieldError, UserError, userMessageOf } from "../../../services/errors.ts";
import type { LetterView } from "../../../services/letters.ts";
import { workspaceIdOf } from "../../context.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import {
  letterAnsweredMessage,
  letterFields,
  letterPacketModal,
  letterSubmittedNote,
  packetSentModal,
  SHARE_SUMMARY,
} from "../../views/letters.ts";
import { noticeModal } from "../../views/programs.ts";
import { escapeMrkdwn } from "../../views/text.ts";
import { refreshLetterHomes } from "../actions/letters.ts";
import type { ListenerDeps } from "../deps.ts";

const metadataSchema = z.object({
  letter: z.string().optional(),
  key: z.string().optional(),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

/** A refusal (a FieldError, a stale letter) is routine; anything else is a fault. */
function logFailure(logger: ListenerDeps["logger"], error: unknown, user: string, what: string): void {
  if (error instanceof UserError) logger.info({ user, reason: error.message }, `${what} refused`);
  else logger.error({ err: error, user }, `${what} failed`);
}

/** A service error as inline modal errors: next to its field when the modal has it. */
function errorsFor(error: unknown, fields: readonly string[], fallback: string): Record<string, string> {
  const field = error instanceof FieldError && fields.includes(error.field) ? error.field : fallback;
  return { [field]: userMessageOf(error) };
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.letterRequest, async ({ ack, body, view, context, client }) => {
    const meta = parseMetadata(metadataSchema, view.private_metadata);
    const values = ModalValues.parse(view.state.values);
    const input = {
      writerMemberId: values.option(letterFields.writer) ?? "",
      purpose: values.option(letterFields.purpose) ?? "",
      deadline: values.date(letterFields.deadline) ?? "",
      targets: values.text(letterFields.targets) ?? "",
      howToSubmit: values.text(letterFields.howToSubmit),
    };
    const missing: Record<string, string> = {};
    if (!input.writerMemberId) missing[letterFields.writer] = "Choose who should write it.";
    if (!input.purpose) missing[letterFields.purpose] = "Choose what the letter is for.";
    if (!input.deadline) missing[letterFields.deadline] = "Pick the deadline.";
    if (!input.targets) missing[letterFields.targets] = "Name at least one program, school or employer.";
    if (Object.keys(missing).length) {
      await ack({ response_action: "errors", errors: missing });
      return;
    }
    const workspaceId = workspaceIdOf(context);
    const userId = body.user.id;
    try {
      const { letterId } = await services.letters.saveDraft(workspaceId, userId, {
        ...input,
        letterId: meta.letter,
      });
      const form = await services.letters.packetForm(workspaceId, userId, letterId);
      const metadata = { letter: letterId, ...(form.summaryKey ? { key: form.summaryKey } : {}) };
      await ack({ response_action: "update", view: letterPacketModal(form, JSON.stringify(metadata)) });
      await refreshLetterHomes(client, services, logger, workspaceId, letterId);
    } catch (error) {
      logFailure(logger, error, userId, "saving a letter request");
      await ack({
        response_action: "errors",
        errors: errorsFor(error, Object.values(letterFields), letterFields.targets),
      });
    }
  });

  app.view(callbackIds.letterPacket, async ({ ack, body, view, context, client }) => {
    const meta = parseMetadata(metadataSchema, view.private_metadata);
    const values = ModalValues.parse(view.state.values);
    const workspaceId = workspaceIdOf(context);
    const userId = body.user.id;
    try {
      const sent = await services.letters.sendPacket(workspaceId, userId, meta.letter ?? "", {
        cvUrl: values.text(letterFields.cv),
        statementUrl: values.text(letterFields.statement),
        goals: values.text(letterFields.goals),
        whyThisProgram: values.text(letterFields.why),
        note: values.text(letterFields.note),
        shareSummary: values.options(letterFields.summary).includes(SHARE_SUMMARY),
        summaryKey: meta.key,
      });
      await ack({ response_action: "update", view: packetSentModal(sent) });
    } catch (error) {
      logFailure(logger, error, userId, "sending a letter packet");
      const fields = Object.keys(view.state.values ?? {});
      await ack({
        response_action: "errors",
        errors: errorsFor(
          error,
          fields,
          fields.includes(letterFields.note) ? letterFields.note : (fields[0] ?? letterFields.note),
        ),
      });
      return;
    }
    await refreshLetterHomes(client, services, logger, workspaceId, meta.letter ?? "");
  });

  /** A writer's or mentee's modal whose submit changes the letter, then the message it came from. */
  const onSubmit = (
    callbackId: string,
    field: string,
    act: (workspaceId: string, userId: string, letterId: string, values: ModalValues) => Promise<LetterView>,
    after: (v: LetterView) => {
      modal?: ReturnType<typeof noticeModal>;
      message?: ReturnType<typeof letterAnsweredMessage>;
    },
  ) => {
    app.view(callbackId, async ({ ack, body, view, context, client }) => {
      const meta = parseMetadata(metadataSchema, view.private_metadata);
      const workspaceId = workspaceIdOf(context);
      const userId = body.user.id;
      let v: LetterView;
      try {
        v = await act(workspaceId, userId, meta.letter ?? "", ModalValues.parse(view.state.values));
      } catch (error) {
        logFailure(logger, error, userId, callbackId);
        await ack({ response_action: "errors", errors: errorsFor(error, [field], field) });
        return;
      }
      const { modal, message } = after(v);
      await ack(modal ? { response_action: "update", view: modal } : undefined);
      if (message && meta.channel && meta.ts) {
        await client.chat
          .update({ channel: meta.channel, ts: meta.ts, ...message })
          .catch((error: unknown) => logger.warn({ err: error }, "could not update the letter message"));
      }
      await refreshLetterHomes(client, services, logger, workspaceId, v.id);
    });
  };

  onSubmit(
    callbackIds.letterDecline,
    letterFields.note,
    async (ws, user, id, values) =>
      (
        await services.letters.answer(ws, user, id, {
          answer: "decline",
          note: values.text(letterFields.note),
        })
      ).letter,
    (v) => ({
      modal: noticeModal(
        "Declined",
        `Thank you for being honest. Tandem has told ${escapeMrkdwn(v.menteeName)} kindly.`,
      ),
      message: letterAnsweredMessage(v),
    }),
  );

  onSubmit(
    callbackIds.letterMoreInfo,
    letterFields.question,
    async (ws, user, id, values) =>
      (
        await services.letters.answer(ws, user, id, {
          answer: "more_info",
          question: values.text(letterFields.question) ?? "",
        })
      ).letter,
    (v) => ({
      modal: noticeModal(
        "Question sent",
        `Tandem has passed your question to ${escapeMrkdwn(v.menteeName)}.`,
      ),
      message: letterAnsweredMessage(v),
    }),
  );

  onSubmit(
    callbackIds.letterSubmitted,
    letterFields.targets,
    (ws, user, id, values) =>
      services.letters.markSubmitted(ws, user, id, values.options(letterFields.targets)),
    (v) => ({
      modal: noticeModal("Thank you!", `Tandem has told ${escapeMrkdwn(v.menteeName)} the letter is in.`),
      message: v.status === "SUBMITTED" ? letterSubmittedNote(v) : letterAnsweredMessage(v),
    }),
  );

  onSubmit(
    callbackIds.letterThanks,
    letterFields.message,
    (ws, user, id, values) => services.letters.thank(ws, user, id, values.text(letterFields.message) ?? ""),
    (v) => ({
      modal: noticeModal("Thanks sent", `Tandem has passed your thank-you to ${escapeMrkdwn(v.writerName)}.`),
    }),
  );

  onSubmit(
    callbackIds.letterOutcome,
    letterFields.outcome,
    (ws, user, id, values) =>
      services.letters.shareOutcome(ws, user, id, values.text(letterFields.outcome) ?? ""),
    (v) => ({
      modal: noticeModal("Outcome shared", `Tandem has passed your news to ${escapeMrkdwn(v.writerName)}.`),
    }),
  );
}
