// The journal modal's Search (the modal updates with the matches) and saving a note.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import { journalBlocks, journalModal } from "../../views/journal.ts";
import type { ListenerDeps } from "../deps.ts";

const noteMetadataSchema = z.object({ parent: z.string().optional() });

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.journal, async ({ ack, body, view, context }) => {
    const query = ModalValues.parse(view.state.values).text(journalBlocks.search) ?? null;
    try {
      const page = await services.journal.browse(workspaceIdOf(context), body.user.id, query);
      await ack({ response_action: "update", view: journalModal(page) });
    } catch (error) {
      logger.warn({ err: error, user: body.user.id }, "journal search failed");
      await ack({ response_action: "errors", errors: { [journalBlocks.search]: userMessageOf(error) } });
    }
  });

  app.view(callbackIds.journalNote, async ({ ack, body, view, context, client }) => {
    const { parent } = parseMetadata(noteMetadataSchema, view.private_metadata);
    const text = ModalValues.parse(view.state.values).text(journalBlocks.note) ?? "";
    const workspaceId = workspaceIdOf(context);
    try {
      await services.journal.addNote(workspaceId, body.user.id, text);
    } catch (error) {
      logger.warn({ err: error, user: body.user.id }, "saving a journal note failed");
      await ack({ response_action: "errors", errors: { [journalBlocks.note]: userMessageOf(error) } });
      return;
    }
    await ack();
    if (parent) {
      const page = await services.journal.browse(workspaceId, body.user.id);
      await client.views
        .update({ view_id: parent, view: journalModal(page) })
        .catch((error: unknown) => logger.warn({ err: error }, "could not refresh the journal modal"));
    }
  });
}
