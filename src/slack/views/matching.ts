// /mentor find results, asking a mentor, the request a mentor receives, declining kindly, and the
// introduction of a new pair.
import type { KnownBlock, ModalView } from "@slack/types";
import { displayNameOf } from "../../domain/members.ts";
import { careerStageLabels } from "../../domain/profile.ts";
import type { MentorSuggestion, RequestDetails } from "../../services/matching.ts";
import { actionIds, callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import type { SlackMessage } from "./help.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

const day = (d: Date, tz: string) =>
  d.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: tz });

export function findResultsMessage(suggestions: MentorSuggestion[], query: string): SlackMessage {
  if (suggestions.length === 0) {
    const text = query
      ? `No mentor with free places offers "${escapeMrkdwn(truncate(query, 60))}" right now. Try \`/mentor find\` without words to see everyone who fits.`
      : "No mentor with free places fits you right now. Tandem will keep looking, and coordinators run matching rounds too.";
    return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
  }
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(query ? `Mentors for "${truncate(query, 40)}"` : "Mentors who fit you") },
  ];
  for (const s of suggestions) {
    const who = [s.title, s.department]
      .filter(Boolean)
      .map((x) => escapeMrkdwn(String(x)))
      .join(", ");
    blocks.push({
      type: "section",
      text: mrkdwn(
        truncate(
          `*${escapeMrkdwn(s.name)}*${who ? ` · ${who}` : ""}\n` +
            `Why: ${escapeMrkdwn(s.reasons.join("; ") || "a good overall fit")}\n` +
            `${s.freePlaces} of ${s.capacity} place${s.capacity === 1 ? "" : "s"} free · match ${Math.round(s.score)}/100 · ${escapeMrkdwn(s.programName)}`,
          3000,
        ),
      ),
      accessory: {
        type: "button",
        action_id: actionIds.askMentor,
        text: plain(truncate(`Ask ${s.name}`, 75)),
        value: JSON.stringify({
          mentor: s.mentorMemberId,
          program: s.programId,
          name: truncate(s.name, 200),
        }),
      },
    });
  }
  blocks.push({
    type: "context",
    elements: [
      mrkdwn(
        "A mentor has 3 days to answer; if they don't, Tandem asks your next choice. Narrow the list with `/mentor find <topic>`.",
      ),
    ],
  });
  return {
    text: `${suggestions.length === 1 ? "1 mentor fits" : `${suggestions.length} mentors fit`} you`,
    blocks,
  };
}

export const askBlocks = { note: "ask_note" } as const;

export function askMentorModal(s: { mentorMemberId: string; programId: string; name: string }): ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.askMentor,
    private_metadata: JSON.stringify({ mentor: s.mentorMemberId, program: s.programId }),
    title: plain("Ask a mentor"),
    submit: plain("Send request"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: mrkdwn(`Tandem will ask *${escapeMrkdwn(s.name)}* and share your goals from your profile.`),
      },
      {
        type: "input",
        block_id: askBlocks.note,
        optional: true,
        label: plain("A short note"),
        hint: plain("Why them, and what you hope to work on together."),
        element: { type: "plain_text_input", action_id: INPUT_ACTION_ID, multiline: true, max_length: 500 },
      },
    ],
  };
}

/** The DM a mentor gets: who asks, why Tandem suggested them, their goals, and the answer buttons. */
export function mentorRequestMessage({ mentorship, mentee, mentor, program }: RequestDetails): SlackMessage {
  const name = escapeMrkdwn(displayNameOf(mentee));
  const facts = [
    mentee.title,
    mentee.department,
    mentee.careerStage ? careerStageLabels[mentee.careerStage] : null,
  ]
    .filter(Boolean)
    .map((x) => escapeMrkdwn(String(x)))
    .join(" · ");
  const lines = [
    `*${name}* would like you as their mentor in *${escapeMrkdwn(program.name)}*.`,
    facts,
    mentee.interests.length ? `*Wants help with:* ${escapeMrkdwn(mentee.interests.join(", "))}` : "",
    mentee.goalsText ? `*Goals:* ${escapeMrkdwn(truncate(mentee.goalsText, 600))}` : "",
    mentorship.requestNote ? `*Their note:* ${escapeMrkdwn(truncate(mentorship.requestNote, 500))}` : "",
    mentorship.reasons.length
      ? `*Why Tandem suggested you:* ${escapeMrkdwn(mentorship.reasons.join("; "))}`
      : "",
  ].filter(Boolean);
  const by = mentorship.respondBy ? ` Please answer by ${day(mentorship.respondBy, mentor.tz)}.` : "";
  return {
    text: `${name} would like you as their mentor`,
    blocks: [
      { type: "section", text: mrkdwn(truncate(lines.join("\n"), 3000)) },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: actionIds.acceptRequest,
            text: plain("Accept"),
            style: "primary",
            value: mentorship.id,
          },
          {
            type: "button",
            action_id: actionIds.declineRequest,
            text: plain("Decline"),
            value: mentorship.id,
          },
        ],
      },
      {
        type: "context",
        elements: [
          mrkdwn(`Declining is fine: Tandem tells ${name} kindly and helps them find someone else.${by}`),
        ],
      },
    ],
  };
}

/** The request DM after the mentor answered: no buttons left to press twice. */
export function answeredRequestMessage(details: RequestDetails, accepted: boolean): SlackMessage {
  const name = escapeMrkdwn(displayNameOf(details.mentee));
  const text = accepted
    ? `You accepted ${name}'s request. Tandem has introduced you both in a group message.`
    : `You declined ${name}'s request. Tandem let them know kindly.`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

export const declineReasons = [
  "My plate is full right now",
  "I'm not the right person for these goals",
  "The timing doesn't work for me",
  "Another reason",
] as const;
export const declineBlocks = { reason: "decline_reason", note: "decline_note" } as const;

export function declineModal(mentorshipId: string, menteeName: string): ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.declineRequest,
    private_metadata: JSON.stringify({ mentorship: mentorshipId }),
    title: plain("Decline request"),
    submit: plain("Decline"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: mrkdwn(`Tandem will tell *${escapeMrkdwn(menteeName)}* kindly, with the reason you choose.`),
      },
      {
        type: "input",
        block_id: declineBlocks.reason,
        label: plain("Reason"),
        element: {
          type: "radio_buttons",
          action_id: INPUT_ACTION_ID,
          options: declineReasons.map((r) => ({ text: plain(r), value: r })),
        },
      },
      {
        type: "input",
        block_id: declineBlocks.note,
        optional: true,
        label: plain("A note for them"),
        hint: plain("Optional, e.g. someone they could ask instead."),
        element: { type: "plain_text_input", action_id: INPUT_ACTION_ID, multiline: true, max_length: 500 },
      },
    ],
  };
}

/** The group DM that introduces a pair: why they were matched, and how to start. */
export function introMessage({ mentorship, mentee, mentor, program }: RequestDetails): SlackMessage {
  const menteeName = escapeMrkdwn(displayNameOf(mentee));
  const mentorName = escapeMrkdwn(displayNameOf(mentor));
  const why = mentorship.reasons.length ? mentorship.reasons.join("; ") : "a good overall fit";
  const goals = mentee.goalsText
    ? `\n*${menteeName}'s goals:* ${escapeMrkdwn(truncate(mentee.goalsText, 600))}`
    : "";
  return {
    text: `Meet your ${escapeMrkdwn(program.name)} partner: ${mentorName} and ${menteeName}`,
    blocks: [
      { type: "header", text: plain("Meet your mentorship partner") },
      {
        type: "section",
        text: mrkdwn(
          truncate(
            `<@${mentor.slackUserId}>, meet <@${mentee.slackUserId}>! ${mentorName} will mentor ${menteeName} in *${escapeMrkdwn(program.name)}*.\n` +
              `*Why you were matched:* ${escapeMrkdwn(why)}${goals}`,
            3000,
          ),
        ),
      },
      {
        type: "section",
        text: mrkdwn(
          "*Start with a kick-off conversation* (30 minutes is plenty):\n" +
            "• What each of you hopes to gain, and two or three goals to work on\n" +
            `• How often to meet (the program suggests every ${program.checkinCadenceDays} days) and where\n` +
            "• What stays between you two\n" +
            "Write it down in your kick-off agreement: either of you can fill it in, and revise it later.",
        ),
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: actionIds.openAgreement,
            text: plain("Fill in our kick-off agreement"),
            value: mentorship.id,
            style: "primary",
          },
        ],
      },
      { type: "context", elements: [mrkdwn("Tandem will check in with you both, in your own time zones.")] },
    ],
  };
}
