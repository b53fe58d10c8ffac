// Submitting the session log (and the pair picker before it). Every problem shows next to its
// field at once, with everything typed kept. Once saved: a check-in DM it answered is replaced by
// what was logged, an "Our sessions" modal it was pushed from is refreshed, and otherwise the log
// turns into a short confirmation. Both people's Home tabs are refreshed.

import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.ts";
import { userMessageOf } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { FormErrors, MAX_ACTION_ITEMS } from "../../../services/sessions.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { callbackIds, sessionIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import { answeredText } from "../../views/checkins.ts";
import {
  loggedLine,
  loggedModal,
  sessionLogBlocks,
  sessionLogMetadataSchema,
  sessionLogModal,
  sessionsModal,
} from "../../views/sessions.ts";
import type { ListenerDeps } from "../deps.ts";
import { onPairChosen } from "../pair-choice.ts";

/** Inline errors by block id: each field's own, anything else next to the date. */
function errorsOf(error: unknown, blockIds: Set<string>): Record<string, string> {
  const all = error instanceof FormErrors ? error.errors : [error];
  const out: Record<string, string> = {};
  for (const e of all) {
    const field = (e as { field?: unknown }).field;
    const block = typeof field === "string" && blockIds.has(field) ? field : sessionLogBlocks.heldOn;
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
    const values = ModalValues.parse(view.state.values);
    const workspaceId = workspaceIdOf(context);
    const b = sessionLogBlocks;
    const rows = Array.from({ length: MAX_ACTION_ITEMS }, (_, i) => ({
      text: values.text(b.item(i + 1)),
      owner: values.option(b.itemOwner(i + 1)),
      dueOn: values.date(b.itemDue(i + 1)),
    }));
    const minutes = values.option(b.minutes);
    let logged: Awaited<ReturnType<typeof services.sessions.log>>;
    try {
      logged = await services.sessions.log(workspaceId, body.user.id, {
        mentorshipId: ref.mentorship,
        checkInId: ref.checkIn,
        heldOn: values.date(b.heldOn),
        minutes: minutes ? Number(minutes) : undefined,
        agenda: values.text(b.agenda),
        privateNotes: values.text(b.privateNotes),
        takeaways: values.text(b.takeaways),
        actionItems: rows,
        nextOn: values.date(b.nextOn),
        nextTime: values.option(b.nextTime),
      });
    } catch (error) {
      logger.warn({ err: error, user: body.user.id }, "session log failed");
      const blockIds = new Set(view.blocks.map((block) => block.block_id).filter((id): id is string => !!id));
      await ack({ response_action: "errors", errors: errorsOf(error, blockIds) });
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
