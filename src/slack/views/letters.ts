// Letters of recommendation in Slack: the mentee's request and packet modals, the ask the writer
// answers ("Yes, gladly" / "Not the right person" / "Need more information"), the writer's
// modals, every update either person receives, the reminder, the late note, and both Homes'
// letter sections. Tandem shows facts and the mentee's own words; it never drafts a letter.
import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { DateTime } from "luxon";
import { daysBetween, leadTimes, purposeLabels, purposeNouns } from "../../domain/letters.ts";
import type { Notice } from "../../domain/notices.ts";
import {
  HOW_TO_SUBMIT_MAX,
  type LetterReminder,
  type LettersOverview,
  type LetterTargetView,
  type LetterUpdate,
  type LetterView,
  LINK_MAX,
  NOTE_MAX,
  PACKET_TEXT_MAX,
  type PacketForm,
  type PacketSent,
  type RequestForm,
} from "../../services/letters.ts";
import { actionIds, callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import type { SlackMessage } from "./help.ts";
import { textInput } from "./inputs.ts";
import { escapeMrkdwn, mrkdwn, plain, plural, truncate } from "./text.ts";

/** Block ids of the letter modals' fields (the service's FieldError names map onto these). */
export const letterFields = {
  writer: "writer",
  purpose: "purpose",
  deadline: "deadline",
  targets: "targets",
  howToSubmit: "howToSubmit",
  cv: "cv",
  statement: "statement",
  goals: "goals",
  why: "why",
  summary: "summary",
  note: "note",
  question: "question",
  message: "message",
  outcome: "outcome",
} as const;

export const SHARE_SUMMARY = "share_summary";

/** "Tuesday 15 December 2026". */
export function deadlineLabel(isoDay: string): string {
  return DateTime.fromISO(isoDay, { zone: "UTC" }).toFormat("cccc d LLLL yyyy");
}

/** "Wednesday 21 April": a day this year or next, without its year. */
const shortDay = (isoDay: string) => deadlineLabel(isoDay).replace(/ \d{4}$/, "");

/** "in 3 weeks", "tomorrow", "today", "2 days ago". */
export function fromNow(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  if (days < 0) return `${-days} days ago`;
  if (days < 21) return `in ${days} days`;
  return `in ${Math.round(days / 7)} weeks`;
}

const b = (text: string, actionId: string, value: string, style?: "primary" | "danger"): Button => ({
  type: "button",
  action_id: actionId,
  text: plain(text, 75),
  value,
  ...(style ? { style } : {}),
});

const name = (text: string) => escapeMrkdwn(truncate(text, 80));
const quote = (text: string) =>
  escapeMrkdwn(text)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
/** A mrkdwn section (cut to Slack's 3000 characters). */
const section = (text: string): KnownBlock => ({ type: "section", text: mrkdwn(text) });
const purposeOf = (v: Pick<LetterView, "purpose">) => purposeNouns[v.purpose];
/** A mrkdwn link to a URL the mentee pasted: characters that would end or split the link are encoded. */
const linkTo = (url: string, label: string) =>
  `<${url.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C")}|${label}>`;

/** Where the letter goes, each place with its deadline and status. */
function targetLines(v: LetterView): string {
  return v.targets
    .map((t) => {
      const status =
        t.status === "SUBMITTED"
          ? `submitted ${t.submittedOn ? shortDay(t.submittedOn) : ""}`.trim()
          : t.status === "WITHDRAWN"
            ? "withdrawn"
            : "pending";
      const due = t.deadline !== v.deadline ? ` (due ${deadlineLabel(t.deadline)})` : "";
      return `• ${escapeMrkdwn(t.name)}${due}: ${status}`;
    })
    .join("\n");
}

/** The letter's status for its viewer, in a few words. */
export function letterStatusText(v: LetterView): string {
  const other = name(v.viewer === "mentee" ? v.writerName : v.menteeName);
  switch (v.status) {
    case "DRAFT":
      return "Draft: not sent yet";
    case "ASKED":
      return v.viewer === "mentee" ? `Asked, waiting for ${other}'s answer` : "Waiting for your answer";
    case "MORE_INFO":
      return v.viewer === "mentee" ? `${other} needs more information` : `Waiting for ${other}'s answers`;
    case "ACCEPTED": {
      const done = v.targets.filter((t) => t.status === "SUBMITTED").length;
      const word = v.viewer === "mentee" ? `${other} is writing it` : "You're writing it";
      return done ? `${word}: submitted to ${done} of ${v.targets.length}` : word;
    }
    case "DECLINED":
      return v.viewer === "mentee" ? `${other} declined` : "You declined";
    case "SUBMITTED":
      return "Submitted everywhere";
    default:
      return "Cancelled";
  }
}

/** The packet as the writer reads it: targets, deadline, how to submit, links, goals, why, the work. */
export function packetBlocks(v: LetterView): KnownBlock[] {
  const p = v.packet;
  const lines = [
    `*Deadline:* ${deadlineLabel(v.deadline)} (${fromNow(v.daysLeft)})`,
    `*Where it goes*\n${targetLines(v)}`,
    `*How to submit:* ${v.howToSubmit ? escapeMrkdwn(v.howToSubmit) : "not given yet"}`,
  ];
  const links = [
    p.cvUrl ? linkTo(p.cvUrl, "CV") : "CV: not attached yet",
    p.statementUrl ? linkTo(p.statementUrl, "Personal statement") : "Personal statement: not attached yet",
  ];
  const blocks: KnownBlock[] = [section(lines.join("\n")), section(links.join(" · "))];
  if (p.goals) blocks.push(section(`*Goals*\n${quote(p.goals)}`));
  if (p.whyThisProgram) {
    blocks.push(section(`*Why this program*\n${quote(p.whyThisProgram)}`));
  }
  if (p.workSummary) {
    blocks.push(section(`*Your work together* (facts from Tandem's record)\n${escapeMrkdwn(p.workSummary)}`));
  }
  return blocks;
}

/** What the writer can do with a letter, by its status. */
function writerButtons(v: LetterView): Button[] {
  if (v.status === "ASKED" || v.status === "MORE_INFO") {
    return [
      b("Yes, gladly", actionIds.letterAccept, v.id, "primary"),
      b("Not the right person", actionIds.letterDecline, v.id),
      ...(v.status === "ASKED" ? [b("Need more information", actionIds.letterMoreInfo, v.id)] : []),
    ];
  }
  if (v.status === "ACCEPTED") return [b("Mark as submitted", actionIds.letterSubmitted, v.id, "primary")];
  return [];
}

const NEVER_DRAFTS = "Tandem never drafts letters: the words are yours.";

// ---------- the mentee's modals ----------

const writerOption = (w: RequestForm["writers"][number]): PlainTextOption => ({
  text: plain(truncate(`${w.name} · ${w.programName}${w.running ? "" : " (past mentor)"}`, 75)),
  value: w.memberId,
});
const purposeOption = (p: keyof typeof purposeLabels): PlainTextOption => ({
  text: plain(purposeLabels[p]),
  value: p,
});

/** Step 1: whom to ask, what for, where it goes, by when, and how to submit. */
export function letterRequestModal(form: RequestForm, metadata: string): ModalView {
  const d = form.draft;
  const writers = form.writers.slice(0, 100).map(writerOption);
  const initialWriter =
    writers.find((o) => o.value === d?.writerMemberId) ?? (writers.length === 1 ? writers[0] : undefined);
  return {
    type: "modal",
    callback_id: callbackIds.letterRequest,
    private_metadata: metadata,
    title: plain("Ask for a letter"),
    submit: plain("Next: the packet"),
    close: plain("Cancel"),
    blocks: [
      section(
        "Ask a mentor who knows your work for a *strong* letter of recommendation. Next you'll put " +
          "together the packet they need: your CV, personal statement, goals, and Tandem's summary of your work together.",
      ),
      {
        type: "input",
        block_id: letterFields.writer,
        label: plain("Who should write it?"),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Choose a mentor"),
          options: writers,
          ...(initialWriter ? { initial_option: initialWriter } : {}),
        },
      },
      {
        type: "input",
        block_id: letterFields.purpose,
        label: plain("What is it for?"),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Choose a purpose"),
          options: (Object.keys(purposeLabels) as Array<keyof typeof purposeLabels>).map(purposeOption),
          ...(d ? { initial_option: purposeOption(d.purpose) } : {}),
        },
      },
      {
        type: "input",
        block_id: letterFields.deadline,
        label: plain("Deadline"),
        hint: plain(
          `The earliest date a letter is due. Writers need notice: about ${leadTimes.SCHOOL.ideal} for a school, ${leadTimes.RESIDENCY.ideal} for a residency.`,
        ),
        element: {
          type: "datepicker",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Pick the date"),
          ...(d ? { initial_date: d.deadline } : {}),
        },
      },
      textInput(
        letterFields.targets,
        "Where does it go?",
        d ? d.targets.map((t) => (t.deadline ? `${t.name}, ${t.deadline}` : t.name)).join("\n") : null,
        {
          max: 2000,
          multiline: true,
          hint: "One program, school or employer per line. When one is due later, add its date after a comma: City Hospital, 2027-01-15",
        },
      ),
      textInput(letterFields.howToSubmit, "How to submit", d?.howToSubmit, {
        optional: true,
        max: HOW_TO_SUBMIT_MAX,
        multiline: true,
        hint: "The portal or address, and any form or letter ID the writer needs.",
      }),
    ],
  };
}

/** Step 2 (and later updates): the packet, the work summary to review, and a late-ask warning. */
export function letterPacketModal(form: PacketForm, metadata: string): ModalView {
  const v = form.letter;
  const writer = name(v.writerName);
  const p = v.packet;
  const submit =
    v.status === "DRAFT"
      ? form.lateNow
        ? "Ask anyway"
        : "Send the ask"
      : v.status === "MORE_INFO"
        ? `Send to ${truncate(v.writerName, 12)}`
        : "Update the packet";
  const blocks: KnownBlock[] = [
    section(
      `*${purposeLabels[v.purpose]}* letter from *${writer}*, due ${deadlineLabel(v.deadline)} (${fromNow(v.daysLeft)}).\n` +
        `For: ${v.targets.map((t) => escapeMrkdwn(t.name)).join(", ")}`,
    ),
  ];
  if (v.status === "MORE_INFO" && v.writerNote) {
    blocks.push(section(`:speech_balloon: *${writer} asked:*\n${quote(v.writerNote)}`));
  }
  if (form.lateNow) {
    blocks.push(
      section(
        `:warning: *This is a late ask.* The deadline is ${plural(form.lateNow.daysLeft, "day")} away, and a ` +
          `${purposeOf(v)} letter needs at least ${form.lateNow.minimum} (${form.lateNow.ideal} is ideal). ` +
          "You can still ask, with more care: acknowledge the short notice in your note, send the whole packet now, " +
          "and consider asking a second writer as a backup.",
      ),
    );
  }
  blocks.push(
    textInput(letterFields.cv, "Link to your CV", p.cvUrl, {
      optional: true,
      max: LINK_MAX,
      placeholder: "https://…",
      hint: "A shared Drive, Box or Slack file link your writer can open.",
    }),
    textInput(letterFields.statement, "Link to your personal statement", p.statementUrl, {
      optional: true,
      max: LINK_MAX,
      placeholder: "https://…",
      hint: "A draft is fine.",
    }),
    textInput(letterFields.goals, "Your goals", p.goals, {
      optional: true,
      max: PACKET_TEXT_MAX,
      multiline: true,
      hint: "Where you're heading, and what you hope the letter can speak to.",
    }),
    textInput(letterFields.why, "Why this program", p.whyThisProgram, {
      optional: true,
      max: PACKET_TEXT_MAX,
      multiline: true,
    }),
  );
  if (form.summary) {
    const share: PlainTextOption = {
      text: plain(truncate(`Share this summary with ${v.writerName}`, 75)),
      value: SHARE_SUMMARY,
    };
    blocks.push(
      section(
        `*Summary of your work together*, from Tandem's record. Review it: ${writer} sees it only if you tick the box below.\n\n${escapeMrkdwn(form.summary)}`,
      ),
      {
        type: "input",
        block_id: letterFields.summary,
        optional: true,
        label: plain("The summary"),
        element: {
          type: "checkboxes",
          action_id: INPUT_ACTION_ID,
          options: [share],
          ...(form.shareSummary ? { initial_options: [share] } : {}),
        },
      },
    );
  } else {
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(
          `Tandem has no sessions or goals recorded with ${writer} yet, so there is no summary of your work to share.`,
        ),
      ],
    });
  }
  blocks.push(
    textInput(letterFields.note, `A note to ${truncate(v.writerName, 60)}`, p.note, {
      optional: true,
      max: NOTE_MAX,
      multiline: true,
      hint: form.lateNow
        ? "Acknowledge the short notice, and thank them for considering it."
        : "Remind them of your work together and what you're applying for.",
    }),
    {
      type: "context",
      elements: [mrkdwn(`${NEVER_DRAFTS.replace("yours", `${writer}'s`)} The packet only helps.`)],
    },
  );
  return {
    type: "modal",
    callback_id: callbackIds.letterPacket,
    private_metadata: metadata,
    title: plain("Letter packet"),
    submit: plain(submit, 24),
    close: plain("Cancel"),
    blocks,
  };
}

/** What the mentee sees once the packet went. */
export function packetSentModal(sent: PacketSent): ModalView {
  const writer = name(sent.writerName);
  const when = sent.reachesAt
    ? ` It reaches ${writer} in their working hours: ${sent.reachesAt} their time.`
    : "";
  const text =
    sent.outcome === "updated"
      ? `Packet updated. Tandem has let ${writer} know.`
      : sent.outcome === "asked_again"
        ? `Sent. Tandem has asked ${writer} again, with your answers.${when}`
        : `Your ask is on its way to ${writer}: *can you write a strong letter?* You'll hear their answer here.${when}` +
          (sent.late ? " It's a late ask, so consider a backup writer too." : "");
  return {
    type: "modal",
    title: plain(sent.outcome === "updated" ? "Packet updated" : "Ask sent"),
    close: plain("Done"),
    blocks: [section(text)],
  };
}

// ---------- the ask, and the writer's side ----------

/** The writer's DM: the ask itself, asked again after more information, or an updated packet. */
export function letterAskMessage(v: LetterView, mode: "ask" | "again" | "updated" = "ask"): SlackMessage {
  const mentee = name(v.menteeName);
  const text =
    mode === "updated"
      ? `${v.menteeName} updated the packet for their ${purposeOf(v)} letter.`
      : `${v.menteeName} asks: can you write a strong letter of recommendation for their ${purposeOf(v)}?`;
  const lead =
    mode === "updated"
      ? `:open_file_folder: *${mentee} updated the packet* for their ${purposeOf(v)} letter.`
      : `*Can you write a strong letter of recommendation for ${mentee}?*\n` +
        `${mode === "again" ? "They've answered your question. " : ""}It's for their ${purposeOf(v)}, due *${deadlineLabel(v.deadline)}* (${fromNow(v.daysLeft)}). ` +
        "If you don't feel you can write a strong one, it's kinder to say so now.";
  const blocks: KnownBlock[] = [section(lead)];
  if (v.late && mode !== "updated") {
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(
          `:hourglass: A late ask: ${mentee} asked ${plural(v.late.daysLeft, "day")} before the deadline, and ${purposeOf(v)} letters usually need ${v.late.minimum}.`,
        ),
      ],
    });
  }
  if (v.packet.note) {
    blocks.push(section(`*${mentee}'s note*\n${quote(v.packet.note)}`));
  }
  blocks.push(...packetBlocks(v));
  const buttons = writerButtons(v);
  if (buttons.length) blocks.push({ type: "actions", elements: buttons });
  blocks.push({
    type: "context",
    elements: [
      mrkdwn(`${NEVER_DRAFTS} If you say yes, Tandem reminds you once, 1-2 weeks before the deadline.`),
    ],
  });
  return { text, blocks };
}

/** What replaces the ask once the writer answered it. */
export function letterAnsweredMessage(v: LetterView, reminders: readonly string[] = []): SlackMessage {
  const mentee = name(v.menteeName);
  if (v.status === "DECLINED") {
    const text = `You said you're not the right person for ${v.menteeName}'s letter. Tandem has told them kindly.`;
    return {
      text,
      blocks: [section(`:ok_hand: ${escapeMrkdwn(text)} Thank you for being honest.`)],
    };
  }
  if (v.status === "MORE_INFO") {
    const text = `You asked ${v.menteeName} for more information. Tandem brings you their answer with the packet.`;
    return { text, blocks: [section(`:speech_balloon: ${escapeMrkdwn(text)}`)] };
  }
  const remind = reminders.length
    ? reminders.length === 1
      ? ` Tandem will remind you once, on ${shortDay(reminders[0] ?? "")}.`
      : ` Tandem will remind you once before each deadline: on ${reminders.map(shortDay).join(" and ")}.`
    : "";
  const text = `Thank you for writing ${v.menteeName}'s letter.`;
  const buttons = writerButtons(v);
  return {
    text,
    blocks: [
      section(
        `:white_check_mark: *You said yes to ${mentee}'s ${purposeOf(v)} letter.*${remind} When it's in, click *Mark as submitted*.`,
      ),
      ...packetBlocks(v),
      ...(buttons.length ? [{ type: "actions" as const, elements: buttons }] : []),
      { type: "context", elements: [mrkdwn(NEVER_DRAFTS)] },
    ],
  };
}

/** What replaces the writer's message once the letter is in everywhere. */
export function letterSubmittedNote(v: LetterView): SlackMessage {
  const text = `Marked as submitted: ${v.menteeName}'s ${purposeOf(v)} letter. Thank you for writing it!`;
  return {
    text,
    blocks: [
      section(
        `:white_check_mark: *Marked as submitted:* ${name(v.menteeName)}'s ${purposeOf(v)} letter.
${targetLines(v)}
Thank you for writing it! Tandem has told ${name(v.menteeName)}.`,
      ),
    ],
  };
}

/** Modal metadata: the letter, and the message it was opened from (updated after the submit). */
export interface LetterModalMetadata {
  letter: string;
  channel?: string;
  ts?: string;
}

function writerModal(
  callbackId: string,
  title: string,
  submit: string,
  metadata: string,
  blocks: KnownBlock[],
): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    private_metadata: metadata,
    title: plain(title, 24),
    submit: plain(submit, 24),
    close: plain("Cancel"),
    blocks,
  };
}

/** "Not the right person": a graceful decline, with an optional note. */
export function letterDeclineModal(v: LetterView, metadata: string): ModalView {
  const mentee = name(v.menteeName);
  return writerModal(callbackIds.letterDecline, "Not the right person", "Decline kindly", metadata, [
    section(
      `It's kinder to say so now than to write a lukewarm letter. Tandem tells ${mentee} gracefully, with your note if you add one.`,
    ),
    textInput(letterFields.note, `A note for ${truncate(v.menteeName, 60)}`, null, {
      optional: true,
      max: NOTE_MAX,
      multiline: true,
      hint: "For example, who might know their work better.",
    }),
  ]);
}

/** "Need more information": the writer's question for the mentee. */
export function letterMoreInfoModal(v: LetterView, metadata: string): ModalView {
  return writerModal(
    callbackIds.letterMoreInfo,
    "Need more information",
    `Ask ${truncate(v.menteeName, 18)}`,
    metadata,
    [
      section(
        `Tandem passes your question to ${name(v.menteeName)} and brings back their answer with the packet.`,
      ),
      textInput(letterFields.question, "What would help you?", null, {
        max: NOTE_MAX,
        multiline: true,
        hint: "For example: the program's letter form, a CV with dates, or the projects you'd like me to mention.",
      }),
    ],
  );
}

const targetOption = (t: LetterTargetView): PlainTextOption => ({
  text: plain(truncate(t.name, 75)),
  value: t.id,
  description: plain(`Due ${deadlineLabel(t.deadline)}`, 75),
});

/** "Mark as submitted": where the writer submitted it (every pending place ticked). */
export function letterSubmittedModal(v: LetterView, metadata: string): ModalView {
  const pending = v.targets.filter((t) => t.status === "PENDING").slice(0, 10);
  const options = pending.map(targetOption);
  return writerModal(callbackIds.letterSubmitted, "Letter submitted", "Mark as submitted", metadata, [
    section(`Where did you submit ${name(v.menteeName)}'s letter? Tandem tells them.`),
    {
      type: "input",
      block_id: letterFields.targets,
      label: plain("Submitted to"),
      element: { type: "checkboxes", action_id: INPUT_ACTION_ID, options, initial_options: options },
    },
  ]);
}

/** The mentee's thank-you, in their own words. */
export function letterThanksModal(v: LetterView, metadata: string): ModalView {
  return writerModal(callbackIds.letterThanks, "Say thank you", "Send thanks", metadata, [
    section(`${name(v.writerName)} wrote your ${purposeOf(v)} letter. A few words of your own mean a lot.`),
    textInput(letterFields.message, `Your thank-you to ${truncate(v.writerName, 60)}`, null, {
      max: NOTE_MAX,
      multiline: true,
      hint: "What their support meant to you. Tandem sends it as you write it.",
    }),
  ]);
}

/** The outcome the mentee shares with the writer ("I matched at …"). */
export function letterOutcomeModal(v: LetterView, metadata: string): ModalView {
  return writerModal(
    callbackIds.letterOutcome,
    "Share the outcome",
    `Share with ${truncate(v.writerName, 12)}`,
    metadata,
    [
      section(`${name(v.writerName)} will want to know how your ${purposeOf(v)} went.`),
      textInput(letterFields.outcome, "How did it go?", v.outcome, {
        max: NOTE_MAX,
        multiline: true,
        placeholder: "I matched at …",
      }),
    ],
  );
}

/** The whole letter, read-only, for either person ("Open the packet"). */
export function letterDetailsModal(v: LetterView): ModalView {
  const who =
    v.viewer === "mentee"
      ? `Your *${purposeLabels[v.purpose].toLowerCase()}* letter from *${name(v.writerName)}*`
      : `*${name(v.menteeName)}*'s *${purposeLabels[v.purpose].toLowerCase()}* letter`;
  const blocks: KnownBlock[] = [
    section(`${who}\n*Status:* ${letterStatusText(v)}`),
    ...(v.packet.note ? [section(`*Note from ${name(v.menteeName)}*\n${quote(v.packet.note)}`)] : []),
    ...(v.writerNote && (v.status === "MORE_INFO" || v.status === "DECLINED")
      ? [section(`*${name(v.writerName)}'s note*\n${quote(v.writerNote)}`)]
      : []),
    ...packetBlocks(v),
  ];
  return {
    type: "modal",
    callback_id: callbackIds.letterDetails,
    title: plain("Letter of recommendation", 24),
    close: plain("Close"),
    blocks: blocks.slice(0, 100),
  };
}

// ---------- updates, the reminder and the late note ----------

/** One person hears of the other's doing on a letter. */
export function letterUpdateMessage(u: LetterUpdate): SlackMessage {
  const v = u.letter;
  const writer = name(v.writerName);
  const mentee = name(v.menteeName);
  const actions = (...buttons: Button[]): ActionsBlock[] =>
    buttons.length ? [{ type: "actions", elements: buttons }] : [];
  switch (u.event) {
    case "accepted": {
      const text = `${v.writerName} said yes: they'll write your ${purposeOf(v)} letter.`;
      return {
        text,
        blocks: [
          section(
            `:tada: *${writer} said yes:* they'll write your ${purposeOf(v)} letter, due ${deadlineLabel(v.deadline)}. ` +
              "Tandem reminds them once, 1-2 weeks before the deadline, and tells you when it's submitted.",
          ),
          ...actions(b("Update the packet", actionIds.letterPacket, v.id)),
        ],
      };
    }
    case "declined": {
      const text = `${v.writerName} can't write your ${purposeOf(v)} letter.`;
      return {
        text,
        blocks: [
          section(
            `*${writer} isn't the right person for your ${purposeOf(v)} letter.* It's better to know now: a letter from ` +
              "someone who knows your work well will be stronger. Thank them for their honesty, and ask another mentor." +
              (v.writerNote ? `\n\n*${writer}'s note*\n${quote(v.writerNote)}` : ""),
          ),
          ...actions(b("Ask someone else", actionIds.askForLetter, "new", "primary")),
        ],
      };
    }
    case "more_info": {
      const text = `${v.writerName} needs more information before answering about your letter.`;
      return {
        text,
        blocks: [
          section(
            `:speech_balloon: *${writer} needs more information* before answering about your ${purposeOf(v)} letter:` +
              `\n${quote(v.writerNote ?? "")}`,
          ),
          ...actions(b("Update the packet", actionIds.letterPacket, v.id, "primary")),
        ],
      };
    }
    case "submitted": {
      const pending = v.targets.filter((t) => t.status === "PENDING");
      const where = u.submittedTo.map(escapeMrkdwn).join(", ");
      const text = `${v.writerName} submitted your letter to ${u.submittedTo.join(", ")}.`;
      return {
        text,
        blocks: [
          section(
            `:white_check_mark: *${writer} submitted your letter* to ${where}.` +
              (pending.length
                ? ` Still to go: ${pending.map((t) => escapeMrkdwn(t.name)).join(", ")}.`
                : "") +
              (v.thanked ? "" : " Writing a strong letter takes time: a thank-you means a lot."),
          ),
          ...actions(
            ...(v.thanked ? [] : [b("Send a thank-you", actionIds.letterThanks, v.id, "primary")]),
            b("Share the outcome", actionIds.letterOutcome, v.id),
          ),
        ],
      };
    }
    case "packet_updated":
      return letterAskMessage(v, "updated");
    case "cancelled": {
      const text = `${v.menteeName} no longer needs the ${purposeOf(v)} letter.`;
      return {
        text,
        blocks: [
          section(
            `*${mentee} no longer needs the ${purposeOf(v)} letter* they asked you for. Nothing more to do. Thank you for your time and support.`,
          ),
        ],
      };
    }
    case "thanks": {
      const text = `A thank-you from ${v.menteeName} for the letter.`;
      return {
        text,
        blocks: [
          section(
            `:sparkling_heart: *A thank-you from ${mentee}* for the letter:\n${quote(u.message ?? "")}`,
          ),
        ],
      };
    }
    default: {
      const text = `News from ${v.menteeName} about the ${purposeOf(v)} you wrote for.`;
      return {
        text,
        blocks: [
          section(
            `:mega: *News from ${mentee}* about the ${purposeOf(v)} you wrote a letter for:\n${quote(v.outcome ?? "")}`,
          ),
        ],
      };
    }
  }
}

const targetNames = (targets: readonly LetterTargetView[]) =>
  targets.map((t) => escapeMrkdwn(t.name)).join(", ");

/** The writer's one polite reminder, 1-2 weeks before a deadline. */
export function letterReminderMessage(r: LetterReminder): SlackMessage {
  const v = r.letter;
  const mentee = name(v.menteeName);
  const days = v.daysLeft + daysBetween(v.deadline, r.deadline);
  const text = `A gentle reminder: ${v.menteeName}'s letter is due ${deadlineLabel(r.deadline)}.`;
  return {
    text,
    blocks: [
      section(
        `:wave: *A gentle reminder:* ${mentee}'s ${purposeOf(v)} letter for ${targetNames(r.due)} is due *${deadlineLabel(r.deadline)}* (${fromNow(days)}). Thank you again for writing it.` +
          (v.howToSubmit ? `\n*How to submit:* ${escapeMrkdwn(v.howToSubmit)}` : ""),
      ),
      {
        type: "actions",
        elements: [
          b("Mark as submitted", actionIds.letterSubmitted, v.id, "primary"),
          b("Open the packet", actionIds.letterOpen, v.id),
        ],
      },
      { type: "context", elements: [mrkdwn("This is the only reminder Tandem sends for this deadline.")] },
    ],
  };
}

/** The mentee's note when a deadline passed with the letter not marked as submitted. */
export function letterLateMessage(r: LetterReminder): SlackMessage {
  const v = r.letter;
  const writer = name(v.writerName);
  const answered = v.status === "ACCEPTED";
  const text = `Your letter from ${v.writerName} for ${r.due.map((t) => t.name).join(", ")} isn't marked as submitted, and its deadline has passed.`;
  const advice = answered
    ? `${writer} said yes, but hasn't marked it as submitted in Tandem. They may have sent it without telling Tandem: check the portal first. ` +
      "If it's missing, many programs accept a letter a few days late; ask them, and send " +
      `${writer} one short, kind note.`
    : `${writer} hasn't answered your request yet. Check whether the program accepts a late letter, and consider asking another mentor.`;
  return {
    text,
    blocks: [
      section(
        `:hourglass: *The deadline for your ${purposeOf(v)} letter to ${targetNames(r.due)} passed* on ${deadlineLabel(r.deadline)}. ${advice}`,
      ),
      {
        type: "actions",
        elements: [
          b("Open the letter", actionIds.letterOpen, v.id),
          ...(answered ? [] : [b("Ask someone else", actionIds.askForLetter, "new")]),
        ],
      },
    ],
  };
}

// ---------- Home ----------

/** The buttons a letter offers its viewer in Home. */
function homeButtons(v: LetterView): Button[] {
  const open = b(v.viewer === "writer" ? "Open the packet" : "Open the letter", actionIds.letterOpen, v.id);
  if (v.viewer === "writer") return [...writerButtons(v), open];
  switch (v.status) {
    case "DRAFT":
      return [
        b("Finish and send", actionIds.letterPacket, v.id, "primary"),
        b("Edit the details", actionIds.letterEdit, v.id),
        cancelButton(v),
      ];
    case "ASKED":
    case "MORE_INFO":
    case "ACCEPTED":
      return [
        b(
          "Update the packet",
          actionIds.letterPacket,
          v.id,
          v.status === "MORE_INFO" ? "primary" : undefined,
        ),
        open,
        cancelButton(v),
      ];
    case "SUBMITTED":
      return [
        ...(v.thanked ? [] : [b("Send a thank-you", actionIds.letterThanks, v.id, "primary")]),
        b("Share the outcome", actionIds.letterOutcome, v.id),
        open,
      ];
    default:
      return [open];
  }
}

function cancelButton(v: LetterView): Button {
  return {
    ...b("Cancel the request", actionIds.letterCancel, v.id),
    confirm: {
      title: plain("Cancel this request?"),
      text: plain(
        v.status === "DRAFT"
          ? "The draft is discarded."
          : `Tandem tells ${truncate(v.writerName, 80)} you no longer need the letter, and thanks them.`,
      ),
      confirm: plain("Cancel the request"),
      deny: plain("Keep it"),
    },
  };
}

function letterLine(v: LetterView): string {
  const who =
    v.viewer === "mentee"
      ? `*${purposeLabels[v.purpose]}* · from ${name(v.writerName)}`
      : `*${name(v.menteeName)}* · ${purposeLabels[v.purpose].toLowerCase()}`;
  const due =
    v.status === "SUBMITTED" || v.status === "DECLINED" || v.status === "CANCELLED"
      ? ""
      : ` · due ${shortDay(v.deadline)} (${fromNow(v.daysLeft)})`;
  return truncate(`${who}${due}\n${letterStatusText(v)}\n${targetLines(v)}`, 3000);
}

/** Home's letters: what the person asked for, and what they are writing. */
export function lettersHomeBlocks(o: LettersOverview): KnownBlock[] {
  if (!o.canAsk && o.asMentee.length === 0 && o.asWriter.length === 0) return [];
  const blocks: KnownBlock[] = [
    { type: "divider" },
    { type: "header", text: plain("Letters of recommendation") },
  ];
  if (o.asWriter.length) {
    blocks.push(section("*Letters you're writing*"));
    for (const v of o.asWriter) {
      blocks.push(section(letterLine(v)), {
        type: "actions",
        block_id: `letter_${v.id}`.slice(0, 255),
        elements: homeButtons(v),
      });
    }
    if (o.moreAsWriter) blocks.push({ type: "context", elements: [mrkdwn(`…and ${o.moreAsWriter} more.`)] });
  }
  if (o.asMentee.length || o.canAsk) {
    blocks.push({
      type: "section",
      text: mrkdwn(
        o.asMentee.length
          ? "*Letters you asked for*"
          : "*Need a letter?* Ask a mentor who knows your work, well ahead: about 6 weeks before a school deadline, 2 months before a residency.",
      ),
      ...(o.canAsk ? { accessory: b("Ask for a letter", actionIds.askForLetter, "new") } : {}),
    });
    for (const v of o.asMentee) {
      blocks.push(section(letterLine(v)), {
        type: "actions",
        block_id: `letter_${v.id}`.slice(0, 255),
        elements: homeButtons(v),
      });
    }
    if (o.moreAsMentee) blocks.push({ type: "context", elements: [mrkdwn(`…and ${o.moreAsMentee} more.`)] });
  }
  return blocks;
}

type LetterClosed = Extract<Notice, { type: "letter_closed" }>;

const GONE: Record<LetterClosed["reason"], string> = {
  left: "left Tandem",
  deleted_data: "removed their data from Tandem",
  account_deactivated: "no longer has a Slack account here",
};

/**
 * The DM to the person who stays when a letter's mentee or writer is gone: what closed, what
 * already went in, what still has a deadline, and (to the mentee) a way to ask someone else.
 */
export function letterClosedMessage(n: LetterClosed): SlackMessage {
  const other = name(n.otherName);
  const due = `due ${deadlineLabel(n.deadline)}`;
  const went = n.submitted.length ? `\n*Already submitted:* ${n.submitted.map(escapeMrkdwn).join(", ")}` : "";
  const open = n.pending.length
    ? `\n*Still to go:* ${n.pending
        .map(
          (t) =>
            `${escapeMrkdwn(t.name)}${t.deadline !== n.deadline ? ` (due ${deadlineLabel(t.deadline)})` : ""}`,
        )
        .join(", ")}`
    : "";
  if (n.to === "mentee") {
    const request = `${n.asked ? "" : "draft "}request for a letter for your ${purposeNouns[n.purpose]}`;
    const text = `${n.otherName} ${GONE[n.reason]}, so Tandem closed your ${request}.`;
    const advice = n.accepted
      ? "They had agreed to write it: if they still plan to, check with them directly where it stands. If you're not sure it will arrive in time, ask someone else now."
      : `${n.asked ? "They hadn't said yes yet. " : ""}Ask someone else while there's still time.`;
    return {
      text,
      blocks: [
        section(
          `*${other} ${GONE[n.reason]}*, so Tandem closed your ${request}, ${due}` +
            `${n.asked ? ", and won't remind them about it" : ""}. ${advice}${went}${open}`,
        ),
        { type: "actions", elements: [b("Ask someone else", actionIds.askForLetter, "new", "primary")] },
      ],
    };
  }
  const text = `${n.otherName} ${GONE[n.reason]}, so their letter request is closed in Tandem.`;
  const advice =
    n.accepted && n.pending.length
      ? "You had agreed to write it: if you still plan to, check with them directly where it stands."
      : "There's nothing more for you to do in Tandem.";
  return {
    text,
    blocks: [
      section(
        `*${other} ${GONE[n.reason]}*, so their request for a letter for their ${purposeNouns[n.purpose]}, ${due}, is ` +
          `closed in Tandem and you won't get reminders about it. ${advice}${went}${open}`,
      ),
    ],
  };
}
