// A program's pairs as a CSV file for a coordinator, in DM. A click only queues the export (a
// program may hold 100,000 members): the job builds it off the request path, in batches of
// mentorships (a page of ids, then one query joining their grouped counts: sessions, check-ins,
// goals, milestones, action items, feedback), and re-checks that the recipient still coordinates.
// Figures only: names and emails of the two people, dates, statuses and counts; never a private
// note, comment, journal entry, goal title, agreement text or review answer.
import { DateTime } from "luxon";
import { type PairFigures, pairHeader, pairRow, slugOf, toCsv, zoneOr } from "../domain/csv.ts";
import { displayNameOf, unreachableReason } from "../domain/members.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { recordAudit } from "./audit.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { Member, PrismaClient, Program } from "./db.ts";
import { ForbiddenError, NotFoundError } from "./errors.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import type { Step } from "./pair-access.ts";
import type { ProgramStatsService } from "./program-stats.ts";

/** Mentorships read per query while building a file. */
export const EXPORT_BATCH = 20_000;

export interface ProgramExport {
  programName: string;
  filename: string;
  title: string;
  /** The CSV text, starting with a UTF-8 byte-order mark. */
  content: string;
  /** Data rows (pairs), the header excluded. */
  pairs: number;
  /** The reader's time zone, in which the dates are written. */
  tz: string;
  /** The day of the export in that time zone (YYYY-MM-DD). */
  day: string;
}

interface PairRecord {
  id: string;
  sortAt: Date;
  status: string;
  startedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  cadenceDays: number | null;
  mentorSlackId: string;
  mentorDisplay: string | null;
  mentorReal: string | null;
  mentorEmail: string | null;
  menteeSlackId: string;
  menteeDisplay: string | null;
  menteeReal: string | null;
  menteeEmail: string | null;
  held: number;
  lastHeld: Date | null;
  sent: number;
  answered: number;
  goals: number;
  achieved: number;
  milestones: number;
  milestonesDone: number;
  itemsOpen: number;
  itemsDone: number;
  feedback: number;
  ratingTotal: number;
}

export class ExportService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly coordinators: CoordinatorService,
    private readonly stats: ProgramStatsService,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
    private readonly batchSize = EXPORT_BATCH,
  ) {}

  /**
   * A coordinator asks for a program's CSV: the export is queued for them (once per minute, so a
   * double click makes one file). `already` says it had been queued a moment ago.
   */
  async request(
    workspaceId: string,
    slackUserId: string,
    programId: string,
  ): Promise<{ programName: string; already: boolean }> {
    await this.coordinators.require(workspaceId, slackUserId, "export program data");
    const program = await this.prisma.program.findFirst({ where: { id: programId, workspaceId } });
    if (!program) throw new NotFoundError("That program no longer exists.");
    const now = this.now();
    const key = `program_export:${program.id}:${slackUserId}:${now.toISOString().slice(0, 16)}`;
    const queued = await this.prisma.scheduledJob.findUnique({
      where: { idempotencyKey: key },
      select: { id: true },
    });
    if (queued) return { programName: program.name, already: true };
    await this.prisma.$transaction(async (tx) => {
      await enqueue(
        tx,
        {
          workspaceId,
          programId: program.id,
          kind: "program_export",
          key,
          payload: { programId: program.id, recipient: slackUserId },
        },
        now,
      );
      await recordAudit(tx, {
        workspaceId,
        actorSlackId: slackUserId,
        action: "program.exported",
        subjectType: "program",
        subjectId: program.id,
      });
    });
    this.jobsEnqueued();
    return { programName: program.name, already: false };
  }

  /**
   * The export job: the file for `recipient`, or why not (they no longer coordinate, left, or
   * the program is gone).
   */
  async prepare(workspaceId: string, programId: string, recipient: string): Promise<Step<ProgramExport>> {
    let reader: Member;
    try {
      reader = await this.coordinators.require(workspaceId, recipient, "export program data");
    } catch (error) {
      if (error instanceof ForbiddenError) {
        return { do: "skip", reason: "the recipient is no longer a coordinator", to: recipient };
      }
      if (error instanceof NotFoundError) return { do: "skip", reason: "unknown recipient", to: recipient };
      throw error;
    }
    const unreachable = unreachableReason(reader);
    if (unreachable) return { do: "skip", reason: `recipient is ${unreachable}`, to: recipient };
    const program = await this.prisma.program.findFirst({ where: { id: programId, workspaceId } });
    if (!program) return { do: "skip", reason: "the program no longer exists", to: recipient };
    return { do: "send", to: recipient, what: await this.build(program, reader.tz) };
  }

  /** The program's pairs that ever started, oldest start first, as CSV with dates in `tz`. */
  async build(program: Program, tz: string): Promise<ProgramExport> {
    const zone = zoneOr(tz);
    const chunks = [toCsv([pairHeader], { bom: true })];
    let pairs = 0;
    let after: { sortAt: Date; id: string } | null = null;
    for (;;) {
      const batch = await this.batch(program.id, after, this.batchSize);
      if (batch.length === 0) break;
      const risks = await this.stats.riskOf(
        program,
        batch.filter((r) => r.status === "ACTIVE").map((r) => r.id),
      );
      chunks.push(
        toCsv(
          batch.map((r) => pairRow(figuresOf(r, program.checkinCadenceDays, risks.get(r.id) ?? null), zone)),
        ),
      );
      pairs += batch.length;
      const last = batch[batch.length - 1] as PairRecord;
      after = { sortAt: last.sortAt, id: last.id };
      if (batch.length < this.batchSize) break;
    }
    const day = DateTime.fromJSDate(this.now(), { zone }).toISODate() ?? "";
    return {
      programName: program.name,
      filename: `${slugOf(program.name)}-pairs-${day}.csv`,
      title: `${program.name}: pairs (${day})`,
      content: chunks.join(""),
      pairs,
      tz: zone,
      day,
    };
  }

  /**
   * One batch of mentorships after the cursor, then their figures in one query that joins every
   * count from a grouped subquery limited to the batch's ids. Two round trips per batch, whatever
   * the program's size. (The ids travel as an array so PostgreSQL estimates the joins well: with
   * the page as a CTE it guessed billions of rows and spent seconds compiling the query.)
   */
  private async batch(
    programId: string,
    after: { sortAt: Date; id: string } | null,
    limit: number,
  ): Promise<PairRecord[]> {
    const cursor = after
      ? Prisma.sql`AND (COALESCE(m."startedAt", m."createdAt"), m.id) > (${after.sortAt}::timestamp, ${after.id})`
      : Prisma.empty;
    const page = await this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT m.id
      FROM "Mentorship" m
      WHERE m."programId" = ${programId} AND m."status" IN ('ACTIVE', 'PAUSED', 'COMPLETED') ${cursor}
      ORDER BY COALESCE(m."startedAt", m."createdAt"), m.id
      LIMIT ${limit}`;
    if (page.length === 0) return [];
    const ids = page.map((r) => r.id);
    return this.prisma.$queryRaw<PairRecord[]>`
      SELECT m.id, COALESCE(m."startedAt", m."createdAt") AS "sortAt", m."status"::text AS status,
             m."startedAt", m."endedAt", m."endReason", m."cadenceDays",
             mr."slackUserId" AS "mentorSlackId", mr."displayName" AS "mentorDisplay",
             mr."realName" AS "mentorReal", mr."email" AS "mentorEmail",
             me."slackUserId" AS "menteeSlackId", me."displayName" AS "menteeDisplay",
             me."realName" AS "menteeReal", me."email" AS "menteeEmail",
             COALESCE(s.held, 0) AS held, s."lastHeld",
             COALESCE(c.sent, 0) AS sent, COALESCE(c.answered, 0) AS answered,
             COALESCE(g.goals, 0) AS goals, COALESCE(g.achieved, 0) AS achieved,
             COALESCE(ms.total, 0) AS milestones, COALESCE(ms.done, 0) AS "milestonesDone",
             COALESCE(a.open, 0) AS "itemsOpen", COALESCE(a.done, 0) AS "itemsDone",
             COALESCE(f.n, 0) AS feedback, COALESCE(f.total, 0) AS "ratingTotal"
      FROM "Mentorship" m
      JOIN "Member" mr ON mr.id = m."mentorId"
      JOIN "Member" me ON me.id = m."menteeId"
      LEFT JOIN (
        SELECT "mentorshipId", count(*)::int AS held, max("heldOn") AS "lastHeld"
        FROM "MentoringSession"
        WHERE "status" = 'HELD' AND "mentorshipId" = ANY(${ids})
        GROUP BY "mentorshipId"
      ) s ON s."mentorshipId" = m.id
      LEFT JOIN (
        SELECT "mentorshipId", count(*)::int AS sent, count("answer")::int AS answered
        FROM "CheckIn"
        WHERE "mentorshipId" = ANY(${ids})
        GROUP BY "mentorshipId"
      ) c ON c."mentorshipId" = m.id
      LEFT JOIN (
        SELECT "mentorshipId", count(*)::int AS goals,
               count(*) FILTER (WHERE "status" = 'ACHIEVED')::int AS achieved
        FROM "Goal"
        WHERE "status" IN ('ACTIVE', 'ACHIEVED') AND "mentorshipId" = ANY(${ids})
        GROUP BY "mentorshipId"
      ) g ON g."mentorshipId" = m.id
      LEFT JOIN (
        SELECT gl."mentorshipId", count(*)::int AS total,
               count(*) FILTER (WHERE st."status" = 'DONE')::int AS done
        FROM "Milestone" st
        JOIN "Goal" gl ON gl.id = st."goalId"
        WHERE gl."status" IN ('ACTIVE', 'ACHIEVED') AND st."status" IN ('OPEN', 'DONE')
          AND gl."mentorshipId" = ANY(${ids})
        GROUP BY gl."mentorshipId"
      ) ms ON ms."mentorshipId" = m.id
      LEFT JOIN (
        SELECT "mentorshipId", count(*) FILTER (WHERE "status" = 'OPEN')::int AS open,
               count(*) FILTER (WHERE "status" = 'DONE')::int AS done
        FROM "ActionItem"
        WHERE "mentorshipId" = ANY(${ids})
        GROUP BY "mentorshipId"
      ) a ON a."mentorshipId" = m.id
      LEFT JOIN (
        SELECT "mentorshipId", count(*)::int AS n, sum("rating")::int AS total
        FROM "Feedback"
        WHERE "mentorshipId" = ANY(${ids})
        GROUP BY "mentorshipId"
      ) f ON f."mentorshipId" = m.id
      WHERE m.id = ANY(${ids})
      ORDER BY COALESCE(m."startedAt", m."createdAt"), m.id`;
  }
}

function figuresOf(r: PairRecord, programCadence: number, atRiskReason: string | null): PairFigures {
  return {
    mentorName: displayNameOf({
      displayName: r.mentorDisplay,
      realName: r.mentorReal,
      slackUserId: r.mentorSlackId,
    }),
    mentorEmail: r.mentorEmail,
    menteeName: displayNameOf({
      displayName: r.menteeDisplay,
      realName: r.menteeReal,
      slackUserId: r.menteeSlackId,
    }),
    menteeEmail: r.menteeEmail,
    status: r.status as PairFigures["status"],
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    endReason: r.endReason,
    cadenceDays: r.cadenceDays ?? programCadence,
    sessionsHeld: r.held,
    lastSessionOn: r.lastHeld,
    checkinsSent: r.sent,
    checkinsAnswered: r.answered,
    goals: r.goals,
    goalsAchieved: r.achieved,
    milestones: r.milestones,
    milestonesDone: r.milestonesDone,
    actionItemsOpen: r.itemsOpen,
    actionItemsDone: r.itemsDone,
    feedbackResponses: r.feedback,
    feedbackTotal: r.ratingTotal,
    atRiskReason,
  };
}
