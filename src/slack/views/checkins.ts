// How check-ins read in a DM, what replaces them once answered, and their modals: the pause and
// a reflection for the learning journal. "We met: log it" opens the session log (views/sessions.ts).
import type { ActionsBlock, Button, KnownBlock, ModalView } from "@slack/types";
import type {
  AnswerResult,
  CheckinContext,
  CheckinMessage,
  ReflectionMessage,
} from "../../services/checkins.ts";
import { actionIds, callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import type { SlackMessage } from "./help.ts";
import { textInput } from "./inputs.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

export const pauseBlocks = { weeks: "weeks" } as const;
export const reflectionBlocks = { body: "body" } as const;

export const pulseChoices = [
  { value: 4, label: "Going well" },
  { value: 3, label: "Okay" },
  { value: 2, label: "Could be better" },
  { value: 1, label: "Not working" },
] as const;

const pauseLengths = [2, 4, 8, 12] as const;

const button = (actionId: string, text: string, value: string, style?: "primary" | "danger"): Button => ({
  type: "button",
  action_id: actionId,
  text: plain(text, 75),
  value,
  ...(style ? { style } : {}),
});

const actions = (...elements: Button[]): ActionsBlock => ({ type: "actions", elements });

function every(days: number): string {
  if (days % 7 === 0) return days === 7 ? "every week" : `every ${days / 7} weeks`;
  return days === 30 || days === 31 ? "every month" : `every ${days} days`;
}

/** The check-in DM, one of four kinds, with a button for each possible answer. */
export function checkinMessage(c: CheckinMessage): SlackMessage {
  const partner = escapeMrkdwn(c.partnerName);
  const program = escapeMrkdwn(c.programName);
  const pauseButton = button(actionIds.checkinPause, "Pause check-ins", c.checkInId);
  switch (c.kind) {
    case "NUDGE": {
      const since = c.lastSession
        ? `Your last session was on ${c.lastSession}.`
        : `You started on ${c.startedOn} and haven't logged a session yet.`;
      const text = `Check-in: you and ${c.partnerName}. Have you met since the last check-in?`;
      return {
        text,
        blocks: [
          {
            type: "section",
            text: mrkdwn(
              `*Check-in: you and ${partner}* · ${program}\n${since} Have you met since the last check-in?`,
            ),
          },
          actions(
            button(actionIds.checkinMet, "We met: log it", c.checkInId, "primary"),
            button(actionIds.checkinRescheduled, "We rescheduled", c.checkInId),
            button(actionIds.checkinNotYet, "Not yet", c.checkInId),
            button(actionIds.checkinSnooze, "Remind me in a week", c.checkInId),
            pauseButton,
          ),
          {
            type: "context",
            elements: [
              mrkdwn(
                `Tandem checks in ${every(c.cadenceDays)}, in your working hours. Coordinators see whether pairs meet, never what you discuss.`,
              ),
            ],
          },
        ],
      };
    }
    case "PULSE":
      return {
        text: `Quick pulse: how is your mentorship with ${c.partnerName} going?`,
        blocks: [
          {
            type: "section",
            text: mrkdwn(`*Quick pulse: you and ${partner}* · ${program}\nHow is your mentorship going?`),
          },
          actions(
            ...pulseChoices.map((p) =>
              button(`${actionIds.checkinPulsePrefix}${p.value}`, p.label, c.checkInId),
            ),
          ),
          { type: "context", elements: [mrkdwn("Only the program's coordinators see pulse answers.")] },
        ],
      };
    case "CONTINUE":
      return {
        text: `Would you like to keep going with ${c.partnerName}?`,
        blocks: [
          {
            type: "section",
            text: mrkdwn(
              `*You and ${partner}* · ${program}\nTandem hasn't heard back on the last three check-ins. That's all right: people get busy. ` +
                "Would you like to keep going?",
            ),
          },
          actions(button(actionIds.checkinContinue, "Keep going", c.checkInId, "primary"), pauseButton, {
            ...button(actionIds.checkinClose, "Close our mentorship", c.checkInId, "danger"),
            confirm: {
              title: plain("Close this mentorship?"),
              text: plain(
                `${c.partnerName} and your coordinator will be told. You can both be matched again.`,
              ),
              confirm: plain("Close it"),
              deny: plain("Keep it"),
              style: "danger",
            },
          }),
        ],
      };
    case "END_OF_ROUND":
      return {
        text: `${c.programName} is wrapping up. Did you and ${c.partnerName} meet?`,
        blocks: [
          {
            type: "section",
            text: mrkdwn(
              `*${program} is wrapping up*${c.programEndsOn ? ` (it ends on ${c.programEndsOn})` : ""}.\n` +
                `Did you and ${partner} get to meet during the program?`,
            ),
          },
          actions(
            button(actionIds.checkinEndMet, "Yes, we met", c.checkInId, "primary"),
            button(actionIds.checkinEndNotMet, "No, we didn't meet", c.checkInId),
          ),
        ],
      };
  }
}

/** What replaces a check-in once it is answered (its buttons go, the answer stays visible). */
export function answeredMessage(r: AnswerResult): SlackMessage {
  const partner = escapeMrkdwn(r.partnerName);
  const next = r.next ? ` Next check-in: ${r.next}.` : "";
  let line: string;
  switch (r.answer) {
    case "RESCHEDULED":
      line = `Noted: you and ${partner} rescheduled.${next}`;
      break;
    case "NOT_YET":
      line = r.next
        ? `Noted: not yet. A short message to ${partner} suggesting two times usually does it.${next}`
        : "Thanks for telling us. Your coordinator may be in touch about what comes next.";
      break;
    case "SNOOZED":
      line = r.pausedUntil
        ? `Check-ins with ${partner} are paused until ${r.pausedUntil}, so there's nothing to remind you of before then.`
        : r.next
          ? `Tandem will ask you again on ${r.next}.`
          : "Tandem will ask you again in a week.";
      break;
    case "CONTINUE":
      line = `Great, keep going! Tandem will keep checking in with you and ${partner}.`;
      break;
    case "MET":
      line = `Thanks! Glad you and ${partner} met.`;
      break;
    case "PULSE": {
      const label = pulseChoices.find((p) => p.value === r.pulse)?.label ?? "your answer";
      line = `Thanks: “${label}” noted.${next}`;
      break;
    }
    default:
      line = `Noted.${next}`;
  }
  return answeredText(line);
}

export function answeredText(line: string): SlackMessage {
  const text = `:white_check_mark: ${line}`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

export function pauseModal(c: CheckinContext, metadata: string): ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.pauseCheckins,
    private_metadata: metadata,
    title: plain("Pause check-ins"),
    submit: plain("Pause"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `Tandem won't send you or *${escapeMrkdwn(c.partnerName)}* check-ins until the pause ends, then picks up again by itself. ` +
            `${escapeMrkdwn(c.partnerName)} will be told.`,
        ),
      },
      {
        type: "input",
        block_id: pauseBlocks.weeks,
        label: plain("For how long?"),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Choose how long"),
          options: pauseLengths.map((w) => ({ text: plain(`${w} weeks`), value: String(w) })),
        },
      },
    ],
  };
}

export const TAILORED_LABEL =
  "A question tailored by AI from your goals and last takeaways. Answer it your way, or skip it.";

/** A reflection prompt in DM, with the button that opens the journal modal; an AI one says so. */
export function reflectionMessage(r: ReflectionMessage): SlackMessage {
  const value = JSON.stringify({
    mentorship: r.mentorshipId,
    key: r.promptKey,
    prompt: truncate(r.prompt, 600),
  });
  return {
    text: `A question to reflect on: ${r.prompt}`,
    blocks: [
      { type: "section", text: mrkdwn(`*A question to reflect on*\n>${escapeMrkdwn(r.prompt)}`) },
      actions(button(actionIds.writeReflection, "Write my reflection", value, "primary")),
      {
        type: "context",
        elements: [
          ...(r.tailored ? [mrkdwn(`:sparkles: ${TAILORED_LABEL}`)] : []),
          mrkdwn("A few lines is plenty. Your reflections are private: only you can read your journal."),
        ],
      },
    ],
  };
}

export function reflectionModal(prompt: string, metadata: string): ModalView {
  const blocks: KnownBlock[] = [
    { type: "section", text: mrkdwn(`>${escapeMrkdwn(prompt)}`) },
    textInput(reflectionBlocks.body, "Your reflection", undefined, {
      max: 3000,
      multiline: true,
      hint: "Private to you: saved to your learning journal.",
    }),
  ];
  return {
    type: "modal",
    callback_id: callbackIds.reflection,
    private_metadata: metadata,
    title: plain("Reflection"),
    submit: plain("Save to journal"),
    close: plain("Cancel"),
    blocks,
  };
}
