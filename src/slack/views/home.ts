// The App Home tab: where a member stands with Tandem, and the next step to take.
import type { HomeView, KnownBlock } from "@slack/types";
import { describeRole } from "../../domain/roles.ts";
import type { HomeData } from "../../services/home.ts";
import { subcommands } from "../commands.ts";
import { roleChoiceButtons } from "./join.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

const MAX_PROGRAMS_LISTED = 10;

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
    { type: "divider" },
    {
      type: "section",
      text: mrkdwn(`*Commands*\n${subcommands.map((c) => `• \`${c.usage}\`: ${c.summary}`).join("\n")}`),
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
  const paused =
    data.status === "PAUSED" && data.pausedUntil
      ? `\nYou're paused until ${data.pausedUntil.toISOString().slice(0, 10)}: no matches or nudges until then.`
      : "";
  return [
    { type: "section", text: mrkdwn(`*You're in.* You take part as ${describeRole(role)}.${paused}`) },
    ...(programs ? [{ type: "section" as const, text: mrkdwn(`*Your programs*\n${programs}`) }] : []),
    roleChoiceButtons(role),
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
    roleChoiceButtons(null),
  ];
}
