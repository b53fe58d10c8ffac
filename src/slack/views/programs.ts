// Program listings, the join card posted in channels, and confirmation modals for coordinators.
import type { KnownBlock, ModalView } from "@slack/types";
import type { Program } from "../../services/db.ts";
import type { ProgramSummary, RosterResult } from "../../services/programs.ts";
import { actionIds } from "../ids.ts";
import { noticeMessage, type SlackMessage } from "./help.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

const MAX_LISTED = 15;

function when(p: { kind: string; startsOn: Date | null; endsOn: Date | null }): string {
  if (p.kind === "EVERGREEN") return "Always open";
  const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? "?";
  return `${day(p.startsOn)} to ${day(p.endsOn)}`;
}

const statusWord: Record<string, string> = {
  OPEN: "open",
  CLOSED: "closed to new members",
  ARCHIVED: "archived",
  DRAFT: "draft",
};

/** /mentor programs: every program, with actions fitting who is looking. */
export function programsMessage(programs: ProgramSummary[], isCoordinator: boolean): SlackMessage {
  const blocks: KnownBlock[] = [{ type: "header", text: plain("Mentorship programs") }];
  for (const p of programs.slice(0, MAX_LISTED)) {
    blocks.push({
      type: "section",
      text: mrkdwn(
        `*${escapeMrkdwn(truncate(p.name, 80))}* (${statusWord[p.status] ?? p.status})\n` +
          `${when(p)} · ${p.mentees} mentee${p.mentees === 1 ? "" : "s"}, ${p.mentors} mentor${p.mentors === 1 ? "" : "s"}` +
          (p.description ? `\n${escapeMrkdwn(truncate(p.description, 300))}` : ""),
      ),
    });
    const buttons = [
      ...(p.status === "OPEN"
        ? [
            {
              type: "button" as const,
              action_id: actionIds.joinProgram,
              text: plain("Join this program"),
              value: p.id,
            },
          ]
        : []),
      ...(isCoordinator
        ? [
            {
              type: "button" as const,
              action_id: actionIds.editProgram,
              text: plain("Edit program"),
              value: p.id,
            },
            {
              type: "button" as const,
              action_id: actionIds.importRoster,
              text: plain("Import a roster"),
              value: p.id,
            },
          ]
        : []),
    ];
    if (buttons.length)
      blocks.push({ type: "actions", block_id: `program_${p.id}`.slice(0, 255), elements: buttons });
  }
  if (programs.length > MAX_LISTED) {
    blocks.push({ type: "context", elements: [mrkdwn(`…and ${programs.length - MAX_LISTED} more.`)] });
  }
  if (isCoordinator) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: actionIds.editProgram,
          text: plain("Create a program"),
          value: "new",
          style: "primary",
        },
      ],
    });
    blocks.push({
      type: "context",
      elements: [mrkdwn("Announce a program in a channel with `/mentor program announce #channel`.")],
    });
  }
  return { text: `${programs.length} mentorship program${programs.length === 1 ? "" : "s"}`, blocks };
}

/** The card posted in a channel so people can join a program with one click. */
export function joinCardMessage(program: Program): SlackMessage {
  const text = `Join ${escapeMrkdwn(program.name)}, a mentorship program on Tandem`;
  return {
    text,
    blocks: [
      { type: "header", text: plain(truncate(`Join ${program.name}`, 150)) },
      {
        type: "section",
        text: mrkdwn(
          `${program.description ? `${escapeMrkdwn(truncate(program.description, 500))}\n\n` : ""}` +
            `*When:* ${when(program)}\n*Check-ins:* every ${program.checkinCadenceDays} days, in your own time zone`,
        ),
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: actionIds.joinProgram,
            text: plain("Join this program"),
            value: program.id,
            style: "primary",
          },
        ],
      },
      {
        type: "context",
        elements: [
          mrkdwn("Join as a mentee, a mentor or both. Tandem finds you a match and introduces you."),
        ],
      },
    ],
  };
}

/** A modal that only confirms something and can be closed. */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: "modal",
    title: plain(truncate(title, 24)),
    close: plain("Done"),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  };
}

export function programSavedModal(program: Program, created: boolean): ModalView {
  return noticeModal(
    created ? "Program created" : "Program saved",
    `*${escapeMrkdwn(program.name)}* is ${created ? "ready" : "saved"}.\n\n` +
      "Next: announce it with `/mentor program announce #channel`, or import a roster from `/mentor programs`.",
  );
}

export function rosterResultModal(programName: string, result: RosterResult): ModalView {
  const lines = result.problems
    .slice(0, 25)
    .map(
      (p) =>
        `• Line ${p.line}${p.text ? ` (${escapeMrkdwn(truncate(p.text, 60))})` : ""}: ${escapeMrkdwn(p.problem)}`,
    );
  const more = result.problems.length > 25 ? `\n…and ${result.problems.length - 25} more.` : "";
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `*${escapeMrkdwn(programName)}*: ${result.enrolled} enrolled, ${result.alreadyEnrolled} already enrolled` +
          `${result.problems.length ? `, ${result.problems.length} not enrolled` : ""}.` +
          (result.enrolled
            ? "\nEveryone newly enrolled got a DM; those without a profile were asked to fill one in."
            : ""),
      ),
    },
  ];
  if (lines.length)
    blocks.push({
      type: "section",
      text: mrkdwn(truncate(`*Not enrolled*\n${lines.join("\n")}${more}`, 3000)),
    });
  return { type: "modal", title: plain("Roster imported"), close: plain("Done"), blocks };
}

/** What the coordinator reads once the export is queued. */
export function exportQueuedMessage(programName: string, already: boolean): SlackMessage {
  const name = `*${escapeMrkdwn(programName)}*`;
  return noticeMessage(
    already
      ? `The CSV of ${name} is already on its way: it arrives in your DM in a moment.`
      : `Preparing the CSV of ${name}: it arrives in your DM in a moment.`,
  );
}

/** The coordinator's confirmation once a join card is up. */
export function joinCardPostedMessage(program: { name: string }, channelId: string): SlackMessage {
  return noticeMessage(`Posted a join card for *${escapeMrkdwn(program.name)}* in <#${channelId}>.`);
}
