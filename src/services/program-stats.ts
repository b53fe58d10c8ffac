// Program health for coordinators: one program's figures (participation, rhythm, progress,
// feedback, mentor load, pairs at risk, failed messages) computed in the database with grouped
// queries, so a 100,000-member program answers in well under a second (bench/stats).
// Figures only: no note, comment, goal title or agreement text ever leaves this module.
// The dashboard also shows what the workspace spent on AI (AiUsage is per workspace, not per
// program): requests and tokens per feature, how many fell back, and today's tokens of the budget.
import type { AiClient } from "../ai/client.ts";
import { type AiFeature, AiUsageLedger } from "../ai/usage.ts";
import { displayNameOf } from "../domain/members.ts";
import {
  AT_RISK_PAGE_SIZE,
  CHECKIN_WINDOW_DAYS,
  describeRisk,
  FEEDBACK_WINDOW_DAYS,
  LOW_FEEDBACK_AT_MOST,
  MENTOR_LOAD_LISTED,
  RISK_SESSION_GAP_CADENCES,
  RISK_UNANSWERED_CHECKINS,
  type RiskReason,
} from "../domain/program-health.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { PrismaClient, Program } from "./db.ts";
import type { DeliveryService, MessageCounts } from "./deliveries.ts";
import { NotFoundError } from "./errors.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Programs offered in the dashboard's picker (Slack's static select holds 100 options). */
const PICKER_PROGRAMS = 100;

export interface AtRiskPair {
  mentorshipId: string;
  mentorName: string;
  menteeName: string;
  reasons: RiskReason[];
  /** Days since the last session (or since the start, when they never met). */
  idleDays: number;
  neverMet: boolean;
  unanswered: number;
  lastRating: number | null;
}

export interface LoadedMentor {
  name: string;
  slackUserId: string;
  /** Running pairs in this program, and the program's limit for this mentor. */
  pairs: number;
  capacity: number;
  /** Running pairs in every program, and the mentor's own limit. */
  pairsEverywhere: number;
  ownCapacity: number;
}

export interface ProgramHealth {
  program: { id: string; name: string; status: string; cadenceDays: number };
  enrolled: { mentees: number; mentors: number; people: number };
  /** Enrolled mentees with a running (active or paused) mentorship in the program. */
  matchedMentees: number;
  pairs: { active: number; paused: number; closed: number };
  sessions: {
    /** Median whole days since the last session, over active pairs that have met. */
    medianDaysSince: number | null;
    /** Active pairs with no session yet. */
    activeWithoutSession: number;
    /** Sessions held in the last 30 days. */
    heldRecently: number;
  };
  /** Check-ins sent and answered in the last 30 days. */
  checkins: { sent: number; answered: number };
  goals: { total: number; achieved: number };
  /** Milestones of those goals; skipped ones don't count. */
  milestones: { total: number; done: number };
  /** Feedback given in the last 90 days (1-4). */
  feedback: { responses: number; average: number | null };
  mentorLoad: {
    /** Mentors with at least one running pair in the program. */
    mentors: number;
    overCapacity: number;
    overCommitted: number;
    /** The most loaded of those over a limit, worst first. */
    listed: LoadedMentor[];
  };
  atRisk: {
    total: number;
    byReason: Record<RiskReason, number>;
    page: number;
    pageSize: number;
    pairs: AtRiskPair[];
  };
  messages: MessageCounts;
}

/** AI usage is shown over this many days, today included. */
export const AI_USAGE_DAYS = 30;

/** The workspace's AI spend for the dashboard (the whole workspace: AiUsage isn't per program). */
export interface AiUsageLine {
  /** A key and a budget are set; otherwise Tandem uses its local suggestions only. */
  configured: boolean;
  days: number;
  requests: number;
  /** Requests that gave no usable answer (the local suggestion was used instead). */
  failed: number;
  tokens: number;
  byFeature: Array<{ feature: AiFeature; label: string; requests: number; failed: number; tokens: number }>;
  tokensToday: number;
  dailyBudget: number;
}

export interface Dashboard {
  /** The programs to pick from (newest last), and how many exist beyond the picker. */
  programs: Array<{ id: string; name: string; status: string }>;
  morePrograms: number;
  /** The shown program's health, or null when the workspace has no program yet. */
  health: ProgramHealth | null;
  /** The program's matching round waiting for review, if any. */
  draftRoundId: string | null;
  tz: string;
  ai: AiUsageLine;
}

type Count = { n: number };

export class ProgramStatsService {
  private readonly usage: AiUsageLedger;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly coordinators: CoordinatorService,
    private readonly deliveries: DeliveryService,
    private readonly now: () => Date = () => new Date(),
    /** Whether AI is set up, and its daily budget; without it the dashboard says AI isn't set up. */
    private readonly ai?: Pick<AiClient, "configured" | "settings">,
  ) {
    this.usage = new AiUsageLedger(prisma);
  }

  /** What the workspace spent on AI over the last AI_USAGE_DAYS days, and today. */
  async aiUsage(workspaceId: string): Promise<AiUsageLine> {
    const now = this.now();
    const from = new Date(now.getTime() - (AI_USAGE_DAYS - 1) * DAY_MS);
    const budget = this.ai?.settings.dailyTokenBudget ?? 0;
    const summary = await this.usage.summary(workspaceId, from, now, now, budget);
    const byFeature = summary.byFeature.map((f) => ({
      feature: f.feature,
      label: f.label,
      requests: f.requests,
      failed: f.failed,
      tokens: f.promptTokens + f.completionTokens,
    }));
    const sum = (key: "requests" | "failed" | "tokens") => byFeature.reduce((n, f) => n + f[key], 0);
    return {
      configured: this.ai?.configured ?? false,
      days: AI_USAGE_DAYS,
      requests: sum("requests"),
      failed: sum("failed"),
      tokens: sum("tokens"),
      byFeature,
      tokensToday: summary.tokensToday,
      dailyBudget: budget,
    };
  }

  /**
   * A coordinator's dashboard: the program they pick (remembered for the next time), else the one
   * they looked at last, else the default program. Non-coordinators are refused.
   */
  async dashboard(
    workspaceId: string,
    slackUserId: string,
    options: { programId?: string; atRiskPage?: number } = {},
  ): Promise<Dashboard> {
    const viewer = await this.coordinators.require(workspaceId, slackUserId, "see program health");
    const [programs, total] = await Promise.all([
      this.prisma.program.findMany({
        where: { workspaceId, status: { not: "ARCHIVED" } },
        select: { id: true, name: true, status: true },
        orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
        take: PICKER_PROGRAMS,
      }),
      this.prisma.program.count({ where: { workspaceId, status: { not: "ARCHIVED" } } }),
    ]);
    const wanted = options.programId ?? viewer.dashboardProgramId;
    let shown = programs.find((p) => p.id === wanted)?.id;
    if (!shown && wanted) {
      // A program beyond the picker's 100 (opened by name), still the workspace's own.
      const found = await this.prisma.program.findFirst({
        where: { id: wanted, workspaceId, status: { not: "ARCHIVED" } },
        select: { id: true, name: true, status: true },
      });
      if (found) {
        programs.push(found);
        shown = found.id;
      } else if (options.programId) {
        throw new NotFoundError("That program no longer exists.");
      }
    }
    shown ??= programs[0]?.id;
    if (options.programId && options.programId !== viewer.dashboardProgramId) {
      await this.prisma.member.update({
        where: { id: viewer.id },
        data: { dashboardProgramId: options.programId },
      });
    }
    const [[health, draft], ai] = await Promise.all([
      shown
        ? Promise.all([
            this.health(shown, options.atRiskPage ?? 0),
            this.prisma.matchingRound.findFirst({
              where: { programId: shown, status: "DRAFT" },
              orderBy: { createdAt: "desc" },
              select: { id: true },
            }),
          ])
        : ([null, null] as const),
      this.aiUsage(workspaceId),
    ]);
    return {
      programs,
      morePrograms: Math.max(0, total - programs.length),
      health,
      draftRoundId: draft?.id ?? null,
      tz: viewer.tz,
      ai,
    };
  }

  /** Every dashboard figure of one program (callers check who may see them). */
  async health(programId: string, atRiskPage = 0): Promise<ProgramHealth> {
    const program = await this.prisma.program.findUnique({ where: { id: programId } });
    if (!program) throw new NotFoundError("That program no longer exists.");
    const now = this.now();
    const [
      { matched, ...enrolled },
      pairs,
      sessions,
      checkins,
      goals,
      milestones,
      feedback,
      load,
      risk,
      messages,
    ] = await Promise.all([
      this.enrolled(programId),
      this.pairs(programId),
      this.sessions(programId, now),
      this.checkins(programId, now),
      this.goals(programId),
      this.milestones(programId),
      this.feedback(programId, now),
      this.mentorLoad(program),
      this.atRisk(program, now, Math.max(0, Math.floor(atRiskPage))),
      this.deliveries.countsByProgram(program.workspaceId, [programId]),
    ]);
    return {
      program: {
        id: program.id,
        name: program.name,
        status: program.status,
        cadenceDays: program.checkinCadenceDays,
      },
      enrolled,
      matchedMentees: matched,
      pairs,
      sessions,
      checkins,
      goals,
      milestones,
      feedback,
      mentorLoad: load,
      atRisk: risk,
      messages: messages.get(programId) ?? { sent: 0, waiting: 0, failed: 0 },
    };
  }

  /**
   * Why each of these active pairs is at risk, in words, by the dashboard's rules (pairs on
   * track are absent). The CSV export uses it, so the file and the dashboard always agree.
   */
  async riskOf(program: Program, mentorshipIds: readonly string[]): Promise<Map<string, string>> {
    if (mentorshipIds.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<FlaggedRow[]>`
      WITH ${riskCte(program, this.now(), mentorshipIds)}
      SELECT id, idle_days, never_met, unanswered, last_rating, no_session, unanswered_flag, low_feedback
      FROM flagged WHERE no_session OR unanswered_flag OR low_feedback`;
    return new Map(rows.map((r) => [r.id, describeRisk(riskFacts(r))]));
  }

  /** How many active pairs of each program are at risk now, by the dashboard's rules. */
  async atRiskCounts(programIds: readonly string[]): Promise<Map<string, number>> {
    const programs = await this.prisma.program.findMany({ where: { id: { in: [...programIds] } } });
    const now = this.now();
    const counts = await Promise.all(
      programs.map(async (program) => {
        const [row] = await this.prisma.$queryRaw<Count[]>`
          WITH ${riskCte(program, now)}
          SELECT count(*)::int AS n FROM flagged WHERE no_session OR unanswered_flag OR low_feedback`;
        return [program.id, row?.n ?? 0] as const;
      }),
    );
    return new Map(counts);
  }

  // ---------- one query per figure ----------

  /**
   * Enrolled people (in Slack, not left) by role, and the mentees among them with a running
   * (active or paused) mentorship in the program, in one pass over the enrolments.
   */
  private async enrolled(programId: string): Promise<ProgramHealth["enrolled"] & { matched: number }> {
    const [row] = await this.prisma.$queryRaw<
      Array<{ mentees: number; mentors: number; people: number; matched: number }>
    >`
      SELECT count(*) FILTER (WHERE e."role" IN ('MENTEE', 'BOTH'))::int AS mentees,
             count(*) FILTER (WHERE e."role" IN ('MENTOR', 'BOTH'))::int AS mentors,
             count(*)::int AS people,
             count(*) FILTER (WHERE e."role" IN ('MENTEE', 'BOTH') AND r."menteeId" IS NOT NULL)::int AS matched
      FROM "Enrollment" e
      LEFT JOIN (
        SELECT DISTINCT m."menteeId" FROM "Mentorship" m
        WHERE m."programId" = ${programId} AND m."status" IN ('ACTIVE', 'PAUSED')
      ) r ON r."menteeId" = e."memberId"
      WHERE e."programId" = ${programId} AND e."status" = 'ACTIVE'
        AND NOT EXISTS (
          SELECT 1 FROM "Member" p WHERE p.id = e."memberId" AND (p."isDeleted" OR p."status" = 'LEFT')
        )`;
    return row ?? { mentees: 0, mentors: 0, people: 0, matched: 0 };
  }

  private async pairs(programId: string): Promise<ProgramHealth["pairs"]> {
    const rows = await this.prisma.mentorship.groupBy({
      by: ["status"],
      where: { programId, status: { in: ["ACTIVE", "PAUSED", "COMPLETED"] } },
      _count: { _all: true },
    });
    const of = (status: string) => rows.find((r) => r.status === status)?._count._all ?? 0;
    return { active: of("ACTIVE"), paused: of("PAUSED"), closed: of("COMPLETED") };
  }

  private async sessions(programId: string, now: Date): Promise<ProgramHealth["sessions"]> {
    const since = new Date(now.getTime() - CHECKIN_WINDOW_DAYS * DAY_MS);
    const [[rhythm], [held]] = await Promise.all([
      this.prisma.$queryRaw<Array<{ median: number | null; without: number }>>`
        SELECT percentile_cont(0.5) WITHIN GROUP (
                 ORDER BY floor(extract(epoch FROM (${now}::timestamp - m."lastSessionAt")) / 86400)
               )::float8 AS median,
               count(*) FILTER (WHERE m."lastSessionAt" IS NULL)::int AS without
        FROM "Mentorship" m
        WHERE m."programId" = ${programId} AND m."status" = 'ACTIVE'`,
      this.prisma.$queryRaw<Count[]>`
        SELECT count(*)::int AS n
        FROM "MentoringSession" s JOIN "Mentorship" m ON m.id = s."mentorshipId"
        WHERE m."programId" = ${programId} AND s."status" = 'HELD'
          AND s."heldOn" >= ${since}::timestamp AND s."heldOn" <= ${now}::timestamp`,
    ]);
    return {
      medianDaysSince: rhythm?.median == null ? null : Math.round(rhythm.median),
      activeWithoutSession: rhythm?.without ?? 0,
      heldRecently: held?.n ?? 0,
    };
  }

  private async checkins(programId: string, now: Date): Promise<ProgramHealth["checkins"]> {
    const since = new Date(now.getTime() - CHECKIN_WINDOW_DAYS * DAY_MS);
    const [row] = await this.prisma.$queryRaw<Array<{ sent: number; answered: number }>>`
      SELECT count(*)::int AS sent, count(c."answer")::int AS answered
      FROM "CheckIn" c JOIN "Mentorship" m ON m.id = c."mentorshipId"
      WHERE m."programId" = ${programId}
        AND c."sentAt" >= ${since}::timestamp AND c."sentAt" <= ${now}::timestamp`;
    return row ?? { sent: 0, answered: 0 };
  }

  private async goals(programId: string): Promise<ProgramHealth["goals"]> {
    const [row] = await this.prisma.$queryRaw<Array<{ total: number; achieved: number }>>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE g."status" = 'ACHIEVED')::int AS achieved
      FROM "Goal" g JOIN "Mentorship" m ON m.id = g."mentorshipId"
      WHERE m."programId" = ${programId} AND g."status" IN ('ACTIVE', 'ACHIEVED')`;
    return row ?? { total: 0, achieved: 0 };
  }

  private async milestones(programId: string): Promise<ProgramHealth["milestones"]> {
    const [row] = await this.prisma.$queryRaw<Array<{ total: number; done: number }>>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE s."status" = 'DONE')::int AS done
      FROM "Milestone" s
      JOIN "Goal" g ON g.id = s."goalId"
      JOIN "Mentorship" m ON m.id = g."mentorshipId"
      WHERE m."programId" = ${programId} AND g."status" IN ('ACTIVE', 'ACHIEVED')
        AND s."status" IN ('OPEN', 'DONE')`;
    return row ?? { total: 0, done: 0 };
  }

  private async feedback(programId: string, now: Date): Promise<ProgramHealth["feedback"]> {
    const since = new Date(now.getTime() - FEEDBACK_WINDOW_DAYS * DAY_MS);
    const [row] = await this.prisma.$queryRaw<Array<{ responses: number; average: number | null }>>`
      SELECT count(*)::int AS responses, avg(f."rating")::float8 AS average
      FROM "Feedback" f JOIN "Mentorship" m ON m.id = f."mentorshipId"
      WHERE m."programId" = ${programId} AND f."createdAt" >= ${since}::timestamp`;
    return {
      responses: row?.responses ?? 0,
      average: row?.average == null ? null : Math.round(row.average * 10) / 10,
    };
  }

  /**
   * Mentors of the program's running pairs: over capacity (more pairs here than the program
   * allows them: their enrolment's capacity, their own, and the program's cap, whichever is
   * least) or over-committed (more running pairs across all programs than their own limit).
   */
  private async mentorLoad(program: Program): Promise<ProgramHealth["mentorLoad"]> {
    // One statement: the counts and the most loaded mentors read the same `load`, computed once.
    // A row per listed mentor, each carrying the counts (one row with null mentor fields if none).
    const rows = await this.prisma.$queryRaw<
      Array<{
        mentors: number;
        overCapacity: number;
        overCommitted: number;
        slackUserId: string | null;
        displayName: string | null;
        realName: string | null;
        here: number;
        capacity: number;
        everywhere: number;
        ownCapacity: number;
      }>
    >`
      WITH ${loadCte(program)}, totals AS (
        SELECT count(*)::int AS mentors,
               count(*) FILTER (WHERE here > capacity)::int AS "overCapacity",
               count(*) FILTER (WHERE everywhere > "ownCapacity")::int AS "overCommitted"
        FROM load
      ), listed AS (
        SELECT * FROM load WHERE here > capacity OR everywhere > "ownCapacity"
        ORDER BY greatest(here - capacity, everywhere - "ownCapacity") DESC, here DESC, "slackUserId"
        LIMIT ${MENTOR_LOAD_LISTED}
      )
      SELECT t.*, l."slackUserId", l."displayName", l."realName", l.here, l.capacity, l.everywhere, l."ownCapacity"
      FROM totals t LEFT JOIN listed l ON true
      ORDER BY greatest(l.here - l.capacity, l.everywhere - l."ownCapacity") DESC, l.here DESC, l."slackUserId"`;
    const totals = rows[0];
    return {
      mentors: totals?.mentors ?? 0,
      overCapacity: totals?.overCapacity ?? 0,
      overCommitted: totals?.overCommitted ?? 0,
      listed: rows.flatMap((r) =>
        r.slackUserId === null
          ? []
          : [
              {
                name: displayNameOf({
                  displayName: r.displayName,
                  realName: r.realName,
                  slackUserId: r.slackUserId,
                }),
                slackUserId: r.slackUserId,
                pairs: r.here,
                capacity: r.capacity,
                pairsEverywhere: r.everywhere,
                ownCapacity: r.ownCapacity,
              },
            ],
      ),
    };
  }

  /**
   * Active pairs at risk, computed now rather than read from the last check-in round: no session
   * in 2× their cadence, 3+ check-ins in a row unanswered, or their latest feedback of the last
   * 90 days rated 1 or 2. Counted by reason, and one page of them, most reasons first.
   */
  private async atRisk(program: Program, now: Date, page: number): Promise<ProgramHealth["atRisk"]> {
    // One statement: `flagged` is computed once for the counts and the page, and the two members
    // are looked up for the page's rows only (not for every flagged pair before the LIMIT).
    // A row per pair of the page, each carrying the counts (one row with a null id if none).
    const rows = await this.prisma.$queryRaw<
      Array<
        Omit<FlaggedRow, "id"> & {
          id: string | null;
          total: number;
          noSession: number;
          unansweredPairs: number;
          lowFeedback: number;
          mentor_display: string | null;
          mentor_real: string | null;
          mentor_slack: string;
          mentee_display: string | null;
          mentee_real: string | null;
          mentee_slack: string;
        }
      >
    >`
      WITH ${riskCte(program, now)}, at_risk AS (
        SELECT * FROM flagged WHERE no_session OR unanswered_flag OR low_feedback
      ), totals AS (
        SELECT count(*)::int AS total,
               count(*) FILTER (WHERE no_session)::int AS "noSession",
               count(*) FILTER (WHERE unanswered_flag)::int AS "unansweredPairs",
               count(*) FILTER (WHERE low_feedback)::int AS "lowFeedback"
        FROM at_risk
      ), page AS (
        SELECT * FROM at_risk
        ORDER BY (no_session::int + unanswered_flag::int + low_feedback::int) DESC, idle_days DESC, id
        LIMIT ${AT_RISK_PAGE_SIZE} OFFSET ${page * AT_RISK_PAGE_SIZE}
      )
      SELECT t.*, f.id, f.idle_days, f.never_met, f.unanswered, f.last_rating,
             f.no_session, f.unanswered_flag, f.low_feedback,
             a."displayName" AS mentor_display, a."realName" AS mentor_real, a."slackUserId" AS mentor_slack,
             b."displayName" AS mentee_display, b."realName" AS mentee_real, b."slackUserId" AS mentee_slack
      FROM totals t
      LEFT JOIN page f ON true
      LEFT JOIN "Member" a ON a.id = f."mentorId"
      LEFT JOIN "Member" b ON b.id = f."menteeId"
      ORDER BY (f.no_session::int + f.unanswered_flag::int + f.low_feedback::int) DESC, f.idle_days DESC, f.id`;
    const c = rows[0];
    return {
      total: c?.total ?? 0,
      byReason: {
        no_session: c?.noSession ?? 0,
        unanswered: c?.unansweredPairs ?? 0,
        low_feedback: c?.lowFeedback ?? 0,
      },
      page,
      pageSize: AT_RISK_PAGE_SIZE,
      pairs: rows.flatMap((r) =>
        r.id === null
          ? []
          : [
              {
                mentorshipId: r.id,
                mentorName: displayNameOf({
                  displayName: r.mentor_display,
                  realName: r.mentor_real,
                  slackUserId: r.mentor_slack,
                }),
                menteeName: displayNameOf({
                  displayName: r.mentee_display,
                  realName: r.mentee_real,
                  slackUserId: r.mentee_slack,
                }),
                ...riskFacts({ ...r, id: r.id }),
              },
            ],
      ),
    };
  }
}

/**
 * `load`: each mentor of the program's running pairs, their pairs here and everywhere, limits and
 * names. Pairs are counted first, so Member and Enrollment are joined once per mentor.
 */
function loadCte(program: Program) {
  return Prisma.sql`running AS (
    SELECT m."mentorId",
           count(*) FILTER (WHERE m."programId" = ${program.id})::int AS here,
           count(*)::int AS everywhere
    FROM "Mentorship" m
    WHERE m."status" IN ('ACTIVE', 'PAUSED')
      AND m."mentorId" IN (
        SELECT "mentorId" FROM "Mentorship" WHERE "programId" = ${program.id} AND "status" IN ('ACTIVE', 'PAUSED')
      )
    GROUP BY m."mentorId"
  ), load AS (
    SELECT r.here, r.everywhere,
           least(coalesce(e."capacity", p."mentorCapacity"), p."mentorCapacity",
                 ${program.mentorCapacityCap}::int)::int AS capacity,
           p."mentorCapacity" AS "ownCapacity", p."slackUserId", p."displayName", p."realName"
    FROM running r
    JOIN "Member" p ON p.id = r."mentorId"
    LEFT JOIN "Enrollment" e ON e."programId" = ${program.id} AND e."memberId" = r."mentorId"
  )`;
}

/** `flagged`: the program's active pairs with the facts and flags of the at-risk rules. */
function riskCte(program: Program, now: Date, only?: readonly string[]) {
  const feedbackSince = new Date(now.getTime() - FEEDBACK_WINDOW_DAYS * DAY_MS);
  const among = only ? Prisma.sql`AND m.id = ANY(${only})` : Prisma.empty;
  return Prisma.sql`latest AS (
    SELECT DISTINCT ON (f."mentorshipId") f."mentorshipId", f."rating"
    FROM "Feedback" f
    WHERE f."createdAt" >= ${feedbackSince}::timestamp
      AND f."mentorshipId" IN (
        SELECT m.id FROM "Mentorship" m WHERE m."programId" = ${program.id} AND m."status" = 'ACTIVE' ${among}
      )
    -- Descending, as a backward scan of Feedback(mentorshipId, createdAt, rating) reads it: no sort.
    ORDER BY f."mentorshipId" DESC, f."createdAt" DESC
  ), facts AS (
    SELECT m.id, m."mentorId", m."menteeId", m."unansweredCheckins" AS unanswered,
           floor(extract(epoch FROM (${now}::timestamp
             - coalesce(m."lastSessionAt", m."startedAt", m."createdAt"))) / 86400)::int AS idle_days,
           m."lastSessionAt" IS NULL AS never_met,
           greatest(1, coalesce(m."cadenceDays", ${program.checkinCadenceDays}::int)) AS cadence,
           l."rating" AS last_rating
    FROM "Mentorship" m LEFT JOIN latest l ON l."mentorshipId" = m.id
    WHERE m."programId" = ${program.id} AND m."status" = 'ACTIVE' ${among}
  ), flagged AS (
    SELECT facts.*,
           idle_days >= ${RISK_SESSION_GAP_CADENCES}::int * cadence AS no_session,
           unanswered >= ${RISK_UNANSWERED_CHECKINS}::int AS unanswered_flag,
           coalesce(last_rating <= ${LOW_FEEDBACK_AT_MOST}::int, false) AS low_feedback
    FROM facts
  )`;
}

/** One row of `flagged` (riskCte). */
interface FlaggedRow {
  id: string;
  idle_days: number;
  never_met: boolean;
  unanswered: number;
  last_rating: number | null;
  no_session: boolean;
  unanswered_flag: boolean;
  low_feedback: boolean;
}

/** A flagged row's facts and reasons, as the dashboard and the export describe them. */
function riskFacts(
  r: FlaggedRow,
): Pick<AtRiskPair, "reasons" | "idleDays" | "neverMet" | "unanswered" | "lastRating"> {
  return {
    reasons: [
      ...(r.no_session ? (["no_session"] as const) : []),
      ...(r.unanswered_flag ? (["unanswered"] as const) : []),
      ...(r.low_feedback ? (["low_feedback"] as const) : []),
    ],
    idleDays: r.idle_days,
    neverMet: r.never_met,
    unanswered: r.unanswered,
    lastRating: r.last_rating,
  };
}
