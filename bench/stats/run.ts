// Dashboard-statistics benchmark: `npm run -s bench:stats -- [options]` (= `npx tsx bench/stats/run.ts`).
//   --db postgres|pglite   database (default postgres)
//   --members N            people in the big program (default 100000)
//   --runs N               warm runs of health() after the cold one (default 20)
//   --seed N               changes the generated data (default 1)
//   --no-explain           skip EXPLAIN ANALYZE of each query health() runs
//   --keep                 PostgreSQL: keep the generated database (its URL goes to stderr), to
//                          try queries and indexes on it with psql
//
// PostgreSQL: a new database on the server named by TEST_DATABASE_URL (or DATABASE_URL), dropped
// afterwards. Without either, the benchmark runs itself under scripts/with-postgres.sh, which
// starts a throw-away server. PGlite: a new data folder in the temp directory.
//
// Steps: migrate the empty database with the product's migrations, generate the data
// (bench/stats/generate.ts: 100,000 people, ~1.3 M rows, then ANALYZE), then time
// ProgramStatsService.health(bigProgram) as the dashboard calls it: one cold run (a new Prisma
// client: first connections, first plans), then --runs warm ones one after the other. Then, on a
// client that logs queries, one more run whose every SQL statement is EXPLAIN ANALYZEd.
//
// stdout, one JSON object per line: the generation (seconds, rows), one line per query health()
// runs (its EXPLAIN ANALYZE execution time), and the summary: cold, median, p95, max in ms, the
// 500 ms target, and sanity checks of the figures against what was generated. Progress on stderr.
// Everything also goes to bench/out/stats-<db>-<members>.json, the plans to
// bench/out/stats-<db>-<members>.explain.txt. Exits 1 if a sanity check fails.

import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs as parseCommandLine } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openDatabase } from "../../src/db/client.ts";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import { CoordinatorService } from "../../src/services/coordinators.ts";
import { DeliveryService } from "../../src/services/deliveries.ts";
import { MemberService } from "../../src/services/members.ts";
import { type ProgramHealth, ProgramStatsService } from "../../src/services/program-stats.ts";
import type { SlackDirectory } from "../../src/services/slack-port.ts";
import {
  BIG_PROGRAM_ID,
  type GenerateResult,
  generate,
  type ProgramCounts,
  SMALL_PROGRAM_ID,
  type Sql,
  STATS_BENCH_NOW,
} from "./generate.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const outDir = join(here, "..", "out");

const TARGET_MS = 500;

const log = (message: string) => process.stderr.write(`[bench:stats] ${message}\n`);
const emit = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const r1 = (x: number) => Math.round(x * 10) / 10;

interface Args {
  db: "postgres" | "pglite";
  members: number;
  runs: number;
  seed: number;
  explain: boolean;
  keep: boolean;
}

/** The command line, read by Node's own parser (unknown options are refused). */
function parseArgs(argv: string[]): Args {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      db: { type: "string", default: "postgres" },
      members: { type: "string", default: "100000" },
      runs: { type: "string", default: "20" },
      seed: { type: "string", default: "1" },
      "no-explain": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
    },
  });
  const number = (flag: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} needs a positive whole number`);
    return n;
  };
  if (values.db !== "postgres" && values.db !== "pglite") throw new Error("--db is postgres or pglite");
  const members = number("members", values.members);
  if (members < 1000) throw new Error("--members needs at least 1000");
  return {
    db: values.db,
    members,
    runs: number("runs", values.runs),
    seed: number("seed", values.seed),
    explain: !values["no-explain"],
    keep: values.keep,
  };
}

/** The database under test, opened three ways: raw SQL, a plain Prisma client, a query-logging one. */
interface Target {
  sql: Sql;
  migrate(): Promise<string[]>;
  /** A new Prisma client; `onQuery` sees every statement it sends. */
  client(onQuery?: (query: string, params: unknown[]) => void): PrismaClient;
  /** EXPLAIN (ANALYZE, BUFFERS) of one statement with its parameters. */
  explain(query: string, params: unknown[]): Promise<string[]>;
  settings(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

async function postgresTarget(serverUrl: string, keep: boolean): Promise<Target> {
  const name = `tandem_stats_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const raw = new pg.Client({ connectionString: dbUrl });
  await raw.connect();
  const clients: PrismaClient[] = [];
  return {
    sql: async (text) => (await raw.query(text)).rows,
    async migrate() {
      const db = await openDatabase({ kind: "postgres", url: dbUrl });
      try {
        return await db.migrate();
      } finally {
        await db.close();
      }
    },
    client(onQuery) {
      const client = new PrismaClient({
        adapter: new PrismaPg({ connectionString: dbUrl }),
        ...(onQuery ? { log: [{ emit: "event" as const, level: "query" as const }] } : {}),
      });
      if (onQuery)
        client.$on("query" as never, (e: { query: string; params: string }) =>
          onQuery(e.query, parseParams(e.params)),
        );
      clients.push(client);
      return client;
    },
    async explain(query, params) {
      const result = await raw.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, params);
      return result.rows.map((r: Record<string, string>) => String(r["QUERY PLAN"]));
    },
    async settings() {
      const { rows } = await raw.query(
        `SELECT name, setting, unit FROM pg_settings
         WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size',
                        'max_parallel_workers_per_gather', 'jit', 'random_page_cost')`,
      );
      return Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]));
    },
    async close() {
      for (const client of clients) await client.$disconnect().catch(() => {});
      await raw.end();
      if (keep) {
        log(`kept the database: psql ${dbUrl}`);
        return;
      }
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

async function pgliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), "tandem-stats-"));
  const pglite = new PGlite(join(dir, "data"));
  await pglite.waitReady;
  const clients: PrismaClient[] = [];
  return {
    sql: async (text) => (await pglite.query<Record<string, unknown>>(text)).rows,
    async migrate() {
      const db = await openDatabase({ kind: "pglite", instance: pglite });
      return db.migrate();
    },
    client(onQuery) {
      const client = new PrismaClient({
        adapter: new PrismaPGlite(pglite),
        ...(onQuery ? { log: [{ emit: "event" as const, level: "query" as const }] } : {}),
      });
      if (onQuery)
        client.$on("query" as never, (e: { query: string; params: string }) =>
          onQuery(e.query, parseParams(e.params)),
        );
      clients.push(client);
      return client;
    },
    async explain(query, params) {
      const result = await pglite.query<Record<string, string>>(
        `EXPLAIN (ANALYZE, BUFFERS) ${query}`,
        params,
      );
      return result.rows.map((r) => String(r["QUERY PLAN"]));
    },
    async settings() {
      const rows = (
        await pglite.query<{ name: string; setting: string; unit: string | null }>(
          `SELECT name, setting, unit FROM pg_settings WHERE name IN ('server_version', 'shared_buffers', 'work_mem')`,
        )
      ).rows;
      return Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]));
    },
    async close() {
      for (const client of clients) await client.$disconnect().catch(() => {});
      await pglite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function parseParams(params: string): unknown[] {
  try {
    const parsed = JSON.parse(params) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** health() as the product builds it; it never asks Slack anything, so the directory is a stub. */
function statsService(prisma: PrismaClient): ProgramStatsService {
  const now = () => STATS_BENCH_NOW;
  const directory = {} as SlackDirectory;
  const members = new MemberService(prisma, directory, () => {}, now);
  const coordinators = new CoordinatorService(prisma, members);
  const deliveries = new DeliveryService(prisma, coordinators, now);
  return new ProgramStatsService(prisma, coordinators, deliveries, now);
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** A short name for a statement: the figure it computes, read from its text. */
function labelOf(query: string): string {
  const q = query.replace(/\s+/g, " ");
  const rules: Array<[RegExp, string]> = [
    [/percentile_cont/, "sessions: median days since last session"],
    [/FROM "MentoringSession"/, "sessions: held in the last 30 days"],
    [/FROM "CheckIn"/, "check-ins: sent and answered, 30 days"],
    [/FROM "Milestone"/, "milestones: total and done"],
    [/FROM "Goal"/, "goals: total and achieved"],
    [/count\(DISTINCT m\."menteeId"\)/, "matched mentees"],
    [/FROM "Enrollment" e .*matched/, "enrolled mentees and mentors, matched mentees"],
    [/FROM "Enrollment" e/, "enrolled mentees and mentors"],
    [/avg\(f\."rating"\)/, "feedback: average, 90 days"],
    [/WITH (load|running) AS .*totals AS/, "mentor load: counts and listed mentors"],
    [/WITH load .*LIMIT/, "mentor load: listed mentors"],
    [/WITH load/, "mentor load: counts"],
    [/WITH latest .*totals AS/, "at risk: counts by reason and one page of pairs"],
    [/WITH latest .*LIMIT/, "at risk: one page of pairs"],
    [/WITH latest/, "at risk: counts by reason"],
    [/FROM "public"\."ScheduledJob"/, "messages: waiting jobs"],
    [/FROM "public"\."Delivery"/, "messages: sent and failed, 7 days"],
    [/FROM "public"\."Mentorship"/, "pairs by status"],
    [/FROM "public"\."Program"/, "program"],
  ];
  return rules.find(([re]) => re.test(q))?.[1] ?? q.slice(0, 80);
}

/** Figures checked against the generated data (correctness proper is tested on hand-made data). */
async function sanityChecks(
  sql: Sql,
  health: ProgramHealth,
  small: ProgramHealth,
  counts: ProgramCounts[],
): Promise<{ checks: Record<string, boolean>; expected: Record<string, number> }> {
  const big = counts.find((c) => c.programId === BIG_PROGRAM_ID);
  const smallCounts = counts.find((c) => c.programId === SMALL_PROGRAM_ID);
  if (!big || !smallCounts) throw new Error("program counts missing");
  // Enrolled people count while they are in Slack and haven't left (the dashboard's definition).
  const present = (program: string) => `e."programId" = '${program}' AND e.status = 'ACTIVE'
    AND EXISTS (SELECT 1 FROM "Member" p WHERE p.id = e."memberId" AND NOT p."isDeleted" AND p.status <> 'LEFT')`;
  const [row] = await sql(`
    SELECT
      (SELECT count(*)::int FROM "Enrollment" e WHERE ${present(BIG_PROGRAM_ID)} AND e.role <> 'MENTOR') AS mentees,
      (SELECT count(*)::int FROM "Enrollment" e WHERE ${present(BIG_PROGRAM_ID)} AND e.role <> 'MENTEE') AS mentors,
      (SELECT count(*)::int FROM "Enrollment" e WHERE ${present(BIG_PROGRAM_ID)}) AS people,
      (SELECT count(*)::int FROM "Enrollment" e WHERE ${present(SMALL_PROGRAM_ID)} AND e.role <> 'MENTOR') AS small_mentees,
      (SELECT count(*)::int FROM "Enrollment" e WHERE ${present(BIG_PROGRAM_ID)} AND e.role <> 'MENTOR'
         AND EXISTS (SELECT 1 FROM "Mentorship" m WHERE m."programId" = e."programId" AND m."menteeId" = e."memberId"
                       AND m.status IN ('ACTIVE', 'PAUSED'))) AS matched,
      (SELECT count(*)::int FROM "Mentorship" WHERE "programId" = '${BIG_PROGRAM_ID}' AND status = 'ACTIVE'
         AND "unansweredCheckins" >= 3) AS unanswered,
      (SELECT count(*)::int FROM "Mentorship" WHERE "programId" = '${BIG_PROGRAM_ID}' AND status = 'ACTIVE'
         AND "lastSessionAt" IS NULL) AS never_met`);
  const expected = {
    mentees: Number(row?.mentees),
    mentors: Number(row?.mentors),
    people: Number(row?.people),
    unanswered: Number(row?.unanswered),
    activeWithoutSession: Number(row?.never_met),
    matchedMentees: Number(row?.matched),
    smallMentees: Number(row?.small_mentees),
    smallActivePairs: smallCounts.mentorships.ACTIVE ?? 0,
  };
  const h = health;
  const share = h.matchedMentees / Math.max(1, h.enrolled.mentees);
  const checks = {
    enrolledMentees: h.enrolled.mentees === expected.mentees,
    enrolledMentors: h.enrolled.mentors === expected.mentors,
    enrolledPeople: h.enrolled.people === expected.people,
    leftAndDeletedNotEnrolled: h.enrolled.people < big.enrolledActive,
    matchedMentees: h.matchedMentees === expected.matchedMentees,
    matchedShareWithin0and1: share > 0 && share <= 1,
    activePairs: h.pairs.active === (big.mentorships.ACTIVE ?? 0),
    pausedPairs: h.pairs.paused === (big.mentorships.PAUSED ?? 0),
    closedPairs: h.pairs.closed === (big.mentorships.COMPLETED ?? 0),
    activeWithoutSession: h.sessions.activeWithoutSession === expected.activeWithoutSession,
    medianDaysSincePlausible: h.sessions.medianDaysSince !== null && h.sessions.medianDaysSince >= 0,
    checkinsAnsweredAtMostSent: h.checkins.answered <= h.checkins.sent && h.checkins.sent > 0,
    checkinResponseRate55to75:
      h.checkins.answered / h.checkins.sent > 0.55 && h.checkins.answered / h.checkins.sent < 0.75,
    goalsAchievedAtMostTotal: h.goals.achieved <= h.goals.total && h.goals.total > 0,
    milestonesDoneAtMostTotal: h.milestones.done <= h.milestones.total && h.milestones.total > 0,
    feedbackAverage1to4: h.feedback.average !== null && h.feedback.average >= 1 && h.feedback.average <= 4,
    mentorLoadCounts: h.mentorLoad.overCapacity <= h.mentorLoad.mentors && h.mentorLoad.overCapacity > 0,
    atRiskAtMostActive: h.atRisk.total <= h.pairs.active,
    atRiskUnanswered: h.atRisk.byReason.unanswered === expected.unanswered,
    atRiskPageFull: h.atRisk.pairs.length === Math.min(h.atRisk.pageSize, h.atRisk.total),
    failedAtMostGenerated: h.messages.failed <= big.failedDeliveries,
    smallProgramSeparate:
      small.enrolled.mentees === expected.smallMentees && small.pairs.active === expected.smallActivePairs,
  };
  return { checks, expected };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (args.db === "postgres" && !serverUrl) {
    log("TEST_DATABASE_URL is not set: running under scripts/with-postgres.sh");
    const child = spawnSync(
      join(root, "scripts", "with-postgres.sh"),
      [process.execPath, "--import", "tsx", fileURLToPath(import.meta.url), ...process.argv.slice(2)],
      { stdio: "inherit", cwd: root },
    );
    return child.status ?? 1;
  }

  const target =
    args.db === "postgres" ? await postgresTarget(serverUrl ?? "", args.keep) : await pgliteTarget();
  try {
    let t = performance.now();
    const applied = await target.migrate();
    const migrateSeconds = (performance.now() - t) / 1000;
    log(
      `migrated (${applied.length} migrations) in ${r1(migrateSeconds)} s; generating ${args.members} members`,
    );
    const generated: GenerateResult = await generate(target.sql, {
      members: args.members,
      seed: args.seed,
      log: (m) => log(`  ${m}`),
    });
    const settings = await target.settings();
    log(`generated in ${generated.seconds} s`);
    emit({
      name: `stats-generate-${args.db}-${args.members}`,
      db: args.db,
      members: args.members,
      seed: args.seed,
      migrateSeconds: r1(migrateSeconds),
      generateSeconds: generated.seconds,
      steps: generated.steps,
      rows: generated.totalRows,
      totalRows: Object.values(generated.totalRows).reduce((a, b) => a + b, 0),
      programs: generated.programs,
      settings,
    });

    // Cold: a new client, so the first call opens its connections and plans every query.
    const prisma = target.client();
    const stats = statsService(prisma);
    const load = loadavg()[0] ?? 0;
    t = performance.now();
    const health = await stats.health(BIG_PROGRAM_ID);
    const coldMs = performance.now() - t;
    log(`cold health(): ${r1(coldMs)} ms`);
    const times: number[] = [];
    for (let k = 0; k < args.runs; k++) {
      t = performance.now();
      await stats.health(BIG_PROGRAM_ID);
      times.push(performance.now() - t);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const medianMs = percentile(sorted, 0.5);
    log(`warm health() x${args.runs}: median ${r1(medianMs)} ms, max ${r1(sorted.at(-1) ?? 0)} ms`);
    t = performance.now();
    const small = await stats.health(SMALL_PROGRAM_ID);
    const smallMs = performance.now() - t;

    // One more run on a logging client; each statement it sent is then EXPLAIN ANALYZEd alone.
    const queries: Array<{ label: string; query: string; params: unknown[] }> = [];
    let explainText = "";
    if (args.explain) {
      const logging = target.client((query, params) =>
        queries.push({ label: labelOf(query), query, params }),
      );
      await statsService(logging).health(BIG_PROGRAM_ID);
      for (const [n, q] of queries.entries()) {
        const plan = await target.explain(q.query, q.params);
        const execution = plan.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)?.[1]).find(Boolean);
        const planning = plan.map((l) => /Planning Time: ([\d.]+) ms/.exec(l)?.[1]).find(Boolean);
        emit({
          name: "stats-query",
          db: args.db,
          members: args.members,
          n: n + 1,
          label: q.label,
          executionMs: execution ? Number(execution) : null,
          planningMs: planning ? Number(planning) : null,
          topNode: plan[0]?.trim().replace(/\s+\(cost=.*$/, ""),
        });
        explainText += `-- ${n + 1}. ${q.label}\n${q.query}\n-- params: ${JSON.stringify(q.params)}\n${plan.join("\n")}\n\n`;
      }
    }

    const { checks, expected } = await sanityChecks(target.sql, health, small, generated.programs);
    const failed = Object.entries(checks)
      .filter(([, ok]) => !ok)
      .map(([name]) => name);
    const summary = {
      name: `stats-health-${args.db}-${args.members}`,
      db: args.db,
      members: args.members,
      rows: Object.values(generated.totalRows).reduce((a, b) => a + b, 0),
      queries: args.explain ? queries.length : null,
      coldMs: r1(coldMs),
      runs: args.runs,
      medianMs: r1(medianMs),
      p95Ms: r1(percentile(sorted, 0.95)),
      maxMs: r1(sorted.at(-1) ?? Number.NaN),
      minMs: r1(sorted[0] ?? Number.NaN),
      targetMs: TARGET_MS,
      underTarget: medianMs < TARGET_MS,
      smallProgramMs: r1(smallMs),
      loadAverageBefore: r1(load),
      loadAverageAfter: r1(loadavg()[0] ?? 0),
      figures: {
        enrolled: health.enrolled,
        matchedMentees: health.matchedMentees,
        matchedShare:
          Math.round((1000 * health.matchedMentees) / Math.max(1, health.enrolled.mentees)) / 1000,
        pairs: health.pairs,
        sessions: health.sessions,
        checkins: health.checkins,
        goals: health.goals,
        milestones: health.milestones,
        feedback: health.feedback,
        mentorLoad: {
          mentors: health.mentorLoad.mentors,
          overCapacity: health.mentorLoad.overCapacity,
          overCommitted: health.mentorLoad.overCommitted,
          listed: health.mentorLoad.listed.length,
        },
        atRisk: {
          total: health.atRisk.total,
          byReason: health.atRisk.byReason,
          listed: health.atRisk.pairs.length,
        },
        messages: health.messages,
      },
      expected,
      checksFailed: failed,
    };
    emit(summary);
    mkdirSync(outDir, { recursive: true });
    const base = join(outDir, `stats-${args.db}-${args.members}`);
    writeFileSync(
      `${base}.json`,
      `${JSON.stringify({ ...summary, timesMs: times.map(r1), generated, settings, checks }, null, 2)}\n`,
    );
    if (explainText) writeFileSync(`${base}.explain.txt`, explainText);
    log(`wrote ${base}.json${explainText ? " and .explain.txt" : ""}`);
    if (failed.length > 0) log(`sanity checks failed: ${failed.join(", ")}`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
