// Journal buttons (Home, the journal modal): open it, add a note, export it as a file in DM.
import type { App } from "@slack/bolt";
import { workspaceIdOf } from "../../context.ts";
import { actionIds } from "../../ids.ts";
import { noticeMessage } from "../../views/help.ts";
import { journalModal, journalNoteModal } from "../../views/journal.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton, tellUser } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.openJournal,
    "opening the journal",
    async ({ body, client, context }, where) => {
      const page = await services.journal.browse(workspaceIdOf(context), where.userId);
      await client.views.open({ trigger_id: body.trigger_id, view: journalModal(page) });
    },
  );

  onButton(app, logger, actionIds.addJournalNote, "opening a journal note", async ({ body, client }) => {
    // From the journal modal the note goes on top of it, and the journal refreshes once saved.
    const parent = body.view?.type === "modal" ? body.view.id : null;
    const view = journalNoteModal(parent);
    if (parent) await client.views.push({ trigger_id: body.trigger_id, view });
    else await client.views.open({ trigger_id: body.trigger_id, view });
  });

  onButton(app, logger, actionIds.exportJournal, "exporting the journal", async ({ context }, where) => {
    const file = await services.journal.exportMarkdown(workspaceIdOf(context), where.userId);
    if (file.count === 0) {
      await tellUser(where, noticeMessage("Your journal is empty, so there is nothing to export yet."));
      return;
    }
    await services.messenger.sendFileDm(where.userId, {
      filename: file.filename,
      title: "Your learning journal",
      content: file.content,
      comment: `Your learning journal: ${file.count} entr${file.count === 1 ? "y" : "ies"}, oldest first. Private to this conversation.`,
    });
  });
}
