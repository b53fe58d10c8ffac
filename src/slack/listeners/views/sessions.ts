// Submitting the session log (and the pair picker before it). Every problem shows next to its
// field at once, with everything typed kept. Once saved: a check-in DM it answered is replaced by
// what was logged, an "Our sessions" modal it was pushed from is refreshed, and otherwise the log
// turns into a short confirmation. Both people's Home tabs are refreshed.

import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.ts";
import { userMessageOf } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { FormErrors } from "../../../services/sessions.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { callbackIds, sessionIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import { answeredText } from "../../views/checkins.ts";
import {
  loggedLine,
  loggedModal,
  sessionLogBlockOf,
  sessionLogBlocks,
  sessionLogDraftOf,
  sessionLogMetadataSchema,
  sessionLogModal,
  sessionsModal,
} from "../../views/sessions.ts";
import type { ListenerDeps } from "../deps.ts";
import { onPairChosen } from "../pair-choice.ts";

/** Inline errors by block id: each field's own, anything else next to the date. */
function errorsOf(error: unknown, blockIds: Set<string>, version: number): Record<string, string> {
  const all = error instanceof FormErrors ? error.errors : [error];
  const out: Record<string, string> = {};
  for (const e of all) {
    const field = (e as { field?: unknown }).field;
    const id = typeof field === "string" ? sessionLogBlockOf(field, version) : "";
    const block = blockIds.has(id) ? id : sessionLogBlocks.heldOn;
    out[block] ??= userMessageOf(e);
  }
  return out;
}

async function refreshHomes(
  client: Parameters<typeof publishHome>[0],
  services: Services,
  logger: Logger,
  workspaceId: string,
  people: string[],
): Promise<void> {
  await Promise.all(
    people.map((person) =>
      publishHome(client, services, workspaceId, person).catch((error: unknown) =>
        logger.warn({ err: error, user: person }, "could not refresh Home after a session log"),
      ),
    ),
  );
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  onPairChosen(app, logger, sessionIds.pickPair, "session log", async (workspaceId, userId, mentorshipId) => {
    const form = await services.sessions.form(workspaceId, userId, mentorshipId);
    return sessionLogModal(form, JSON.stringify({ mentorship: form.mentorshipId }));
  });

  app.view(callbackIds.sessionLog, async ({ ack, body, view, context, client }) => {
    const ref = parseMetadata(sessionLogMetadataSchema, view.private_metadata);
    const version = ref.v ?? 0;
    const draft = sessionLogDraftOf(ModalValues.parse(view.state.values), version);
    const workspaceId = workspaceIdOf(context);
    let logged: Awaited<ReturnType<typeof services.sessions.log>>;
    try {
      logged = await services.sessions.log(workspaceId, body.user.id, {
        mentorshipId: ref.mentorship,
        checkInId: ref.checkIn,
        heldOn: draft.heldOn,
        minutes: draft.minutes ? Number(draft.minutes) : undefined,
        agenda: draft.agenda,
        privateNotes: draft.privateNotes,
        takeaways: draft.takeaways,
        actionItems: draft.actionItems,
        nextOn: draft.nextOn,
        nextTime: draft.nextTime,
        aiSuggestions: ref.ai,
      });
    } catch (error) {
      logger.warn({ err: error, user: body.user.id }, "session log failed");
      const blockIds = new Set(view.blocks.map((block) => block.block_id).filter((id): id is string => !!id));
      await ack({ response_action: "errors", errors: errorsOf(error, blockIds, version) });
      return;
    }
    if (ref.checkIn || ref.parent) await ack();
    else await ack({ response_action: "update", view: loggedModal(logged) });

    if (ref.channel && ref.ts) {
      await client.chat
        .update({ channel: ref.channel, ts: ref.ts, ...answeredText(loggedLine(logged)) })
        .catch((error: unknown) => logger.warn({ err: error }, "could not update the check-in message"));
    }
    if (ref.parent) {
      const parent = ref.parent;
      await services.sessions
        .history(workspaceId, body.user.id, logged.mentorshipId)
        .then((history) => client.views.update({ view_id: parent, view: sessionsModal(history) }))
        .catch((error: unknown) => logger.warn({ err: error }, "could not refresh the sessions modal"));
    }
    await refreshHomes(client, services, logger, workspaceId, logged.people);
  });
}
