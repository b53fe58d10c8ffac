// Runs due jobs: claims them with FOR UPDATE SKIP LOCKED (several processes never run one job
// twice), runs the handler for each, records the outcome in the delivery log. A node-cron tick
// catches up on anything due; kick() runs right away after a change enqueued something.
import { randomUUID } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import { retryDelayMs } from "../domain/jobs.ts";
import type { Logger } from "../logger.ts";
import type { Prisma, PrismaClient } from "../services/db.ts";

export interface ClaimedJob {
  id: string;
  workspaceId: string;
  programId: string | null;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export type JobOutcome =
  | { status: "done"; recipient?: string; channelId?: string; messageTs?: string }
  | { status: "retry"; error: string; recipient?: string; at?: Date }
  | { status: "failed"; error: string; recipient?: string }
  | { status: "cancelled"; reason: string; recipient?: string };

export type JobHandler = (job: ClaimedJob) => Promise<JobOutcome>;

export interface RunnerOptions {
  /** How long a claim is held before another process may take the job over. */
  leaseMs?: number;
  batchSize?: number;
  now?: () => Date;
}

export class JobRunner {
  readonly workerId = `worker-${randomUUID().slice(0, 8)}`;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly now: () => Date;
  private running: Promise<number> | undefined;
  private again = false;
  private task: ScheduledTask | undefined;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly handlers: Record<string, JobHandler>,
    private readonly logger: Logger,
    options: RunnerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.now = options.now ?? (() => new Date());
  }

  /** Starts the periodic tick. */
  start(tickSeconds: number): void {
    const expression =
      tickSeconds < 60 ? `*/${tickSeconds} * * * * *` : `0 */${Math.round(tickSeconds / 60)} * * * *`;
    this.task = cron.schedule(expression, () => this.kick(), { noOverlap: true, name: "tandem-jobs" });
  }

  /** Runs due jobs soon; calls made while a run is going merge into one more run. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runDue()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, "job run failed");
        return 0;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no run is in progress (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.task?.stop();
    await this.idle();
  }

  /** Claims and runs batches until nothing is due; returns how many jobs ran. */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await this.claim();
      if (jobs.length === 0) return total;
      for (const job of jobs) await this.runOne(job);
      total += jobs.length;
    }
  }

  private async claim(): Promise<ClaimedJob[]> {
    const now = this.now();
    // A job that took every attempt down with it (its process died each time) is not run again.
    await this.prisma.scheduledJob.updateMany({
      where: {
        status: "RUNNING",
        leaseUntil: { lt: now },
        attempts: { gte: this.prisma.scheduledJob.fields.maxAttempts },
      },
      data: { status: "FAILED", finishedAt: now, lastError: "the process running it stopped every time" },
    });
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    return this.prisma.$queryRaw<ClaimedJob[]>`
      WITH due AS (
        SELECT id FROM "ScheduledJob"
        WHERE ("status" = 'PENDING' AND "dueAt" <= ${now})
           OR ("status" = 'RUNNING' AND "leaseUntil" < ${now} AND "attempts" < "maxAttempts")
        ORDER BY "dueAt"
        LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "ScheduledJob" AS j
      SET "status" = 'RUNNING', "lockedBy" = ${this.workerId}, "leaseUntil" = ${leaseUntil},
          "attempts" = j."attempts" + 1, "updatedAt" = ${now}
      FROM due WHERE j.id = due.id
      RETURNING j.id, j."workspaceId", j."programId", j.kind, j.payload, j.attempts, j."maxAttempts"`;
  }

  private async runOne(job: ClaimedJob): Promise<void> {
    // A batch runs one job after another: renew this job's lease as it starts, and skip it if the
    // lease already ran out and another process took it over.
    const leaseUntil = new Date(this.now().getTime() + this.leaseMs);
    const { count } = await this.prisma.scheduledJob.updateMany({
      where: { id: job.id, lockedBy: this.workerId, status: "RUNNING" },
      data: { leaseUntil },
    });
    if (count === 0) return;
    const handler = this.handlers[job.kind];
    let outcome: JobOutcome;
    try {
      outcome = handler
        ? await handler(job)
        : { status: "failed", error: `no handler for job kind "${job.kind}"` };
    } catch (error) {
      outcome = { status: "retry", error: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.status === "retry" && job.attempts >= job.maxAttempts) {
      outcome = { status: "failed", error: `gave up after ${job.attempts} attempts: ${outcome.error}` };
    }
    await this.record(job, outcome);
  }

  private async record(job: ClaimedJob, outcome: JobOutcome): Promise<void> {
    const now = this.now();
    const mine = { id: job.id, lockedBy: this.workerId };
    const update: Prisma.ScheduledJobUpdateManyMutationInput =
      outcome.status === "done"
        ? { status: "DONE", finishedAt: now, leaseUntil: null, lastError: null }
        : outcome.status === "retry"
          ? {
              status: "PENDING",
              dueAt: outcome.at ?? new Date(now.getTime() + retryDelayMs(job.attempts)),
              leaseUntil: null,
              lastError: outcome.error,
            }
          : outcome.status === "failed"
            ? { status: "FAILED", finishedAt: now, leaseUntil: null, lastError: outcome.error }
            : { status: "CANCELLED", finishedAt: now, leaseUntil: null, cancelReason: outcome.reason };
    await this.prisma.$transaction([
      this.prisma.scheduledJob.updateMany({ where: mine, data: update }),
      this.prisma.delivery.create({
        data: {
          workspaceId: job.workspaceId,
          jobId: job.id,
          programId: job.programId,
          kind: job.kind,
          recipient: outcome.recipient ?? null,
          attempt: job.attempts,
          ...(outcome.status === "done"
            ? { status: "SENT", channelId: outcome.channelId ?? null, messageTs: outcome.messageTs ?? null }
            : outcome.status === "retry"
              ? { status: "RETRYING", error: outcome.error }
              : outcome.status === "failed"
                ? { status: "FAILED", error: outcome.error }
                : { status: "SKIPPED", error: outcome.reason }),
        },
      }),
    ]);
    const log = { job: job.id, kind: job.kind, recipient: outcome.recipient, attempt: job.attempts };
    if (outcome.status === "done") this.logger.info(log, "job done");
    else if (outcome.status === "failed") this.logger.warn({ ...log, error: outcome.error }, "job failed");
    else if (outcome.status === "retry") this.logger.info({ ...log, error: outcome.error }, "job will retry");
    else this.logger.info({ ...log, reason: outcome.reason }, "job cancelled");
  }
}
