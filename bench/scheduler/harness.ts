// Drains a queue of due `dm` jobs with several scheduler processes (bench/scheduler/worker.ts) and
// checks the result: shared by the benchmark (bench/scheduler/run.ts) and the crash test
// (test/postgres/scheduler-crash.test.ts).
//
// runScenario: seeds members and due jobs (one bulk INSERT … SELECT generate_series each, so
// 100,000 rows take seconds), starts a Slack stand-in in this process with a user for every
// recipient (slack mode), spawns the workers, waits until all of them have opened the database,
// starts them together, SIGKILLs workers at the planned points (optionally starting a
// replacement), waits until a worker finds nothing PENDING or RUNNING, and then counts: job
// statuses, messages per job id (Slack message metadata) in the stand-in, deliveries recorded.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDatabase } from "../../src/db/client.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { SlackApiStandIn } from "../../test/support/slack-api-stand-in.ts";
import type { ParentMessage, WorkerConfig, WorkerMessage, WorkerStats } from "./protocol.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const workerScript = join(here, "worker.ts");

const WORKSPACE_ID = "ws_scheduler_bench";

export type DbTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export interface KillPlan {
  /** SIGKILL a random live worker once this share of the jobs has run (0–1). */
  atFraction: number;
  /** Start a new worker in its place. */
  replace: boolean;
}

export interface ScenarioOptions {
  db: DbTarget;
  jobs: number;
  /** Distinct recipients; jobs go round them. Default: one recipient per job. */
  recipients?: number;
  processes: number;
  messenger: "slack" | "noop";
  kills?: KillPlan[];
  leaseMs: number;
  batchSize?: number;
  concurrency?: number;
  sentDelayMs?: number;
  pollMs?: number;
  claim?: WorkerConfig["claim"];
  /** The whole drain must end within this; then workers are stopped and the run fails. */
  timeoutMs: number;
  logLevel?: WorkerConfig["logLevel"];
  log?: (message: string) => void;
}

export interface KillRecord {
  workerId: string;
  pid: number;
  /** Jobs run (all workers) when the kill was sent, and that as a share of all jobs. */
  progress: number;
  fraction: number;
  secondsAfterStart: number;
  /** Messages the stand-in held at the kill: anything later was not sent by the killed worker. */
  messagesBefore: number;
  /** Jobs the killed worker held (RUNNING, locked by it) just after the kill. */
  heldJobs: number;
  replacedBy?: string;
}

export interface WorkerSummary {
  workerId: string;
  pid: number;
  killed: boolean;
  exitCode: number | null;
  signal: string | null;
  ran?: number;
  sends?: number;
  findSentCalls?: number;
  findSentHits?: number;
  maxRssMB?: number;
  cpuMs?: number;
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ScenarioResult {
  db: DbTarget["kind"];
  messenger: "slack" | "noop";
  jobs: number;
  recipients: number;
  processes: number;
  leaseMs: number;
  claim: "runner" | "split";
  batchSize: number | "default";
  concurrency: number | "default";
  seedSeconds: number;
  workerStartSeconds: number;
  wallSeconds: number;
  jobsPerSecond: number;
  statuses: Record<string, number>;
  /** Jobs whose id is on more than one message (slack), or reported sent more than once (noop). */
  duplicates: number;
  extraMessages: number;
  /** Jobs not DONE, or DONE with no message carrying their id. */
  lost: number;
  /** Jobs that ran more than once (taken over after a kill, or retried). */
  takenOver: number;
  /** Taken-over jobs whose one message was posted before a kill, i.e. found by findSent. */
  recoveredFromHistory: number;
  sentDeliveries: number;
  /** Jobs with more than one SENT delivery row. */
  doubleRecorded: number;
  /** DONE jobs whose SENT delivery row names another ts than the message with their id. */
  deliveryMismatches: number;
  messagesWithoutKey: number;
  claimToSendMs: Percentiles | null;
  kills: KillRecord[];
  workers: WorkerSummary[];
  /** Stand-in Web API calls by method (slack mode), and how many answered ok:false. */
  slackCalls?: Record<string, number>;
  slackErrors?: number;
  violations?: string[];
  /** CPU time the surviving workers used per job they ran (the killed ones report nothing). */
  workerCpuMsPerJob: number;
  /** CPU time of this process (the stand-in, in slack mode) during the drain. */
  parentCpuSeconds: number;
  /** 1-minute load average when the drain started and ended (2 cores: above 2 means queueing). */
  loadAverage: { before: number; after: number };
  parentMaxRssMB: number;
  /** Workers that had to be stopped or exited non-zero without being killed. */
  unclean: string[];
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

export function percentiles(values: number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => r2(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: r2(sorted.at(-1) ?? 0) };
}

/** Slack id of recipient number i (1-based): matches the dm payload's /^[UW][A-Z0-9]+$/. */
export const recipientId = (i: number) => `UB${String(i).padStart(7, "0")}`;

/** A new, empty database on the server at `adminUrl`, and how to drop it. */
export async function createScratchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tandem_sched_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Members UB0000001… and `jobs` due dm jobs going round them, in three statements. */
export async function seed(
  prisma: PrismaClient,
  teamId: string,
  jobs: number,
  recipients: number,
): Promise<void> {
  const now = new Date();
  const due = new Date(now.getTime() - 1000);
  await prisma.$executeRaw`
    INSERT INTO "Workspace" (id, "slackTeamId", name, "updatedAt")
    VALUES (${WORKSPACE_ID}, ${teamId}, 'Scheduler bench', CAST(${now} AS timestamp(3)))`;
  await prisma.$executeRaw`
    INSERT INTO "Member" (id, "workspaceId", "slackUserId", "realName", "updatedAt")
    SELECT 'mb' || i, ${WORKSPACE_ID}, 'UB' || lpad(i::text, 7, '0'), 'Bench member ' || i,
           CAST(${now} AS timestamp(3))
    FROM generate_series(1, CAST(${recipients} AS int)) AS i`;
  await prisma.$executeRaw`
    INSERT INTO "ScheduledJob" (id, "workspaceId", kind, "dueAt", payload, "idempotencyKey", "updatedAt")
    SELECT 'jb' || lpad(i::text, 7, '0'), ${WORKSPACE_ID}, 'dm', CAST(${due} AS timestamp(3)),
           jsonb_build_object(
             'recipient', 'UB' || lpad((((i - 1) % CAST(${recipients} AS int)) + 1)::text, 7, '0'),
             'notice', jsonb_build_object('type', 'paused_resumed')),
           'bench:' || i, CAST(${now} AS timestamp(3))
    FROM generate_series(1, CAST(${jobs} AS int)) AS i`;
}

interface Worker {
  child: ChildProcess;
  workerId?: string;
  pid: number;
  ran: number;
  killed: boolean;
  started: boolean;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  stats?: WorkerStats;
}

export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => {});
  const recipients = Math.min(options.recipients ?? options.jobs, options.jobs);
  const standIn = options.messenger === "slack" ? await SlackApiStandIn.start() : undefined;
  const slackCalls: Record<string, number> = {};
  let slackErrors = 0;
  // The stand-in records every call with its arguments; tally and forget them as the run goes.
  const tallyCalls = () => {
    if (!standIn) return;
    for (const call of standIn.calls) {
      slackCalls[call.method] = (slackCalls[call.method] ?? 0) + 1;
      if (call.status !== 200 || call.response.ok !== true) slackErrors += 1;
    }
    standIn.calls.length = 0;
  };
  const tally = setInterval(tallyCalls, 1000);
  const workers: Worker[] = [];
  try {
    // Seed.
    let t = performance.now();
    {
      const database = await openDatabase(options.db);
      try {
        await database.migrate();
        await seed(database.prisma, standIn?.teamId ?? "T0TANDEM1", options.jobs, recipients);
      } finally {
        await database.close();
      }
    }
    if (standIn) for (let i = 1; i <= recipients; i++) standIn.addUser({ id: recipientId(i) });
    const seedSeconds = (performance.now() - t) / 1000;
    log(`seeded ${options.jobs} jobs for ${recipients} recipients in ${r2(seedSeconds)} s`);

    // Workers.
    const config: WorkerConfig = {
      db: options.db,
      messenger: options.messenger,
      ...(standIn ? { apiUrl: standIn.apiUrl, token: standIn.botToken } : {}),
      leaseMs: options.leaseMs,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.sentDelayMs ? { sentDelayMs: options.sentDelayMs } : {}),
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      ...(options.claim ? { claim: options.claim } : {}),
      logLevel: options.logLevel ?? "warn",
      reportKeys: options.messenger === "noop",
    };
    let startedAt = 0;
    let drainedAt = 0;
    let onDrained: () => void = () => {};
    const drained = new Promise<void>((resolve) => {
      onDrained = resolve;
    });
    const progress = () => workers.reduce((sum, w) => sum + w.ran, 0);
    const kills: KillRecord[] = [];
    const plans = [...(options.kills ?? [])].sort((a, b) => a.atFraction - b.atFraction);
    let killing = false;

    const go = (worker: Worker) => {
      worker.started = true;
      worker.child.send({ type: "go" } satisfies ParentMessage);
    };

    const killNext = async () => {
      const plan = plans[0];
      if (!plan || killing || progress() < plan.atFraction * options.jobs) return;
      const candidates = workers.filter((w) => w.started && !w.killed && !w.exit && w.workerId);
      const victim = candidates[Math.floor(Math.random() * candidates.length)];
      if (!victim?.workerId) return;
      killing = true;
      plans.shift();
      const done = progress();
      const messagesBefore = standIn?.messages.length ?? 0;
      victim.killed = true;
      victim.child.kill("SIGKILL");
      const record: KillRecord = {
        workerId: victim.workerId,
        pid: victim.pid,
        progress: done,
        fraction: r2(done / options.jobs),
        secondsAfterStart: r2((performance.now() - startedAt) / 1000),
        messagesBefore,
        heldJobs: 0,
      };
      kills.push(record);
      log(`SIGKILL ${victim.workerId} (pid ${victim.pid}) at ${done} jobs run`);
      if (plan.replace) {
        const replacement = startWorker();
        void replacement.ready.then(() => {
          if (!drainedAt) go(replacement);
          record.replacedBy = replacement.workerId;
        });
      }
      if (options.db.kind === "postgres") {
        // What the victim left behind: RUNNING jobs whose lease must run out first.
        const client = new pg.Client({ connectionString: options.db.url });
        try {
          await client.connect();
          const held = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "ScheduledJob" WHERE "status" = 'RUNNING' AND "lockedBy" = $1`,
            [victim.workerId],
          );
          record.heldJobs = held.rows[0]?.n ?? 0;
        } finally {
          await client.end().catch(() => {});
        }
      }
      killing = false;
      void killNext();
    };

    const startWorker = (): Worker => {
      // SCHEDULER_WORKER_NODE_ARGS: extra node flags for the workers, e.g. "--cpu-prof".
      const nodeArgs = (process.env.SCHEDULER_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
      const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", workerScript], {
        cwd: root,
        env: { ...process.env, SCHEDULER_WORKER: JSON.stringify(config) },
        stdio: ["ignore", 2, 2, "ipc"],
      });
      let readyResolve: () => void = () => {};
      let readyReject: (error: Error) => void = () => {};
      const worker: Worker = {
        child,
        pid: child.pid ?? 0,
        ran: 0,
        killed: false,
        started: false,
        ready: new Promise<void>((resolve, reject) => {
          readyResolve = resolve;
          readyReject = reject;
        }),
        exited: new Promise((resolve) => {
          child.once("exit", (code, signal) => {
            worker.exit = { code, signal };
            readyReject(new Error(`worker ${child.pid} exited (${code ?? signal}) before it was ready`));
            resolve({ code, signal });
          });
        }),
      };
      worker.ready.catch(() => {});
      child.on("message", (message: WorkerMessage) => {
        switch (message.type) {
          case "ready":
            worker.workerId = message.workerId;
            readyResolve();
            break;
          case "progress":
            worker.ran = message.ran;
            void killNext().catch((error: unknown) => log(`kill failed: ${String(error)}`));
            break;
          case "drained":
            if (!drainedAt) drainedAt = performance.now();
            onDrained();
            break;
          case "stats":
            worker.stats = message.stats;
            worker.ran = message.stats.ran;
            break;
        }
      });
      workers.push(worker);
      return worker;
    };

    t = performance.now();
    for (let i = 0; i < options.processes; i++) startWorker();
    await Promise.all(workers.map((w) => w.ready));
    const workerStartSeconds = (performance.now() - t) / 1000;
    log(`${options.processes} worker(s) ready in ${r2(workerStartSeconds)} s; draining`);
    startedAt = performance.now();
    const parentCpuAtStart = process.cpuUsage();
    const loadBefore = loadavg()[0] ?? 0;
    for (const worker of workers) go(worker);

    // Until a worker finds the queue empty, every worker has died, or time is up.
    const reporter = setInterval(() => {
      const done = progress();
      log(`${done}/${options.jobs} run, ${r1(done / ((performance.now() - startedAt) / 1000))} jobs/s`);
    }, 5000);
    const allDead = (async () => {
      for (;;) {
        await Promise.all(workers.map((w) => w.exited));
        // A replacement may have been started meanwhile.
        if (workers.every((w) => w.exit)) return "dead" as const;
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
    });
    const ending = await Promise.race([drained.then(() => "drained" as const), allDead, timeout]);
    clearTimeout(timer);
    clearInterval(reporter);
    const wallSeconds = ((drainedAt || performance.now()) - startedAt) / 1000;
    const parentCpu = process.cpuUsage(parentCpuAtStart);
    const loadAfter = loadavg()[0] ?? 0;

    // Every worker ends on its own once the queue is empty; stop any that does not.
    const unclean: string[] = [];
    const grace = setTimeout(
      () => {
        for (const w of workers) {
          if (w.exit) continue;
          unclean.push(`${w.workerId ?? w.pid}: still running 30 s after the drain; SIGTERM`);
          w.child.send({ type: "stop" } satisfies ParentMessage);
          w.child.kill("SIGTERM");
          setTimeout(() => w.exit || w.child.kill("SIGKILL"), 10_000).unref();
        }
      },
      ending === "drained" ? 30_000 : 0,
    );
    await Promise.all(workers.map((w) => w.exited));
    clearTimeout(grace);
    for (const w of workers) {
      if (!w.killed && w.exit && w.exit.code !== 0)
        unclean.push(`${w.workerId ?? w.pid}: exited with ${w.exit.code ?? w.exit.signal}`);
    }
    if (ending !== "drained") unclean.push(`the drain did not finish: ${ending}`);
    tallyCalls();

    const checked = await check(options, standIn, workers, kills);
    const result: ScenarioResult = {
      db: options.db.kind,
      messenger: options.messenger,
      jobs: options.jobs,
      recipients,
      processes: options.processes,
      leaseMs: options.leaseMs,
      claim: options.claim ?? "runner",
      batchSize: options.batchSize ?? "default",
      concurrency: options.concurrency ?? "default",
      seedSeconds: r2(seedSeconds),
      workerStartSeconds: r2(workerStartSeconds),
      wallSeconds: r2(wallSeconds),
      jobsPerSecond: r1(options.jobs / wallSeconds),
      ...checked,
      claimToSendMs: percentiles(workers.flatMap((w) => w.stats?.claimToSendMs ?? [])),
      kills,
      workers: workers.map((w) => ({
        workerId: w.workerId ?? "",
        pid: w.pid,
        killed: w.killed,
        exitCode: w.exit?.code ?? null,
        signal: w.exit?.signal ?? null,
        ...(w.stats
          ? {
              ran: w.stats.ran,
              sends: w.stats.sends,
              findSentCalls: w.stats.findSentCalls,
              findSentHits: w.stats.findSentHits,
              maxRssMB: w.stats.maxRssMB,
              cpuMs: w.stats.cpuMs,
            }
          : { ran: w.ran }),
      })),
      ...(standIn ? { slackCalls, slackErrors, violations: standIn.violations.slice(0, 20) } : {}),
      workerCpuMsPerJob: r2(
        workers.reduce((sum, w) => sum + (w.stats?.cpuMs ?? 0), 0) /
          Math.max(
            1,
            workers.reduce((sum, w) => sum + (w.stats ? w.stats.ran : 0), 0),
          ),
      ),
      parentCpuSeconds: r2((parentCpu.user + parentCpu.system) / 1e6),
      loadAverage: { before: r2(loadBefore), after: r2(loadAfter) },
      parentMaxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      unclean,
    };
    return result;
  } finally {
    clearInterval(tally);
    for (const w of workers) if (!w.exit) w.child.kill("SIGKILL");
    await standIn?.stop();
  }
}

/** Counts what happened to every job, from the database and the stand-in's messages. */
async function check(
  options: ScenarioOptions,
  standIn: SlackApiStandIn | undefined,
  workers: Worker[],
  kills: KillRecord[],
) {
  const database = await openDatabase(options.db);
  try {
    const prisma = database.prisma;
    const jobs = await prisma.$queryRaw<Array<{ id: string; status: string; attempts: number }>>`
      SELECT id, "status"::text AS status, attempts FROM "ScheduledJob"`;
    const deliveries = await prisma.$queryRaw<Array<{ jobId: string; messageTs: string | null }>>`
      SELECT "jobId", "messageTs" FROM "Delivery" WHERE "status" = 'SENT'`;
    const statuses: Record<string, number> = {};
    for (const job of jobs) statuses[job.status] = (statuses[job.status] ?? 0) + 1;
    const sentTs = new Map<string, string | null>();
    let doubleRecorded = 0;
    for (const d of deliveries) {
      if (sentTs.has(d.jobId)) doubleRecorded += 1;
      sentTs.set(d.jobId, d.messageTs);
    }

    // Job id → messages carrying it.
    const messages = new Map<string, { count: number; first: number; ts: string }>();
    let messagesWithoutKey = 0;
    if (standIn) {
      standIn.messages.forEach((m, index) => {
        const key = m.metadata?.event_payload.key;
        if (typeof key !== "string") {
          messagesWithoutKey += 1;
          return;
        }
        const seen = messages.get(key);
        if (seen) seen.count += 1;
        else messages.set(key, { count: 1, first: index, ts: m.ts });
      });
    } else {
      for (const w of workers) {
        for (const key of w.stats?.keys ?? []) {
          const seen = messages.get(key);
          if (seen) seen.count += 1;
          else messages.set(key, { count: 1, first: 0, ts: "" });
        }
      }
    }
    const lastKill = Math.max(0, ...kills.map((k) => k.messagesBefore));
    let duplicates = 0;
    let extraMessages = 0;
    let lost = 0;
    let takenOver = 0;
    let recoveredFromHistory = 0;
    let deliveryMismatches = 0;
    for (const job of jobs) {
      const sent = messages.get(job.id);
      if (sent && sent.count > 1) {
        duplicates += 1;
        extraMessages += sent.count - 1;
      }
      // Killed workers report no keys in noop mode, so there a DONE job counts as delivered.
      const delivered = standIn ? sent !== undefined : true;
      if (job.status !== "DONE" || !delivered) lost += 1;
      if (job.attempts > 1) {
        takenOver += 1;
        if (standIn && sent && sent.first < lastKill) recoveredFromHistory += 1;
      }
      if (standIn && job.status === "DONE" && sent && sentTs.get(job.id) !== sent.ts) deliveryMismatches += 1;
    }
    return {
      statuses,
      duplicates,
      extraMessages,
      lost,
      takenOver,
      recoveredFromHistory,
      sentDeliveries: deliveries.length,
      doubleRecorded,
      deliveryMismatches,
      messagesWithoutKey,
    };
  } finally {
    await database.close();
  }
}
