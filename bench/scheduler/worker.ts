// One scheduler process for bench/scheduler and test/postgres/scheduler-crash.test.ts:
// `node --import tsx bench/scheduler/worker.ts`, spawned with an IPC channel and its settings as
// JSON in SCHEDULER_WORKER (see WorkerConfig).
//
// It is a Tandem process cut down to its job runner: the real JobRunner with the real handlers
// (createJobHandlers) and, in "slack" mode, the real slackMessenger over a WebClient set up as
// src/server.ts sets up its jobs client, pointed at the parent's Slack stand-in. In "noop" mode the
// messenger answers at once without any HTTP, which measures claiming and dispatching alone.
//
// Protocol (child → parent): {type:"ready"} once the database is open; {type:"progress"} twice a
// second; {type:"drained"} when no job is PENDING or RUNNING any more; {type:"stats"} last, then
// the process exits 0 on its own. Parent → child: {type:"go"} starts draining; {type:"stop"} (or
// SIGTERM) stops after the current pass. A worker whose parent goes away exits too.
import { WebClient } from "@slack/web-api";
import pino from "pino";
import { openDatabase } from "../../src/db/client.ts";
import { createJobHandlers } from "../../src/jobs/handlers/index.ts";
import { type ClaimedJob, type JobHandler, JobRunner } from "../../src/jobs/runner.ts";
import { createLogger } from "../../src/logger.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { createServices } from "../../src/services/index.ts";
import type { SlackMessenger } from "../../src/services/slack-port.ts";
import { JOBS_CLIENT_OPTIONS, slackDirectory, slackMessenger } from "../../src/slack/gateway.ts";
import {
  noopMessenger,
  type ParentMessage,
  type WorkerConfig,
  type WorkerMessage,
  type WorkerStats,
} from "./protocol.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const raw = process.env.SCHEDULER_WORKER;
  if (!raw || !process.send) throw new Error("worker.ts is spawned by bench/scheduler with an IPC channel");
  const config = JSON.parse(raw) as WorkerConfig;
  const send = (message: WorkerMessage) => {
    if (process.connected) process.send?.(message);
  };
  // Logs go to stderr: the parent's stdout carries only its JSON report.
  const logger = createLogger(config.logLevel ?? "warn", pino.destination({ dest: 2, sync: false }));

  const database = await openDatabase(
    config.db.kind === "postgres"
      ? { kind: "postgres", url: config.db.url }
      : { kind: "pglite", dataDir: config.db.dataDir },
  );
  const prisma = database.prisma;

  const claimedAt = new Map<string, number>();
  const claimToSendMs: number[] = [];
  const keys: string[] = [];
  const counters = { ran: 0, sends: 0, findSentCalls: 0, findSentHits: 0 };
  const noteSent = (key: string | undefined) => {
    counters.sends += 1;
    if (!key) return;
    if (config.reportKeys) keys.push(key);
    const at = claimedAt.get(key);
    if (at !== undefined) claimToSendMs.push(performance.now() - at);
  };

  let inner: SlackMessenger;
  if (config.messenger === "slack") {
    if (!config.apiUrl || !config.token) throw new Error("slack mode needs apiUrl and token");
    // As src/server.ts builds its jobs client.
    const client = new WebClient(config.token, { slackApiUrl: config.apiUrl, ...JOBS_CLIENT_OPTIONS });
    inner = slackMessenger(client);
  } else {
    inner = noopMessenger();
  }
  const delay = config.sentDelayMs ?? 0;
  const messenger: SlackMessenger = {
    async sendDm(userId, message, options) {
      const posted = await inner.sendDm(userId, message, options);
      noteSent(options?.key);
      if (delay > 0) await sleep(delay);
      return posted;
    },
    async sendGroupDm(userIds, message, options) {
      const posted = await inner.sendGroupDm(userIds, message, options);
      noteSent(options?.key);
      if (delay > 0) await sleep(delay);
      return posted;
    },
    async findSent(userIds, key) {
      counters.findSentCalls += 1;
      const found = await inner.findSent(userIds, key);
      if (found) counters.findSentHits += 1;
      return found;
    },
    sendFileDm: (userId, file) => inner.sendFileDm(userId, file),
  };

  const directory = slackDirectory(
    new WebClient(config.token ?? "xoxb-unused", { slackApiUrl: config.apiUrl }),
  );
  const services = createServices({ prisma, directory, messenger });
  let runner: JobRunner | undefined;
  const handlers: Record<string, JobHandler> = createJobHandlers({
    ...services,
    prisma,
    messenger,
    kick: () => runner?.kick(),
  });
  // Count each job run and forget its claim time once it has an outcome.
  const counted: Record<string, JobHandler> = {};
  for (const [kind, handler] of Object.entries(handlers)) {
    counted[kind] = async (job) => {
      try {
        return await handler(job);
      } finally {
        claimedAt.delete(job.id);
        counters.ran += 1;
      }
    };
  }
  runner = new JobRunner(prisma, counted, logger, {
    leaseMs: config.leaseMs,
    ...(config.batchSize ? { batchSize: config.batchSize } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
  });
  // The claim time of each job, for claim-to-send latency: wraps the runner's private claim().
  const internals = runner as unknown as { claim: () => Promise<ClaimedJob[]> };
  const claim =
    config.claim === "split"
      ? claimSplit(prisma, runner.workerId, config.leaseMs, config.batchSize ?? 50)
      : internals.claim.bind(runner);
  internals.claim = async () => {
    const jobs = await claim();
    const now = performance.now();
    for (const job of jobs) claimedAt.set(job.id, now);
    return jobs;
  };

  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.on("disconnect", () => {
    if (!stopping) {
      // The parent is gone (crashed or killed): nobody is waiting for this process any more.
      logger.error("parent went away; exiting");
      process.exit(1);
    }
  });
  const go = new Promise<void>((resolve) => {
    process.on("message", (message: ParentMessage) => {
      if (message.type === "go") resolve();
      if (message.type === "stop") {
        stop();
        resolve();
      }
    });
  });

  send({ type: "ready", workerId: runner.workerId, pid: process.pid });
  await go;
  const cpuAtGo = process.cpuUsage();
  const progress = setInterval(() => {
    if (runner) send({ type: "progress", workerId: runner.workerId, ran: counters.ran });
  }, 500);

  const pollMs = config.pollMs ?? 100;
  const remaining = async () => {
    const [row] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "ScheduledJob" WHERE "status" IN ('PENDING', 'RUNNING')`;
    return row?.n ?? 0;
  };
  let cpu = { user: 0, system: 0 };
  try {
    while (!stopping) {
      const ran = await runner.runDue();
      if (ran > 0) continue;
      if ((await remaining()) === 0) {
        send({ type: "drained", workerId: runner.workerId, at: Date.now() });
        break;
      }
      await sleep(pollMs);
    }
  } finally {
    cpu = process.cpuUsage(cpuAtGo);
    clearInterval(progress);
    await runner.stop();
    await database.close();
  }

  const stats: WorkerStats = {
    workerId: runner.workerId,
    pid: process.pid,
    ...counters,
    claimToSendMs,
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    ...(config.reportKeys ? { keys } : {}),
  };
  stopping = true;
  await new Promise<void>((resolve) => {
    if (!process.connected) return resolve();
    process.send?.({ type: "stats", stats } satisfies WorkerMessage, () => resolve());
  });
  process.disconnect?.();
  // Everything is closed, so the process ends by itself; if a handle were left open, say so.
  setTimeout(() => {
    logger.warn("worker still alive 5 s after closing everything; exiting");
    process.exit(0);
  }, 5000).unref();
}

/**
 * The runner's claim with its WHERE … OR … split in two, each half walking its own index
 * ((status, dueAt) and (status, leaseUntil)) instead of a sequential scan and a sort of every due
 * row. Same rows, same update; only for measuring (--claim split).
 */
function claimSplit(prisma: PrismaClient, workerId: string, leaseMs: number, batchSize: number) {
  return async (): Promise<ClaimedJob[]> => {
    const now = new Date();
    await prisma.scheduledJob.updateMany({
      where: {
        status: "RUNNING",
        leaseUntil: { lt: now },
        attempts: { gte: prisma.scheduledJob.fields.maxAttempts },
      },
      data: { status: "FAILED", finishedAt: now, lastError: "the process running it stopped every time" },
    });
    const leaseUntil = new Date(now.getTime() + leaseMs);
    return prisma.$queryRaw<ClaimedJob[]>`
      WITH expired AS (
        SELECT id FROM "ScheduledJob"
        WHERE "status" = 'RUNNING' AND "leaseUntil" < ${now} AND "attempts" < "maxAttempts"
        ORDER BY "leaseUntil"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      ), pending AS (
        SELECT id FROM "ScheduledJob"
        WHERE "status" = 'PENDING' AND "dueAt" <= ${now}
        ORDER BY "dueAt"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      ), due AS (
        SELECT id FROM expired UNION ALL SELECT id FROM pending LIMIT ${batchSize}
      )
      UPDATE "ScheduledJob" AS j
      SET "status" = 'RUNNING', "lockedBy" = ${workerId}, "leaseUntil" = ${leaseUntil},
          "attempts" = j."attempts" + 1, "updatedAt" = ${now}
      FROM due WHERE j.id = due.id
      RETURNING j.id, j."workspaceId", j."programId", j.kind, j.payload, j.attempts, j."maxAttempts"`;
  };
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[scheduler worker ${process.pid}] ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
