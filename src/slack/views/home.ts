// The App Home tab: where a member stands with Tandem, their running mentorships (agreement,
// goals, their open action items, what comes next) with the common actions, their newest journal
// entries, their letters of recommendation, and the next step to take. Coordinators also see
// their program dashboard.
import type { ActionsBlock, Button, HomeView, KnownBlock } from "@slack/types";
import { localDate } from "../../domain/dates.ts";
import { describeRole } from "../../domain/roles.ts";
import type { HomeData } from "../../services/home.ts";
import { subcommands } from "../commands.ts";
import { actionIds, blockIds } from "../ids.ts";
import { agreementSummary } from "./agreements.ts";
import { dashboardBlocks } from "./dashboard.ts";
import { roleChoiceButtons } from "./join.ts";
import { lettersHomeBlocks } from "./letters.ts";
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
    ...mentorshipSections(data),
    ...lettersHomeBlocks(data.letters),
    ...(data.role ? journalSection(data) : []),
  ];
  blocks.push(
    ...(data.dashboard ? dashboardBlocks(data.dashboard) : []),
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
  );
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
      button(actionIds.openProfile, "Edit my profile", "profile"),
      ...(role !== "MENTOR" && !paused ? [button(actionIds.findAgain, "Find a mentor", "find")] : []),
      paused ? button(actionIds.resume, "Resume now", "resume") : button(actionIds.pauseMe, "Pause", "pause"),
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

function button(actionId: string, text: string, value: string, primary = false): Button {
  return {
    type: "button",
    action_id: actionId,
    text: plain(text, 75),
    value,
    ...(primary ? { style: "primary" } : {}),
  };
}

/** One block group per running mentorship: who, since when, what's next, agreement, goals, my actions. */
function mentorshipSections(data: HomeData): KnownBlock[] {
  if (data.mentorships.length === 0) return [];
  const blocks: KnownBlock[] = [{ type: "divider" }, { type: "header", text: plain("Your mentorships") }];
  for (const m of data.mentorships) {
    const partner = escapeMrkdwn(truncate(m.partnerName, 80));
    const them = m.role === "mentor" ? "your mentee" : "your mentor";
    const next = m.pausedUntil
      ? `Check-ins paused until ${m.pausedUntil}.`
      : m.nextCheckin
        ? `Next check-in: ${m.nextCheckin}.`
        : "";
    const session = m.nextSession
      ? ` Next session: ${m.nextSession}.`
      : m.lastSession
        ? ` Last session: ${m.lastSession}.`
        : " No session logged yet.";
    blocks.push({
      type: "section",
      text: mrkdwn(
        truncate(
          `*${partner}*, ${them} in ${escapeMrkdwn(truncate(m.programName, 80))}, since ${m.since}.\n${next}${session}`,
          3000,
        ),
      ),
    });
    const agreement = m.agreement
      ? `*Agreement:* ${agreementSummary(m.agreement)}`
      : "*Agreement:* not written yet. Agree on purpose, rhythm and confidentiality together.";
    const goals = m.goals.length
      ? `*Goals:* ${m.goals
          .map(
            (g) =>
              `${escapeMrkdwn(truncate(g.title, 80))} (${g.achieved ? "achieved" : `${g.done}/${g.total} milestones`})`,
          )
          .join(" · ")}`
      : m.role === "mentee"
        ? "*Goals:* none yet. Two or three goals give your sessions direction."
        : `*Goals:* ${partner} hasn't set any yet.`;
    blocks.push({
      type: "context",
      elements: [mrkdwn(truncate(agreement, 3000)), mrkdwn(truncate(goals, 3000))],
    });
    for (const a of m.myActions) {
      blocks.push({
        type: "section",
        text: mrkdwn(
          truncate(
            `☐ ${escapeMrkdwn(a.text)}${a.due ? ` · ${a.overdue ? "*overdue*, was due" : "due"} ${a.due}` : ""}`,
            3000,
          ),
        ),
        accessory: button(actionIds.actionItemDone, "Mark done", a.id),
      });
    }
    if (m.myOpenActions > m.myActions.length) {
      blocks.push({
        type: "context",
        elements: [
          mrkdwn(`…and ${m.myOpenActions - m.myActions.length} more open action items in *Our sessions*.`),
        ],
      });
    }
    blocks.push({
      type: "actions",
      block_id: `pair_${m.id}`.slice(0, 255),
      elements: [
        button(actionIds.logSession, "Log a session", m.id, true),
        button(actionIds.openSessions, "Our sessions", m.id),
        button(actionIds.openGoals, "Goals", m.id),
        ...(m.role === "mentee" && m.goals.filter((g) => !g.achieved).length < 3
          ? [button(actionIds.addGoal, "Add a goal", m.id)]
          : []),
        button(actionIds.openAgreement, m.agreement ? "Our agreement" : "Fill in our agreement", m.id),
      ],
    });
  }
  return blocks;
}

/** The newest journal entries, with the way in to the whole journal. */
function journalSection(data: HomeData): KnownBlock[] {
  const { recent, count } = data.journal;
  const lines = recent.map(
    (e) => `• _${escapeMrkdwn(e.writtenOn)}_: ${escapeMrkdwn(truncate(e.body.replace(/\s+/g, " "), 140))}`,
  );
  return [
    { type: "divider" },
    {
      type: "section",
      text: mrkdwn(
        truncate(
          count
            ? `*Your learning journal* (${count} entr${count === 1 ? "y" : "ies"}, private to you)\n${lines.join("\n")}`
            : "*Your learning journal* is empty. Reflections, session takeaways and notes land here, private to you.",
          3000,
        ),
      ),
    },
    {
      type: "actions",
      block_id: blockIds.journalActions,
      elements: [
        button(actionIds.openJournal, "Open my journal", "journal"),
        button(actionIds.addJournalNote, "Add a note", "note"),
      ],
    },
  ];
}
