// Scheduler benchmark: `npm run bench:scheduler -- [options]` (= `npx tsx bench/scheduler/run.ts`).
//   --db postgres|pglite       database (default postgres)
//   --jobs N                   due dm jobs to drain (default 100000)
//   --processes P              scheduler processes (default 4; PGlite is single-process: always 1)
//   --kill                     SIGKILL a random process at ~30 % of the stand-in run, start a replacement
//   --messenger both|noop|slack  which runs (default both, noop first)
//   --recipients R             distinct recipients (default: one per job)
//   --lease-ms MS              job lease (default 5000, so a killed process's jobs come back soon)
//   --batch-size N, --concurrency N  runner settings (default: the runner's own, 50 and 8)
//   --timeout-s S              give up on one run after this long (default 900)
//   --sent-delay-ms MS         wait this long between Slack's answer and recording the job (default
//                              0): more jobs are "sent, not recorded" when --kill strikes
//   --claim runner|split       "split" swaps in an index-friendly claim query: an experiment that
//                              measures a proposed change to src/jobs/runner.ts (default runner)
//
// PostgreSQL: the server named by TEST_DATABASE_URL, a new database per run (dropped after).
// Without TEST_DATABASE_URL the benchmark runs itself under scripts/with-postgres.sh, which starts
// a throw-away server. PGlite: a new data folder in the temp directory per run.
//
// Each run (bench/scheduler/harness.ts) seeds the members and jobs, starts the worker processes
// (bench/scheduler/worker.ts: the real JobRunner and job handlers) and times the drain, from the
// moment every worker has its database open to the moment one finds nothing left to do:
//   noop   a messenger that answers at once, no HTTP: what claiming and dispatching cost alone
//          ("jobs/s before Slack's own limits"); never killed, since it keeps no record to find.
//   slack  the real slackMessenger over HTTP to a Slack stand-in in this process (conversations.open
//          and chat.postMessage per job; each message carries its job id as metadata, so
//          duplicates and lost jobs are counted from what the stand-in received).
// One JSON line per run on stdout, then a summary line; progress on stderr. Everything is also
// written to bench/out/scheduler-<db>-<jobs>[-noop|-slack][-split-claim].json (the suffixes for
// --messenger noop|slack and --claim split). Exits 1 if any job was lost or sent twice.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createScratchDatabase, type DbTarget, runScenario, type ScenarioResult } from "./harness.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const outDir = join(here, "..", "out");

const TARGET_JOBS_PER_SECOND = 2000;

const log = (message: string) => process.stderr.write(`[bench:scheduler] ${message}\n`);
const emit = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

interface Args {
  db: "postgres" | "pglite";
  jobs: number;
  processes: number;
  kill: boolean;
  messenger: "both" | "noop" | "slack";
  recipients?: number;
  leaseMs: number;
  batchSize?: number;
  concurrency?: number;
  timeoutS: number;
  claim: "runner" | "split";
  sentDelayMs?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    db: "postgres",
    jobs: 100_000,
    processes: 4,
    kill: false,
    messenger: "both",
    leaseMs: 5000,
    timeoutS: 900,
    claim: "runner",
  };
  const number = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case "--db":
        if (value !== "postgres" && value !== "pglite") throw new Error("--db is postgres or pglite");
        args.db = value;
        i++;
        break;
      case "--messenger":
        if (value !== "both" && value !== "noop" && value !== "slack")
          throw new Error("--messenger is both, noop or slack");
        args.messenger = value;
        i++;
        break;
      case "--claim":
        if (value !== "runner" && value !== "split") throw new Error("--claim is runner or split");
        args.claim = value;
        i++;
        break;
      case "--sent-delay-ms":
        args.sentDelayMs = number(flag, value);
        i++;
        break;
      case "--kill":
        args.kill = true;
        break;
      case "--jobs":
        args.jobs = number(flag, value);
        i++;
        break;
      case "--processes":
        args.processes = number(flag, value);
        i++;
        break;
      case "--recipients":
        args.recipients = number(flag, value);
        i++;
        break;
      case "--lease-ms":
        args.leaseMs = number(flag, value);
        i++;
        break;
      case "--batch-size":
        args.batchSize = number(flag, value);
        i++;
        break;
      case "--concurrency":
        args.concurrency = number(flag, value);
        i++;
        break;
      case "--timeout-s":
        args.timeoutS = number(flag, value);
        i++;
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  if (args.db === "pglite" && args.processes !== 1) {
    log("PGlite is a single-process database: running one process");
    args.processes = 1;
  }
  if (args.db === "pglite" && args.kill) {
    log("--kill needs several processes sharing a server: ignored on PGlite");
    args.kill = false;
  }
  return args;
}

async function runOne(args: Args, messenger: "noop" | "slack"): Promise<ScenarioResult> {
  let db: DbTarget;
  let cleanup: () => Promise<void>;
  if (args.db === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL ?? "";
    const scratch = await createScratchDatabase(adminUrl);
    db = { kind: "postgres", url: scratch.url };
    cleanup = scratch.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), "tandem-sched-"));
    db = { kind: "pglite", dataDir: join(dir, "data") };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  log(`${messenger} run: ${args.jobs} jobs, ${args.processes} process(es) on ${args.db}`);
  try {
    return await runScenario({
      db,
      jobs: args.jobs,
      ...(args.recipients ? { recipients: args.recipients } : {}),
      processes: args.processes,
      messenger,
      kills: args.kill && messenger === "slack" ? [{ atFraction: 0.3, replace: true }] : [],
      leaseMs: args.leaseMs,
      claim: args.claim,
      ...(args.sentDelayMs ? { sentDelayMs: args.sentDelayMs } : {}),
      ...(args.batchSize ? { batchSize: args.batchSize } : {}),
      ...(args.concurrency ? { concurrency: args.concurrency } : {}),
      timeoutMs: args.timeoutS * 1000,
      log: (message) => log(`  ${messenger}: ${message}`),
    });
  } finally {
    await cleanup();
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.db === "postgres" && !process.env.TEST_DATABASE_URL) {
    log("TEST_DATABASE_URL is not set: running under scripts/with-postgres.sh");
    const child = spawnSync(
      join(root, "scripts", "with-postgres.sh"),
      [process.execPath, "--import", "tsx", fileURLToPath(import.meta.url), ...process.argv.slice(2)],
      { stdio: "inherit", cwd: root },
    );
    return child.status ?? 1;
  }

  const runs: Record<string, ScenarioResult> = {};
  for (const messenger of args.messenger === "both" ? (["noop", "slack"] as const) : [args.messenger]) {
    const result = await runOne(args, messenger);
    runs[messenger] = result;
    emit({ name: `scheduler-${args.db}-${messenger}`, ...result });
  }
  const all = Object.values(runs);
  const summary = {
    name: `scheduler-${args.db}-${args.jobs}`,
    db: args.db,
    jobs: args.jobs,
    processes: args.processes,
    claim: args.claim,
    killed: all.reduce((n, r) => n + r.kills.length, 0),
    claimAndDispatchJobsPerSecond: runs.noop?.jobsPerSecond ?? null,
    standInJobsPerSecond: runs.slack?.jobsPerSecond ?? null,
    targetJobsPerSecond: TARGET_JOBS_PER_SECOND,
    meetsThroughputTarget: runs.noop ? runs.noop.jobsPerSecond >= TARGET_JOBS_PER_SECOND : null,
    duplicates: all.reduce((n, r) => n + r.duplicates, 0),
    lost: all.reduce((n, r) => n + r.lost, 0),
    unclean: all.flatMap((r) => r.unclean),
  };
  emit(summary);
  mkdirSync(outDir, { recursive: true });
  const variant = `${args.messenger === "both" ? "" : `-${args.messenger}`}${args.claim === "split" ? "-split-claim" : ""}`;
  const file = join(outDir, `scheduler-${args.db}-${args.jobs}${variant}.json`);
  writeFileSync(file, `${JSON.stringify({ ...summary, runs }, null, 2)}\n`);
  log(`wrote ${file}`);
  return summary.duplicates === 0 && summary.lost === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
