// Periodic reviews: the DM that invites each person to look back (with what the record shows),
// the review modal (wins, what should change, the decision, a final reflection), what replaces
// the DM once answered, the pair's summary, and the closing thanks with the invitation for the
// mentee to mentor someone in turn.
import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type {
  ReviewAnswered,
  ReviewDecision,
  ReviewForm,
  ReviewNote,
  ReviewSummary,
} from "../../services/reviews.ts";
import { REVIEW_TEXT_MAX } from "../../services/reviews.ts";
import { actionIds, callbackIds, joinAsActionId } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import type { SlackMessage } from "./help.ts";
import { textInput } from "./inputs.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

export const reviewBlocks = {
  wins: "wins",
  adjustments: "adjustments",
  decision: "decision",
  reflection: "reflection",
} as const;

export const decisionLabels: Record<ReviewDecision, string> = {
  CONTINUE: "Keep going as we are",
  CHANGE: "Change something",
  CLOSE: "Close our mentorship",
};

const button = (actionId: string, text: string, value: string, style?: "primary" | "danger"): Button => ({
  type: "button",
  action_id: actionId,
  text: plain(text, 75),
  value,
  ...(style ? { style } : {}),
});

const actions = (...elements: Button[]): ActionsBlock => ({ type: "actions", elements });

/** The value of "Start the review" and "Write a final reflection": which review. */
export function reviewButtonValue(mentorshipId: string, cycle: number): string {
  return JSON.stringify({ mentorship: mentorshipId, cycle });
}

const quoted = (titles: string[]) => titles.map((t) => `“${escapeMrkdwn(truncate(t, 80))}”`);

function listed(items: string[], total: number): string {
  const shown = items.slice(0, 5);
  const more = total - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  if (shown.length < 2) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** What the record shows, one line per kind of thing. */
export function summaryLines(s: ReviewSummary): string {
  const sessions = s.sessions.held
    ? `${s.sessions.held} held${s.sessions.last ? `, the last on ${s.sessions.last}` : ""}`
    : "none logged yet";
  const milestones = s.milestones.total
    ? listed(quoted(s.milestones.titles), s.milestones.total)
    : "none completed yet";
  const goals =
    s.goals.achieved.length || s.goals.inProgress
      ? [
          s.goals.achieved.length
            ? `achieved ${listed(quoted(s.goals.achieved), s.goals.achieved.length)}`
            : "",
          s.goals.inProgress ? `${s.goals.inProgress} in progress` : "",
        ]
          .filter(Boolean)
          .join("; ")
      : "none set yet";
  const actionItems =
    s.actionItems.done || s.actionItems.open
      ? `${s.actionItems.done} done, ${s.actionItems.open} open`
      : "none yet";
  return [
    `• *Sessions:* ${sessions}`,
    `• *Milestones completed:* ${milestones}`,
    `• *Goals:* ${goals}`,
    `• *Action items:* ${actionItems}`,
  ].join("\n");
}

const weeks = (n: number) => (n === 1 ? "1 week" : `${n} weeks`);

/** What a review job says: the invitation, the pair's summary, or the closing thanks. */
export function reviewNoteMessage(note: ReviewNote): SlackMessage {
  const partner = escapeMrkdwn(note.partnerName);
  const program = escapeMrkdwn(note.programName);
  const value = reviewButtonValue(note.mentorshipId, note.cycle);
  switch (note.kind) {
    case "invite":
      return {
        text: `Time to look back: ${weeks(note.weeks)} with ${note.partnerName}`,
        blocks: [
          {
            type: "section",
            text: mrkdwn(
              `*Time to look back: ${weeks(note.weeks)} with ${partner}* · ${program}\n` +
                `Every ${weeks(note.everyWeeks)} Tandem asks you both to look back: celebrate what went well, adjust the plan, and decide what comes next.`,
            ),
          },
          { type: "section", text: mrkdwn(summaryLines(note.summary)) },
          actions(button(actionIds.startReview, "Start the review", value, "primary")),
          {
            type: "context",
            elements: [
              mrkdwn(
                `It takes two minutes. ${partner} sees your decision once you've both answered; what you write stays with you.`,
              ),
            ],
          },
        ],
      };
    case "summary": {
      const lines = note.decisions.map((d) => `• ${escapeMrkdwn(d.name)}: ${decisionLabels[d.decision]}`);
      const change = note.decisions.some((d) => d.decision === "CHANGE");
      const blocks: KnownBlock[] = [
        {
          type: "section",
          text: mrkdwn(
            `*Your ${note.weeks}-week review* · ${program}\nYou've both looked back. Thank you!\n${lines.join("\n")}` +
              (note.nextReview ? `\nNext review: ${escapeMrkdwn(note.nextReview)}.` : ""),
          ),
        },
      ];
      if (change) {
        blocks.push(
          {
            type: "context",
            elements: [mrkdwn("Talk it through at your next session. Two places to start:")],
          },
          changeButtons(note.mentorshipId),
        );
      }
      return { text: `Your ${note.weeks}-week review: you've both looked back.`, blocks };
    }
    case "closing": {
      const together = `Over ${weeks(note.weeks)} you held ${note.sessionsHeld === 1 ? "1 session" : `${note.sessionsHeld} sessions`} and reached ${note.milestonesDone === 1 ? "1 milestone" : `${note.milestonesDone} milestones`} together.`;
      const lead =
        note.closedBy === "you"
          ? `*Thank you for closing well.* Your mentorship with ${partner} (${program}) is now closed, and ${partner} has been told. ${together}`
          : `*Thank you.* ${partner} closed your mentorship (${program}) at your ${note.weeks}-week review. ${together} That matters.`;
      const blocks: KnownBlock[] = [{ type: "section", text: mrkdwn(lead) }];
      if (note.reflected) {
        blocks.push({
          type: "context",
          elements: [mrkdwn("Your final reflection is saved in your journal.")],
        });
      } else {
        blocks.push(
          {
            type: "section",
            text: mrkdwn(
              "A few lines of final reflection help you keep what you learned. Only you will read it.",
            ),
          },
          actions(button(actionIds.startReview, "Write a final reflection", value, "primary")),
        );
      }
      if (note.invite === "become_mentor") {
        blocks.push(
          {
            type: "section",
            text: mrkdwn(
              "*Pay it forward?* You've had a mentor; someone else could use one like you. " +
                "Would you like to mentor someone in turn? In your profile, choose *Mentor* or *Both* under “How would you like to take part?”.",
            ),
          },
          actions(button(joinAsActionId("BOTH"), "Become a mentor", "BOTH")),
        );
      } else if (note.invite === "already_mentor") {
        blocks.push(
          {
            type: "section",
            text: mrkdwn(
              "*Pay it forward.* You're signed up to mentor too: keep your profile current so Tandem can match you with someone who needs what you've learned.",
            ),
          },
          actions(button(actionIds.openProfile, "Update my profile", "profile")),
        );
      }
      return {
        text:
          note.closedBy === "you"
            ? `Thank you: your mentorship with ${note.partnerName} is closed.`
            : `Thank you: ${note.partnerName} closed your mentorship at its review.`,
        blocks,
      };
    }
  }
}

function changeButtons(mentorshipId: string): ActionsBlock {
  return actions(
    button(actionIds.openAgreement, "Revise our agreement", mentorshipId),
    button(actionIds.openGoals, "Recalibrate goals", mentorshipId),
  );
}

const decisionOption = (d: ReviewDecision): PlainTextOption => ({ text: plain(decisionLabels[d]), value: d });

/** The review modal, or (once the mentorship ended) the final reflection alone. */
export function reviewModal(form: ReviewForm, metadata: string): ModalView {
  const partner = escapeMrkdwn(form.partnerName);
  const program = escapeMrkdwn(form.programName);
  if (form.mode === "reflection") {
    return {
      type: "modal",
      callback_id: callbackIds.review,
      private_metadata: metadata,
      title: plain("Final reflection"),
      submit: plain("Save to journal"),
      close: plain("Cancel"),
      blocks: [
        {
          type: "section",
          text: mrkdwn(
            `Your mentorship with *${partner}* (${program}) has ended. What will you take with you from these ${weeks(form.weeks)}?`,
          ),
        },
        textInput(reviewBlocks.reflection, "A final reflection", form.current.reflection, {
          max: REVIEW_TEXT_MAX,
          multiline: true,
          hint: "Private to you: saved to your learning journal.",
        }),
      ],
    };
  }
  const c = form.current;
  return {
    type: "modal",
    callback_id: callbackIds.review,
    private_metadata: metadata,
    title: plain("Periodic review"),
    submit: plain("Save review"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `*${weeks(form.weeks)} with ${partner}* · ${program}\n${form.summary ? summaryLines(form.summary) : ""}`,
        ),
      },
      textInput(reviewBlocks.wins, "Wins to celebrate", c.wins, {
        optional: true,
        max: REVIEW_TEXT_MAX,
        multiline: true,
        hint: "Big or small: what went well, what you learned, what you're proud of.",
      }),
      textInput(reviewBlocks.adjustments, "What should change?", c.adjustments, {
        optional: true,
        max: REVIEW_TEXT_MAX,
        multiline: true,
        hint: "How often you meet, topics, goals, how you work together. Needed if you choose to change something.",
      }),
      {
        type: "input",
        block_id: reviewBlocks.decision,
        label: plain("What would you like to do next?"),
        hint: plain(
          `Closing ends the mentorship for you both; ${form.partnerName} will be told and thanked.`,
        ),
        element: {
          type: "radio_buttons",
          action_id: INPUT_ACTION_ID,
          options: (["CONTINUE", "CHANGE", "CLOSE"] as const).map(decisionOption),
          ...(c.decision ? { initial_option: decisionOption(c.decision) } : {}),
        },
      },
      textInput(reviewBlocks.reflection, "A final reflection", c.reflection, {
        optional: true,
        max: REVIEW_TEXT_MAX,
        multiline: true,
        hint: "If you're closing: what will you take with you? Saved to your private journal.",
      }),
      {
        type: "context",
        elements: [
          mrkdwn(`${partner} sees your decision once you've both answered; what you write stays with you.`),
        ],
      },
    ],
  };
}

/** What replaces the review DM once answered. */
export function reviewAnsweredMessage(r: ReviewAnswered): SlackMessage {
  const partner = escapeMrkdwn(r.partnerName);
  const saved = r.reflectionSaved ? " Your reflection is in your journal." : "";
  if (r.alreadyEnded) {
    return doneText(
      `Your answers are saved. Your mentorship with ${partner} had already ended; thank you for the time you gave each other.${saved}`,
    );
  }
  switch (r.decision) {
    case "CONTINUE":
      return doneText(
        `Review saved: you'd like to keep going with ${partner} as you are. Thank you for taking the time to look back.` +
          (r.nextReview ? ` Next review: ${escapeMrkdwn(r.nextReview)}.` : "") +
          saved,
      );
    case "CHANGE": {
      const text = `:white_check_mark: Review saved: you'd like to change something. Talk it through with ${partner} at your next session; two places to start:${saved}`;
      return {
        text,
        blocks: [{ type: "section", text: mrkdwn(text) }, changeButtons(r.mentorshipId)],
      };
    }
    case "CLOSE":
      return doneText(
        `Your mentorship with ${partner} is closed, and they have been told. Thank you for the time you gave each other.${saved}`,
      );
  }
}

export function reflectionSavedMessage(partnerName: string): SlackMessage {
  return doneText(
    `Saved to your journal: your final reflection on your mentorship with ${escapeMrkdwn(partnerName)}.`,
  );
}

function doneText(line: string): SlackMessage {
  const text = `:white_check_mark: ${line}`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}
