// Runs due jobs: claims them with FOR UPDATE SKIP LOCKED (several processes never run one job
// twice), runs the handler for each, records the outcome in the delivery log. A node-cron tick
// catches up on anything due; kick() runs right away after a change enqueued something, and a
// timer wakes the runner for a job deferred to a moment sooner than the next tick.
//
// A job whose process died mid-run is taken over once its lease expires; its `attempts` is then
// above 1, which tells a sending handler to look for its own earlier message before sending
// (src/jobs/handlers/deliver.ts), so a crash between "sent" and "recorded" never sends twice.
import { randomUUID } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import { describeJob, retryDelayMs } from "../domain/jobs.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Logger } from "../logger.ts";
import type { PrismaClient } from "../services/db.ts";

export interface ClaimedJob {
  id: string;
  workspaceId: string;
  programId: string | null;
  kind: string;
  payload: unknown;
  /** This run included: above 1 when an earlier run failed, or died before recording. */
  attempts: number;
  maxAttempts: number;
}

export type JobOutcome =
  | { status: "done"; recipient?: string; channelId?: string; messageTs?: string }
  | { status: "retry"; error: string; recipient?: string; at?: Date }
  /** Not now, on purpose (outside working hours, away, Slack said wait): not a failed attempt. */
  | { status: "deferred"; until: Date; reason: string; recipient?: string }
  | { status: "failed"; error: string; recipient?: string }
  | { status: "cancelled"; reason: string; recipient?: string };

export type JobHandler = (job: ClaimedJob) => Promise<JobOutcome>;

export interface RunnerOptions {
  /** How long a claim is held before another process may take the job over. */
  leaseMs?: number;
  batchSize?: number;
  /** Jobs of one batch run side by side (sending is mostly waiting on Slack). */
  concurrency?: number;
  now?: () => Date;
}

export class JobRunner {
  readonly workerId = `worker-${randomUUID().slice(0, 8)}`;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly now: () => Date;
  private running: Promise<number> | undefined;
  private again = false;
  private task: ScheduledTask | undefined;
  private wake: { at: number; timer: NodeJS.Timeout } | undefined;
  private readonly toRecord: PendingRecord[] = [];
  private stopped = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly handlers: Record<string, JobHandler>,
    private readonly logger: Logger,
    options: RunnerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
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
    this.exclusive().catch((error: unknown) => this.logger.error({ err: error }, "job run failed"));
  }

  /** Resolves when no run is in progress (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running.then(settled, settled);
  }

  /**
   * Claims and runs batches until nothing is due, then waits for any run that jobs it ran asked
   * for; returns how many jobs this call ran. Runs of one runner never overlap.
   */
  async runDue(): Promise<number> {
    const total = await this.exclusive();
    await this.idle();
    return total;
  }

  private async exclusive(): Promise<number> {
    while (this.running) await this.running.then(settled, settled);
    const run = this.drain();
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = undefined;
    await this.task?.stop();
    await this.idle();
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await this.claim();
      if (jobs.length === 0) return total;
      // While the batch runs, its leases are renewed every third of a lease: a slow job is never
      // taken over by another process while this one may still send it. A job whose lease was
      // lost anyway (this process stalled) is not started.
      const held = new Set(jobs.map((j) => j.id));
      const heartbeat = setInterval(() => {
        void this.renewLeases(held).catch((error: unknown) =>
          this.logger.warn({ err: error }, "could not renew job leases"),
        );
      }, this.leaseMs / 3);
      heartbeat.unref();
      let next = 0;
      const worker = async () => {
        for (let job = jobs[next++]; job; job = jobs[next++]) {
          if (held.has(job.id)) await this.runOne(job);
          held.delete(job.id);
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(this.concurrency, jobs.length) }, worker));
      } finally {
        clearInterval(heartbeat);
      }
      total += jobs.length;
    }
  }

  /** Runs again at `at` when that comes before the next tick (a job deferred by seconds). */
  private wakeAt(at: Date): void {
    if (this.stopped || !this.task) return;
    const delay = at.getTime() - this.now().getTime();
    if (delay > 60_000) return;
    const when = Date.now() + Math.max(0, delay);
    if (this.wake && this.wake.at <= when) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const timer = setTimeout(() => {
      this.wake = undefined;
      this.kick();
    }, Math.max(0, delay) + 50);
    timer.unref();
    this.wake = { at: when, timer };
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
    // Two index walks ((status, leaseUntil) and (status, dueAt)) rather than one OR, which would
    // scan and sort the whole table on every claim.
    return this.prisma.$queryRaw<ClaimedJob[]>`
      WITH expired AS (
        SELECT id FROM "ScheduledJob"
        WHERE "status" = 'RUNNING' AND "leaseUntil" < ${now} AND "attempts" < "maxAttempts"
        ORDER BY "leaseUntil"
        LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED
      ), pending AS (
        SELECT id FROM "ScheduledJob"
        WHERE "status" = 'PENDING' AND "dueAt" <= ${now}
        ORDER BY "dueAt"
        LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED
      ), due AS (
        SELECT id FROM expired UNION ALL SELECT id FROM pending LIMIT ${this.batchSize}
      )
      UPDATE "ScheduledJob" AS j
      SET "status" = 'RUNNING', "lockedBy" = ${this.workerId}, "leaseUntil" = ${leaseUntil},
          "attempts" = j."attempts" + 1, "updatedAt" = ${now}
      FROM due WHERE j.id = due.id
      RETURNING j.id, j."workspaceId", j."programId", j.kind, j.payload, j.attempts, j."maxAttempts"`;
  }

  /** Extends the leases of the batch's unfinished jobs; forgets those another process took. */
  private async renewLeases(held: Set<string>): Promise<void> {
    if (held.size === 0) return;
    const ids = [...held];
    const leaseUntil = new Date(this.now().getTime() + this.leaseMs);
    const renewed = await this.prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE "ScheduledJob" SET "leaseUntil" = ${leaseUntil}
      WHERE id = ANY(${ids}) AND "lockedBy" = ${this.workerId} AND "status" = 'RUNNING'
      RETURNING id`;
    const still = new Set(renewed.map((r) => r.id));
    for (const id of ids) if (!still.has(id) && held.has(id)) held.delete(id);
  }

  private async runOne(job: ClaimedJob): Promise<void> {
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

  /**
   * Records a job's outcome. Outcomes that finish together are written together (group
   * commit): one statement sets each job's new state and adds its delivery-log row, only for
   * jobs this process still holds (a process whose lease was taken over records nothing).
   */
  private record(job: ClaimedJob, outcome: JobOutcome): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.toRecord.push({ job, outcome, resolve, reject });
      if (this.toRecord.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.toRecord.splice(0, this.toRecord.length);
    for (let i = 0; i < batch.length; i += RECORD_CHUNK) {
      const chunk = batch.slice(i, i + RECORD_CHUNK);
      try {
        await this.writeOutcomes(chunk);
        for (const r of chunk) r.resolve();
      } catch (error) {
        for (const r of chunk) r.reject(error);
      }
    }
  }

  private async writeOutcomes(batch: PendingRecord[]): Promise<void> {
    const now = this.now();
    const states = batch.map(({ job, outcome }) => stateOf(outcome, now, job.attempts));
    const rows = batch.map(({ job, outcome }, i) => {
      const s = states[i] as RecordedState;
      return Prisma.sql`(${job.id}, ${s.job}, CAST(${s.dueAt} AS timestamp(3)), CAST(${s.finished} AS boolean),
        CAST(${s.lastError} AS text), CAST(${s.cancelReason} AS text), CAST(${s.refund} AS integer),
        ${randomUUID()}, CAST(${outcome.recipient ?? null} AS text), CAST(${s.channelId} AS text),
        CAST(${s.messageTs} AS text), ${s.delivery}, CAST(${s.error} AS text), CAST(${job.attempts} AS integer))`;
    });
    await this.prisma.$executeRaw`
      WITH input (id, status, due_at, finished, last_error, cancel_reason, refund, delivery_id,
                  recipient, channel_id, message_ts, delivery_status, error, attempt) AS (
        VALUES ${Prisma.join(rows)}
      ),
      mine AS (
        UPDATE "ScheduledJob" AS j
        SET "status" = CAST(i.status AS "JobStatus"),
            "dueAt" = COALESCE(i.due_at, j."dueAt"),
            "finishedAt" = CASE WHEN i.finished THEN CAST(${now} AS timestamp(3)) END,
            "leaseUntil" = NULL,
            "lastError" = i.last_error,
            "cancelReason" = COALESCE(i.cancel_reason, j."cancelReason"),
            "attempts" = j."attempts" - i.refund,
            "updatedAt" = CAST(${now} AS timestamp(3))
        FROM input AS i
        WHERE j.id = i.id AND j."lockedBy" = ${this.workerId} AND j."status" = 'RUNNING'
        RETURNING j.id, j."workspaceId", j."programId", j.kind
      )
      INSERT INTO "Delivery" (id, "workspaceId", "jobId", "programId", kind, recipient, "channelId",
                              "messageTs", status, error, attempt, "createdAt")
      SELECT i.delivery_id, mine."workspaceId", mine.id, mine."programId", mine.kind, i.recipient,
             i.channel_id, i.message_ts, CAST(i.delivery_status AS "DeliveryStatus"), i.error, i.attempt,
             CAST(${now} AS timestamp(3))
      FROM input AS i JOIN mine ON mine.id = i.id`;
    batch.forEach(({ job, outcome }, i) => {
      this.logOutcome(job, outcome, states[i] as RecordedState);
    });
  }

  private logOutcome(job: ClaimedJob, outcome: JobOutcome, s: RecordedState): void {
    if (s.dueAt) this.wakeAt(s.dueAt);
    const log = {
      job: job.id,
      kind: job.kind,
      what: describeJob(job.kind, job.payload),
      recipient: outcome.recipient,
      attempt: job.attempts,
    };
    if (outcome.status === "done") this.logger.info(log, outcome.recipient ? "sent" : "job done");
    else if (outcome.status === "failed") this.logger.warn({ ...log, error: outcome.error }, "job failed");
    else if (outcome.status === "retry") this.logger.info({ ...log, error: outcome.error }, "job will retry");
    else if (outcome.status === "deferred")
      this.logger.info({ ...log, until: outcome.until, reason: outcome.reason }, "job deferred");
    else this.logger.info({ ...log, reason: outcome.reason }, "job cancelled");
  }
}

/** Outcomes written per statement (14 parameters each). */
const RECORD_CHUNK = 200;

interface PendingRecord {
  job: ClaimedJob;
  outcome: JobOutcome;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const settled = () => undefined;

interface RecordedState {
  job: "DONE" | "PENDING" | "FAILED" | "CANCELLED";
  delivery: "SENT" | "RETRYING" | "DEFERRED" | "FAILED" | "SKIPPED";
  dueAt: Date | null;
  finished: boolean;
  lastError: string | null;
  cancelReason: string | null;
  error: string | null;
  channelId: string | null;
  messageTs: string | null;
  /** 1 when this run does not count as an attempt (a deferral). */
  refund: number;
}

function stateOf(outcome: JobOutcome, now: Date, attempts: number): RecordedState {
  const base = { dueAt: null, finished: true, lastError: null, cancelReason: null, error: null };
  const none = { channelId: null, messageTs: null, refund: 0 };
  switch (outcome.status) {
    case "done":
      return {
        ...base,
        job: "DONE",
        delivery: "SENT",
        channelId: outcome.channelId ?? null,
        messageTs: outcome.messageTs ?? null,
        refund: 0,
      };
    case "retry":
      return {
        ...base,
        ...none,
        job: "PENDING",
        delivery: "RETRYING",
        dueAt: outcome.at ?? new Date(now.getTime() + retryDelayMs(attempts)),
        finished: false,
        lastError: outcome.error,
        error: outcome.error,
      };
    case "deferred":
      return {
        ...base,
        ...none,
        job: "PENDING",
        delivery: "DEFERRED",
        // Never "now" again: a deferral always lets at least a second pass.
        dueAt: new Date(Math.max(outcome.until.getTime(), now.getTime() + 1000)),
        finished: false,
        error: outcome.reason,
        refund: 1,
      };
    case "failed":
      return {
        ...base,
        ...none,
        job: "FAILED",
        delivery: "FAILED",
        lastError: outcome.error,
        error: outcome.error,
      };
    case "cancelled":
      return {
        ...base,
        ...none,
        job: "CANCELLED",
        delivery: "SKIPPED",
        cancelReason: outcome.reason,
        error: outcome.reason,
      };
  }
}
