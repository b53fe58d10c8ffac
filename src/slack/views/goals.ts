// Goals and milestones in Slack: the pair's goals modal (progress, "Mark done", "Recalibrate"),
// the "Add a goal" and recalibration forms, the milestone reminder DM, and the pair's group-DM
// celebration when a milestone (or a whole goal) is done.
import type { ActionsBlock, Button, KnownBlock, ModalView } from "@slack/types";
import { DateTime } from "luxon";
import { z } from "zod";
import type { MilestoneRow } from "../../ai/goal-coaching.ts";
import type { GoalKind } from "../../generated/prisma/enums.ts";
import {
  type GoalForm,
  type GoalsOverview,
  type GoalView,
  goalFields,
  goalLimits,
  type MarkDoneResult,
  type MilestoneCelebration,
  type MilestoneReminder,
  type MilestoneView,
  NEW_GOAL_MILESTONE_ROWS,
  REMIND_DAYS_BEFORE,
  type RevisionForm,
} from "../../services/goals.ts";
import type { PairView } from "../../services/pair-access.ts";
import { actionIds, callbackIds, goalIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import type { SlackMessage } from "./help.ts";
import { textInput } from "./inputs.ts";
import { pairPicker } from "./pairs.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

export const goalKindLabels: Record<GoalKind, string> = {
  PROFESSIONAL: "Professional growth",
  PERSONAL: "Personal growth",
};

const statusOptions = { OPEN: "Open", SKIPPED: "Skipped" } as const;
const DROP_OPTION = "Drop this goal: it no longer fits";

/** The actions block holding "Suggest milestones" in the goal form. */
export const SUGGEST_BLOCK = "suggest_milestones";

/**
 * Where a goal form goes back to (the goals modal it was pushed from, to refresh it), and what
 * "Suggest milestones" did: `round` counts the suggestions, and names the milestone inputs anew
 * each time (Slack keeps what is in an input whose ids don't change, whatever the update says);
 * `suggested` holds the rows filled with a suggestion, as suggested.
 */
export const goalMetadataSchema = z.object({
  mentorship: z.string(),
  parent: z.string().optional(),
  round: z.number().int().min(0).max(10_000).optional(),
  suggested: z
    .object({
      by: z.enum(["ai", "local"]),
      rows: z
        .array(
          z.object({
            row: z
              .number()
              .int()
              .min(0)
              .max(NEW_GOAL_MILESTONE_ROWS - 1),
            title: z.string().max(goalLimits.milestone),
            date: z.string().max(10).nullable(),
          }),
        )
        .max(NEW_GOAL_MILESTONE_ROWS),
    })
    .optional(),
});
export type GoalMetadata = z.infer<typeof goalMetadataSchema>;

/** A milestone row's block ids in the given suggestion round (round 0: the plain field names). */
export function milestoneBlockIds(n: number, round = 0): { title: string; date: string } {
  const suffix = round > 0 ? `.${round}` : "";
  return {
    title: `${goalFields.milestoneTitle(n)}${suffix}`,
    date: `${goalFields.milestoneDate(n)}${suffix}`,
  };
}

/** The block an error about `field` belongs to, in this round of the goal form. */
export function goalFormBlockOf(field: string, round = 0): string {
  const match = /^milestone_(\d+)_(title|date)$/.exec(field);
  if (!match) return field;
  const ids = milestoneBlockIds(Number(match[1]), round);
  return match[2] === "title" ? ids.title : ids.date;
}

/** What the goal form shows when it is drawn again (after "Suggest milestones"). */
export interface GoalFormDraft {
  title?: string | undefined;
  kind?: GoalKind | undefined;
  why?: string | undefined;
  targetDate?: string | undefined;
  /** The milestone rows, in order. */
  milestones: MilestoneRow[];
}

/** The line above the milestones: who suggested them (and why not AI), or what to do first. */
export type SuggestionNote = { by: "ai" } | { by: "local"; reason: string } | { hint: string };

export const AI_LABEL = "Suggested by AI — edit or clear any of them before saving.";
export const localLabel = (reason: string) =>
  `Suggested by Tandem (no AI: ${reason}) — edit or clear any of them.`;

export const reviseMetadataSchema = z.object({
  goal: z.string(),
  mentorship: z.string(),
  /** The milestones the form lets the mentee edit, in order. */
  editable: z.array(z.string()).max(12),
  canAdd: z.boolean().default(false),
  parent: z.string().optional(),
});
export type ReviseMetadata = z.infer<typeof reviseMetadataSchema>;

const button = (actionId: string, text: string, value: string, style?: "primary" | "danger"): Button => ({
  type: "button",
  action_id: actionId,
  text: plain(text, 75),
  value,
  ...(style ? { style } : {}),
});

const actions = (...elements: Button[]): ActionsBlock => ({ type: "actions", elements });

/** "Fri 12 Jun", with the year when it isn't this year's. */
export function shortDate(iso: string, today?: string): string {
  const day = DateTime.fromISO(iso, { zone: "UTC" });
  if (!day.isValid) return iso;
  const sameYear = today ? today.slice(0, 4) === iso.slice(0, 4) : true;
  return day.toFormat(sameYear ? "ccc d LLL" : "ccc d LLL yyyy");
}

/** "3 Dec", with the year when it isn't this year's. */
function dayMonth(iso: string, today: string): string {
  const day = DateTime.fromISO(iso, { zone: "UTC" });
  if (!day.isValid) return iso;
  return day.toFormat(today.slice(0, 4) === iso.slice(0, 4) ? "d LLL" : "d LLL yyyy");
}

function longDate(iso: string): string {
  const day = DateTime.fromISO(iso, { zone: "UTC" });
  return day.isValid ? day.toFormat("cccc d LLLL") : iso;
}

export function progressText(g: { done: number; total: number }): string {
  return `${g.done} of ${g.total} milestone${g.total === 1 ? "" : "s"} done`;
}

function milestoneLine(ms: MilestoneView, today: string): string {
  const title = escapeMrkdwn(truncate(ms.title, 200));
  switch (ms.status) {
    case "DONE":
      return `:white_check_mark: ${title}${ms.completedOn ? ` · done ${dayMonth(ms.completedOn, today)}` : ""}`;
    case "SKIPPED":
      return `:heavy_minus_sign: ~${title}~ · skipped`;
    default: {
      const when = ms.targetDate ? ` · by ${shortDate(ms.targetDate, today)}` : "";
      return `:white_large_square: ${title}${when}${ms.overdue ? " · *overdue*" : ""}`;
    }
  }
}

function goalBlocks(g: GoalView, o: GoalsOverview, n: number): KnownBlock[] {
  const why = g.why ? `\n_${escapeMrkdwn(truncate(g.why.replace(/\s+/g, " "), 300))}_` : "";
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `*${n}. ${escapeMrkdwn(g.title)}*\n${goalKindLabels[g.kind]} · ${progressText(g)}` +
          `${g.aiSuggested ? " · milestones drafted with AI" : ""}${why}`,
      ),
    },
  ];
  if (g.lastRevision) {
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(
          `Recalibrated on ${dayMonth(g.lastRevision.on, o.today)}: ${escapeMrkdwn(truncate(g.lastRevision.reason, 500))}`,
        ),
      ],
    });
  }
  for (const ms of g.milestones) {
    blocks.push({
      type: "section",
      text: mrkdwn(milestoneLine(ms, o.today)),
      ...(ms.status === "OPEN" && o.running
        ? { accessory: button(actionIds.milestoneDone, "Mark done", ms.id) }
        : {}),
    });
  }
  if (o.role === "mentee" && o.running)
    blocks.push(actions(button(actionIds.reviseGoal, "Recalibrate", g.id)));
  blocks.push({ type: "divider" });
  return blocks;
}

/** The pair's goals: each with its progress and milestones, and what the viewer may do. */
export function goalsModal(o: GoalsOverview): ModalView {
  const mentee = escapeMrkdwn(o.menteeName);
  const partner = escapeMrkdwn(o.partnerName);
  const program = escapeMrkdwn(o.programName);
  const intro =
    o.role === "mentee"
      ? `*Your goals* with your mentor *${partner}* · ${program}`
      : `*${mentee}'s goals* · you're their mentor · ${program}`;
  const blocks: KnownBlock[] = [];
  const none =
    o.role === "mentee"
      ? "You haven't set any goals yet. Two or three work best, professional or personal growth, each broken into a few dated milestones."
      : `${mentee} hasn't set any goals yet. You could suggest shaping two or three when you next meet.`;
  blocks.push({
    type: "section",
    text: mrkdwn(
      `${intro}${o.running ? "" : "\n_This mentorship has ended: its goals are kept as they were._"}${
        o.active.length === 0 ? `\n\n${none}` : ""
      }`,
    ),
  });
  o.active.forEach((g, i) => {
    blocks.push(...goalBlocks(g, o, i + 1));
  });
  if (o.achieved.length) {
    const shown = o.achieved.slice(0, 10).map((g) => {
      const on = g.achievedOn ? ` (${dayMonth(g.achievedOn, o.today)})` : "";
      return `• ${escapeMrkdwn(truncate(g.title, 150))}${on} · ${progressText(g)}`;
    });
    const more = o.achieved.length > 10 ? `\n…and ${o.achieved.length - 10} more` : "";
    blocks.push({ type: "section", text: mrkdwn(`:trophy: *Achieved*\n${shown.join("\n")}${more}`) });
  }
  if (o.canAdd) blocks.push(actions(button(actionIds.addGoal, "Add a goal", o.mentorshipId, "primary")));
  const footer =
    o.role === "mentee"
      ? o.running && !o.canAdd
        ? `You have ${o.active.length} active goals: the most that helps. Recalibrate or drop one to add another.`
        : `You and ${partner} can both mark milestones done; you add and recalibrate goals. Tandem reminds you ${REMIND_DAYS_BEFORE} days before a milestone's date.`
      : `You can mark milestones done; ${mentee} adds and recalibrates goals. Only the two of you see them.`;
  blocks.push({
    type: "context",
    elements: [
      mrkdwn(
        footer +
          (o.dropped
            ? ` ${o.dropped} dropped goal${o.dropped === 1 ? " is" : "s are"} kept in the history.`
            : ""),
      ),
    ],
  });
  return {
    type: "modal",
    callback_id: goalIds.goalsView,
    private_metadata: JSON.stringify({ mentorship: o.mentorshipId }),
    title: plain("Goals"),
    close: plain("Done"),
    blocks: blocks.slice(0, 100),
  };
}

/** `/mentor goals` by someone in several mentorships: whose goals first. */
export function goalsPairModal(pairs: PairView[]): ModalView {
  return {
    type: "modal",
    callback_id: goalIds.pickPair,
    title: plain("Goals"),
    submit: plain("Show goals"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: mrkdwn("You're in more than one mentorship. Whose goals would you like to see?"),
      },
      ...pairPicker(pairs, "Which mentorship?"),
    ],
  };
}

const datepicker = (blockId: string, label: string, initial: string | null): KnownBlock => ({
  type: "input",
  block_id: blockId,
  optional: true,
  label: plain(label),
  element: {
    type: "datepicker",
    action_id: INPUT_ACTION_ID,
    placeholder: plain("Pick a date"),
    ...(initial ? { initial_date: initial } : {}),
  },
});

/**
 * "Add a goal": title, kind, why it matters, an optional target date, "Suggest milestones", and up
 * to three dated milestones. Drawn again after a suggestion with everything typed kept (`draft`)
 * and a line saying who suggested the milestones (`note`).
 */
export function goalModal(
  form: GoalForm,
  meta: GoalMetadata,
  draft?: GoalFormDraft,
  note?: SuggestionNote,
): ModalView {
  const kindOptions = (Object.keys(goalKindLabels) as GoalKind[]).map((k) => ({
    text: plain(goalKindLabels[k]),
    value: k,
  }));
  const initialKind = kindOptions.find((o) => o.value === draft?.kind) ?? kindOptions[0];
  const round = meta.round ?? 0;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `A goal for your mentorship with *${escapeMrkdwn(form.partnerName)}* · ${escapeMrkdwn(form.programName)}. ` +
          "Break it into a few concrete milestones with dates: Tandem reminds you a few days before each.",
      ),
    },
    textInput(goalFields.title, "Goal", draft?.title, {
      max: goalLimits.title,
      placeholder: "e.g. Submit my first grant application",
    }),
    {
      type: "input",
      block_id: goalFields.kind,
      label: plain("Kind of goal"),
      element: {
        type: "radio_buttons",
        action_id: INPUT_ACTION_ID,
        options: kindOptions,
        ...(initialKind ? { initial_option: initialKind } : {}),
      },
    },
    textInput(goalFields.why, "Why it matters", draft?.why, {
      optional: true,
      max: goalLimits.why,
      multiline: true,
      hint: `Visible to you and ${form.partnerName}.`,
    }),
    datepicker(goalFields.target, "Target date for the goal", draft?.targetDate ?? null),
    {
      type: "actions",
      block_id: SUGGEST_BLOCK,
      elements: [button(actionIds.suggestMilestones, "Suggest milestones", "suggest")],
    },
    { type: "context", elements: [mrkdwn(noteText(note))] },
  ];
  for (let n = 1; n <= NEW_GOAL_MILESTONE_ROWS; n++) {
    const row = draft?.milestones[n - 1];
    const ids = milestoneBlockIds(n, round);
    blocks.push(
      textInput(ids.title, `Milestone ${n}`, row?.title, {
        optional: n > 1,
        max: goalLimits.milestone,
        ...(n === 1 ? { placeholder: "e.g. Draft the specific aims page" } : {}),
      }),
      datepicker(ids.date, `Target date for milestone ${n}`, row?.targetDate ?? null),
    );
  }
  blocks.push({
    type: "context",
    elements: [
      mrkdwn("You can add milestones (up to six), move dates or skip one later with *Recalibrate*."),
    ],
  });
  return {
    type: "modal",
    callback_id: callbackIds.goal,
    private_metadata: JSON.stringify(meta),
    title: plain("Add a goal"),
    submit: plain("Save goal"),
    close: plain("Cancel"),
    blocks,
  };
}

function noteText(note: SuggestionNote | undefined): string {
  if (!note) return "Not sure how to break it down? *Suggest milestones* drafts two or three from your goal.";
  if ("hint" in note) return `:point_up: ${escapeMrkdwn(note.hint)}`;
  return note.by === "ai" ? `:sparkles: ${AI_LABEL}` : escapeMrkdwn(localLabel(note.reason));
}

/** Recalibration: rename, move, skip or add milestones, or drop the goal, saying why. */
export function reviseModal(form: RevisionForm, meta: ReviseMetadata): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        "Plans change: that's what recalibrating is for. Your reason is kept with the goal, and " +
          `${escapeMrkdwn(form.partnerName)} sees the latest one.`,
      ),
    },
    textInput(goalFields.title, "Goal", form.title, { max: goalLimits.title }),
  ];
  const statusOption = (s: "OPEN" | "SKIPPED") => ({ text: plain(statusOptions[s]), value: s });
  form.milestones.forEach((ms, i) => {
    const n = i + 1;
    if (ms.status === "DONE") {
      blocks.push({
        type: "context",
        elements: [
          mrkdwn(
            `Milestone ${n}: :white_check_mark: ${escapeMrkdwn(ms.title)}${ms.completedOn ? ` (done ${dayMonth(ms.completedOn, form.today)})` : ""}`,
          ),
        ],
      });
      return;
    }
    blocks.push(
      { type: "divider" },
      textInput(goalFields.existingTitle(ms.id), `Milestone ${n}`, ms.title, { max: goalLimits.milestone }),
      datepicker(goalFields.existingDate(ms.id), `Target date for milestone ${n}`, ms.targetDate),
      {
        type: "input",
        block_id: goalFields.existingStatus(ms.id),
        label: plain(`Milestone ${n} status`),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION_ID,
          options: [statusOption("OPEN"), statusOption("SKIPPED")],
          initial_option: statusOption(ms.status === "SKIPPED" ? "SKIPPED" : "OPEN"),
        },
      },
    );
  });
  if (form.canAddMilestone) {
    blocks.push(
      { type: "divider" },
      textInput(goalFields.newTitle, "New milestone", undefined, {
        optional: true,
        max: goalLimits.milestone,
      }),
      datepicker(goalFields.newDate, "Target date for the new milestone", null),
    );
  }
  const dropOption = { text: plain(DROP_OPTION), value: "drop" };
  blocks.push(
    { type: "divider" },
    {
      type: "input",
      block_id: goalFields.drop,
      optional: true,
      label: plain("Drop the goal?"),
      element: { type: "checkboxes", action_id: INPUT_ACTION_ID, options: [dropOption] },
    },
    textInput(goalFields.reason, "Why the change?", undefined, {
      max: goalLimits.reason,
      multiline: true,
      placeholder: "e.g. The grant call moved to March",
    }),
  );
  return {
    type: "modal",
    callback_id: callbackIds.reviseGoal,
    private_metadata: JSON.stringify(meta),
    title: plain("Recalibrate a goal"),
    submit: plain("Save changes"),
    close: plain("Cancel"),
    blocks,
  };
}

/** The mentee's reminder, a few days before a milestone's date. */
export function milestoneReminderMessage(r: MilestoneReminder): SlackMessage {
  const ms = escapeMrkdwn(r.milestoneTitle);
  const goal = escapeMrkdwn(r.goalTitle);
  const date = longDate(r.targetDate);
  const when =
    r.daysLeft > 1
      ? `is due on ${date}`
      : r.daysLeft === 1
        ? `is due tomorrow, ${date}`
        : r.daysLeft === 0
          ? `is due today, ${date}`
          : `was due on ${date}`;
  const text = `Milestone reminder: ${r.milestoneTitle} (goal: ${r.goalTitle}) ${when}.`;
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(`:dart: *Milestone reminder*\n*${ms}* (goal: *${goal}*) ${when}.`) },
      actions(
        button(actionIds.milestoneDone, "Mark done", r.milestoneId, "primary"),
        button(actionIds.reviseGoal, "Recalibrate", r.goalId),
      ),
      {
        type: "context",
        elements: [
          mrkdwn(
            `Done already? Mark it done and ${escapeMrkdwn(r.partnerName)} will see it too. ` +
              "Plans changed? Recalibrate to move the date or rethink the step.",
          ),
        ],
      },
    ],
  };
}

/** What replaces the reminder (or answers the click) once a milestone is marked done. */
export function markedDoneMessage(r: MarkDoneResult): SlackMessage {
  const ms = escapeMrkdwn(r.milestoneTitle);
  const goal = escapeMrkdwn(r.goalTitle);
  const text = r.already
    ? `:white_check_mark: *${ms}* was already marked done.`
    : r.goalAchieved
      ? `:trophy: Done: *${ms}*. That was the last one: *${goal}* is achieved!`
      : `:white_check_mark: Done: *${ms}* (${goal}, ${progressText(r)}). ${escapeMrkdwn(r.partnerName)} will see it in your group DM.`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

/** The pair's group DM celebrates a milestone; a goal achieved gets the bigger celebration. */
export function celebrationMessage(c: MilestoneCelebration): SlackMessage {
  const mentee = escapeMrkdwn(c.menteeName);
  const ms = escapeMrkdwn(c.milestoneTitle);
  const goal = escapeMrkdwn(c.goalTitle);
  const seeGoals = actions(button(actionIds.openGoals, "See goals", c.mentorshipId));
  if (c.goalAchieved) {
    const done = c.doneTitles
      .slice(0, 10)
      .map((t) => `:white_check_mark: ${escapeMrkdwn(truncate(t, 150))}`)
      .join("\n");
    return {
      text: `Goal achieved! ${c.menteeName} achieved “${c.goalTitle}”.`,
      blocks: [
        { type: "header", text: plain(":trophy: Goal achieved!") },
        {
          type: "section",
          text: mrkdwn(
            `*${mentee}* achieved *${goal}* (${goalKindLabels[c.goalKind].toLowerCase()}), with *${escapeMrkdwn(c.mentorName)}* alongside. ` +
              `The last step was *${ms}*.\n\n${done}`,
          ),
        },
        {
          type: "context",
          elements: [
            mrkdwn(
              ":tada: A real win. Next time you meet, look back together: what made the difference, and what's next?",
            ),
          ],
        },
        seeGoals,
      ],
    };
  }
  return {
    text: `Milestone reached: ${c.menteeName} completed “${c.milestoneTitle}” (${c.goalTitle}).`,
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `:tada: *Milestone reached!* *${mentee}* completed *${ms}*, a step towards *${goal}*.\n${progressText(c)}.`,
        ),
      },
      seeGoals,
    ],
  };
}
