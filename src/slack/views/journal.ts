// The learning journal modal (browse and search), the note modal, and what a member reads when
// their journal is exported.
import type { KnownBlock, ModalView } from "@slack/types";
import { type JournalPage, journalKindLabel, NOTE_MAX } from "../../services/journal.ts";
import { actionIds, callbackIds } from "../ids.ts";
import { textInput } from "./inputs.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

export const journalBlocks = { search: "journal_search", note: "journal_note" } as const;

/** A quote block of several lines in mrkdwn. */
const quote = (text: string) => `>${escapeMrkdwn(text).replace(/\n/g, "\n>")}`;

function countLine(page: JournalPage): string {
  if (page.all === 0) return "";
  if (page.query) {
    return page.total === 0
      ? `Nothing in your journal matches “${escapeMrkdwn(page.query)}”.`
      : `${page.total} entr${page.total === 1 ? "y matches" : "ies match"} “${escapeMrkdwn(page.query)}”${page.total > page.entries.length ? `; the newest ${page.entries.length} are shown` : ""}.`;
  }
  return page.all > page.entries.length
    ? `Your newest ${page.entries.length} of ${page.all} entries. Search to find older ones.`
    : `${page.all} entr${page.all === 1 ? "y" : "ies"}, newest first.`;
}

export function journalModal(page: JournalPage): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: "actions",
      elements: [
        { type: "button", action_id: actionIds.addJournalNote, text: plain("Add a note"), value: "note" },
        {
          type: "button",
          action_id: actionIds.exportJournal,
          text: plain("Export as a file"),
          value: "export",
        },
      ],
    },
    textInput(journalBlocks.search, "Search your journal", page.query, {
      optional: true,
      max: 200,
      placeholder: "A word or two, e.g. feedback",
    }),
  ];
  if (page.all === 0) {
    blocks.push({
      type: "section",
      text: mrkdwn(
        "*Your journal is empty.* The reflections you write, your session takeaways and your notes land here. Only you can read it.",
      ),
    });
  } else {
    blocks.push({ type: "context", elements: [mrkdwn(countLine(page))] });
    for (const e of page.entries) {
      const head = `*${journalKindLabel(e.kind)}* · ${escapeMrkdwn(e.writtenOn)}${e.partnerName ? ` · with ${escapeMrkdwn(e.partnerName)}` : ""}`;
      const prompt = e.prompt ? `\n${quote(truncate(e.prompt, 300))}` : "";
      blocks.push({ type: "divider" });
      blocks.push({
        type: "section",
        text: mrkdwn(truncate(`${head}${prompt}\n${escapeMrkdwn(e.body)}`, 3000)),
      });
    }
  }
  blocks.push({ type: "context", elements: [mrkdwn("Private to you: nobody else can read your journal.")] });
  return {
    type: "modal",
    callback_id: callbackIds.journal,
    title: plain("Learning journal"),
    submit: plain("Search"),
    close: plain("Close"),
    blocks,
  };
}

/** A free note for the journal; `parentViewId` is the journal modal to refresh once saved. */
export function journalNoteModal(parentViewId: string | null): ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.journalNote,
    private_metadata: JSON.stringify(parentViewId ? { parent: parentViewId } : {}),
    title: plain("New journal note"),
    submit: plain("Save to journal"),
    close: plain("Cancel"),
    blocks: [
      textInput(journalBlocks.note, "Your note", undefined, {
        max: NOTE_MAX,
        multiline: true,
        hint: "Something you learned, a question for your next session, a win. Private to you.",
      }),
    ],
  };
}
