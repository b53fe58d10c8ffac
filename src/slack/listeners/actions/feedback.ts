// "Give feedback" (on a feedback request DM, Home or anywhere else): opens the feedback modal for
// the session, milestone or pulse the button names, once the clicker is shown to be one of the
// pair. A forged or stale button gets one plain sentence.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { NotFoundError } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { actionIds } from "../../ids.ts";
import { feedbackModal } from "../../views/feedback.ts";
import type { ListenerDeps } from "../deps.ts";
import { type ButtonArgs, onButton } from "../respond.ts";

const feedbackValueSchema = z.object({
  mentorship: z.string().min(1),
  context: z.enum(["SESSION", "MILESTONE", "PULSE"]),
  session: z.string().optional(),
  milestone: z.string().optional(),
});

/** The feedback modal's private_metadata: what it is about, and the DM it was opened from. */
export const feedbackMetadataSchema = z.object({
  mentorship: z.string().optional(),
  context: z.enum(["SESSION", "MILESTONE", "PULSE"]).default("PULSE"),
  session: z.string().optional(),
  milestone: z.string().optional(),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

/** Where the clicked message is, so the modal can update it after its submit. */
export function messageRef(body: ButtonArgs["body"]): { channel?: string; ts?: string } {
  if (body.container.type !== "message") return {};
  const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
  const ts = body.message?.ts ?? (body.container.message_ts as string | undefined);
  return { ...(channel ? { channel } : {}), ...(ts ? { ts } : {}) };
}

function parseValue<T extends z.ZodType>(schema: T, raw: string | undefined, what: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? "");
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new NotFoundError(`That ${what} isn't one of yours, or it no longer exists.`);
  return parsed.data;
}

export { parseValue as parseButtonValue };

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.giveFeedback,
    "opening feedback",
    async ({ action, body, client, context }, where) => {
      const value = parseValue(feedbackValueSchema, action.value, "mentorship");
      const form = await services.feedback.form(workspaceIdOf(context), where.userId, {
        mentorshipId: value.mentorship,
        context: value.context,
        sessionId: value.session,
        milestoneId: value.milestone,
      });
      const metadata = JSON.stringify({ ...value, ...messageRef(body) });
      await client.views.open({ trigger_id: body.trigger_id, view: feedbackModal(form, metadata) });
    },
  );
}
