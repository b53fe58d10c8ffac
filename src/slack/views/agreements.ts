// The kick-off agreement modal, the reply once it is saved, and the choice of mentorship for
// `/mentor agreement` when someone is in several.
import type { KnownBlock, ModalView } from "@slack/types";
import type { AgreementField } from "../../domain/agreement.ts";
import { agreementCadences, cadenceLabel } from "../../domain/agreement.ts";
import type { AgreementForm, SavedAgreement } from "../../services/agreements.ts";
import type { PairView } from "../../services/pair-access.ts";
import { actionIds, callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import type { SlackMessage } from "./help.ts";
import { textInput } from "./inputs.ts";
import { pairLabel } from "./pairs.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

/** Block ids of the agreement modal, by field (FieldError names the field). */
export const agreementBlocks: Record<AgreementField, string> = {
  purpose: "agreement_purpose",
  mentorHopes: "agreement_mentor_hopes",
  menteeHopes: "agreement_mentee_hopes",
  cadenceDays: "agreement_cadence",
  channel: "agreement_channel",
  topics: "agreement_topics",
  confidentiality: "agreement_confidentiality",
  endsOn: "agreement_ends_on",
};

function status(f: AgreementForm): string {
  const partner = escapeMrkdwn(f.partnerName);
  if (f.revision === null) {
    return (
      `Agree together with *${partner}* on what your mentorship is for and how you'll work. ` +
      "Fill it in during your first conversation, or draft it and let them look it over. Either of you can revise it any time."
    );
  }
  const who = f.updatedByName ? ` by ${escapeMrkdwn(f.updatedByName)}` : "";
  const agreed =
    f.agreedByMe && f.agreedByPartner
      ? "You have both agreed to it."
      : f.agreedByMe
        ? `Waiting for ${partner} to look it over.`
        : `${partner} is waiting for you: save it to agree, or change what you'd like.`;
  return `Version ${f.revision}, last saved${who} on ${escapeMrkdwn(f.updatedOn ?? "")}. ${agreed}`;
}

export function agreementModal(f: AgreementForm): ModalView {
  const v = f.values;
  const str = (x: string | number | null) => (x === null ? null : String(x));
  const hopes: KnownBlock[] = [
    textInput(
      agreementBlocks.mentorHopes,
      f.role === "mentor" ? "What you hope to gain" : `What ${f.mentorName} hopes to gain`,
      str(v.mentorHopes),
      {
        optional: true,
        max: 1000,
        multiline: true,
      },
    ),
    textInput(
      agreementBlocks.menteeHopes,
      f.role === "mentee" ? "What you hope to gain" : `What ${f.menteeName} hopes to gain`,
      str(v.menteeHopes),
      {
        optional: true,
        max: 1000,
        multiline: true,
      },
    ),
  ];
  if (f.role === "mentee") hopes.reverse();
  const cadence = agreementCadences.find((c) => c.days === v.cadenceDays);
  return {
    type: "modal",
    callback_id: callbackIds.agreement,
    private_metadata: JSON.stringify({ mentorship: f.mentorshipId }),
    title: plain("Kick-off agreement"),
    submit: plain(f.agreedByMe ? "Save changes" : "Save and agree"),
    close: plain("Cancel"),
    blocks: [
      { type: "section", text: mrkdwn(truncate(status(f), 3000)) },
      textInput(agreementBlocks.purpose, "Purpose of our mentorship", str(v.purpose), {
        max: 1000,
        multiline: true,
        placeholder: "e.g. Prepare for my first leadership role",
      }),
      ...hopes,
      {
        type: "input",
        block_id: agreementBlocks.cadenceDays,
        label: plain("How often we meet"),
        hint: plain("Tandem's check-ins follow this rhythm."),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Choose how often"),
          options: agreementCadences.map((c) => ({ text: plain(c.label), value: String(c.days) })),
          ...(cadence ? { initial_option: { text: plain(cadence.label), value: String(cadence.days) } } : {}),
        },
      },
      textInput(agreementBlocks.channel, "Where we meet", str(v.channel), {
        optional: true,
        max: 200,
        placeholder: "e.g. Video call, coffee on Fridays",
      }),
      textInput(agreementBlocks.topics, "Topics we'll focus on", str(v.topics), {
        optional: true,
        max: 1000,
        multiline: true,
      }),
      textInput(agreementBlocks.confidentiality, "What stays between us", str(v.confidentiality), {
        optional: true,
        max: 1000,
        multiline: true,
      }),
      {
        type: "input",
        block_id: agreementBlocks.endsOn,
        optional: true,
        label: plain("End date"),
        hint: plain("Tandem asks you both on that day how it went. Leave empty for no set end."),
        element: {
          type: "datepicker",
          action_id: INPUT_ACTION_ID,
          ...(v.endsOn ? { initial_date: String(v.endsOn) } : {}),
        },
      },
      {
        type: "context",
        elements: [mrkdwn(`Only you and ${escapeMrkdwn(f.partnerName)} can read this agreement.`)],
      },
    ],
  };
}

/** What the saver reads once the agreement is saved. */
export function agreementSavedMessage(s: SavedAgreement): SlackMessage {
  const partner = escapeMrkdwn(s.partnerName);
  const lines = [
    s.agreedByBoth
      ? `Your kick-off agreement with *${partner}* is agreed by you both (version ${s.revision}).`
      : `Saved version ${s.revision} of your kick-off agreement. ${partner} has been asked to look it over.`,
  ];
  if (s.changes.length) lines.push(s.changes.map((c) => `• ${escapeMrkdwn(c)}`).join("\n"));
  if (s.nextCheckin) lines.push(`Check-ins now follow your new rhythm: the next one is on ${s.nextCheckin}.`);
  const text = lines.join("\n");
  return { text: truncate(text, 3000), blocks: [{ type: "section", text: mrkdwn(truncate(text, 3000)) }] };
}

/** `/mentor agreement` for someone in several mentorships: one button per mentorship. */
export function chooseAgreementMessage(pairs: PairView[]): SlackMessage {
  const shown = pairs.slice(0, 25);
  return {
    text: "Which kick-off agreement?",
    blocks: [
      { type: "section", text: mrkdwn("*Which kick-off agreement would you like to open?*") },
      {
        type: "actions",
        elements: shown.map((p) => ({
          type: "button" as const,
          action_id: actionIds.openAgreement,
          text: plain(truncate(`Agreement with ${pairLabel(p).split(" (")[0]}`, 75)),
          value: p.m.id,
        })),
      },
    ],
  };
}

/** A one-line summary of an agreement, for Home ("every two weeks · video call · agreed by both"). */
export function agreementSummary(a: {
  cadenceDays: number | null;
  channel: string | null;
  /** Who has yet to agree to the latest version: "you", the partner's name, or null when both have. */
  waitingFor: string | null;
}): string {
  const parts = [
    a.cadenceDays ? cadenceLabel(a.cadenceDays) : null,
    a.channel ? escapeMrkdwn(truncate(a.channel, 60)) : null,
    a.waitingFor ? `waiting for ${escapeMrkdwn(a.waitingFor)} to agree` : "agreed by both",
  ].filter(Boolean);
  return parts.join(" · ");
}
