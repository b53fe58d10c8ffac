// How each notice (src/domain/notices.ts) reads in a DM.

import { feedbackLabel } from "../../domain/feedback.ts";
import type { Notice } from "../../domain/notices.ts";
import { describeRole } from "../../domain/roles.ts";
import { actionIds } from "../ids.ts";
import { type SlackMessage, noticeMessage as sectionOnly } from "./help.ts";
import { letterClosedMessage } from "./letters.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

export function noticeMessage(notice: Notice): SlackMessage {
  switch (notice.type) {
    case "partner_left": {
      const why =
        notice.reason === "account_deactivated"
          ? "their Slack account was deactivated"
          : notice.reason === "deleted_data"
            ? "they removed their data from Tandem"
            : notice.reason === "closed"
              ? `they chose to close it ${notice.where === "review" ? "at a periodic review" : "at a check-in"}`
              : "they left Tandem";
      return sectionOnly(
        `Your mentorship with *${escapeMrkdwn(notice.partnerName)}* in *${escapeMrkdwn(notice.programName)}* has ended because ${why}. ` +
          "Thank you for the time you gave each other. You can find a new match any time.",
      );
    }
    case "letter_closed":
      return letterClosedMessage(notice);
    case "enrolled_by_roster": {
      const text = `You've been enrolled in *${escapeMrkdwn(notice.programName)}* as ${describeRole(notice.role)}.`;
      if (!notice.profileMissing) return sectionOnly(text);
      const ask = `${text} Tell Tandem a little about yourself so it can find you a good match.`;
      return {
        text: ask,
        blocks: [
          { type: "section", text: mrkdwn(ask) },
          {
            type: "actions",
            elements: [
              {
                type: "button",
                action_id: actionIds.openProfile,
                text: plain("Fill in my profile"),
                style: "primary",
                value: JSON.stringify({ program: notice.programId, role: notice.role }),
              },
            ],
          },
        ],
      };
    }
    case "coordinator_added":
      return sectionOnly(
        `${escapeMrkdwn(notice.byName)} made you a Tandem coordinator. You can now create programs (\`/mentor program new\`), ` +
          "announce them, import rosters and add other coordinators.",
      );
    case "paused_resumed":
      return sectionOnly(
        "Welcome back: your pause in Tandem is over, and matching and check-ins are on again.",
      );
    case "request_declined": {
      const text =
        `*${escapeMrkdwn(notice.mentorName)}* can't be your mentor this time (${escapeMrkdwn(notice.reason.toLowerCase())}).` +
        (notice.note ? ` They added: "${escapeMrkdwn(notice.note)}"` : "") +
        " That happens, and it says nothing about you. Other mentors may be a great fit.";
      return withFindButton(text);
    }
    case "request_expired": {
      const other = escapeMrkdwn(notice.otherName);
      if (notice.to === "mentor") {
        return sectionOnly(
          `${other}'s request expired after 3 days without an answer, so Tandem asked someone else. No action needed.`,
        );
      }
      const lead = `*${other}* didn't answer your request within 3 days.`;
      return notice.nextMentorName
        ? sectionOnly(`${lead} Tandem has asked your next choice, *${escapeMrkdwn(notice.nextMentorName)}*.`)
        : withFindButton(`${lead} Tandem found no one else with free places yet.`);
    }
    case "round_ready": {
      const text =
        `Your matching round for *${escapeMrkdwn(notice.programName)}* is ready to review: ` +
        `${notice.matched} of ${notice.mentees} mentees matched${notice.unmatched ? `, ${notice.unmatched} not matched (each with the reason)` : ""}. ` +
        "Nothing is sent until you publish it.";
      return {
        text,
        blocks: [
          { type: "section", text: mrkdwn(text) },
          {
            type: "actions",
            elements: [
              {
                type: "button",
                action_id: actionIds.reviewRound,
                text: plain("Review round"),
                value: notice.roundId,
                style: "primary",
              },
              {
                type: "button",
                action_id: actionIds.publishRound,
                text: plain("Publish round"),
                value: notice.roundId,
                confirm: {
                  title: plain("Publish this round?"),
                  text: plain("Each pair gets an introduction in a group DM."),
                  confirm: plain("Publish"),
                  deny: plain("Not yet"),
                },
              },
            ],
          },
        ],
      };
    }
    case "round_failed":
      return sectionOnly(
        notice.stage === "publish"
          ? `Tandem couldn't finish publishing *${escapeMrkdwn(notice.programName)}*. The pairs already introduced stay; the rest are back in the draft. Review the round and publish again to finish.`
          : `Tandem couldn't finish the matching round for *${escapeMrkdwn(notice.programName)}*. Nothing was changed; try again in a minute.`,
      );
    case "partner_paused":
      return sectionOnly(
        `*${escapeMrkdwn(notice.partnerName)}* paused your check-ins in *${escapeMrkdwn(notice.programName)}* until ${escapeMrkdwn(notice.untilText)}. ` +
          "Tandem will stay quiet about this mentorship until then, and let you both know when it picks up again.",
      );
    case "mentorship_resumed":
      return sectionOnly(
        `Check-ins with *${escapeMrkdwn(notice.partnerName)}* in *${escapeMrkdwn(notice.programName)}* are back on. ` +
          "A good moment to suggest a time for your next conversation.",
      );
    case "pair_quiet":
      return sectionOnly(
        `*${escapeMrkdwn(notice.menteeName)}* and *${escapeMrkdwn(notice.mentorName)}* (${escapeMrkdwn(notice.programName)}) ` +
          `have left ${notice.unanswered} check-ins in a row unanswered, and didn't answer when Tandem asked whether to keep going a week ago. ` +
          "A friendly word from you may help; the pair is flagged at risk in the program's Home.",
      );
    case "pair_closed":
      return sectionOnly(
        `*${escapeMrkdwn(notice.closedByName)}* closed their mentorship with *${escapeMrkdwn(notice.partnerName)}* in *${escapeMrkdwn(notice.programName)}* ${notice.where === "review" ? "at a periodic review" : "from a check-in"}. ` +
          "Both have been thanked; each can be matched again.",
      );
    case "agreement_updated":
      return {
        text: `${notice.partnerName} ${notice.revision === 1 ? "filled in" : "revised"} your kick-off agreement`,
        blocks: [
          {
            type: "section",
            text: mrkdwn(
              truncate(
                `*${escapeMrkdwn(notice.partnerName)}* ${notice.revision === 1 ? "filled in your kick-off agreement" : `revised your kick-off agreement (version ${notice.revision})`}.` +
                  (notice.changes.length
                    ? `
${notice.changes.map((c) => `• ${escapeMrkdwn(c)}`).join("\n")}`
                    : ""),
                3000,
              ),
            ),
          },
          {
            type: "actions",
            elements: [
              {
                type: "button",
                action_id: actionIds.openAgreement,
                text: plain("Open our agreement"),
                value: notice.mentorshipId,
              },
            ],
          },
        ],
      };
    case "feedback_shared":
      return sectionOnly(
        `*${escapeMrkdwn(notice.partnerName)}* shared feedback with you${notice.occasion ? ` ${escapeMrkdwn(notice.occasion)}` : ""}: *${feedbackLabel(notice.rating)}*` +
          (notice.comment ? `\n>${escapeMrkdwn(truncate(notice.comment, 1500)).replace(/\n/g, "\n>")}` : ""),
      );
    case "round_published": {
      const dropped = notice.dropped
        .slice(0, 20)
        .map((d) => `• ${escapeMrkdwn(d.name)}: ${escapeMrkdwn(d.reason)}`)
        .join("\n");
      return sectionOnly(
        truncate(
          `Published *${escapeMrkdwn(notice.programName)}*: ${notice.introduced} introduction${notice.introduced === 1 ? "" : "s"} sent.` +
            (dropped ? `\n*Not introduced*\n${dropped}` : ""),
          3000,
        ),
      );
    }
  }
}

function withFindButton(text: string): SlackMessage {
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(text) },
      {
        type: "actions",
        elements: [
          { type: "button", action_id: actionIds.findAgain, text: plain("See other mentors"), value: "find" },
        ],
      },
    ],
  };
}
