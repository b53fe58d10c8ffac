// "Start the review" (on a review DM) and "Write a final reflection" (on the closing thanks): open
// the review modal for the cycle the button names, or the final reflection alone once the
// mentorship has ended. Only a person Tandem invited to that review gets the modal.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { workspaceIdOf } from "../../context.ts";
import { actionIds } from "../../ids.ts";
import { reviewModal } from "../../views/reviews.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton } from "../respond.ts";
import { messageRef, parseButtonValue } from "./feedback.ts";

const reviewValueSchema = z.object({ mentorship: z.string().min(1), cycle: z.number().int().min(1) });

/** The review modal's private_metadata: which review, which mode, and the DM it was opened from. */
export const reviewMetadataSchema = reviewValueSchema.extend({
  mode: z.enum(["review", "reflection"]),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.startReview,
    "opening a review",
    async ({ action, body, client, context }, where) => {
      const value = parseButtonValue(reviewValueSchema, action.value, "review");
      const form = await services.reviews.form(
        workspaceIdOf(context),
        where.userId,
        value.mentorship,
        value.cycle,
      );
      const metadata = JSON.stringify({ ...value, mode: form.mode, ...messageRef(body) });
      await client.views.open({ trigger_id: body.trigger_id, view: reviewModal(form, metadata) });
    },
  );
}
