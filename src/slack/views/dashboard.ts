// The coordinator dashboard in the Home tab: a program picker, the program's health in figures,
// the workspace's AI usage in one line, mentors over their limits, the pairs at risk (a page at a
// time) and the coordinator's actions.
// A summary at any program size: it never takes more than MAX_DASHBOARD_BLOCKS blocks.
import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { describeRisk, percent, riskReasonLabels } from "../../domain/program-health.ts";
import type { AiUsageLine, Dashboard, ProgramHealth } from "../../services/program-stats.ts";
import { actionIds, blockIds, callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import { escapeMrkdwn, mrkdwn, plain, plural, truncate } from "./text.ts";

/** The most blocks the dashboard takes (Home's other sections share Slack's 100). */
export const MAX_DASHBOARD_BLOCKS = 15;

function button(actionId: string, text: string, value: string, primary = false): Button {
  return {
    type: "button",
    action_id: actionId,
    text: plain(text, 75),
    value,
    ...(primary ? { style: "primary" } : {}),
  };
}

const name = (text: string) => escapeMrkdwn(truncate(text, 60));

export function dashboardBlocks(dashboard: Dashboard): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: "divider" },
    { type: "header", text: plain("Program health") },
    picker(dashboard),
  ];
  if (dashboard.morePrograms > 0) {
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(
          `…and ${plural(dashboard.morePrograms, "more program")}: \`/mentor program edit <name>\` opens one.`,
        ),
      ],
    });
  }
  const health = dashboard.health;
  if (!health) {
    blocks.push({
      type: "section",
      text: mrkdwn("No programs yet. *Create a program* to set its dates, rhythm and matching rules."),
    });
    return blocks;
  }
  blocks.push(
    figures(health),
    { type: "context", elements: [mrkdwn(aiUsageText(dashboard.ai))] },
    ...mentorLoad(health),
    ...atRisk(health),
    actions(health, dashboard.draftRoundId),
  );
  return blocks;
}

function picker(dashboard: Dashboard): ActionsBlock {
  const options: PlainTextOption[] = dashboard.programs.map((p) => ({
    text: plain(`${p.name}${p.status === "OPEN" ? "" : ` (${p.status.toLowerCase()})`}`, 75),
    value: p.id,
  }));
  const shown = options.find((o) => o.value === dashboard.health?.program.id);
  return {
    type: "actions",
    block_id: blockIds.dashboardPicker,
    elements: [
      ...(options.length
        ? [
            {
              type: "static_select" as const,
              action_id: actionIds.dashboardProgram,
              placeholder: plain("Choose a program"),
              options,
              ...(shown ? { initial_option: shown } : {}),
            },
          ]
        : []),
      button(actionIds.editProgram, "Create a program", "new", options.length === 0),
    ],
  };
}

function figures(h: ProgramHealth): KnownBlock {
  const { enrolled, pairs, sessions, checkins, goals, milestones, feedback, messages } = h;
  const since =
    sessions.medianDaysSince === null
      ? "no sessions logged yet"
      : `median ${plural(sessions.medianDaysSince, "day")}`;
  const fields = [
    `*Enrolled*\n${plural(enrolled.mentees, "mentee")} · ${plural(enrolled.mentors, "mentor")}`,
    `*Matched*\n${h.matchedMentees} of ${enrolled.mentees} mentees (${percent(h.matchedMentees, enrolled.mentees)})`,
    `*Pairs*\n${pairs.active} active · ${pairs.paused} paused · ${pairs.closed} closed`,
    `*Since the last session*\n${since}${sessions.activeWithoutSession ? ` · ${plural(sessions.activeWithoutSession, "pair")} yet to meet` : ""}`,
    `*Check-ins answered (30 days)*\n${checkins.answered} of ${checkins.sent} (${percent(checkins.answered, checkins.sent)})`,
    `*Sessions held (30 days)*\n${sessions.heldRecently}`,
    `*Goals achieved*\n${goals.achieved} of ${goals.total} (${percent(goals.achieved, goals.total)})`,
    `*Milestones done*\n${milestones.done} of ${milestones.total} (${percent(milestones.done, milestones.total)})`,
    `*Feedback (90 days)*\n${feedback.average === null ? "none yet" : `${feedback.average.toFixed(1)} of 4 from ${plural(feedback.responses, "answer")}`}`,
    `*Messages (7 days)*\n${messages.sent} sent · ${messages.failed ? `*${messages.failed} failed*` : "0 failed"} · ${messages.waiting} planned`,
  ];
  return {
    type: "section",
    text: mrkdwn(
      `*${name(h.program.name)}*${h.program.status === "OPEN" ? "" : ` (${h.program.status.toLowerCase()})`}`,
    ),
    fields: fields.map((f) => mrkdwn(f, 2000)),
  };
}

const count = (n: number) => n.toLocaleString("en-US");

/** The AI line: what the workspace spent, per feature, how much fell back, and today's budget. */
export function aiUsageText(ai: AiUsageLine): string {
  if (!ai.configured) {
    return "*AI suggestions:* Tandem uses its local suggestions (AI not set up).";
  }
  const today = `today ${count(ai.tokensToday)} of ${count(ai.dailyBudget)} tokens (${percent(ai.tokensToday, ai.dailyBudget)})`;
  if (ai.requests === 0) {
    return `*AI suggestions* (workspace-wide): on, not used in the last ${ai.days} days · ${today}.`;
  }
  const features = ai.byFeature
    .map((f) => `${f.label} ${count(f.requests)}${f.failed ? ` (${count(f.failed)} fell back)` : ""}`)
    .join(", ");
  return truncate(
    `*AI suggestions* (workspace-wide, ${ai.days} days): ${plural(ai.requests, "request")}, ` +
      `${count(ai.tokens)} tokens · ${count(ai.failed)} fell back to local suggestions · ` +
      `${features} · ${today}.`,
    3000,
  );
}

function mentorLoad(h: ProgramHealth): KnownBlock[] {
  const load = h.mentorLoad;
  if (load.overCapacity === 0 && load.overCommitted === 0) {
    return [
      {
        type: "context",
        elements: [
          mrkdwn(
            `*Mentor load:* ${plural(load.mentors, "mentor")} with pairs, none over capacity or over-committed.`,
          ),
        ],
      },
    ];
  }
  const lines = load.listed.map((m) => {
    const over: string[] = [];
    if (m.pairs > m.capacity) over.push(`${plural(m.pairs, "pair")} here, program limit ${m.capacity}`);
    if (m.pairsEverywhere > m.ownCapacity) {
      over.push(`${plural(m.pairsEverywhere, "pair")} in all programs, own limit ${m.ownCapacity}`);
    }
    return `• <@${m.slackUserId}>: ${over.join("; ")}`;
  });
  const more =
    load.overCapacity + load.overCommitted > load.listed.length ? "\n…and more in the export." : "";
  return [
    {
      type: "section",
      text: mrkdwn(
        truncate(
          `*Mentor load:* ${plural(load.mentors, "mentor")} with pairs · *${load.overCapacity} over capacity* · ` +
            `*${load.overCommitted} over-committed*\n${lines.join("\n")}${more}`,
          3000,
        ),
      ),
    },
  ];
}

function atRisk(h: ProgramHealth): KnownBlock[] {
  const risk = h.atRisk;
  if (risk.total === 0) {
    return [{ type: "context", elements: [mrkdwn("*Pairs at risk:* none. Every active pair is on track.")] }];
  }
  const reasons = (Object.keys(riskReasonLabels) as Array<keyof typeof riskReasonLabels>)
    .filter((r) => risk.byReason[r] > 0)
    .map((r) => `${risk.byReason[r]} ${riskReasonLabels[r]}`)
    .join(" · ");
  const first = risk.page * risk.pageSize + 1;
  const last = risk.page * risk.pageSize + risk.pairs.length;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `*Pairs at risk: ${risk.total}* (${reasons})` +
          (risk.pairs.length ? `\nShowing ${first}–${last}, most reasons first.` : "\nNo more on this page."),
      ),
    },
  ];
  for (const p of risk.pairs) {
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(
          truncate(
            `*${name(p.mentorName)}* mentoring *${name(p.menteeName)}*: ${escapeMrkdwn(describeRisk(p))}`,
            3000,
          ),
        ),
      ],
    });
  }
  const pages: Button[] = [];
  if (risk.page > 0)
    pages.push(
      button(
        `${actionIds.atRiskPage}_previous`,
        "Previous pairs at risk",
        `${h.program.id}:${risk.page - 1}`,
      ),
    );
  if (last < risk.total)
    pages.push(
      button(`${actionIds.atRiskPage}_next`, "Next pairs at risk", `${h.program.id}:${risk.page + 1}`),
    );
  if (pages.length) blocks.push({ type: "actions", block_id: "at_risk_pages", elements: pages });
  return blocks;
}

function actions(h: ProgramHealth, draftRoundId: string | null): ActionsBlock {
  const id = h.program.id;
  return {
    type: "actions",
    block_id: blockIds.dashboardActions,
    elements: [
      button(actionIds.runRound, "Run matching round", id, true),
      ...(draftRoundId ? [button(actionIds.reviewRound, "Review draft round", draftRoundId)] : []),
      button(actionIds.announceProgram, "Announce", id),
      button(actionIds.exportProgram, "Export CSV", id),
      button(actionIds.editProgram, "Edit program", id),
      ...(h.messages.failed ? [button(actionIds.showFailedDeliveries, "See failed messages", id)] : []),
    ],
  };
}

export const announceBlocks = { channel: "announce_channel" } as const;

/** "Announce <program>": the channel its join card goes to (the last one used is preselected). */
export function announceModal(program: {
  id: string;
  name: string;
  announceChannelId: string | null;
}): ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.announceProgram,
    private_metadata: JSON.stringify({ programId: program.id }),
    title: plain("Announce a program", 24),
    submit: plain("Post join card", 24),
    close: plain("Cancel", 24),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `Tandem posts a join card for *${name(program.name)}* in the channel you pick: ` +
            "people join as mentee, mentor or both with one click.",
        ),
      },
      {
        type: "input",
        block_id: announceBlocks.channel,
        label: plain("Channel"),
        hint: plain("Public channels need Tandem invited first: /invite @Tandem"),
        element: {
          type: "conversations_select",
          action_id: INPUT_ACTION_ID,
          placeholder: plain("Choose a channel"),
          filter: {
            include: ["public", "private"],
            exclude_bot_users: true,
            exclude_external_shared_channels: true,
          },
          ...(program.announceChannelId ? { initial_conversation: program.announceChannelId } : {}),
        },
      },
    ],
  };
}
