// Reviewing a matching round: the draft's pairs (a page at a time) with lock / remove / swap, the
// unmatched with their reasons, and re-run or publish.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { RoundView } from "../../services/rounds.ts";
import { actionIds, callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import type { SlackMessage } from "./help.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

export const PAIRS_PER_PAGE = 15;
const UNMATCHED_LISTED = 15;

export function roundReviewModal(data: RoundView, page = 0): ModalView {
  const pages = Math.max(1, Math.ceil(data.pairs.length / PAIRS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const s = data.summary;
  const status =
    data.round.status === "DRAFT"
      ? "Draft: nothing is sent until you publish."
      : data.round.status === "PUBLISHED"
        ? "Published."
        : `Status: ${data.round.status.toLowerCase()}.`;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `*${escapeMrkdwn(data.program.name)}*. ${status}\n` +
          (s
            ? `${s.matched} of ${s.mentees} mentees matched · total score ${s.totalScore} · ${s.edges} eligible pairs considered` +
              `${s.verified ? " · proven optimal" : ""}`
            : "Not solved yet."),
      ),
    },
  ];
  if (data.pairs.length) blocks.push({ type: "header", text: plain(`Pairs (${data.pairs.length})`) });
  for (const pair of data.pairs.slice(current * PAIRS_PER_PAGE, (current + 1) * PAIRS_PER_PAGE)) {
    const draft = data.round.status === "DRAFT";
    blocks.push({
      type: "section",
      block_id: `pair_${pair.mentorshipId}`.slice(0, 255),
      text: mrkdwn(
        truncate(
          `${pair.locked ? "🔒 " : ""}*${escapeMrkdwn(pair.mentee.name)}* with mentor *${escapeMrkdwn(pair.mentor.name)}* · ${Math.round(pair.score)}/100\n` +
            `${escapeMrkdwn(pair.reasons.join("; ") || "a good overall fit")}`,
          3000,
        ),
      ),
      ...(draft
        ? {
            accessory: {
              type: "overflow" as const,
              action_id: actionIds.pairMenu,
              options: [
                option(
                  `${pair.locked ? "unlock" : "lock"}:${pair.mentorshipId}`,
                  pair.locked ? "Unlock pair" : "Lock pair",
                ),
                option(`swap:${pair.mentorshipId}`, "Swap mentor with…"),
                option(`remove:${pair.mentorshipId}`, "Remove from draft"),
              ],
            },
          }
        : {}),
    });
  }
  if (pages > 1) {
    blocks.push({
      type: "actions",
      elements: [
        ...(current > 0
          ? [
              {
                type: "button" as const,
                action_id: `${actionIds.roundPage}_prev`,
                text: plain("Previous page"),
                value: `${data.round.id}:${current - 1}`,
              },
            ]
          : []),
        ...(current < pages - 1
          ? [
              {
                type: "button" as const,
                action_id: `${actionIds.roundPage}_next`,
                text: plain("Next page"),
                value: `${data.round.id}:${current + 1}`,
              },
            ]
          : []),
      ],
    });
    blocks.push({ type: "context", elements: [mrkdwn(`Page ${current + 1} of ${pages}`)] });
  }
  if (data.unmatched.length) {
    const lines = data.unmatched
      .slice(0, UNMATCHED_LISTED)
      .map((u) => `• *${escapeMrkdwn(u.name)}*: ${escapeMrkdwn(u.reason)}`);
    const more =
      data.unmatched.length > UNMATCHED_LISTED
        ? `\n…and ${data.unmatched.length - UNMATCHED_LISTED} more.`
        : "";
    blocks.push({ type: "header", text: plain(`Not matched (${data.unmatched.length})`) });
    blocks.push({ type: "section", text: mrkdwn(truncate(`${lines.join("\n")}${more}`, 3000)) });
  }
  if (data.round.status === "DRAFT") {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: actionIds.rerunRound,
          text: plain("Re-run around locked pairs"),
          value: data.round.id,
        },
        {
          type: "button",
          action_id: actionIds.publishRound,
          text: plain("Publish round"),
          style: "primary",
          value: data.round.id,
          confirm: {
            title: plain("Publish this round?"),
            text: plain(`${data.pairs.length} pairs get an introduction in a group DM.`),
            confirm: plain("Publish"),
            deny: plain("Not yet"),
          },
        },
      ],
    });
  }
  return {
    type: "modal",
    callback_id: callbackIds.roundReview,
    private_metadata: JSON.stringify({ roundId: data.round.id, page: current }),
    title: plain("Matching round"),
    close: plain("Close"),
    blocks,
  };
}

export const swapBlocks = { other: "swap_other" } as const;

export function swapModal(data: RoundView, mentorshipId: string): ModalView {
  const pair = data.pairs.find((p) => p.mentorshipId === mentorshipId);
  const others = data.pairs.filter((p) => p.mentorshipId !== mentorshipId).slice(0, 100);
  return {
    type: "modal",
    callback_id: callbackIds.swapPair,
    private_metadata: JSON.stringify({ roundId: data.round.id, pair: mentorshipId }),
    title: plain("Swap mentors"),
    submit: plain("Swap"),
    close: plain("Back"),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          pair
            ? `*${escapeMrkdwn(pair.mentee.name)}* is with *${escapeMrkdwn(pair.mentor.name)}*. Swap their mentor with another pair's:`
            : "That pair is no longer in the draft.",
        ),
      },
      {
        type: "input",
        block_id: swapBlocks.other,
        label: plain("Other pair"),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Choose a pair"),
          options: others.map((p) => option(p.mentorshipId, `${p.mentee.name} with ${p.mentor.name}`)),
        },
      },
    ],
  };
}

export function roundStartedMessage(programName: string): SlackMessage {
  const text = `Matching *${escapeMrkdwn(programName)}*… Tandem will DM you when the draft is ready to review. Nothing is sent to anyone until you publish.`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

function option(value: string, text: string): PlainTextOption {
  return { text: plain(truncate(text, 75)), value };
}
