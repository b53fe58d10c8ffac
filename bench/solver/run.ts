// Solver benchmark: `npx tsx bench/solver/run.ts [instance names...]`.
//
// The parent generates each seeded instance once into bench/out/solver/<name>.bin; a fresh child
// process (pinned to one core with taskset when available) loads it into typed arrays, solves it,
// reads its own peak RSS (getrusage max RSS, so nothing is missed between samples), then checks
// the certificate with verifyOptimal. One JSON object per instance on stdout. peakMemoryMB is the
// whole child process (Node runtime + input arrays + solver); solverMB is the part the solve added.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AssignmentInput,
  solveAssignment,
  verifyOptimal,
} from "../../src/domain/matching/assignment.ts";
import { generate, SPECS } from "./instances.ts";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "out", "solver");
const MB = 1024 * 1024;

function writeInstance(path: string, input: AssignmentInput): void {
  const n = input.mentorCapacity.length;
  const E = input.edgeMentee.length;
  const fd = openSync(path, "w");
  const header = Int32Array.from([input.menteeCount, n, E, 0]);
  const parts = [
    header,
    Int32Array.from(input.mentorCapacity),
    input.edgeMentee,
    input.edgeMentor,
    input.edgeScore,
  ];
  for (const part of parts) writeSync(fd, new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  closeSync(fd);
}

function readInto(fd: number, array: Int32Array | Float64Array, position: number): number {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let done = 0;
  while (done < bytes.length) {
    const chunk = Math.min(bytes.length - done, 1 << 30);
    done += readSync(fd, bytes, done, chunk, position + done);
  }
  return position + bytes.length;
}

function readInstance(path: string): AssignmentInput {
  const fd = openSync(path, "r");
  const header = new Int32Array(4);
  let at = readInto(fd, header, 0);
  const [m = 0, n = 0, E = 0] = header;
  const mentorCapacity = new Int32Array(n);
  at = readInto(fd, mentorCapacity, at);
  const edgeMentee = new Int32Array(E);
  at = readInto(fd, edgeMentee, at);
  const edgeMentor = new Int32Array(E);
  at = readInto(fd, edgeMentor, at);
  // Float64 data starts at a multiple of 4 bytes; read through a fresh (aligned) array.
  const edgeScore = new Float64Array(E);
  readInto(fd, edgeScore, at);
  closeSync(fd);
  return { menteeCount: m, mentorCapacity, edgeMentee, edgeMentor, edgeScore };
}

function child(path: string, name: string): void {
  const input = readInstance(path);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage().rss;
  const result = solveAssignment(input);
  const peak = process.resourceUsage().maxRSS * 1024;
  const verifyStart = performance.now();
  const problems = verifyOptimal(input, result);
  const verifySeconds = (performance.now() - verifyStart) / 1000;
  const inputBytes =
    input.edgeMentee.byteLength +
    input.edgeMentor.byteLength +
    input.edgeScore.byteLength +
    4 * result.pairs.length;
  process.stdout.write(
    `${JSON.stringify({
      name,
      mentees: input.menteeCount,
      mentors: input.mentorCapacity.length,
      edges: input.edgeMentee.length,
      matched: result.matched,
      totalScore: Math.round(result.totalScore * 100) / 100,
      seconds: Math.round(result.stats.seconds * 1000) / 1000,
      peakMemoryMB: Math.round(peak / MB),
      verified: problems.length === 0,
      ...(problems.length > 0 ? { problems: problems.slice(0, 5) } : {}),
      solverMB: Math.round((peak - baseline) / MB),
      inputMB: Math.round(inputBytes / MB),
      capacity: Array.from(input.mentorCapacity).reduce((a, b) => a + b, 0),
      matchedShare: Math.round((1000 * result.matched) / Math.max(1, input.menteeCount)) / 1000,
      unmatchedNoEligible: result.unmatched.filter((u) => u.reason === "no_eligible_mentor").length,
      auctionPhases: result.stats.auctionPhases,
      auctionBids: result.stats.auctionBids,
      searches: result.stats.searches,
      verifySeconds: Math.round(verifySeconds * 1000) / 1000,
    })}\n`,
  );
}

function parent(names: string[]): void {
  mkdirSync(outDir, { recursive: true });
  const regenerate = names.includes("--regenerate");
  const wanted = names.filter((x) => !x.startsWith("--"));
  const specs = wanted.length > 0 ? SPECS.filter((s) => wanted.includes(s.name)) : SPECS;
  const pin = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  for (const spec of specs) {
    const path = join(outDir, `${spec.name}.bin`);
    if (regenerate || !existsSync(path)) writeInstance(path, generate(spec));
    const args = [
      ...process.execArgv,
      "--expose-gc",
      fileURLToPath(import.meta.url),
      "--child",
      path,
      spec.name,
    ];
    const run = pin
      ? spawnSync("taskset", ["-c", "0", process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 24 })
      : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
    if (run.status !== 0) {
      process.stdout.write(`${JSON.stringify({ name: spec.name, error: run.stderr.trim().slice(-2000) })}\n`);
      continue;
    }
    process.stdout.write(run.stdout);
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "--child") child(argv[1] ?? "", argv[2] ?? "");
else parent(argv);
