// The App Home tab: where a member stands with Tandem, and the next step to take. Coordinators
// also see the programs they run, with their actions.
import type { ActionsBlock, HomeView, KnownBlock } from "@slack/types";
import { localDate } from "../../domain/dates.ts";
import { describeRole } from "../../domain/roles.ts";
import type { HomeData } from "../../services/home.ts";
import { subcommands } from "../commands.ts";
import { actionIds, blockIds } from "../ids.ts";
import { roleChoiceButtons } from "./join.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

const MAX_PROGRAMS_LISTED = 10;
const MAX_MANAGED_LISTED = 20;

export function homeView(data: HomeData): HomeView {
  const greeting = data.name ? `Hi ${escapeMrkdwn(truncate(data.name, 80))}!` : "Hi there!";
  const blocks: KnownBlock[] = [
    { type: "header", text: plain("Tandem: mentorship in Slack") },
    {
      type: "section",
      text: mrkdwn(
        `${greeting} Tandem pairs mentees with mentors, introduces each pair, and keeps the ` +
          "relationship going with check-ins in your own time zone.",
      ),
    },
    { type: "divider" },
    ...(data.role ? memberStatus(data) : joinInvitation()),
    ...(data.isCoordinator ? coordinatorSection(data) : []),
    { type: "divider" },
    {
      type: "section",
      text: mrkdwn(
        `*Commands*\n${subcommands
          .filter((c) => !c.forCoordinators || data.isCoordinator)
          .map((c) => `• \`${c.usage}\``)
          .join("\n")}`,
      ),
    },
    {
      type: "context",
      elements: [mrkdwn(`Times are shown in your Slack time zone (${escapeMrkdwn(data.tz)}).`)],
    },
  ];
  return { type: "home", blocks };
}

function memberStatus(data: HomeData): KnownBlock[] {
  const role = data.role ?? "MENTEE";
  const shown = data.programs.slice(0, MAX_PROGRAMS_LISTED);
  const more = data.programs.length - shown.length;
  const programs = [
    ...shown.map((p) => `• ${escapeMrkdwn(truncate(p.name, 120))}: ${describeRole(p.role)}`),
    ...(more > 0 ? [`…and ${more} more`] : []),
  ].join("\n");
  const paused = data.status === "PAUSED";
  const pauseLine = paused
    ? `\nYou're paused${data.pausedUntil ? ` until ${localDate(data.pausedUntil, data.tz)}` : ""}: no matches or check-ins until then.`
    : "";
  const actions: ActionsBlock = {
    type: "actions",
    block_id: blockIds.profileActions,
    elements: [
      { type: "button", action_id: actionIds.openProfile, text: plain("Edit my profile"), value: "profile" },
      ...(paused
        ? [
            {
              type: "button" as const,
              action_id: actionIds.resume,
              text: plain("Resume now"),
              value: "resume",
            },
          ]
        : []),
    ],
  };
  return [
    { type: "section", text: mrkdwn(`*You're in.* You take part as ${describeRole(role)}.${pauseLine}`) },
    ...(programs ? [{ type: "section" as const, text: mrkdwn(`*Your programs*\n${programs}`) }] : []),
    actions,
  ];
}

function joinInvitation(): KnownBlock[] {
  return [
    {
      type: "section",
      text: mrkdwn(
        "*You haven't joined yet.* Join as a mentee to get a mentor, as a mentor to help someone grow, or both.",
      ),
    },
    roleChoiceButtons(),
  ];
}

function coordinatorSection(data: HomeData): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: "divider" },
    { type: "header", text: plain("Programs you coordinate") },
  ];
  for (const p of data.managedPrograms.slice(0, MAX_MANAGED_LISTED)) {
    blocks.push({
      type: "section",
      text: mrkdwn(
        `*${escapeMrkdwn(truncate(p.name, 120))}*${p.status === "OPEN" ? "" : ` (${p.status.toLowerCase()})`}`,
      ),
    });
    const m = p.messages;
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(
          `Messages in the last 7 days: ${m.sent} sent, ${m.failed} failed · ${m.waiting} planned` +
            (m.atRisk ? ` · *${m.atRisk} pair${m.atRisk === 1 ? "" : "s"} at risk*` : ""),
        ),
      ],
    });
    blocks.push({
      type: "actions",
      block_id: `program_${p.id}`.slice(0, 255),
      elements: [
        { type: "button", action_id: actionIds.runRound, text: plain("Run matching round"), value: p.id },
        { type: "button", action_id: actionIds.editProgram, text: plain("Edit program"), value: p.id },
        ...(m.failed
          ? [
              {
                type: "button" as const,
                action_id: actionIds.showFailedDeliveries,
                text: plain("See failed messages"),
                value: p.id,
              },
            ]
          : []),
      ],
    });
  }
  blocks.push({
    type: "actions",
    block_id: blockIds.programActions,
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
  return blocks;
}
