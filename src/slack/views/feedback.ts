// Feedback both ways: the DM that asks for it (after a session, at a milestone, or as a pulse),
// the modal that gives it (a 1-4 rating, a comment, and whether to share it with the partner),
// and what replaces the DM once it is given.
import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { feedbackLabel, feedbackScale } from "../../domain/feedback.ts";
import {
  FEEDBACK_COMMENT_MAX,
  type FeedbackForm,
  type FeedbackRequestMessage,
  type FeedbackSaved,
  type FeedbackTarget,
} from "../../services/feedback.ts";
import type { PairView } from "../../services/pair-access.ts";
import { actionIds, callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import type { SlackMessage } from "./help.ts";
import { textInput } from "./inputs.ts";
import { pairPicker } from "./pairs.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

export const feedbackBlocks = { rating: "rating", comment: "comment", share: "share" } as const;
export const SHARE = "share";

/** The "Give feedback" button's value: what the feedback is about. */
export function feedbackButtonValue(t: FeedbackTarget): string {
  return JSON.stringify({
    mentorship: t.mentorshipId,
    context: t.context,
    ...(t.sessionId ? { session: t.sessionId } : {}),
    ...(t.milestoneId ? { milestone: t.milestoneId } : {}),
  });
}

const PRIVACY = "Only your program's coordinators see feedback, unless you choose to share it.";

const giveButton = (t: FeedbackTarget): Button => ({
  type: "button",
  action_id: actionIds.giveFeedback,
  text: plain("Give feedback"),
  value: feedbackButtonValue(t),
  style: "primary",
});

/** The DM asking one person for feedback about their partner. */
export function feedbackRequestMessage(r: FeedbackRequestMessage): SlackMessage {
  const partner = escapeMrkdwn(r.partnerName);
  const program = escapeMrkdwn(r.programName);
  let text: string;
  let lead: string;
  switch (r.target.context) {
    case "SESSION":
      text = `How was your session with ${r.partnerName} on ${r.occasion}?`;
      lead = `*How was your session with ${partner}?* · ${program}\nYou met on ${escapeMrkdwn(r.occasion)}. A minute of specific, kind feedback helps you both: what helped, and what could be better next time.`;
      break;
    case "MILESTONE":
      text = `Milestone reached: “${r.occasion}”. How helpful was your work with ${r.partnerName}?`;
      lead = `*Milestone reached: “${escapeMrkdwn(r.occasion)}”* · ${program}\nHow helpful was your work with ${partner} on it? A minute of specific, kind feedback helps you both.`;
      break;
    default:
      text = `How is your mentorship with ${r.partnerName} going?`;
      lead = `*How is your mentorship with ${partner} going?* · ${program}\nA quick pulse, half-way to your next review: how helpful has it been lately?`;
  }
  const actions: ActionsBlock = { type: "actions", elements: [giveButton(r.target)] };
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(lead) },
      actions,
      { type: "context", elements: [mrkdwn(PRIVACY)] },
    ],
  };
}

const ratingOption = (value: number): PlainTextOption => ({
  text: plain(feedbackLabel(value), 75),
  value: String(value),
});

/** What the modal is about, in one line. */
function aboutLine(f: FeedbackForm): string {
  const partner = `*${escapeMrkdwn(f.partnerName)}*`;
  const program = escapeMrkdwn(f.programName);
  switch (f.target.context) {
    case "SESSION":
      return `Your session with ${partner} on ${escapeMrkdwn(f.occasion)} · ${program}`;
    case "MILESTONE":
      return `Milestone “${escapeMrkdwn(f.occasion)}”, with ${partner} · ${program}`;
    default:
      return `Your mentorship with ${partner} · ${program}`;
  }
}

/**
 * The feedback modal. With `pairs` (someone in several mentorships, from /mentor feedback) it
 * first asks which mentorship; otherwise `form` names the one it is about.
 */
export function feedbackModal(form: FeedbackForm | { pairs: PairView[] }, metadata: string): ModalView {
  const chooser = "pairs" in form;
  const partnerName = chooser ? null : form.partnerName;
  const current = chooser ? null : form.current;
  const shareOption: PlainTextOption = {
    text: plain(truncate(partnerName ? `Share this with ${partnerName}` : "Share this with my partner", 75)),
    value: SHARE,
  };
  const blocks: KnownBlock[] = [
    chooser
      ? { type: "section", text: mrkdwn("How is your mentorship going? Pick the one you mean.") }
      : { type: "section", text: mrkdwn(aboutLine(form)) },
    ...(chooser ? pairPicker(form.pairs, "Which mentorship?") : []),
    {
      type: "input",
      block_id: feedbackBlocks.rating,
      label: plain("How helpful was it?"),
      element: {
        type: "radio_buttons",
        action_id: INPUT_ACTION_ID,
        options: feedbackScale.map((s) => ratingOption(s.value)),
        ...(current ? { initial_option: ratingOption(current.rating) } : {}),
      },
    },
    textInput(feedbackBlocks.comment, "Anything specific?", current?.comment, {
      optional: true,
      max: FEEDBACK_COMMENT_MAX,
      multiline: true,
      hint: "Be specific and kind: what helped, and what could be better next time.",
    }),
    {
      type: "input",
      block_id: feedbackBlocks.share,
      optional: true,
      label: plain("Who sees this"),
      hint: plain("Otherwise only your program's coordinators can see it."),
      element: {
        type: "checkboxes",
        action_id: INPUT_ACTION_ID,
        options: [shareOption],
        ...(current?.shared ? { initial_options: [shareOption] } : {}),
      },
    },
  ];
  return {
    type: "modal",
    callback_id: callbackIds.feedback,
    private_metadata: metadata,
    title: plain("Give feedback"),
    submit: plain("Save feedback"),
    close: plain("Cancel"),
    blocks,
  };
}

/** What replaces the request DM (or is sent) once the feedback is saved. */
export function feedbackSavedMessage(s: FeedbackSaved): SlackMessage {
  const partner = escapeMrkdwn(s.partnerName);
  const what = `“${feedbackLabel(s.rating)}”`;
  const who = s.shared
    ? s.partnerTold
      ? `Shared with ${partner}.`
      : `${partner} already has the version you shared first.`
    : s.partnerSawEarlier
      ? `Not shared from now on; ${partner} already received the version you shared before.`
      : `Kept private: only your program's coordinators can see it, never ${partner}.`;
  const text = `:white_check_mark: Thanks for your feedback (${what})${s.updated ? ", updated" : ""}. ${who}`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}
