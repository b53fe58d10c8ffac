// Submitting a review: the decision is required (and, to change something, what should change);
// problems show next to the field with everything typed kept. Once saved, the review DM says what
// was decided (with the agreement and goal buttons when something should change). A final
// reflection written after the close is confirmed in the modal itself, so the closing thanks and
// its invitation stay as they are.
import type { App } from "@slack/bolt";
import { FieldError, userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import { noticeModal } from "../../views/programs.ts";
import { reflectionSavedMessage, reviewAnsweredMessage, reviewBlocks } from "../../views/reviews.ts";
import { reviewMetadataSchema } from "../actions/reviews.ts";
import type { ListenerDeps } from "../deps.ts";

function blockFor(error: unknown, fallback: string): string {
  return error instanceof FieldError && error.field in reviewBlocks
    ? reviewBlocks[error.field as keyof typeof reviewBlocks]
    : fallback;
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.review, async ({ ack, body, view, context, client }) => {
    const meta = parseMetadata(reviewMetadataSchema, view.private_metadata);
    const values = ModalValues.parse(view.state.values);
    const workspaceId = workspaceIdOf(context);
    const userId = body.user.id;
    const refreshHome = () =>
      publishHome(client, services, workspaceId, userId).catch((error: unknown) =>
        logger.warn({ err: error }, "home refresh failed"),
      );

    if (meta.mode === "reflection") {
      try {
        const { partnerName } = await services.reviews.saveFinalReflection(workspaceId, userId, {
          mentorshipId: meta.mentorship,
          cycle: meta.cycle,
          reflection: values.text(reviewBlocks.reflection),
        });
        await ack({
          response_action: "update",
          view: noticeModal("Saved to your journal", reflectionSavedMessage(partnerName).text),
        });
      } catch (error) {
        logger.warn({ err: error, user: userId }, "saving a final reflection failed");
        await ack({
          response_action: "errors",
          errors: { [reviewBlocks.reflection]: userMessageOf(error) },
        });
        return;
      }
      await refreshHome();
      return;
    }

    let answered: Awaited<ReturnType<typeof services.reviews.answer>>;
    try {
      answered = await services.reviews.answer(workspaceId, userId, {
        mentorshipId: meta.mentorship,
        cycle: meta.cycle,
        decision: values.option(reviewBlocks.decision),
        wins: values.text(reviewBlocks.wins),
        adjustments: values.text(reviewBlocks.adjustments),
        reflection: values.text(reviewBlocks.reflection),
      });
    } catch (error) {
      logger.warn({ err: error, user: userId }, "saving a review failed");
      await ack({
        response_action: "errors",
        errors: { [blockFor(error, reviewBlocks.decision)]: userMessageOf(error) },
      });
      return;
    }
    await ack();
    const message = reviewAnsweredMessage(answered);
    const reply =
      meta.channel && meta.ts
        ? client.chat.update({ channel: meta.channel, ts: meta.ts, ...message })
        : client.chat.postMessage({ channel: userId, ...message });
    await reply.catch((error: unknown) => logger.warn({ err: error }, "could not confirm the review"));
    await refreshHome();
  });
}
