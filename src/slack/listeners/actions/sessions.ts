// Session buttons, wherever they are (a DM, a modal, the Home tab): "Log a session" opens the
// session log, "Our sessions" the pair's history, and "Mark done" ticks off an action item and
// shows it done where it was clicked. Inside a modal the new modal is pushed on top of it.
// In the session log, "Suggest takeaways and action items" acks at once, asks the service (the AI
// or Tandem's local reading, bounded by the AI client's timeout), then updates the modal in place
// with every value typed kept and the suggestions filled in, labelled.
import type { App } from "@slack/bolt";
import type { KnownBlock, ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { actionIds, callbackIds, sessionIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import {
  doneLine,
  markItemDone,
  sessionLogDraftOf,
  sessionLogMetadataSchema,
  sessionLogModal,
  sessionsModal,
  suggestedMetadata,
} from "../../views/sessions.ts";
import type { ListenerDeps } from "../deps.ts";
import { type ButtonArgs, onButton, tellUser, updateOpenModal } from "../respond.ts";

/** The modal the button was clicked in, if it was clicked in one (not a message, not Home). */
function modalOf(body: ButtonArgs["body"]) {
  return body.view?.type === "modal" ? body.view : undefined;
}

/** Opens a modal, or pushes it on top of the modal the button was clicked in. */
export async function openOrPush(
  client: WebClient,
  body: ButtonArgs["body"],
  view: ModalView,
): Promise<void> {
  if (modalOf(body)) await client.views.push({ trigger_id: body.trigger_id, view });
  else await client.views.open({ trigger_id: body.trigger_id, view });
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.logSession,
    "opening a session log",
    async ({ action, body, client, context }, where) => {
      const form = await services.sessions.form(workspaceIdOf(context), where.userId, action.value ?? "");
      const parent = modalOf(body);
      const metadata = JSON.stringify({
        mentorship: form.mentorshipId,
        ...(parent?.callback_id === sessionIds.history ? { parent: parent.id } : {}),
      });
      await openOrPush(client, body, sessionLogModal(form, metadata));
    },
  );

  onButton(
    app,
    logger,
    actionIds.suggestTakeaways,
    "suggesting takeaways",
    async ({ body, client, context }, where) => {
      const modal = modalOf(body);
      if (!modal || modal.callback_id !== callbackIds.sessionLog) return;
      const ref = parseMetadata(sessionLogMetadataSchema, modal.private_metadata);
      const version = ref.v ?? 0;
      const draft = sessionLogDraftOf(ModalValues.parse(modal.state?.values), version);
      const s = await services.sessions.suggestSummary(
        workspaceIdOf(context),
        where.userId,
        {
          mentorshipId: ref.mentorship,
          agenda: draft.agenda,
          privateNotes: draft.privateNotes,
          takeaways: draft.takeaways,
          actionItems: draft.actionItems,
        },
        services.ai,
      );
      // Filled inputs get new block ids, or Slack would keep showing what was there.
      const next = s.added.takeaways + s.added.actionItems > 0 ? version + 1 : version;
      const view = sessionLogModal(s.form, suggestedMetadata(ref, next, s.aiSuggestions), {
        version: next,
        draft: { ...draft, takeaways: s.takeaways, actionItems: s.actionItems },
        note: s.source === "empty" ? { kind: "empty" } : { kind: s.source, reason: s.reason, added: s.added },
      });
      await updateOpenModal(client, logger, modal, view, where.userId);
    },
  );

  onButton(
    app,
    logger,
    actionIds.openSessions,
    "opening the sessions",
    async ({ action, body, client, context }, where) => {
      const history = await services.sessions.history(
        workspaceIdOf(context),
        where.userId,
        action.value ?? "",
      );
      await openOrPush(client, body, sessionsModal(history));
    },
  );

  onButton(
    app,
    logger,
    actionIds.actionItemDone,
    "ticking off an action item",
    async ({ action, body, client, context }, where) => {
      const workspaceId = workspaceIdOf(context);
      const done = await services.sessions.completeActionItem(workspaceId, where.userId, action.value ?? "");
      const line = doneLine(done);
      const modal = modalOf(body);
      if (modal?.callback_id === sessionIds.history) {
        const history = await services.sessions.history(workspaceId, where.userId, done.mentorshipId);
        await client.views.update({ view_id: modal.id, view: sessionsModal(history) });
      } else if (modal) {
        // Someone else's modal listing the item: the same modal, the item shown done.
        await client.views.update({
          view_id: modal.id,
          view: {
            type: "modal",
            title: modal.title,
            ...(modal.close ? { close: modal.close } : {}),
            ...(modal.submit ? { submit: modal.submit } : {}),
            callback_id: modal.callback_id,
            private_metadata: modal.private_metadata,
            blocks: markItemDone(modal.blocks as KnownBlock[], done.itemId, line),
          },
        });
      } else if (where.inMessage) {
        const message = body.message as { ts?: string; text?: string; blocks?: KnownBlock[] } | undefined;
        const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
        if (message?.ts && message.blocks && channel) {
          await client.chat.update({
            channel,
            ts: message.ts,
            text: message.text || line,
            blocks: markItemDone(message.blocks, done.itemId, line),
          });
        } else {
          await tellUser(where, {
            text: line,
            blocks: [{ type: "section", text: { type: "mrkdwn", text: line } }],
          });
        }
      }
      // Both Homes list the pair's open items.
      for (const person of done.people) {
        await publishHome(client, services, workspaceId, person).catch((error: unknown) =>
          logger.warn({ err: error, user: person }, "could not refresh Home after an action item"),
        );
      }
    },
  );
}
