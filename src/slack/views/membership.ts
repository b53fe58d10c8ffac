// Replies about taking part: pause, resume, leave, coordinators, export and erasure.
import type { ModalView } from "@slack/types";
import type { CoordinatorEntry } from "../../services/coordinators.ts";
import type { LeavingEnds } from "../../services/members.ts";
import { actionIds, callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import { type SlackMessage, noticeMessage as section } from "./help.ts";
import { mrkdwn, plain } from "./text.ts";

export function pausedMessage(label: string): SlackMessage {
  return {
    text: `You're paused ${label}.`,
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `You're paused ${label}. Tandem won't match you, send you check-ins or pass on requests until then. ` +
            "Your mentorships stay as they are.",
        ),
      },
      {
        type: "actions",
        elements: [
          { type: "button", action_id: actionIds.resume, text: plain("Resume now"), value: "resume" },
        ],
      },
    ],
  };
}

export const resumedMessage = (wasPaused: boolean) =>
  section(
    wasPaused
      ? "Welcome back! Matching and check-ins are on again."
      : "You weren't paused, so nothing changed.",
  );

export function leaveConfirmMessage(ends: LeavingEnds): SlackMessage {
  const running = ends.mentorships;
  const consequence =
    running === 0
      ? "You have no active mentorships."
      : `This ends your ${running === 1 ? "active mentorship" : `${running} active mentorships`}, and ${running === 1 ? "your partner is" : "each partner is"} told politely.`;
  const text = `Leave Tandem? ${consequence}${lettersClose(ends.letters, running > 0)} Your profile is kept, so you can come back with \`/mentor join\`.`;
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(text) },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: actionIds.confirmLeave,
            text: plain("Leave Tandem"),
            style: "danger",
            value: "leave",
            confirm: {
              title: plain("Leave Tandem?"),
              text: plain(
                ends.letters
                  ? "Your mentorships end and your open letter requests close now. You can join again later."
                  : "Your mentorships end now. You can join again later.",
              ),
              confirm: plain("Leave"),
              deny: plain("Stay"),
            },
          },
          { type: "button", action_id: actionIds.cancelLeave, text: plain("Stay in Tandem"), value: "stay" },
        ],
      },
    ],
  };
}

export const leftMessage = (ended: number) =>
  section(
    `You've left Tandem.${ended ? ` ${ended === 1 ? "Your mentorship has ended; Tandem lets your partner know." : `${ended} mentorships have ended; Tandem lets each partner know.`}` : ""} ` +
      "Thank you for taking part. Type `/mentor join` whenever you want to come back.",
  );

export function coordinatorsMessage(list: CoordinatorEntry[]): SlackMessage {
  const lines = list.map((c) => `• <@${c.slackUserId}>${c.source === "admin" ? " (workspace admin)" : ""}`);
  const text = list.length ? `*Coordinators*\n${lines.join("\n")}` : "There are no coordinators yet.";
  return {
    text: "Tandem coordinators",
    blocks: [
      { type: "section", text: mrkdwn(text) },
      {
        type: "context",
        elements: [
          mrkdwn(
            "Coordinators can `/mentor coordinators add @person` and `/mentor coordinators remove @person`.",
          ),
        ],
      },
    ],
  };
}

export const deleteDataBlocks = { confirm: "delete_confirm" } as const;

/** What leaving does to open letter requests, as a sentence after what it does to mentorships. */
function lettersClose(letters: number, also = true): string {
  if (letters === 0) return "";
  const closes = also ? "It also closes" : "It closes";
  return letters === 1
    ? ` ${closes} an open letter request, and whoever is waiting on it is told.`
    : ` ${closes} ${letters} open letter requests, and whoever is waiting on each is told.`;
}

export function deleteDataModal(ends: LeavingEnds): ModalView {
  const running = ends.mentorships;
  return {
    type: "modal",
    callback_id: callbackIds.deleteData,
    title: plain("Delete my data"),
    submit: plain("Delete my data"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          "This erases everything Tandem keeps about you: your profile, goals, session notes, journal, feedback and letter requests." +
            (running
              ? ` Your ${running === 1 ? "active mentorship ends" : `${running} active mentorships end`}, and partners are told.`
              : "") +
            lettersClose(ends.letters) +
            "\n\nIt can't be undone. To keep a copy first, cancel and use `/mentor export`.",
        ),
      },
      {
        type: "input",
        block_id: deleteDataBlocks.confirm,
        label: plain("Confirm"),
        element: {
          type: "checkboxes",
          action_id: INPUT_ACTION_ID,
          options: [{ text: plain("I understand my data will be erased for good"), value: "yes" }],
        },
      },
    ],
  };
}

export const pauseMeBlocks = { until: "pause_until" } as const;

/** Home's "Pause": until a date, or (left empty) until the member resumes. */
export function pauseMeModal(): ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.pauseMe,
    title: plain("Pause Tandem", 24),
    submit: plain("Pause", 24),
    close: plain("Cancel", 24),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          "While you're paused Tandem won't match you, send you check-ins or pass on requests. " +
            "Your mentorships stay as they are, and the pause ends by itself.",
        ),
      },
      {
        type: "input",
        block_id: pauseMeBlocks.until,
        optional: true,
        label: plain("Pause until"),
        hint: plain("Leave it empty to pause until you resume from Home or with /mentor resume."),
        element: { type: "datepicker", action_id: INPUT_ACTION_ID, placeholder: plain("Choose a date") },
      },
    ],
  };
}
