// How sessions read in Slack: the session log modal (with the pair picker that comes first for
// someone in several mentorships, and its "Suggest takeaways and action items" button that
// re-renders the log with every value typed kept, the suggestions filled in and labelled), what
// it says once saved, the pair's "Our sessions" history,
// an action item's due-date reminder, the agenda prompt the day before a planned session, and
// an action item shown as done wherever its "Mark done" button was clicked.
import type { Button, KnownBlock, ModalView, SectionBlock } from "@slack/types";
import { z } from "zod";
import type { PairView } from "../../services/pair-access.ts";
import {
  type ActionItemReminder,
  type ActionItemRow,
  type ActionItemView,
  type AgendaPrompt,
  type LoggedSession,
  MAX_ACTION_ITEMS,
  SESSION_TIMES,
  type SessionForm,
  type SessionHistory,
  type SessionView,
  TAKEAWAYS_INPUT_MAX,
} from "../../services/sessions.ts";
import { actionIds, callbackIds, sessionIds } from "../ids.ts";
import { INPUT_ACTION_ID, type ModalValues } from "../modal-values.ts";
import type { SlackMessage } from "./help.ts";
import { textInput } from "./inputs.ts";
import { pairPicker } from "./pairs.ts";
import { escapeMrkdwn, mrkdwn, plain, plural, truncate } from "./text.ts";

/** Block ids of the session log; they are also the service's field names for inline errors. */
export const sessionLogBlocks = {
  heldOn: "held_on",
  minutes: "minutes",
  agenda: "agenda",
  privateNotes: "private_notes",
  takeaways: "takeaways",
  item: (n: number) => `item_${n}`,
  itemOwner: (n: number) => `item_${n}_owner`,
  itemDue: (n: number) => `item_${n}_due`,
  nextOn: "next_on",
  nextTime: "next_time",
} as const;

/**
 * The block ids of the session log after `version` rounds of suggestions. Slack keeps what a
 * person typed in an input whose block id is unchanged by views.update (and ignores its new
 * initial value), so the inputs that suggestions fill get new block ids each time they are filled.
 */
export function sessionLogBlocksAt(version: number) {
  const v = (id: string) => (version > 0 ? `${id}_s${version}` : id);
  return {
    ...sessionLogBlocks,
    takeaways: v(sessionLogBlocks.takeaways),
    item: (n: number) => v(sessionLogBlocks.item(n)),
    itemOwner: (n: number) => v(sessionLogBlocks.itemOwner(n)),
    itemDue: (n: number) => v(sessionLogBlocks.itemDue(n)),
  };
}

/** The block showing a field (the service names fields by their first block ids). */
export function sessionLogBlockOf(field: string, version: number): string {
  return version > 0 && /^(?:takeaways|item_\d+(?:_owner|_due)?)$/.test(field)
    ? `${field}_s${version}`
    : field;
}

/** The "Suggest takeaways" button and what it last did. */
export const SUGGEST_BLOCK = "suggest_takeaways";
export const SUGGEST_NOTE_BLOCK = "suggest_takeaways_note";
export const SUGGEST_LABEL = "Suggest takeaways and action items";
/** Fingerprints of AI suggestions the log carries, at most (private_metadata holds 3000 characters). */
const MAX_AI_FINGERPRINTS = 60;

/** What the session log carries between opening and saving. */
export const sessionLogMetadataSchema = z.object({
  mentorship: z.string(),
  /** The check-in it answers ("We met: log it"). */
  checkIn: z.string().optional(),
  /** The DM it was opened from, updated once saved. */
  channel: z.string().optional(),
  ts: z.string().optional(),
  /** The "Our sessions" modal it was pushed from, refreshed once saved. */
  parent: z.string().optional(),
  /** How many times suggestions filled the form (see sessionLogBlocksAt). */
  v: z.number().int().min(0).max(10_000).optional(),
  /** Fingerprints of the AI-made suggestions put in the form. */
  ai: z.array(z.string().max(16)).max(MAX_AI_FINGERPRINTS).optional(),
});
export type SessionLogMetadata = z.infer<typeof sessionLogMetadataSchema>;

export const sessionsMetadataSchema = z.object({ mentorship: z.string() });

const sessionLengths = [15, 30, 45, 60, 90, 120] as const;
export const OWNER_ME = "me";
export const OWNER_PARTNER = "partner";

export function lengthLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  if (minutes % 60 !== 0) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
}

const button = (actionId: string, text: string, value: string, style?: "primary"): Button => ({
  type: "button",
  action_id: actionId,
  text: plain(text, 75),
  value,
  ...(style ? { style } : {}),
});

const isoDate = (d: string | undefined): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d);

const doneButton = (itemId: string): Button => button(actionIds.actionItemDone, "Mark done", itemId);

// ---------- the session log ----------

/** "With whom?": the first step of `/mentor log` for someone in several mentorships. */
export function sessionPairModal(pairs: PairView[]): ModalView {
  return {
    type: "modal",
    callback_id: sessionIds.pickPair,
    title: plain("Log a session"),
    submit: plain("Next"),
    close: plain("Cancel"),
    blocks: pairPicker(pairs, "Which mentorship is this session for?"),
  };
}

/** The session log as typed so far (read back from the modal's state). */
export interface SessionLogDraft {
  heldOn?: string | undefined;
  minutes?: string | undefined;
  agenda?: string | undefined;
  privateNotes?: string | undefined;
  takeaways?: string | undefined;
  actionItems: ActionItemRow[];
  nextOn?: string | undefined;
  nextTime?: string | undefined;
}

/** What "Suggest takeaways" did, said under its button. */
export type SuggestionNote =
  | { kind: "empty" }
  | {
      kind: "ai" | "local";
      /** Why not the AI (local only). */
      reason: string | null;
      added: { takeaways: number; actionItems: number };
    };

/** A session log re-rendered: the values typed (and filled), the block ids' version, the note. */
export interface SessionLogFill {
  version: number;
  draft: SessionLogDraft;
  note?: SuggestionNote;
}

/** The session log's values as typed, read by the block ids of `version`. */
export function sessionLogDraftOf(values: ModalValues, version: number): SessionLogDraft {
  const b = sessionLogBlocksAt(version);
  return {
    heldOn: values.date(b.heldOn),
    minutes: values.option(b.minutes),
    agenda: values.text(b.agenda),
    privateNotes: values.text(b.privateNotes),
    takeaways: values.text(b.takeaways),
    actionItems: Array.from({ length: MAX_ACTION_ITEMS }, (_, i) => ({
      text: values.text(b.item(i + 1)),
      owner: values.option(b.itemOwner(i + 1)),
      dueOn: values.date(b.itemDue(i + 1)),
    })),
    nextOn: values.date(b.nextOn),
    nextTime: values.option(b.nextTime),
  };
}

/** The metadata after a round of suggestions: the new version, the AI fingerprints added up. */
export function suggestedMetadata(ref: SessionLogMetadata, version: number, aiSuggestions: string[]): string {
  const ai = [...new Set([...(ref.ai ?? []), ...aiSuggestions])].slice(-MAX_AI_FINGERPRINTS);
  return JSON.stringify({ ...ref, v: version, ...(ai.length ? { ai } : {}) });
}

const countsOf = (added: { takeaways: number; actionItems: number }) =>
  [
    added.takeaways ? plural(added.takeaways, "takeaway") : "",
    added.actionItems ? plural(added.actionItems, "action item") : "",
  ]
    .filter(Boolean)
    .join(" and ");

/** The words under the button: which suggestions these are and why, or what to do first. */
export function suggestionNoteText(note: SuggestionNote): string {
  if (note.kind === "empty") {
    return (
      ":pencil2: Write what you talked about in *Agenda covered* or *Private notes* first, " +
      `then click *${SUGGEST_LABEL}*.`
    );
  }
  const noAi = note.reason ? ` (no AI: ${escapeMrkdwn(note.reason)})` : "";
  const counts = countsOf(note.added);
  if (!counts) {
    return note.kind === "ai"
      ? ":sparkles: The AI suggested nothing new: your takeaways and action item rows already hold it."
      : `:mag: Tandem found no takeaways or action items in your notes${noAi}. Write them below.`;
  }
  const label =
    note.kind === "ai"
      ? ":sparkles: *Suggested by AI — check and edit before saving.*"
      : `:mag: *Suggested by Tandem from your notes${noAi} — check and edit before saving.*`;
  return `${label} Added ${counts} below.`;
}

function suggestBlocks(note: SuggestionNote | undefined): KnownBlock[] {
  return [
    {
      type: "actions",
      block_id: SUGGEST_BLOCK,
      elements: [button(actionIds.suggestTakeaways, SUGGEST_LABEL, "suggest")],
    },
    {
      type: "context",
      block_id: SUGGEST_NOTE_BLOCK,
      elements: [
        mrkdwn(
          note
            ? suggestionNoteText(note)
            : "Proposes takeaways and action items from your agenda and notes; nothing is saved until you save the session.",
        ),
      ],
    },
  ];
}

const minutesOption = (m: number) => ({ text: plain(lengthLabel(m)), value: String(m) });

/** The session log: when, how long, what was covered, notes, takeaways, action items, what's next. */
export function sessionLogModal(f: SessionForm, metadata: string, fill?: SessionLogFill): ModalView {
  const partner = f.partnerName;
  const b = sessionLogBlocksAt(fill?.version ?? 0);
  const draft = fill?.draft;
  const ownerOptions = [
    { text: plain("Me"), value: OWNER_ME },
    { text: plain(truncate(partner, 75)), value: OWNER_PARTNER },
  ];
  const items: KnownBlock[] = [];
  for (let n = 1; n <= MAX_ACTION_ITEMS; n++) {
    const row = draft?.actionItems[n - 1];
    const owner = ownerOptions.find((o) => o.value === row?.owner);
    items.push(
      textInput(b.item(n), `Action item ${n}`, row?.text, {
        optional: true,
        max: 300,
        ...(n === 1 ? { placeholder: "e.g. Send the draft aims page to two colleagues" } : {}),
      }),
      {
        type: "input",
        block_id: b.itemOwner(n),
        optional: true,
        label: plain(`Who owns item ${n}?`),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("You, unless you choose"),
          options: ownerOptions,
          ...(owner ? { initial_option: owner } : {}),
        },
      },
      {
        type: "input",
        block_id: b.itemDue(n),
        optional: true,
        label: plain(`Due date for item ${n}`),
        ...(n === 1
          ? { hint: plain("Its owner gets a reminder on the day, with a button to tick it off.") }
          : {}),
        element: {
          type: "datepicker",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("No due date"),
          ...(isoDate(row?.dueOn) ? { initial_date: row?.dueOn } : {}),
        },
      },
    );
  }
  const heldOn = draft ? draft.heldOn : f.today;
  const minutes = sessionLengths.find((m) => String(m) === (draft ? draft.minutes : "30"));
  const nextTime = SESSION_TIMES.find((t) => t === draft?.nextTime);
  return {
    type: "modal",
    callback_id: callbackIds.sessionLog,
    private_metadata: metadata,
    title: plain("Log a session"),
    submit: plain("Save session"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: mrkdwn(`Your session with *${escapeMrkdwn(partner)}* · ${escapeMrkdwn(f.programName)}`),
      },
      {
        type: "input",
        block_id: b.heldOn,
        label: plain("When did you meet?"),
        element: {
          type: "datepicker",
          action_id: INPUT_ACTION_ID,
          ...(isoDate(heldOn) ? { initial_date: heldOn } : {}),
        },
      },
      {
        type: "input",
        block_id: b.minutes,
        label: plain("How long?"),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Choose a length"),
          options: sessionLengths.map(minutesOption),
          ...(minutes ? { initial_option: minutesOption(minutes) } : {}),
        },
      },
      textInput(b.agenda, "Agenda covered", draft?.agenda, {
        optional: true,
        max: 2000,
        multiline: true,
        hint: "What you talked about.",
      }),
      textInput(b.privateNotes, "Private notes", draft?.privateNotes, {
        optional: true,
        max: 2000,
        multiline: true,
        hint: `Only you and ${partner} can read them. Your coordinator never sees them.`,
      }),
      ...suggestBlocks(fill?.note),
      textInput(b.takeaways, "Key takeaways", draft?.takeaways, {
        optional: true,
        max: TAKEAWAYS_INPUT_MAX,
        multiline: true,
        hint: `One per line. Saved to your learning journal, and visible to you and ${partner}.`,
      }),
      { type: "divider" },
      {
        type: "section",
        text: mrkdwn(
          `*Action items* (up to ${MAX_ACTION_ITEMS}): what each of you will do before you meet again.`,
        ),
      },
      ...items,
      { type: "divider" },
      {
        type: "input",
        block_id: b.nextOn,
        optional: true,
        label: plain("Next session"),
        hint: plain("You'll both get an agenda the working day before, with your open action items."),
        element: {
          type: "datepicker",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Not planned yet"),
          ...(isoDate(draft?.nextOn) ? { initial_date: draft?.nextOn } : {}),
        },
      },
      {
        type: "input",
        block_id: b.nextTime,
        optional: true,
        label: plain("Time of the next session"),
        hint: plain(`In your time zone (${f.timeZone}).`),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Choose a time"),
          options: SESSION_TIMES.map((t) => ({ text: plain(t), value: t })),
          ...(nextTime ? { initial_option: { text: plain(nextTime), value: nextTime } } : {}),
        },
      },
    ],
  };
}

/** One line saying what was logged (the check-in DM it answered is replaced by it). */
export function loggedLine(l: LoggedSession): string {
  const partner = escapeMrkdwn(l.partnerName);
  const parts = [
    l.merged
      ? `Logged: ${partner} had already logged your session on ${l.heldOn}; your notes were added to it.`
      : `Logged: you met ${partner} on ${l.heldOn} (${l.minutes} min).`,
  ];
  if (l.actionItems > 0)
    parts.push(l.actionItems === 1 ? "1 action item saved." : `${l.actionItems} action items saved.`);
  if (l.nextSession) parts.push(`Next session: ${l.nextSession} (your time).`);
  if (l.nextCheckin) parts.push(`Next check-in: ${l.nextCheckin}.`);
  return parts.join(" ");
}

/** What the session log turns into once saved (opened from a command, a button or Home). */
export function loggedModal(l: LoggedSession): ModalView {
  const partner = escapeMrkdwn(l.partnerName);
  const blocks: KnownBlock[] = [{ type: "section", text: mrkdwn(`:white_check_mark: ${loggedLine(l)}`) }];
  const after: string[] = [];
  if (l.actionItems > 0) after.push("Action items with a due date are reminded to their owner on the day.");
  if (l.nextSession)
    after.push(`You and ${partner} will each get an agenda the working day before you meet.`);
  after.push("Tandem will ask you both for a little feedback on the session soon.");
  blocks.push({ type: "context", elements: [mrkdwn(after.join(" "))] });
  blocks.push({
    type: "actions",
    elements: [button(actionIds.openSessions, "Our sessions", l.mentorshipId)],
  });
  return {
    type: "modal",
    title: plain("Session logged"),
    close: plain("Done"),
    blocks,
  };
}

// ---------- the pair's sessions ----------

function itemLine(i: ActionItemView): string {
  const text = escapeMrkdwn(truncate(i.text, 300));
  const owner = escapeMrkdwn(i.ownerName);
  if (i.status === "DONE") return `:white_check_mark: ~${text}~ · ${owner} · done`;
  const due = i.dueOn ? ` · due ${i.dueOn}${i.overdue ? " (overdue)" : ""}` : "";
  return `:white_square: ${text} · *${owner}*${due}`;
}

/** An open item with its "Mark done" button. */
function openItemSection(i: ActionItemView): SectionBlock {
  return { type: "section", text: mrkdwn(itemLine(i)), accessory: doneButton(i.id) };
}

function sessionText(s: SessionView, partnerName: string): string {
  const head = [`*${s.heldOn}*`];
  if (s.minutes) head.push(lengthLabel(s.minutes));
  if (s.loggedBy) head.push(`logged by ${escapeMrkdwn(s.loggedBy)}`);
  const parts = [head.join(" · ")];
  if (s.agenda) parts.push(`*Agenda covered*\n${escapeMrkdwn(truncate(s.agenda, 700))}`);
  if (s.takeaways.length)
    parts.push(
      `*Key takeaways*\n${truncate(s.takeaways.map((t) => `• ${escapeMrkdwn(t)}`).join("\n"), 700)}`,
    );
  if (s.privateNotes)
    parts.push(
      `:lock: *Private notes* (only you and ${escapeMrkdwn(partnerName)})\n${escapeMrkdwn(truncate(s.privateNotes, 900))}`,
    );
  const closed = s.actionItems.filter((i) => i.status !== "OPEN");
  if (closed.length) parts.push(truncate(closed.map(itemLine).join("\n"), 500));
  return truncate(parts.join("\n"), 3000);
}

/** "Our sessions": newest first, within Slack's 100 blocks. */
export function sessionsModal(h: SessionHistory): ModalView {
  const partner = escapeMrkdwn(h.partnerName);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `*You and ${partner}* · ${escapeMrkdwn(h.programName)}\n` +
          (h.nextSession
            ? `*Next session:* ${h.nextSession} (your time)`
            : "No next session planned yet: add one when you log a session."),
      ),
    },
  ];
  if (h.running) {
    blocks.push({
      type: "actions",
      elements: [button(actionIds.logSession, "Log a session", h.mentorshipId, "primary")],
    });
  }
  const LIMIT = 99; // one block kept for the "older sessions" line
  const others = h.otherOpenItems.slice(0, 10);
  if (others.length) {
    blocks.push({ type: "section", text: mrkdwn("*Open action items from earlier sessions*") });
    for (const i of others) blocks.push(openItemSection(i));
  }
  let shown = 0;
  for (const s of h.sessions) {
    const open = s.actionItems.filter((i) => i.status === "OPEN");
    if (blocks.length + 2 + open.length > LIMIT) break;
    blocks.push({ type: "divider" }, { type: "section", text: mrkdwn(sessionText(s, h.partnerName)) });
    for (const i of open) blocks.push(openItemSection(i));
    shown++;
  }
  if (h.sessions.length === 0) {
    blocks.push({ type: "divider" }, { type: "section", text: mrkdwn("No sessions logged yet.") });
  }
  const hidden = h.olderSessions + (h.sessions.length - shown);
  blocks.push({
    type: "context",
    elements: [
      mrkdwn(
        (hidden > 0 ? `${hidden} older session${hidden === 1 ? "" : "s"} not shown. ` : "") +
          `Private notes are for you and ${partner} only: coordinators never see them.`,
      ),
    ],
  });
  return {
    type: "modal",
    callback_id: sessionIds.history,
    private_metadata: JSON.stringify({ mentorship: h.mentorshipId }),
    title: plain("Our sessions"),
    close: plain("Close"),
    blocks,
  };
}

// ---------- scheduled DMs ----------

/** The action item's due-date reminder, with a "Mark done" button. */
export function actionItemReminderMessage(r: ActionItemReminder): SlackMessage {
  const lead = r.overdue ? `Was due ${r.due}` : `Due ${r.due}`;
  const text = `${lead}: ${r.text}`;
  const agreed = r.agreedOn
    ? `You agreed to this with ${escapeMrkdwn(r.partnerName)} in your session on ${r.agreedOn}.`
    : `An action item from your mentorship with ${escapeMrkdwn(r.partnerName)}.`;
  return {
    text: truncate(text, 3000),
    blocks: [
      {
        type: "section",
        text: mrkdwn(`*${lead}:* ${escapeMrkdwn(truncate(r.text, 300))}`),
        accessory: doneButton(r.itemId),
      },
      { type: "context", elements: [mrkdwn(agreed)] },
      { type: "actions", elements: [button(actionIds.openSessions, "Our sessions", r.mentorshipId)] },
    ],
  };
}

/** The agenda prompt: when, open action items, last takeaways, and a structure for the hour. */
export function agendaPromptMessage(a: AgendaPrompt): SlackMessage {
  const partner = escapeMrkdwn(a.partnerName);
  const title = `${a.when} (your time) you meet ${a.partnerName}`;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `*${a.when} (your time) you meet ${partner}* · ${escapeMrkdwn(a.programName)}\n` +
          "A few minutes of preparation makes the session count. Here's where you left off.",
      ),
    },
  ];
  const mine = a.openItems.filter((i) => i.yours).slice(0, 5);
  const listed = a.openItems.filter((i) => !mine.includes(i)).slice(0, 10);
  if (a.openItems.length === 0) {
    blocks.push({ type: "section", text: mrkdwn("*Open action items*\nNone: a clean slate.") });
  } else {
    blocks.push({ type: "section", text: mrkdwn("*Open action items*") });
    for (const i of mine) blocks.push(openItemSection(i));
    if (listed.length)
      blocks.push({ type: "section", text: mrkdwn(truncate(listed.map(itemLine).join("\n"), 3000)) });
  }
  if (a.lastSession) {
    const takeaways = a.lastSession.takeaways.length
      ? a.lastSession.takeaways
          .slice(0, 10)
          .map((t) => `• ${escapeMrkdwn(t)}`)
          .join("\n")
      : "No takeaways were noted.";
    blocks.push({
      type: "section",
      text: mrkdwn(
        truncate(`*Takeaways from your last session* (${a.lastSession.heldOn})\n${takeaways}`, 3000),
      ),
    });
  }
  blocks.push(
    {
      type: "section",
      text: mrkdwn(
        "*A structure that works*\n" +
          "1. A short personal update from each of you\n" +
          "2. Progress on your action items\n" +
          "3. Questions, and what's on your mind\n" +
          "4. Agree who does what next",
      ),
    },
    {
      type: "actions",
      elements: [
        button(actionIds.logSession, "Log the session", a.mentorshipId, "primary"),
        button(actionIds.openSessions, "Our sessions", a.mentorshipId),
      ],
    },
  );
  return { text: truncate(title, 3000), blocks };
}

// ---------- ticked off ----------

/** How a ticked-off item reads where its button was. */
export function doneLine(d: { text: string; ownerName: string }): string {
  return `:white_check_mark: ~${escapeMrkdwn(truncate(d.text, 300))}~ · ${escapeMrkdwn(d.ownerName)} · done`;
}

/**
 * The same blocks with the item shown as done: the section holding its "Mark done" button loses
 * the button and reads `line`; the button is taken out of any actions block (an emptied block goes).
 */
export function markItemDone(blocks: KnownBlock[], itemId: string, line: string): KnownBlock[] {
  const isItsButton = (el: unknown) => {
    const b = el as { type?: string; action_id?: string; value?: string } | undefined;
    return b?.type === "button" && b.action_id === actionIds.actionItemDone && b.value === itemId;
  };
  const out: KnownBlock[] = [];
  for (const block of blocks) {
    if (block.type === "section" && isItsButton(block.accessory)) {
      const { accessory: _gone, ...rest } = block;
      out.push({ ...rest, text: mrkdwn(line) });
    } else if (block.type === "actions" && block.elements.some(isItsButton)) {
      const elements = block.elements.filter((el) => !isItsButton(el));
      if (elements.length) out.push({ ...block, elements });
    } else out.push(block);
  }
  return out;
}
