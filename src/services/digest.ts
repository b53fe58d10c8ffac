// The coordinators' weekly digest: every Monday morning, in their own time zone, each coordinator
// who wants it gets a DM with last week's changes per program (compared with the week before)
// and a chart of the last 12 weeks. Figures only: no note, comment, goal title or agreement text
// is ever read here.
//
// Scheduling: one `digest_round` job per workspace and week (key `digest_round:<ws>:<monday>`),
// due at the start of that Monday (UTC). It queues one `digest` job per coordinator (key
// `digest:<memberId>:<monday>`) for 09:00 their time, and the next week's round. Keys are unique,
// so seeding twice, or two processes running the same round, plan everything once.
import { DateTime } from "luxon";
import { unreachableReason } from "../domain/members.ts";
import { deferralReason, deliveryTime } from "../domain/schedule.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { Db, Member, PrismaClient } from "./db.ts";
import { UserError } from "./errors.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import { SLACK_MS, type Step } from "./pair-access.ts";
import type { ProgramStatsService } from "./program-stats.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** Weeks the chart shows, the reported week last. */
export const DIGEST_CHART_WEEKS = 12;
/** Programs listed in one digest (a message holds 50 blocks); the rest are counted. */
export const DIGEST_MAX_PROGRAMS = 8;
/** A coordinator's digest goes out at this hour of their Monday (then inside their working hours). */
const DIGEST_HOUR = 9;

/** What changed in a program during one week. */
export interface WeekFigures {
  /** New active enrolments. */
  joined: number;
  pairsStarted: number;
  pairsClosed: number;
  sessionsHeld: number;
  checkinsSent: number;
  /** Of the check-ins sent that week, those answered since. */
  checkinsAnswered: number;
  milestonesDone: number;
  /** Messages Slack refused for good. */
  failedMessages: number;
}

export interface ProgramWeek {
  programId: string;
  name: string;
  /** The reported week, and the week before it. */
  thisWeek: WeekFigures;
  lastWeek: WeekFigures;
  /** Now: active pairs, people enrolled, active pairs flagged at risk. */
  activePairs: number;
  enrolled: number;
  atRisk: number;
}

export interface ChartWeek {
  /** The Monday the week starts, YYYY-MM-DD. */
  weekStart: string;
  /** "2 Nov". */
  label: string;
  /** Pairs running at the end of the week. */
  activePairs: number;
  /** People enrolled in at least one program at the end of the week. */
  enrolled: number;
  sessions: number;
}

export interface DigestData {
  /** The reported week: Monday and Sunday, YYYY-MM-DD. */
  weekStart: string;
  weekEnd: string;
  /** Programs with something going on, busiest first, at most DIGEST_MAX_PROGRAMS. */
  programs: ProgramWeek[];
  /** Programs with something going on that did not fit. */
  morePrograms: number;
  /** Every program's figures added up (the message's one-line summary). */
  totals: WeekFigures;
  /** All programs, the last DIGEST_CHART_WEEKS weeks, oldest first. */
  chart: ChartWeek[];
}

/** "2026-06-08": the Monday (UTC) of the week after the one `now` is in. */
export function nextDigestMonday(now: Date): string {
  const monday = DateTime.fromJSDate(now, { zone: "utc" }).startOf("week").plus({ weeks: 1 });
  return monday.toISODate() ?? "";
}

function mondayStart(week: string): Date {
  return new Date(`${week}T00:00:00.000Z`);
}

function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** 09:00 on that Monday in the coordinator's time zone (UTC when Slack gave an unknown zone). */
export function digestDueAt(week: string, tz: string): Date {
  const local = DateTime.fromISO(week, { zone: tz });
  const day = local.isValid ? local : DateTime.fromISO(week, { zone: "utc" });
  return day.set({ hour: DIGEST_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/**
 * Plans the workspace's next digest round (the coming Monday), unless one is already pending.
 * Safe to call from several processes at once: the round's key is unique.
 */
export async function planDigestRound(db: Db, workspaceId: string, now: Date): Promise<boolean> {
  const pending = await db.scheduledJob.findFirst({
    where: { workspaceId, kind: "digest_round", status: { in: ["PENDING", "RUNNING"] } },
    select: { id: true },
  });
  if (pending) return false;
  const week = nextDigestMonday(now);
  await enqueue(
    db,
    {
      workspaceId,
      kind: "digest_round",
      key: roundKey(workspaceId, week),
      payload: { week },
      dueAt: mondayStart(week),
    },
    now,
  );
  return true;
}

function roundKey(workspaceId: string, week: string): string {
  return `digest_round:${workspaceId}:${week}`;
}

const emptyFigures = (): WeekFigures => ({
  joined: 0,
  pairsStarted: 0,
  pairsClosed: 0,
  sessionsHeld: 0,
  checkinsSent: 0,
  checkinsAnswered: 0,
  milestonesDone: 0,
  failedMessages: 0,
});

const metrics = [
  "joined",
  "pairsStarted",
  "pairsClosed",
  "sessionsHeld",
  "checkinsSent",
  "checkinsAnswered",
  "milestonesDone",
  "failedMessages",
] as const satisfies readonly (keyof WeekFigures)[];

function sum(figures: WeekFigures[]): WeekFigures {
  const total = emptyFigures();
  for (const f of figures) for (const k of metrics) total[k] += f[k];
  return total;
}

function busy(f: WeekFigures): number {
  return metrics.reduce((n, k) => n + f[k], 0);
}

export class DigestService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly coordinators: CoordinatorService,
    private readonly stats: ProgramStatsService,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Plans the workspace's next round if none is pending; true when it planned one. */
  async ensureScheduled(workspaceId: string): Promise<boolean> {
    const planned = await planDigestRound(this.prisma, workspaceId, this.now());
    if (planned) this.jobsEnqueued();
    return planned;
  }

  /** ensureScheduled for every workspace Tandem is installed in (when the scheduler starts). */
  async ensureScheduledAll(): Promise<number> {
    const workspaces = await this.prisma.workspace.findMany({
      where: { uninstalledAt: null },
      select: { id: true },
    });
    let planned = 0;
    for (const w of workspaces) if (await this.ensureScheduled(w.id)) planned++;
    return planned;
  }

  /**
   * A workspace's Monday: queues each coordinator's digest for 09:00 their time (those who want
   * it and can be messaged), and the next week's round. Running it twice plans nothing twice.
   */
  async runRound(workspaceId: string, week: string): Promise<string> {
    const workspace = await this.prisma.workspace.findUnique({ where: { id: workspaceId } });
    if (!workspace) return "skip:the workspace no longer exists";
    if (workspace.uninstalledAt) return "skip:Tandem was uninstalled from this workspace";
    const ids = (await this.coordinators.list(workspaceId)).map((c) => c.slackUserId);
    const recipients = await this.prisma.member.findMany({
      where: {
        workspaceId,
        slackUserId: { in: ids },
        weeklyDigest: true,
        isDeleted: false,
        isBot: false,
        isGuest: false,
        status: { not: "LEFT" },
      },
    });
    const now = this.now();
    const next = isoDay(new Date(mondayStart(week).getTime() + WEEK_MS));
    await this.prisma.$transaction(async (tx) => {
      for (const m of recipients) {
        await enqueue(
          tx,
          {
            workspaceId,
            kind: "digest",
            key: `digest:${m.id}:${week}`,
            payload: { memberId: m.id, week },
            dueAt: digestDueAt(week, m.tz),
          },
          now,
        );
      }
      await enqueue(
        tx,
        {
          workspaceId,
          kind: "digest_round",
          key: roundKey(workspaceId, next),
          payload: { week: next },
          dueAt: mondayStart(next),
        },
        now,
      );
    });
    this.jobsEnqueued();
    return `done:${recipients.length} digests queued`;
  }

  /**
   * One coordinator's digest, if it may go now: skipped when they turned digests off, left, can't
   * be messaged or are no longer a coordinator, or when a newer week's digest has replaced it;
   * deferred to their working hours (or until they are back, when Slack says they are away).
   */
  async prepareDigest(p: { memberId: string; week: string }): Promise<Step<DigestData>> {
    const member = await this.prisma.member.findUnique({
      where: { id: p.memberId },
      include: { workspace: true },
    });
    if (!member) return { do: "skip", reason: "the coordinator is no longer known to Tandem" };
    const to = member.slackUserId;
    if (member.workspace.uninstalledAt) return { do: "skip", reason: "Tandem was uninstalled", to };
    if (!member.weeklyDigest) return { do: "skip", reason: "they turned weekly digests off", to };
    const unreachable = unreachableReason(member);
    if (unreachable) return { do: "skip", reason: `recipient is ${unreachable}`, to };
    if (member.status === "LEFT") return { do: "skip", reason: "recipient left Tandem", to };
    if (!(await this.coordinators.isCoordinator(member))) {
      return { do: "skip", reason: "no longer a coordinator", to };
    }
    const now = this.now();
    if (now.getTime() >= mondayStart(p.week).getTime() + WEEK_MS) {
      return { do: "skip", reason: "a newer weekly digest replaced it", to };
    }
    // A coordinator's own mentoring pause doesn't hold their digest back; working hours and an
    // away status do.
    const recipient = { ...member, status: "ACTIVE", pausedUntil: null };
    const at = deliveryTime(now, recipient, now);
    if (at.getTime() > now.getTime() + SLACK_MS) {
      return { do: "defer", until: at, reason: deferralReason(recipient, now, at), to };
    }
    return { do: "send", to, what: await this.digest(member.workspaceId, p.week) };
  }

  /** The digest sent on Monday `week`: the week before it, per program, and the chart. */
  async digest(workspaceId: string, week: string): Promise<DigestData> {
    const to = mondayStart(week);
    const from = new Date(to.getTime() - WEEK_MS);
    const [programs, chart] = await Promise.all([
      this.programWeeks(workspaceId, from),
      this.chartWeeks(workspaceId, to),
    ]);
    const live = programs.filter(
      (p) => p.activePairs > 0 || p.atRisk > 0 || busy(p.thisWeek) > 0 || busy(p.lastWeek) > 0,
    );
    live.sort(
      (a, b) =>
        busy(b.thisWeek) - busy(a.thisWeek) ||
        b.activePairs - a.activePairs ||
        b.enrolled - a.enrolled ||
        a.name.localeCompare(b.name),
    );
    return {
      weekStart: isoDay(from),
      weekEnd: isoDay(new Date(to.getTime() - DAY_MS)),
      programs: live.slice(0, DIGEST_MAX_PROGRAMS),
      morePrograms: Math.max(0, live.length - DIGEST_MAX_PROGRAMS),
      totals: sum(programs.map((p) => p.thisWeek)),
      chart,
    };
  }

  /**
   * Each non-archived program's figures for the week starting `from` and the week before, in
   * one grouped query, plus what stands now (active pairs, enrolled, at risk).
   */
  async programWeeks(workspaceId: string, from: Date): Promise<ProgramWeek[]> {
    const programs = await this.prisma.program.findMany({
      where: { workspaceId, status: { not: "ARCHIVED" } },
      select: { id: true, name: true },
      orderBy: { createdAt: "asc" },
    });
    if (programs.length === 0) return [];
    const ids = programs.map((p) => p.id);
    const start = ts(new Date(from.getTime() - WEEK_MS));
    const mid = ts(from);
    const end = ts(new Date(from.getTime() + WEEK_MS));
    const inWeeks = (column: Prisma.Sql) => Prisma.sql`${column} >= ${start} AND ${column} < ${end}`;
    const current = (column: Prisma.Sql) => Prisma.sql`(${column} >= ${mid})`;
    const started = Prisma.sql`COALESCE(m."startedAt", m."createdAt")`;
    const [rows, enrolled, pairs] = await Promise.all([
      this.prisma.$queryRaw<Array<{ metric: string; programId: string; current: boolean; n: number }>>`
        SELECT 'joined' AS metric, e."programId", ${current(Prisma.sql`e."enrolledAt"`)} AS current,
               count(*)::int AS n
        FROM "Enrollment" e
        WHERE e."programId" = ANY(${ids}) AND e.status = 'ACTIVE' AND ${inWeeks(Prisma.sql`e."enrolledAt"`)}
        GROUP BY 2, 3
        UNION ALL
        SELECT 'pairsStarted', m."programId", ${current(started)}, count(*)::int
        FROM "Mentorship" m
        WHERE m."programId" = ANY(${ids}) AND m.status IN ('ACTIVE', 'PAUSED', 'COMPLETED')
          AND ${inWeeks(started)}
        GROUP BY 2, 3
        UNION ALL
        SELECT 'pairsClosed', m."programId", ${current(Prisma.sql`m."endedAt"`)}, count(*)::int
        FROM "Mentorship" m
        WHERE m."programId" = ANY(${ids}) AND m.status = 'COMPLETED' AND ${inWeeks(Prisma.sql`m."endedAt"`)}
        GROUP BY 2, 3
        UNION ALL
        SELECT 'sessionsHeld', m."programId", ${current(Prisma.sql`s."heldOn"`)}, count(*)::int
        FROM "MentoringSession" s JOIN "Mentorship" m ON m.id = s."mentorshipId"
        WHERE m."programId" = ANY(${ids}) AND s.status = 'HELD' AND ${inWeeks(Prisma.sql`s."heldOn"`)}
        GROUP BY 2, 3
        UNION ALL
        SELECT 'checkinsSent', m."programId", ${current(Prisma.sql`c."sentAt"`)}, count(*)::int
        FROM "CheckIn" c JOIN "Mentorship" m ON m.id = c."mentorshipId"
        WHERE m."programId" = ANY(${ids}) AND ${inWeeks(Prisma.sql`c."sentAt"`)}
        GROUP BY 2, 3
        UNION ALL
        SELECT 'checkinsAnswered', m."programId", ${current(Prisma.sql`c."sentAt"`)}, count(*)::int
        FROM "CheckIn" c JOIN "Mentorship" m ON m.id = c."mentorshipId"
        WHERE m."programId" = ANY(${ids}) AND c."answeredAt" IS NOT NULL AND ${inWeeks(Prisma.sql`c."sentAt"`)}
        GROUP BY 2, 3
        UNION ALL
        SELECT 'milestonesDone', m."programId", ${current(Prisma.sql`ms."completedAt"`)}, count(*)::int
        FROM "Milestone" ms JOIN "Goal" g ON g.id = ms."goalId" JOIN "Mentorship" m ON m.id = g."mentorshipId"
        WHERE m."programId" = ANY(${ids}) AND ms.status = 'DONE' AND ${inWeeks(Prisma.sql`ms."completedAt"`)}
        GROUP BY 2, 3
        UNION ALL
        SELECT 'failedMessages', d."programId", ${current(Prisma.sql`d."createdAt"`)}, count(*)::int
        FROM "Delivery" d
        WHERE d."programId" = ANY(${ids}) AND d.status = 'FAILED' AND ${inWeeks(Prisma.sql`d."createdAt"`)}
        GROUP BY 2, 3`,
      this.prisma.enrollment.groupBy({
        by: ["programId"],
        where: { programId: { in: ids }, status: "ACTIVE" },
        _count: { _all: true },
      }),
      this.prisma.mentorship.groupBy({
        by: ["programId"],
        where: { programId: { in: ids }, status: "ACTIVE" },
        _count: { _all: true },
      }),
    ]);
    // At risk by the dashboard's live rules, so the digest and the dashboard agree.
    const atRisk = await this.stats.atRiskCounts(ids);
    const byId = new Map<string, ProgramWeek>(
      programs.map((p) => [
        p.id,
        {
          programId: p.id,
          name: p.name,
          thisWeek: emptyFigures(),
          lastWeek: emptyFigures(),
          activePairs: 0,
          enrolled: 0,
          atRisk: 0,
        },
      ]),
    );
    for (const r of rows) {
      const p = byId.get(r.programId);
      const metric = r.metric as keyof WeekFigures;
      if (p && metrics.includes(metric)) (r.current ? p.thisWeek : p.lastWeek)[metric] = Number(r.n);
    }
    for (const r of enrolled) {
      const p = byId.get(r.programId);
      if (p) p.enrolled = r._count._all;
    }
    for (const r of pairs) {
      const p = byId.get(r.programId);
      if (p) {
        p.activePairs = r._count._all;
        p.atRisk = atRisk.get(r.programId) ?? 0;
      }
    }
    return [...byId.values()];
  }

  /**
   * The workspace's last DIGEST_CHART_WEEKS weeks ending at `to` (all non-archived programs):
   * pairs running and people enrolled at each week's end, and sessions held in each week.
   * An enrolment withdrawn counts until it was last changed (when it was withdrawn).
   */
  async chartWeeks(workspaceId: string, to: Date): Promise<ChartWeek[]> {
    const first = new Date(to.getTime() - DIGEST_CHART_WEEKS * WEEK_MS);
    const rows = await this.prisma.$queryRaw<
      Array<{ i: number; pairs: number; enrolled: number; sessions: number }>
    >`
      WITH w AS (
        SELECT i, ${ts(first)} + i * interval '7 days' AS s, ${ts(first)} + (i + 1) * interval '7 days' AS e
        FROM generate_series(0, CAST(${DIGEST_CHART_WEEKS - 1} AS integer)) AS i
      ), p AS (
        SELECT id FROM "Program" WHERE "workspaceId" = ${workspaceId} AND status <> 'ARCHIVED'
      )
      SELECT w.i::int AS i,
        (SELECT count(*)::int FROM "Mentorship" m
          WHERE m."programId" IN (SELECT id FROM p) AND m.status IN ('ACTIVE', 'PAUSED', 'COMPLETED')
            AND COALESCE(m."startedAt", m."createdAt") < w.e AND (m."endedAt" IS NULL OR m."endedAt" >= w.e)
        ) AS pairs,
        (SELECT count(DISTINCT en."memberId")::int FROM "Enrollment" en
          WHERE en."programId" IN (SELECT id FROM p) AND en."enrolledAt" < w.e
            AND (en.status = 'ACTIVE' OR en."updatedAt" >= w.e)
        ) AS enrolled,
        (SELECT count(*)::int FROM "MentoringSession" s JOIN "Mentorship" m ON m.id = s."mentorshipId"
          WHERE m."programId" IN (SELECT id FROM p) AND s.status = 'HELD'
            AND s."heldOn" >= w.s AND s."heldOn" < w.e
        ) AS sessions
      FROM w ORDER BY w.i`;
    return rows.map((r) => {
      const start = new Date(first.getTime() + Number(r.i) * WEEK_MS);
      return {
        weekStart: isoDay(start),
        label: DateTime.fromJSDate(start, { zone: "utc" }).toFormat("d LLL"),
        activePairs: Number(r.pairs),
        enrolled: Number(r.enrolled),
        sessions: Number(r.sessions),
      };
    });
  }

  /**
   * Turns the weekly digest on or off for the person who clicked. Turning it off is always
   * allowed (it only silences their own DMs); turning it on is for coordinators.
   */
  async setSubscription(workspaceId: string, slackUserId: string, on: boolean): Promise<void> {
    const member = on
      ? await this.coordinators.require(workspaceId, slackUserId, "get the weekly digest")
      : await this.prisma.member.findUnique({
          where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
        });
    if (!member) throw new UserError("Tandem doesn't know you yet, so there is nothing to turn off.");
    await this.setFlag(member, on);
    if (on) await this.ensureScheduled(workspaceId);
  }

  /** Whether an earlier attempt of this digest job already uploaded its chart. */
  async chartAlreadySent(jobId: string): Promise<boolean> {
    const found = await this.prisma.delivery.findFirst({
      where: { jobId, kind: DIGEST_CHART_KIND, status: "SENT" },
      select: { id: true },
    });
    return found !== null;
  }

  /**
   * Records that a digest's chart reached Slack (a row of the delivery log), so a retry of its
   * job, after the message went and the upload was recorded, never uploads it twice.
   */
  async recordChartSent(
    job: { id: string; workspaceId: string; attempts: number },
    recipient: string,
    channelId: string,
  ): Promise<void> {
    await this.prisma.delivery.create({
      data: {
        workspaceId: job.workspaceId,
        jobId: job.id,
        kind: DIGEST_CHART_KIND,
        recipient,
        channelId,
        status: "SENT",
        attempt: job.attempts,
        createdAt: this.now(),
      },
    });
  }

  private async setFlag(member: Member, on: boolean): Promise<void> {
    if (member.weeklyDigest === on) return;
    await this.prisma.member.update({ where: { id: member.id }, data: { weeklyDigest: on } });
  }
}

/** A timestamp parameter as the (timezone-less, UTC) columns hold it. */
function ts(instant: Date): Prisma.Sql {
  return Prisma.sql`CAST(${instant} AS timestamp(3))`;
}

/** The delivery-log kind of a digest's chart upload. */
export const DIGEST_CHART_KIND = "digest_chart";
