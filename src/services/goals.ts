// Goals and milestones: a mentee's two or three goals in a mentorship, each broken into dated
// milestones, with reminders, celebrations and recalibration (the reason is kept).
//
// Goals belong to the mentee (Goal.ownerId) of one mentorship; both people of the pair see them
// and may tick milestones off, only the mentee adds or recalibrates them, nobody else sees them.
// A milestone's reminder is a job keyed by its target date: when the date changes, the old job
// finds the date moved and does nothing, and a new one is planned.

import { DateTime } from "luxon";
import type { AiClient } from "../ai/client.ts";
import { aiFailureLabels } from "../ai/client.ts";
import {
  aiMilestones,
  fallbackMilestones,
  type GoalDraft,
  type MilestoneSuggestion,
} from "../ai/goal-coaching.ts";
import { namePartsOf } from "../ai/privacy.ts";
import { personConsent } from "../domain/ai-consent.ts";
import { isKnownTimeZone, isoDateOf, localDate } from "../domain/dates.ts";
import { milestoneProgress } from "../domain/goals.ts";
import { mentorshipJobKey } from "../domain/jobs.ts";
import { displayNameOf, unreachableReason } from "../domain/members.ts";
import { deliveryTime, programWindow } from "../domain/schedule.ts";
import type { GoalKind, GoalStatus, MilestoneStatus } from "../generated/prisma/enums.ts";
import type { Db, Member, Prisma, PrismaClient, Program } from "./db.ts";
import { FieldError, NotFoundError, UserError } from "./errors.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import {
  type Pair,
  type PairView,
  pairInclude,
  partnerOf,
  reachable,
  requirePair,
  runningPairsOf,
  type Step,
} from "./pair-access.ts";

/** More than three goals at once dilutes them: the mentee finishes or drops one first. */
export const MAX_ACTIVE_GOALS = 3;
export const MAX_MILESTONES = 6;
/** Milestone rows in the "Add a goal" form; more can be added when recalibrating. */
export const NEW_GOAL_MILESTONE_ROWS = 3;
/** The reminder goes out this many days before a milestone's target date. */
export const REMIND_DAYS_BEFORE = 3;
/** Feedback is invited an hour after a milestone is completed (in working hours). */
const FEEDBACK_DELAY_MS = 60 * 60 * 1000;
const MAX_YEARS_AHEAD = 5;

export const goalLimits = { title: 150, milestone: 150, why: 1000, reason: 1000 } as const;

/** Form fields. The modals use them as block ids, so an error lands next to its field. */
export const goalFields = {
  title: "title",
  kind: "kind",
  why: "why",
  /** The goal's own target date (optional): milestones come before it. */
  target: "target",
  /** Rows of the "Add a goal" form, from 1. */
  milestoneTitle: (row: number) => `milestone_${row}_title`,
  milestoneDate: (row: number) => `milestone_${row}_date`,
  /** A milestone being recalibrated, by its id. */
  existingTitle: (id: string) => `ms_${id}_title`,
  existingDate: (id: string) => `ms_${id}_date`,
  existingStatus: (id: string) => `ms_${id}_status`,
  newTitle: "new_title",
  newDate: "new_date",
  drop: "drop",
  reason: "reason",
} as const;

export interface NewGoalInput {
  title: string;
  kind: string;
  why?: string | undefined;
  /** The goal's own target date (YYYY-MM-DD), when chosen; else the latest milestone's. */
  targetDate?: string | undefined;
  /** The form's milestone rows in order (YYYY-MM-DD dates); empty rows are ignored. */
  milestones: Array<{ title?: string | undefined; targetDate?: string | undefined }>;
  /** Some of the milestones saved were suggested by AI (and kept, maybe edited, by the mentee). */
  aiSuggested?: boolean | undefined;
}

/** What "Suggest milestones" works from: the goal form as the mentee left it. */
export interface GoalDraftInput {
  title: string;
  kind: string;
  why?: string | undefined;
  targetDate?: string | undefined;
}

export interface RevisionInput {
  title: string;
  /** The milestones the form let the mentee edit (done ones are not editable). */
  milestones: Array<{
    id: string;
    title?: string | undefined;
    targetDate?: string | undefined;
    status: "OPEN" | "SKIPPED";
  }>;
  added?: { title?: string | undefined; targetDate?: string | undefined } | undefined;
  drop: boolean;
  reason: string;
}

export interface MilestoneView {
  id: string;
  title: string;
  /** YYYY-MM-DD, a calendar date. */
  targetDate: string | null;
  status: MilestoneStatus;
  /** The day it was done, in the viewer's time zone. */
  completedOn: string | null;
  /** Still open and its date is before the viewer's today. */
  overdue: boolean;
}

export interface GoalView {
  id: string;
  title: string;
  kind: GoalKind;
  why: string | null;
  status: GoalStatus;
  /** Its first milestones were drafted with AI (then kept or edited by the mentee). */
  aiSuggested: boolean;
  milestones: MilestoneView[];
  /** Milestones done, and those that count (skipped ones don't). */
  done: number;
  total: number;
  /** The day it was achieved, in the viewer's time zone. */
  achievedOn: string | null;
  lastRevision: { on: string; reason: string } | null;
}

/** The pair's goals as one of its two people sees them. */
export interface GoalsOverview {
  mentorshipId: string;
  role: "mentor" | "mentee";
  menteeName: string;
  partnerName: string;
  programName: string;
  /** False once the mentorship has ended: goals can be read, not changed. */
  running: boolean;
  /** Today in the viewer's time zone (YYYY-MM-DD). */
  today: string;
  active: GoalView[];
  achieved: GoalView[];
  dropped: number;
  /** The viewer is the mentee, the pair is running and fewer than three goals are active. */
  canAdd: boolean;
}

export interface GoalForm {
  mentorshipId: string;
  partnerName: string;
  programName: string;
  today: string;
  activeGoals: number;
}

export interface RevisionForm {
  goalId: string;
  mentorshipId: string;
  title: string;
  kind: GoalKind;
  partnerName: string;
  today: string;
  milestones: Array<Omit<MilestoneView, "overdue">>;
  canAddMilestone: boolean;
}

export interface MilestoneReminder {
  milestoneId: string;
  goalId: string;
  milestoneTitle: string;
  goalTitle: string;
  targetDate: string;
  /** Days from the mentee's today to the target date (0 today, negative when past). */
  daysLeft: number;
  partnerName: string;
}

export interface MilestoneCelebration {
  mentorshipId: string;
  milestoneTitle: string;
  goalTitle: string;
  goalKind: GoalKind;
  menteeName: string;
  mentorName: string;
  done: number;
  total: number;
  /** This milestone completed its goal. */
  goalAchieved: boolean;
  /** The goal's done milestones, in order (for the bigger celebration). */
  doneTitles: string[];
}

export type GroupStep<T> = { do: "send"; to: string[]; what: T } | { do: "skip"; reason: string };

export interface MarkDoneResult {
  mentorshipId: string;
  milestoneTitle: string;
  goalTitle: string;
  partnerName: string;
  /** It was done already: nothing changed, nobody is told again. */
  already: boolean;
  goalAchieved: boolean;
  done: number;
  total: number;
  /** Both people's Slack ids, to refresh their Home. */
  pair: string[];
}

export interface GoalChange {
  mentorshipId: string;
  goalId: string;
  pair: string[];
  status: GoalStatus;
}

type GoalWithMilestones = Prisma.GoalGetPayload<{ include: { milestones: true } }>;

const dayOf = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const zoneOf = (tz: string) => (isKnownTimeZone(tz) ? tz : "UTC");
const clean = (text: string | undefined | null) => (text ?? "").replace(/\s+/g, " ").trim();
const byPosition = <T extends { position: number; createdAt: Date }>(a: T, b: T) =>
  a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime();

/**
 * When a milestone's reminder goes out: three days before its target date (or now, when that is
 * sooner), in the mentee's working hours and time zone.
 */
export function reminderTime(targetDate: string, mentee: Member, program: Program, now: Date): Date {
  const from = DateTime.fromISO(targetDate, { zone: zoneOf(mentee.tz) })
    .minus({ days: REMIND_DAYS_BEFORE })
    .startOf("day")
    .toJSDate();
  return deliveryTime(from, mentee, now, programWindow(program));
}

async function planReminder(
  tx: Db,
  m: Pair,
  milestone: { id: string; targetDate: Date | null },
  now: Date,
): Promise<void> {
  if (!milestone.targetDate) return;
  const date = isoDateOf(milestone.targetDate);
  await enqueue(
    tx,
    {
      workspaceId: m.program.workspaceId,
      programId: m.programId,
      kind: "milestone_due",
      key: mentorshipJobKey("milestone_due", m.id, milestone.id, date),
      payload: { mentorshipId: m.id, milestoneId: milestone.id, targetDate: date },
      dueAt: reminderTime(date, m.mentee, m.program, now),
    },
    now,
  );
}

/** A chosen target date: a real date, not before today, within five years. */
function checkDate(date: string | undefined, today: string, field: string): string | null {
  if (!date) return null;
  const day = DateTime.fromISO(date, { zone: "UTC" });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !day.isValid) throw new FieldError(field, "Choose a date.");
  if (date < today) throw new FieldError(field, "That date is in the past. Choose today or a later date.");
  const latest = DateTime.fromISO(today, { zone: "UTC" }).plus({ years: MAX_YEARS_AHEAD });
  if (day > latest) throw new FieldError(field, "Choose a date within the next five years.");
  return date;
}

function checkLength(text: string, max: number, field: string, what: string): string {
  if (text.length > max) throw new FieldError(field, `${what} can be up to ${max} characters.`);
  return text;
}

function snapshot(goal: {
  title: string;
  status: GoalStatus;
  milestones: Array<{ id: string; title: string; targetDate: Date | null; status: MilestoneStatus }>;
}) {
  return {
    title: goal.title,
    status: goal.status,
    milestones: goal.milestones.map((ms) => ({
      id: ms.id,
      title: ms.title,
      targetDate: ms.targetDate ? isoDateOf(ms.targetDate) : null,
      status: ms.status,
    })),
  };
}

/** The latest target date among the milestones that still count, for the goal itself. */
function goalTargetDate(milestones: Array<{ targetDate: Date | null; status: MilestoneStatus }>) {
  const dates = milestones
    .filter((ms) => ms.status !== "SKIPPED" && ms.targetDate)
    .map((ms) => (ms.targetDate as Date).getTime());
  return dates.length ? new Date(Math.max(...dates)) : null;
}

export class GoalService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The running mentorships of a person, for "whose goals?". */
  pairs(workspaceId: string, slackUserId: string): Promise<PairView[]> {
    return runningPairsOf(this.prisma, workspaceId, slackUserId);
  }

  /** The pair's goals, as the viewer (one of the two) sees them; an ended pair's can be read. */
  async overview(workspaceId: string, slackUserId: string, mentorshipId: string): Promise<GoalsOverview> {
    const { m, person, partner, role } = await requirePair(
      this.prisma,
      workspaceId,
      slackUserId,
      mentorshipId,
      { running: false },
    );
    const goals = await this.prisma.goal.findMany({
      where: { mentorshipId: m.id, ownerId: m.menteeId },
      include: {
        milestones: true,
        revisions: { orderBy: { createdAt: "desc" }, take: 1 },
      },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    });
    const tz = zoneOf(person.tz);
    const today = localDate(this.now(), tz);
    const running = m.status === "ACTIVE" || m.status === "PAUSED";
    const views: GoalView[] = goals.map((g) => {
      const milestones = [...g.milestones].sort(byPosition);
      const revision = g.revisions[0];
      return {
        id: g.id,
        title: g.title,
        kind: g.kind,
        why: g.description,
        status: g.status,
        aiSuggested: g.aiSuggested,
        milestones: milestones.map((ms) => {
          const targetDate = ms.targetDate ? isoDateOf(ms.targetDate) : null;
          return {
            id: ms.id,
            title: ms.title,
            targetDate,
            status: ms.status,
            completedOn: ms.completedAt ? localDate(ms.completedAt, tz) : null,
            overdue: ms.status === "OPEN" && targetDate !== null && targetDate < today,
          };
        }),
        ...milestoneProgress(milestones),
        achievedOn: g.achievedAt ? localDate(g.achievedAt, tz) : null,
        lastRevision: revision ? { on: localDate(revision.createdAt, tz), reason: revision.reason } : null,
      };
    });
    const active = views.filter((g) => g.status === "ACTIVE");
    return {
      mentorshipId: m.id,
      role,
      menteeName: displayNameOf(m.mentee),
      partnerName: displayNameOf(partner),
      programName: m.program.name,
      running,
      today,
      active,
      achieved: views.filter((g) => g.status === "ACHIEVED"),
      dropped: views.filter((g) => g.status === "DROPPED").length,
      canAdd: running && role === "mentee" && active.length < MAX_ACTIVE_GOALS,
    };
  }

  /** What the "Add a goal" form needs; refuses the mentor, and a fourth goal. */
  async goalForm(workspaceId: string, slackUserId: string, mentorshipId: string): Promise<GoalForm> {
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, mentorshipId);
    this.requireMentee(pair, "add");
    const activeGoals = await this.activeCount(this.prisma, pair.m);
    if (activeGoals >= MAX_ACTIVE_GOALS) throw new UserError(this.tooManyGoals(pair));
    return {
      mentorshipId: pair.m.id,
      partnerName: displayNameOf(pair.partner),
      programName: pair.m.program.name,
      today: localDate(this.now(), zoneOf(pair.person.tz)),
      activeGoals,
    };
  }

  /**
   * "Suggest milestones" in the goal form: two or three dated milestones for the goal typed so
   * far. AI writes them when it is set up and the mentee allows it in this mentorship's program
   * (the goal is their own text); otherwise, or when the AI answer is slow, busy or unusable,
   * Tandem's own ones, with the reason. Nothing is saved: the mentee edits and saves the form.
   */
  async suggestMilestones(
    workspaceId: string,
    slackUserId: string,
    mentorshipId: string,
    input: GoalDraftInput,
    ai: AiClient,
  ): Promise<MilestoneSuggestion> {
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, mentorshipId);
    this.requireMentee(pair, "add");
    const { m, person, partner } = pair;
    const today = localDate(this.now(), zoneOf(person.tz));
    const title = clean(input.title);
    if (!title) throw new FieldError(goalFields.title, "Type your goal first, then ask for milestones.");
    const draft: GoalDraft = {
      title: title.slice(0, goalLimits.title),
      why: (input.why ?? "").trim().slice(0, goalLimits.why) || undefined,
      kind: input.kind === "PERSONAL" ? "PERSONAL" : "PROFESSIONAL",
      targetDate: input.targetDate,
      today,
    };
    const local = (reason: string): MilestoneSuggestion => ({
      by: "local",
      reason,
      milestones: fallbackMilestones(draft),
    });
    if (!ai.configured) return local(aiFailureLabels.off);
    const consent = personConsent(person, [m.program]);
    if (!consent.allowed) return local(consent.reason);
    const names = namePartsOf(person.realName, person.displayName, partner.realName, partner.displayName);
    const answer = await aiMilestones(ai, m.program.workspaceId, draft, names);
    return answer.ok ? { by: "ai", milestones: answer.milestones } : local(aiFailureLabels[answer.failure]);
  }

  /** The mentee adds a goal with its first milestones; their reminders are planned. */
  async addGoal(
    workspaceId: string,
    slackUserId: string,
    mentorshipId: string,
    input: NewGoalInput,
  ): Promise<GoalChange> {
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, mentorshipId);
    this.requireMentee(pair, "add");
    const { m, person } = pair;
    const now = this.now();
    const today = localDate(now, zoneOf(person.tz));
    const title = clean(input.title);
    if (!title) throw new FieldError(goalFields.title, "Give your goal a short title.");
    checkLength(title, goalLimits.title, goalFields.title, "A goal's title");
    if (input.kind !== "PROFESSIONAL" && input.kind !== "PERSONAL")
      throw new FieldError(goalFields.kind, "Choose professional or personal growth.");
    const kind: GoalKind = input.kind;
    const why = (input.why ?? "").trim();
    checkLength(why, goalLimits.why, goalFields.why, "Why it matters");
    const goalDate = checkDate(input.targetDate, today, goalFields.target);
    const milestones: Array<{ title: string; targetDate: Date | null }> = [];
    input.milestones.forEach((row, i) => {
      const n = i + 1;
      const msTitle = clean(row.title);
      if (!msTitle) {
        if (row.targetDate)
          throw new FieldError(
            goalFields.milestoneTitle(n),
            `Give milestone ${n} a title, or clear its date.`,
          );
        return;
      }
      checkLength(msTitle, goalLimits.milestone, goalFields.milestoneTitle(n), "A milestone");
      const date = checkDate(row.targetDate, today, goalFields.milestoneDate(n));
      if (date && goalDate && date > goalDate) {
        throw new FieldError(
          goalFields.milestoneDate(n),
          "That's after the goal's target date. Choose an earlier date, or move the goal's date.",
        );
      }
      milestones.push({ title: msTitle, targetDate: date ? dayOf(date) : null });
    });
    if (milestones.length === 0) {
      throw new FieldError(
        goalFields.milestoneTitle(1),
        "Add at least one milestone: a first concrete step towards the goal.",
      );
    }
    if (milestones.length > MAX_MILESTONES) {
      throw new FieldError(
        goalFields.milestoneTitle(1),
        `A goal can have up to ${MAX_MILESTONES} milestones.`,
      );
    }
    const goal = await this.prisma.$transaction(async (tx) => {
      // One goal at a time per pair, so two forms submitted together can't make a fourth goal.
      await tx.$queryRaw`SELECT id FROM "Mentorship" WHERE id = ${m.id} FOR UPDATE`;
      if ((await this.activeCount(tx, m)) >= MAX_ACTIVE_GOALS)
        throw new FieldError(goalFields.title, this.tooManyGoals(pair));
      const last = await tx.goal.aggregate({
        where: { mentorshipId: m.id, ownerId: m.menteeId },
        _max: { position: true },
      });
      const created = await tx.goal.create({
        data: {
          ownerId: m.menteeId,
          mentorshipId: m.id,
          title,
          kind,
          description: why || null,
          position: (last._max.position ?? -1) + 1,
          targetDate: goalDate
            ? dayOf(goalDate)
            : goalTargetDate(milestones.map((ms) => ({ ...ms, status: "OPEN" as const }))),
          aiSuggested: input.aiSuggested === true,
          milestones: { create: milestones.map((ms, position) => ({ ...ms, position })) },
        },
        include: { milestones: true },
      });
      for (const ms of created.milestones) await planReminder(tx, m, ms, now);
      return created;
    });
    this.jobsEnqueued();
    return { mentorshipId: m.id, goalId: goal.id, pair: this.slackIds(m), status: goal.status };
  }

  /** What the recalibration form needs; only the mentee recalibrates, and only active goals. */
  async revisionForm(workspaceId: string, slackUserId: string, goalId: string): Promise<RevisionForm> {
    const { goal, pair } = await this.goalOf(workspaceId, slackUserId, goalId);
    this.requireMentee(pair, "recalibrate");
    if (goal.status !== "ACTIVE") throw new UserError(this.notActive(goal));
    const tz = zoneOf(pair.person.tz);
    const milestones = [...goal.milestones].sort(byPosition);
    return {
      goalId: goal.id,
      mentorshipId: pair.m.id,
      title: goal.title,
      kind: goal.kind,
      partnerName: displayNameOf(pair.partner),
      today: localDate(this.now(), tz),
      milestones: milestones.map((ms) => ({
        id: ms.id,
        title: ms.title,
        targetDate: ms.targetDate ? isoDateOf(ms.targetDate) : null,
        status: ms.status,
        completedOn: ms.completedAt ? localDate(ms.completedAt, tz) : null,
      })),
      canAddMilestone: milestones.length < MAX_MILESTONES,
    };
  }

  /**
   * Recalibrates a goal: a new title, milestones renamed, moved, skipped, reopened or added, or
   * the goal dropped. The before and after are kept with the reason. Changed dates get new
   * reminders; the old ones find their date moved and do nothing.
   */
  async revise(
    workspaceId: string,
    slackUserId: string,
    goalId: string,
    input: RevisionInput,
  ): Promise<GoalChange> {
    const { pair } = await this.goalOf(workspaceId, slackUserId, goalId);
    this.requireMentee(pair, "recalibrate");
    const { m, person } = pair;
    const now = this.now();
    const today = localDate(now, zoneOf(person.tz));
    const title = clean(input.title);
    if (!title && !input.drop) throw new FieldError(goalFields.title, "Give your goal a short title.");
    checkLength(title, goalLimits.title, goalFields.title, "A goal's title");
    const reason = input.reason.trim();
    if (reason.length < 3) {
      throw new FieldError(
        goalFields.reason,
        "Say in a few words why the plan changes: it's kept with the goal for your reviews.",
      );
    }
    checkLength(reason, goalLimits.reason, goalFields.reason, "The reason");

    const result = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Goal" WHERE id = ${goalId} FOR UPDATE`;
      const goal = await tx.goal.findUniqueOrThrow({ where: { id: goalId }, include: { milestones: true } });
      if (goal.status !== "ACTIVE") throw new UserError(this.notActive(goal));
      const current = [...goal.milestones].sort(byPosition);
      const before = snapshot({ ...goal, milestones: current });
      const edits = new Map(input.milestones.map((e) => [e.id, e]));
      const next = current.map((ms, i) => {
        const edit = edits.get(ms.id);
        if (!edit) return { ...ms, reopened: false };
        const n = i + 1;
        const msTitle = clean(edit.title);
        if (!msTitle) {
          throw new FieldError(
            goalFields.existingTitle(ms.id),
            `Milestone ${n} needs a title. To leave it out, set it to Skipped.`,
          );
        }
        checkLength(msTitle, goalLimits.milestone, goalFields.existingTitle(ms.id), "A milestone");
        const oldDate = ms.targetDate ? isoDateOf(ms.targetDate) : null;
        const newDate = edit.targetDate ?? null;
        const date =
          newDate === oldDate
            ? oldDate
            : checkDate(newDate ?? undefined, today, goalFields.existingDate(ms.id));
        // Done stays done (the partner may have ticked it off while this form was open).
        const status: MilestoneStatus = ms.status === "DONE" ? "DONE" : edit.status;
        return {
          ...ms,
          title: msTitle,
          targetDate: date ? dayOf(date) : null,
          status,
          reopened: ms.status === "SKIPPED" && status === "OPEN",
        };
      });
      const addedTitle = clean(input.added?.title);
      if (!addedTitle && input.added?.targetDate)
        throw new FieldError(goalFields.newTitle, "Give the new milestone a title, or clear its date.");
      let added: { title: string; targetDate: Date | null } | null = null;
      if (addedTitle) {
        if (current.length >= MAX_MILESTONES)
          throw new FieldError(goalFields.newTitle, `A goal can have up to ${MAX_MILESTONES} milestones.`);
        checkLength(addedTitle, goalLimits.milestone, goalFields.newTitle, "A milestone");
        const date = checkDate(input.added?.targetDate, today, goalFields.newDate);
        added = { title: addedTitle, targetDate: date ? dayOf(date) : null };
      }
      const all = [...next, ...(added ? [{ ...added, status: "OPEN" as const }] : [])];
      const open = all.filter((ms) => ms.status === "OPEN").length;
      const done = all.filter((ms) => ms.status === "DONE").length;
      if (!input.drop && open + done === 0) {
        throw new FieldError(
          goalFields.drop,
          "Every milestone would be skipped. Keep one open, add a new one, or drop the goal.",
        );
      }
      const status: GoalStatus = input.drop ? "DROPPED" : open === 0 ? "ACHIEVED" : "ACTIVE";
      const after = {
        ...snapshot({ title: title || goal.title, status, milestones: next }),
        ...(added
          ? {
              added: {
                title: added.title,
                targetDate: added.targetDate ? isoDateOf(added.targetDate) : null,
              },
            }
          : {}),
      };
      if (JSON.stringify(after) === JSON.stringify(before)) {
        throw new FieldError(
          goalFields.reason,
          "Nothing has changed yet: edit the goal or its milestones (or drop it), then say why.",
        );
      }
      for (const ms of next) {
        const was = current.find((c) => c.id === ms.id);
        if (
          was &&
          (was.title !== ms.title ||
            was.status !== ms.status ||
            was.targetDate?.getTime() !== ms.targetDate?.getTime())
        ) {
          await tx.milestone.update({
            where: { id: ms.id },
            data: { title: ms.title, targetDate: ms.targetDate, status: ms.status },
          });
        }
      }
      const created = added
        ? await tx.milestone.create({
            data: { goalId, title: added.title, targetDate: added.targetDate, position: current.length },
          })
        : null;
      await tx.goal.update({
        where: { id: goalId },
        data: {
          title: title || goal.title,
          status,
          ...(status === "ACHIEVED" ? { achievedAt: now } : {}),
          targetDate: goalTargetDate(all),
        },
      });
      await tx.goalRevision.create({
        data: { goalId, authorId: person.id, reason, before, after, createdAt: now },
      });
      if (status === "ACTIVE") {
        for (const ms of next) {
          const was = current.find((c) => c.id === ms.id);
          const moved = was?.targetDate?.getTime() !== ms.targetDate?.getTime();
          if (ms.status === "OPEN" && (moved || ms.reopened)) await planReminder(tx, m, ms, now);
        }
        if (created) await planReminder(tx, m, created, now);
      }
      return status;
    });
    this.jobsEnqueued();
    return { mentorshipId: m.id, goalId, pair: this.slackIds(m), status: result };
  }

  /**
   * Either person ticks a milestone off. The goal is achieved when none is left open. The pair's
   * group DM celebrates and both are invited to give feedback, once: ticking it again is harmless.
   */
  async markDone(workspaceId: string, slackUserId: string, milestoneId: string): Promise<MarkDoneResult> {
    const found = milestoneId
      ? await this.prisma.milestone.findUnique({ where: { id: milestoneId }, include: { goal: true } })
      : null;
    if (!found?.goal.mentorshipId) throw this.milestoneNotFound();
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, found.goal.mentorshipId);
    const { m, partner } = pair;
    if (found.goal.ownerId !== m.menteeId) throw this.milestoneNotFound();
    const now = this.now();
    const result = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Goal" WHERE id = ${found.goalId} FOR UPDATE`;
      const goal = await tx.goal.findUniqueOrThrow({
        where: { id: found.goalId },
        include: { milestones: true },
      });
      const ms = goal.milestones.find((x) => x.id === milestoneId);
      if (!ms) throw this.milestoneNotFound();
      const base = { milestoneTitle: ms.title, goalTitle: goal.title };
      if (ms.status === "DONE") {
        return { ...base, already: true, goalAchieved: false, ...milestoneProgress(goal.milestones) };
      }
      if (goal.status === "DROPPED")
        throw new UserError(`The goal “${goal.title}” was dropped, so its milestones can't be ticked off.`);
      if (ms.status === "SKIPPED") {
        throw new UserError(
          `“${ms.title}” was skipped when the goal was recalibrated. Recalibrate the goal to reopen it first.`,
        );
      }
      await tx.milestone.update({ where: { id: ms.id }, data: { status: "DONE", completedAt: now } });
      const after = goal.milestones.map((x) => (x.id === ms.id ? { ...x, status: "DONE" as const } : x));
      const goalAchieved = !after.some((x) => x.status === "OPEN");
      if (goalAchieved) {
        await tx.goal.update({ where: { id: goal.id }, data: { status: "ACHIEVED", achievedAt: now } });
      }
      const job = { workspaceId: m.program.workspaceId, programId: m.programId };
      await enqueue(
        tx,
        {
          ...job,
          kind: "milestone_done",
          key: mentorshipJobKey("milestone_done", m.id, ms.id),
          payload: { mentorshipId: m.id, milestoneId: ms.id },
        },
        now,
      );
      for (const person of [m.mentor, m.mentee]) {
        await enqueue(
          tx,
          {
            ...job,
            kind: "feedback_request",
            key: mentorshipJobKey("feedback_request", m.id, "milestone", ms.id, person.id),
            payload: { mentorshipId: m.id, memberId: person.id, context: "MILESTONE", milestoneId: ms.id },
            dueAt: deliveryTime(
              new Date(now.getTime() + FEEDBACK_DELAY_MS),
              person,
              now,
              programWindow(m.program),
            ),
          },
          now,
        );
      }
      return { ...base, already: false, goalAchieved, ...milestoneProgress(after) };
    });
    if (!result.already) this.jobsEnqueued();
    return {
      ...result,
      mentorshipId: m.id,
      partnerName: displayNameOf(partner),
      pair: this.slackIds(m),
    };
  }

  // ---------- jobs ----------

  /** A milestone's reminder to the mentee, unless it is done, skipped, or its date moved. */
  async prepareReminder(p: {
    mentorshipId: string;
    milestoneId: string;
    targetDate: string;
  }): Promise<Step<MilestoneReminder>> {
    const now = this.now();
    const [mentorship, milestone] = await Promise.all([
      this.prisma.mentorship.findUnique({ where: { id: p.mentorshipId }, select: { menteeId: true } }),
      this.prisma.milestone.findUnique({ where: { id: p.milestoneId }, include: { goal: true } }),
    ]);
    if (!mentorship) return { do: "skip", reason: "the mentorship no longer exists" };
    const found = await reachable(
      this.prisma,
      { mentorshipId: p.mentorshipId, memberId: mentorship.menteeId },
      now,
      {
        whenPaused: "defer",
        stale: () => {
          if (!milestone || milestone.goal.mentorshipId !== p.mentorshipId)
            return "the milestone no longer exists";
          if (milestone.goal.status !== "ACTIVE")
            return `the goal was ${milestone.goal.status === "ACHIEVED" ? "achieved" : "dropped"}`;
          if (milestone.status !== "OPEN")
            return `the milestone is ${milestone.status === "DONE" ? "done" : "skipped"}`;
          if (!milestone.targetDate || isoDateOf(milestone.targetDate) !== p.targetDate)
            return "the milestone's date changed";
          return undefined;
        },
      },
    );
    if ("stop" in found) return found.stop;
    if (!milestone) return { do: "skip", reason: "the milestone no longer exists" };
    const { m, person } = found;
    const today = DateTime.fromISO(localDate(now, zoneOf(person.tz)), { zone: "UTC" });
    const daysLeft = Math.round(DateTime.fromISO(p.targetDate, { zone: "UTC" }).diff(today, "days").days);
    return {
      do: "send",
      to: person.slackUserId,
      what: {
        milestoneId: milestone.id,
        goalId: milestone.goalId,
        milestoneTitle: milestone.title,
        goalTitle: milestone.goal.title,
        targetDate: p.targetDate,
        daysLeft,
        partnerName: displayNameOf(partnerOf(m, person.id)),
      },
    };
  }

  /** The pair's group-DM celebration of a completed milestone (bigger when it achieved the goal). */
  async prepareCelebration(p: {
    mentorshipId: string;
    milestoneId: string;
  }): Promise<GroupStep<MilestoneCelebration>> {
    const [m, milestone] = await Promise.all([
      this.prisma.mentorship.findUnique({ where: { id: p.mentorshipId }, include: pairInclude }),
      this.prisma.milestone.findUnique({
        where: { id: p.milestoneId },
        include: { goal: { include: { milestones: true } } },
      }),
    ]);
    if (!m) return { do: "skip", reason: "the mentorship no longer exists" };
    if (m.status !== "ACTIVE" && m.status !== "PAUSED")
      return { do: "skip", reason: `the mentorship is ${m.status.toLowerCase()}` };
    if (!milestone || milestone.goal.mentorshipId !== m.id)
      return { do: "skip", reason: "the milestone no longer exists" };
    if (milestone.status !== "DONE") return { do: "skip", reason: "the milestone is no longer done" };
    for (const person of [m.mentor, m.mentee]) {
      const why = unreachableReason(person);
      if (why) return { do: "skip", reason: `${person.slackUserId} is ${why}` };
    }
    const goal = milestone.goal;
    const milestones = [...goal.milestones].sort(byPosition);
    const goalAchieved =
      goal.status === "ACHIEVED" &&
      goal.achievedAt !== null &&
      goal.achievedAt.getTime() === milestone.completedAt?.getTime();
    return {
      do: "send",
      to: [m.mentor.slackUserId, m.mentee.slackUserId],
      what: {
        mentorshipId: m.id,
        milestoneTitle: milestone.title,
        goalTitle: goal.title,
        goalKind: goal.kind,
        menteeName: displayNameOf(m.mentee),
        mentorName: displayNameOf(m.mentor),
        ...milestoneProgress(milestones),
        goalAchieved,
        doneTitles: milestones.filter((x) => x.status === "DONE").map((x) => x.title),
      },
    };
  }

  // ---------- helpers ----------

  private async goalOf(
    workspaceId: string,
    slackUserId: string,
    goalId: string,
  ): Promise<{ goal: GoalWithMilestones; pair: PairView }> {
    const goal = goalId
      ? await this.prisma.goal.findUnique({ where: { id: goalId }, include: { milestones: true } })
      : null;
    if (!goal?.mentorshipId) throw this.goalNotFound();
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, goal.mentorshipId);
    if (goal.ownerId !== pair.m.menteeId) throw this.goalNotFound();
    return { goal, pair };
  }

  private requireMentee(pair: PairView, what: "add" | "recalibrate"): void {
    if (pair.role === "mentee") return;
    throw new UserError(
      `Goals belong to ${displayNameOf(pair.partner)}: only they can ${what === "add" ? "add" : "recalibrate"} them. ` +
        "You can both see them and mark milestones done.",
    );
  }

  private activeCount(db: Db, m: Pair): Promise<number> {
    return db.goal.count({ where: { mentorshipId: m.id, ownerId: m.menteeId, status: "ACTIVE" } });
  }

  private tooManyGoals(pair: PairView): string {
    return (
      `You already have ${MAX_ACTIVE_GOALS} active goals with ${displayNameOf(pair.partner)}: the most that helps. ` +
      "Recalibrate or drop one before adding another."
    );
  }

  private notActive(goal: { title: string; status: GoalStatus }): string {
    return goal.status === "ACHIEVED"
      ? `“${goal.title}” is already achieved, so there's nothing to recalibrate.`
      : `“${goal.title}” was dropped, so there's nothing to recalibrate.`;
  }

  private slackIds(m: Pair): string[] {
    return [m.mentor.slackUserId, m.mentee.slackUserId];
  }

  private milestoneNotFound(): NotFoundError {
    return new NotFoundError("That milestone isn't in one of your mentorships, or it no longer exists.");
  }

  private goalNotFound(): NotFoundError {
    return new NotFoundError("That goal isn't in one of your mentorships, or it no longer exists.");
  }
}
