// The coordinators' weekly digest in DM: last week's changes per program next to the week before,
// the chart that follows it as a PNG, and the buttons to stop (or restart) the digests. Figures
// only: the data it gets holds no private text.
import type { KnownBlock, SectionBlock } from "@slack/types";
import { DateTime } from "luxon";
import type { DigestData, ProgramWeek, WeekFigures } from "../../services/digest.ts";
import { actionIds } from "../ids.ts";
import type { SlackMessage } from "./help.ts";
import { escapeMrkdwn, mrkdwn, plain, plural, truncate } from "./text.ts";

function day(iso: string, format: string): string {
  return DateTime.fromISO(iso, { zone: "utc" }).toFormat(format);
}

/** "1–7 June", or "29 June – 5 July" across two months. */
export function weekSpan(data: Pick<DigestData, "weekStart" | "weekEnd">): string {
  const sameMonth = data.weekStart.slice(0, 7) === data.weekEnd.slice(0, 7);
  return sameMonth
    ? `${day(data.weekStart, "d")}–${day(data.weekEnd, "d LLLL")}`
    : `${day(data.weekStart, "d LLLL")} – ${day(data.weekEnd, "d LLLL")}`;
}

/** "3 (1 the week before)". */
function compared(now: number, before: number): string {
  return `*${now}*  (${before} the week before)`;
}

function checkins(f: WeekFigures): string {
  return f.checkinsSent === 0 ? "none sent" : `${f.checkinsAnswered} of ${f.checkinsSent}`;
}

function programBlock(p: ProgramWeek): SectionBlock {
  const t = p.thisWeek;
  const l = p.lastWeek;
  const standing = [
    plural(p.activePairs, "active pair", "active pairs"),
    plural(p.enrolled, "person enrolled", "people enrolled"),
    p.atRisk ? `:warning: ${plural(p.atRisk, "pair", "pairs")} at risk` : "no pair at risk",
  ].join(" · ");
  return {
    type: "section",
    text: mrkdwn(`*${escapeMrkdwn(truncate(p.name, 150))}*\nNow: ${standing}`),
    fields: [
      mrkdwn(`*People who joined*\n${compared(t.joined, l.joined)}`),
      mrkdwn(`*New pairs*\n${compared(t.pairsStarted, l.pairsStarted)}`),
      mrkdwn(`*Pairs closed*\n${compared(t.pairsClosed, l.pairsClosed)}`),
      mrkdwn(`*Sessions held*\n${compared(t.sessionsHeld, l.sessionsHeld)}`),
      mrkdwn(`*Check-ins answered*\n*${checkins(t)}*  (${checkins(l)} the week before)`),
      mrkdwn(`*Milestones completed*\n${compared(t.milestonesDone, l.milestonesDone)}`),
      mrkdwn(`*Failed messages*\n${compared(t.failedMessages, l.failedMessages)}`),
    ],
  };
}

/** The digest message (at most 4 + 2 per program + 3 blocks: 23 with 8 programs). */
export function digestMessage(data: DigestData): SlackMessage {
  const span = weekSpan(data);
  const t = data.totals;
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(`Your Tandem week: ${span}`) },
    {
      type: "section",
      text: mrkdwn(
        `What changed in your mentorship programs last week (Monday to Sunday, ${span}), next to the week before. ` +
          "Figures only: notes, journals and comments stay with the people who wrote them.",
      ),
    },
    { type: "divider" },
  ];
  if (data.programs.length === 0) {
    blocks.push({
      type: "section",
      text: mrkdwn(
        "Nothing happened in your programs last week: no one joined, no session was logged and no pair is running yet.",
      ),
    });
  }
  for (const p of data.programs) blocks.push(programBlock(p), { type: "divider" });
  if (data.morePrograms > 0) {
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(
          `…and ${plural(data.morePrograms, "more program", "more programs")}: see your Home tab in Tandem.`,
        ),
      ],
    });
  }
  blocks.push(
    {
      type: "context",
      elements: [
        mrkdwn(
          "The chart below shows all programs over the last 12 weeks. For the full dashboard, open Tandem's *Home* tab (click Tandem in the sidebar).",
        ),
      ],
    },
    subscriptionActions(true),
  );
  return {
    text:
      `Your Tandem week (${span}): ${plural(t.sessionsHeld, "session", "sessions")} held, ` +
      `${plural(t.pairsStarted, "new pair", "new pairs")}, ${plural(t.joined, "person", "people")} joined.`,
    blocks,
  };
}

function subscriptionActions(on: boolean): KnownBlock {
  return {
    type: "actions",
    elements: [
      on
        ? {
            type: "button",
            text: plain("Stop weekly digests"),
            action_id: actionIds.digestSubscription,
            value: "off",
          }
        : {
            type: "button",
            text: plain("Send weekly digests again"),
            action_id: actionIds.digestSubscription,
            value: "on",
            style: "primary",
          },
    ],
  };
}

/** The answer to "Stop weekly digests" / "Send weekly digests again", with the way back. */
export function digestSubscriptionMessage(on: boolean): SlackMessage {
  const text = on
    ? "Done: your weekly digest will come again, on Monday mornings in your time zone."
    : "Done: Tandem won't send you the weekly digest any more. Your Home tab still shows how your programs are doing.";
  return {
    text,
    blocks: [{ type: "section", text: mrkdwn(text) }, subscriptionActions(on)],
  };
}

/** The chart's file: name, title and the comment posted with it. */
export function digestChartFile(data: DigestData): { filename: string; title: string; comment: string } {
  const first = data.chart[0];
  return {
    filename: `tandem-week-${data.weekStart}.png`,
    title: `Tandem: all programs, the ${data.chart.length} weeks to ${day(data.weekEnd, "d LLLL")}`,
    comment:
      `Participation and sessions in all your programs, week by week` +
      (first ? ` since ${day(first.weekStart, "d LLLL")}` : "") +
      ": people enrolled and active pairs (lines), sessions held (bars).",
  };
}

/** The chart's own title, drawn on the image. */
export function digestChartTitle(data: DigestData): string {
  return `All programs: the last ${plural(data.chart.length, "week", "weeks")}`;
}
