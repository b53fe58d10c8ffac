// What Tandem has sent, is waiting to send, and could not send, per program: the coordinator's
// window on the scheduler. Read from the job table and the delivery log.
import { jobKindLabels } from "../domain/jobs.ts";
import { displayNameOf } from "../domain/members.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { PrismaClient } from "./db.ts";
import { NotFoundError } from "./errors.ts";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface MessageCounts {
  /** Sent in the last 7 days. */
  sent: number;
  /** Due later (check-ins planned, messages waiting for working hours or a retry). */
  waiting: number;
  /** Failed for good in the last 7 days. */
  failed: number;
}

export interface FailedDelivery {
  at: Date;
  what: string;
  recipients: string;
  error: string;
}

/** Slack's error codes in plain words. */
const errorWords: Record<string, string> = {
  user_disabled: "their Slack account is deactivated",
  account_inactive: "their Slack account is inactive",
  user_not_found: "Slack doesn't know this person any more",
  channel_not_found: "the conversation no longer exists",
  cannot_dm_bot: "the recipient is a bot",
  invalid_auth: "Tandem's Slack token is no longer valid",
  token_revoked: "Tandem's Slack token was revoked",
  missing_scope: "Tandem lacks a Slack permission",
};

export class DeliveryService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly coordinators: CoordinatorService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts for each program (the key), read in two grouped queries. */
  async countsByProgram(workspaceId: string, programIds: string[]): Promise<Map<string, MessageCounts>> {
    const since = new Date(this.now().getTime() - WEEK_MS);
    const [waiting, logged] = await Promise.all([
      this.prisma.scheduledJob.groupBy({
        by: ["programId"],
        where: { workspaceId, programId: { in: programIds }, status: { in: ["PENDING", "RUNNING"] } },
        _count: { _all: true },
      }),
      this.prisma.delivery.groupBy({
        by: ["programId", "status"],
        where: {
          workspaceId,
          programId: { in: programIds },
          status: { in: ["SENT", "FAILED"] },
          createdAt: { gte: since },
        },
        _count: { _all: true },
      }),
    ]);
    const counts = new Map<string, MessageCounts>(
      programIds.map((id) => [id, { sent: 0, waiting: 0, failed: 0 }]),
    );
    for (const row of waiting) {
      const c = row.programId ? counts.get(row.programId) : undefined;
      if (c) c.waiting = row._count._all;
    }
    for (const row of logged) {
      const c = row.programId ? counts.get(row.programId) : undefined;
      if (c && row.status === "SENT") c.sent = row._count._all;
      if (c && row.status === "FAILED") c.failed = row._count._all;
    }
    return counts;
  }

  /** The program's most recent permanent failures, for a coordinator (with their time zone). */
  async failures(
    workspaceId: string,
    slackUserId: string,
    programId: string,
    limit = 20,
  ): Promise<{ programName: string; tz: string; failures: FailedDelivery[] }> {
    const viewer = await this.coordinators.require(workspaceId, slackUserId, "see failed messages");
    const program = await this.prisma.program.findFirst({ where: { id: programId, workspaceId } });
    if (!program) throw new NotFoundError("That program no longer exists.");
    const rows = await this.prisma.delivery.findMany({
      where: { workspaceId, programId, status: "FAILED" },
      orderBy: { createdAt: "desc" },
      take: limit,
    });
    const ids = [...new Set(rows.flatMap((r) => (r.recipient ?? "").split(",").filter(Boolean)))];
    const people = await this.prisma.member.findMany({ where: { workspaceId, slackUserId: { in: ids } } });
    const nameOf = new Map(people.map((p) => [p.slackUserId, displayNameOf(p)]));
    const failures = rows.map((r) => ({
      at: r.createdAt,
      what: jobKindLabels[r.kind as keyof typeof jobKindLabels] ?? r.kind,
      recipients:
        (r.recipient ?? "")
          .split(",")
          .filter(Boolean)
          .map((id) => nameOf.get(id) ?? "a former member")
          .join(" and ") || "no one",
      error: errorWords[r.error ?? ""] ?? r.error ?? "unknown error",
    }));
    return { programName: program.name, tz: viewer.tz, failures };
  }
}
