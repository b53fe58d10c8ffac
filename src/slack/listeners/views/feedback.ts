// Submitting the feedback modal: the rating (and, from /mentor feedback with several pairs, the
// mentorship) must be chosen; problems show next to the field with everything typed kept. Once
// saved, the request DM the modal came from says what was recorded (or a DM does, from a command).
import type { App } from "@slack/bolt";
import { FieldError, NotFoundError, userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import { feedbackBlocks, feedbackSavedMessage, SHARE } from "../../views/feedback.ts";
import { PAIR_BLOCK } from "../../views/pairs.ts";
import { feedbackMetadataSchema } from "../actions/feedback.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.feedback, async ({ ack, body, view, context, client }) => {
    const meta = parseMetadata(feedbackMetadataSchema, view.private_metadata);
    const values = ModalValues.parse(view.state.values);
    const mentorshipId = meta.mentorship ?? values.option(PAIR_BLOCK);
    const missing: Record<string, string> = {};
    if (!mentorshipId) missing[PAIR_BLOCK] = "Choose the mentorship your feedback is about.";
    const rating = Number(values.option(feedbackBlocks.rating));
    if (!rating) missing[feedbackBlocks.rating] = "Choose how helpful it was.";
    if (!mentorshipId || !rating) {
      await ack({ response_action: "errors", errors: missing });
      return;
    }
    const workspaceId = workspaceIdOf(context);
    const userId = body.user.id;
    let saved: Awaited<ReturnType<typeof services.feedback.give>>;
    try {
      saved = await services.feedback.give(workspaceId, userId, {
        mentorshipId,
        context: meta.context,
        sessionId: meta.session,
        milestoneId: meta.milestone,
        rating,
        comment: values.text(feedbackBlocks.comment),
        share: values.options(feedbackBlocks.share).includes(SHARE),
      });
    } catch (error) {
      logger.warn({ err: error, user: userId }, "saving feedback failed");
      const block =
        error instanceof FieldError && error.field in feedbackBlocks
          ? feedbackBlocks[error.field as keyof typeof feedbackBlocks]
          : error instanceof NotFoundError && !meta.mentorship
            ? PAIR_BLOCK
            : feedbackBlocks.rating;
      await ack({ response_action: "errors", errors: { [block]: userMessageOf(error) } });
      return;
    }
    await ack();
    const message = feedbackSavedMessage(saved);
    const reply =
      meta.channel && meta.ts
        ? client.chat.update({ channel: meta.channel, ts: meta.ts, ...message })
        : client.chat.postMessage({ channel: userId, ...message });
    await reply.catch((error: unknown) => logger.warn({ err: error }, "could not confirm the feedback"));
    await publishHome(client, services, workspaceId, userId).catch((error: unknown) =>
      logger.warn({ err: error }, "home refresh failed"),
    );
  });
}
