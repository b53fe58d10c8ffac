// /mentor find end to end, as the service runs it: `npm run -s bench:find -- [options]`
// (= `npx tsx bench/matching/find-service.ts`).
//   --db pglite|postgres   database (default pglite, the embedded default; postgres needs
//                          TEST_DATABASE_URL or DATABASE_URL, e.g. under scripts/with-postgres.sh)
//   --people N             people in the program (default 100000; 12 % mentors, as program-100k)
//   --queries N            timed finds after the first (default 20)
//
// The people are bench/matching/generate.ts's program (the matching benchmark's, with real
// areas, expertise, goals, time zones and languages), written as Member and Enrollment rows.
// Then MatchingService.find runs for random mentees: the first call is timed on its own (cold:
// nothing of the program in memory), then --queries more (warm). Every call is the whole of what
// `/mentor find` asks of the service: the mentee, their programs, the pool, text similarity, the
// candidate index and the ranking.
//
// stdout: one JSON object: rows written, seconds to write them, cold ms, warm p50/p95/max ms,
// and how many suggestions came back. Progress on stderr.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../src/db/client.ts";
import { MatchingService } from "../../src/services/matching.ts";
import { MemberService } from "../../src/services/members.ts";
import type { SlackDirectory } from "../../src/services/slack-port.ts";
import { generateProgram, ROUND_AT, rng } from "./generate.ts";

const log = (message: string) => process.stderr.write(`[bench:find] ${message}\n`);
const r1 = (x: number) => Math.round(x * 10) / 10;
const BATCH = 5_000;

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    people: { type: "string", default: "100000" },
    queries: { type: "string", default: "20" },
  },
});
const people = Number(values.people);
const queries = Number(values.queries);
if (!Number.isInteger(people) || people < 100)
  throw new Error("--people needs a whole number of at least 100");
if (!Number.isInteger(queries) || queries < 1) throw new Error("--queries needs a positive whole number");
if (values.db !== "pglite" && values.db !== "postgres") throw new Error("--db is pglite or postgres");

const directory: SlackDirectory = {
  userInfo: async () => {
    throw new Error("the benchmark never asks Slack");
  },
  userByEmail: async () => null,
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tandem-find-"));
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (values.db === "postgres" && !url)
    throw new Error("--db postgres needs TEST_DATABASE_URL or DATABASE_URL");
  const db =
    values.db === "postgres" && url
      ? await openDatabase({ kind: "postgres", url })
      : await openDatabase({ kind: "pglite", dataDir: join(dir, "data") });
  try {
    await db.migrate();
    const prisma = db.prisma;
    const program = generateProgram({ name: "find", seed: 1003, people, mentorShare: 0.12, departments: 40 });
    const workspace = await prisma.workspace.create({ data: { slackTeamId: `T_FIND_${Date.now()}` } });
    const prog = await prisma.program.create({ data: { workspaceId: workspace.id, name: "Find benchmark" } });
    const joinedAt = new Date(ROUND_AT.getTime() - 90 * 24 * 3600 * 1000);
    const rows = [
      ...program.mentees.map((p) => ({ p, role: "MENTEE" as const })),
      ...program.mentors.map((p) => ({ p, role: "MENTOR" as const })),
    ];
    const t = performance.now();
    for (let k = 0; k < rows.length; k += BATCH) {
      const batch = rows.slice(k, k + BATCH);
      await prisma.member.createMany({
        data: batch.map(({ p, role }) => ({
          id: `${role === "MENTEE" ? "e" : "o"}_${p.id}`,
          workspaceId: workspace.id,
          slackUserId: p.slackUserId,
          realName: `Person ${p.slackUserId}`,
          tz: p.tz,
          workdayStartMinute: p.workdayStartMinute,
          workdayEndMinute: p.workdayEndMinute,
          role,
          careerStage: p.careerStage,
          department: p.department,
          managerSlackId: p.managerSlackId,
          interests: [...p.needs],
          expertise: [...p.expertise],
          mentoringKinds: [...p.kinds],
          languages: [...p.languages],
          meetingMode: p.meetingMode,
          mentorCapacity: Math.max(1, p.capacity),
          goalsText: p.goalsText ?? null,
          title: p.title ?? null,
          joinedAt,
          slackSyncedAt: ROUND_AT,
        })),
      });
      await prisma.enrollment.createMany({
        data: batch.map(({ p, role }) => ({
          programId: prog.id,
          memberId: `${role === "MENTEE" ? "e" : "o"}_${p.id}`,
          role,
        })),
      });
      log(`${Math.min(k + BATCH, rows.length)} of ${rows.length} people written`);
    }
    const writeSeconds = (performance.now() - t) / 1000;
    const members = new MemberService(
      prisma,
      directory,
      () => {},
      () => ROUND_AT,
    );
    const matching = new MatchingService(
      prisma,
      members,
      () => {},
      () => ROUND_AT,
    );
    const r = rng(77);
    const pick = () => program.mentees[Math.floor(r() * program.mentees.length)]?.slackUserId ?? "";
    const find = async () => {
      const start = performance.now();
      const found = await matching.find(workspace.id, pick());
      return { ms: performance.now() - start, found: found.length };
    };
    const cold = await find();
    log(`cold find: ${r1(cold.ms)} ms`);
    const warm: number[] = [];
    let empty = cold.found === 0 ? 1 : 0;
    for (let k = 0; k < queries; k++) {
      const run = await find();
      warm.push(run.ms);
      if (run.found === 0) empty++;
    }
    warm.sort((a, b) => a - b);
    const at = (q: number) => r1(warm[Math.min(warm.length - 1, Math.floor(q * warm.length))] ?? Number.NaN);
    process.stdout.write(
      `${JSON.stringify({
        name: `find-service-${values.db}-${people}`,
        db: values.db,
        people: rows.length,
        mentors: program.mentors.length,
        writeSeconds: r1(writeSeconds),
        coldMs: r1(cold.ms),
        queries,
        p50Ms: at(0.5),
        p95Ms: at(0.95),
        maxMs: r1(warm[warm.length - 1] ?? Number.NaN),
        emptyResults: empty,
      })}\n`,
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
