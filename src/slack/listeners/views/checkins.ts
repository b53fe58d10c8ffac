// Submitting the check-in modals: the pause and a reflection (the session log that "We met"
// opens is views/sessions.ts). Problems show next to the field with everything typed kept; once
// saved, the DM the modal was opened from is updated to say what was recorded.
import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../../logger.ts";
import { userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { checkinMetadataSchema, parseMetadata, reflectionMetadataSchema } from "../../modals.ts";
import { answeredText, pauseBlocks, reflectionBlocks } from "../../views/checkins.ts";
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

export function register(app: App, { services, logger }: ListenerDeps): void {
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
