// Submitting the check-in modals: the session log ("we met"), the pause, and a reflection.
// Problems show next to the field with everything typed kept; once saved, the DM the modal was
// opened from is updated to say what was recorded.
import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../../logger.ts";
import { FieldError, userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { checkinMetadataSchema, parseMetadata, reflectionMetadataSchema } from "../../modals.ts";
import { answeredText, pauseBlocks, reflectionBlocks, sessionLogBlocks } from "../../views/checkins.ts";
import type { SlackMessage } from "../../views/help.ts";
import { escapeMrkdwn } from "../../views/text.ts";
import type { ListenerDeps } from "../deps.ts";

/** Replaces the DM the modal came from; a failure here loses nothing (the answer is saved). */
async function updateOrigin(
  client: WebClient,
  logger: Logger,
  ref: { channel?: string | undefined; ts?: string | undefined },
  message: SlackMessage,
): Promise<void> {
  if (!ref.channel || !ref.ts) return;
  await client.chat
    .update({ channel: ref.channel, ts: ref.ts, ...message })
    .catch((error: unknown) => logger.warn({ err: error }, "could not update the check-in message"));
}

function fieldErrors(
  error: unknown,
  blocks: Record<string, string>,
  fallback: string,
): Record<string, string> {
  const block =
    error instanceof FieldError && error.field in blocks ? (blocks[error.field] ?? fallback) : fallback;
  return { [block]: userMessageOf(error) };
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.sessionLog, async ({ ack, body, view, context, client }) => {
    const ref = parseMetadata(checkinMetadataSchema, view.private_metadata);
    const values = ModalValues.parse(view.state.values);
    const heldOn = values.date(sessionLogBlocks.heldOn);
    const minutes = Number(values.option(sessionLogBlocks.minutes));
    if (!heldOn) {
      await ack({
        response_action: "errors",
        errors: { [sessionLogBlocks.heldOn]: "Choose the date you met." },
      });
      return;
    }
    try {
      const logged = await services.checkins.logSession(workspaceIdOf(context), body.user.id, ref.checkIn, {
        heldOn,
        minutes,
        takeaways: values.text(sessionLogBlocks.takeaways) ?? "",
      });
      await ack();
      const partner = escapeMrkdwn(logged.partnerName);
      await updateOrigin(
        client,
        logger,
        ref,
        answeredText(
          (logged.merged
            ? `Logged: ${partner} had already logged your session on ${logged.heldOn}; your takeaways were added to it.`
            : `Logged: you met ${partner} on ${logged.heldOn} (${minutes} min).`) +
            (logged.next ? ` Next check-in: ${logged.next}.` : ""),
        ),
      );
    } catch (error) {
      logger.warn({ err: error, user: body.user.id }, "session log failed");
      await ack({
        response_action: "errors",
        errors: fieldErrors(
          error,
          { held_on: sessionLogBlocks.heldOn, minutes: sessionLogBlocks.minutes },
          sessionLogBlocks.heldOn,
        ),
      });
    }
  });

  app.view(callbackIds.pauseCheckins, async ({ ack, body, view, context, client }) => {
    const ref = parseMetadata(checkinMetadataSchema, view.private_metadata);
    const weeks = Number(ModalValues.parse(view.state.values).option(pauseBlocks.weeks));
    if (!weeks) {
      await ack({ response_action: "errors", errors: { [pauseBlocks.weeks]: "Choose how long to pause." } });
      return;
    }
    try {
      const paused = await services.checkins.pause(workspaceIdOf(context), body.user.id, ref.checkIn, weeks);
      await ack();
      const partner = escapeMrkdwn(paused.partnerName);
      await updateOrigin(
        client,
        logger,
        ref,
        answeredText(`Check-ins with ${partner} are paused until ${paused.until}. ${partner} has been told.`),
      );
    } catch (error) {
      logger.warn({ err: error, user: body.user.id }, "pause failed");
      await ack({ response_action: "errors", errors: { [pauseBlocks.weeks]: userMessageOf(error) } });
    }
  });

  app.view(callbackIds.reflection, async ({ ack, body, view, context, client }) => {
    const ref = parseMetadata(reflectionMetadataSchema, view.private_metadata);
    const text = ModalValues.parse(view.state.values).text(reflectionBlocks.body) ?? "";
    try {
      await services.checkins.saveReflection(workspaceIdOf(context), body.user.id, {
        mentorshipId: ref.mentorship,
        promptKey: ref.key,
        prompt: ref.prompt,
        body: text,
      });
      await ack();
      await updateOrigin(
        client,
        logger,
        ref,
        answeredText(`Saved to your journal: your reflection on “${escapeMrkdwn(ref.prompt)}”`),
      );
    } catch (error) {
      logger.warn({ err: error, user: body.user.id }, "reflection failed");
      await ack({ response_action: "errors", errors: { [reflectionBlocks.body]: userMessageOf(error) } });
    }
  });
}
