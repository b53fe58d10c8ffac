// Matching benchmark: `npm run bench:matching` (= `npx tsx bench/matching/run.ts`).
//   --only <name>   run one instance (program-1k, program-10k, program-100k, target-10k-2k, find-100k);
//                   may be repeated
//   --max-edges N   largest instance (estimated eligible pairs) that is built in full (default 30M)
//
// For each generated program (bench/matching/generate.ts) it runs the product's own code:
// preparePerson → buildInstance (timed as buildSeconds) → solveAssignment in a child process
// pinned to one core (bench/matching/solve-child.ts; seconds and peak RSS are the child's, i.e.
// the solver's) → verifyOptimal. It writes bench/out/<name>.instance.json (every eligible pair),
// bench/out/<name>.result.json, and prints one JSON object per instance on stdout (progress goes
// to stderr). Then it times /mentor find (rankMentors with a MentorIndex built once) over the
// 100,000-person program.
//
// Text similarity (the score's `similarity` term): each instance line has `similarity` with the
// time to build the pool's TF-IDF vectors (attachTextVectors), the vocabulary size, the cost per
// scored pair without the term, with TF-IDF and with 256-dimension embeddings for everyone (the
// most AI can cost), and for built instances the full build time without the term.
//
// An instance whose estimated eligible pairs exceed --max-edges is not built: its line then says
// so, with the estimate measured on a sample of mentees (pairs, build time, file size).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, createWriteStream, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AssignmentInput } from "../../src/domain/matching/assignment.ts";
import { MentorIndex } from "../../src/domain/matching/candidates.ts";
import { blockedPairs, pairKey } from "../../src/domain/matching/history.ts";
import { buildInstance, type RoundInstance } from "../../src/domain/matching/instance.ts";
import { attachTextVectors, type MatchPerson, preparePerson } from "../../src/domain/matching/person.ts";
import { rankMentors } from "../../src/domain/matching/rank.ts";
import { type MatchRules, type PairContext, scorePair } from "../../src/domain/matching/score.ts";
import { COOLDOWN_MONTHS, generateProgram, PROGRAMS, type ProgramSpec, ROUND_AT, rng } from "./generate.ts";
import type { ChildReport } from "./solve-child.ts";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "out");
const childScript = join(here, "solve-child.ts");
const MB = 1024 * 1024;

const RULES: MatchRules = { departmentRule: "PREFERRED", avoidSameReportingLine: true, minOverlapHours: 2 };
/** The same rules without the text similarity term (its cost is the difference). */
const NO_SIMILARITY: MatchRules = { ...RULES, weights: { similarity: 0 } };
const EMBEDDING_DIMS = 256;
const FIND_QUERIES = 1000;
const FIND_WARMUP = 100;
const ESTIMATE_SAMPLE = 400;

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r2 = (x: number) => Math.round(x * 100) / 100;
const r1 = (x: number) => Math.round(x * 10) / 10;
const log = (message: string) => process.stderr.write(`[bench:matching] ${message}\n`);
const emit = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

interface Prepared {
  spec: ProgramSpec;
  mentees: MatchPerson[];
  mentors: MatchPerson[];
  context: (mentee: MatchPerson, mentor: MatchPerson) => PairContext;
  generateSeconds: number;
  prepareSeconds: number;
  textVectorSeconds: number;
  vocabulary: number;
}

function prepare(spec: ProgramSpec): Prepared {
  let t = performance.now();
  const program = generateProgram(spec);
  const generateSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const mentees = program.mentees.map((p) => preparePerson(p, ROUND_AT));
  const mentors = program.mentors.map((p) => preparePerson(p, ROUND_AT));
  const prepareSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  attachTextVectors(mentees, mentors);
  const textVectorSeconds = (performance.now() - t) / 1000;
  const vocabulary = (mentees[0] ?? mentors[0])?.vocabulary.length ?? 0;
  const blocked = blockedPairs(program.history, COOLDOWN_MONTHS, ROUND_AT);
  const context = (mentee: MatchPerson, mentor: MatchPerson): PairContext => {
    const reason = blocked.get(pairKey(mentee.id, mentor.id));
    return reason ? { blockedBecause: reason } : {};
  };
  log(
    `${spec.name}: ${mentees.length} mentees, ${mentors.length} mentors, ${program.departments} departments, ` +
      `${program.areas} areas; generated in ${r2(generateSeconds)} s, prepared in ${r2(prepareSeconds)} s, ` +
      `TF-IDF vectors (${vocabulary} terms) in ${r2(textVectorSeconds)} s`,
  );
  return {
    spec,
    mentees,
    mentors,
    context,
    generateSeconds,
    prepareSeconds,
    textVectorSeconds,
    vocabulary,
  };
}

/**
 * Eligible pairs and build time extrapolated from an even sample of mentees, scored exactly as
 * buildInstance does (MentorIndex candidates, then scorePair without reasons).
 */
function estimate(p: Prepared, rules: MatchRules = RULES) {
  const index = new MentorIndex(p.mentors);
  const sample = Math.min(ESTIMATE_SAMPLE, p.mentees.length);
  let candidates = 0;
  let eligible = 0;
  const started = performance.now();
  for (let s = 0; s < sample; s++) {
    const mentee = p.mentees[Math.floor((s * p.mentees.length) / sample)];
    if (!mentee) continue;
    for (const j of index.candidates(mentee)) {
      const mentor = p.mentors[j];
      if (!mentor || mentor.capacity <= 0) continue;
      candidates++;
      if (scorePair(mentee, mentor, rules, p.context(mentee, mentor), false).eligible) eligible++;
    }
  }
  const perMentee = (performance.now() - started) / 1000 / Math.max(1, sample);
  const scale = p.mentees.length / Math.max(1, sample);
  return {
    sample,
    candidateShare: candidates / Math.max(1, sample) / Math.max(1, p.mentors.length),
    eligibleShare: eligible / Math.max(1, sample) / Math.max(1, p.mentors.length),
    edges: Math.round(eligible * scale),
    buildSeconds: perMentee * p.mentees.length,
    microsPerScoredPair: (1e6 * perMentee * sample) / Math.max(1, candidates),
  };
}

/** The solver's input as raw typed arrays, for the child process (see solve-child.ts). */
function writeInputBin(path: string, input: AssignmentInput): void {
  const fd = openSync(path, "w");
  try {
    const header = Int32Array.from([
      input.menteeCount,
      input.mentorCapacity.length,
      input.edgeMentee.length,
      0,
    ]);
    const parts = [
      header,
      Int32Array.from(input.mentorCapacity),
      input.edgeMentee,
      input.edgeMentor,
      input.edgeScore,
    ];
    for (const part of parts) {
      const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      for (let at = 0; at < bytes.length; )
        at += writeSync(fd, bytes, at, Math.min(bytes.length - at, 1 << 30));
    }
  } finally {
    closeSync(fd);
  }
}

/** `{"mentees":[…],"mentors":[…],"edges":[…]}` streamed in chunks, with backpressure. */
async function writeInstanceJson(path: string, instance: RoundInstance): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (chunk: string) => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  const { mentees, mentors, input } = instance;
  await write(`{"mentees":${JSON.stringify(mentees.map((m) => m.id))},"mentors":[`);
  let chunk: string[] = [];
  for (let j = 0; j < mentors.length; j++) {
    chunk.push(JSON.stringify({ id: mentors[j]?.id, capacity: input.mentorCapacity[j] }));
  }
  await write(`${chunk.join(",")}],"edges":[`);
  chunk = [];
  const menteeIds = mentees.map((m) => JSON.stringify(m.id));
  const mentorIds = mentors.map((m) => JSON.stringify(m.id));
  const E = input.edgeMentee.length;
  for (let e = 0; e < E; e++) {
    const i = input.edgeMentee[e] ?? 0;
    const j = input.edgeMentor[e] ?? 0;
    chunk.push(`${e === 0 ? "" : ","}[${menteeIds[i]},${mentorIds[j]},${input.edgeScore[e]}]`);
    if (chunk.length === 50_000) {
      await write(chunk.join(""));
      chunk = [];
    }
  }
  await write(`${chunk.join("")}]}\n`);
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.end(() => resolve());
  });
  return bytes;
}

const canPin = spawnSync("taskset", ["-c", "0", "true"]).status === 0;

function solveInChild(binPath: string): Promise<ChildReport> {
  const args = ["--import", "tsx", childScript, binPath];
  const child = canPin
    ? spawn("taskset", ["-c", "0", process.execPath, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    : spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (b: Buffer) => stdout.push(b));
  child.stderr.on("data", (b: Buffer) => stderr.push(b));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(
          new Error(`solver child exited with ${code}: ${Buffer.concat(stderr).toString().slice(-2000)}`),
        );
        return;
      }
      resolve(JSON.parse(Buffer.concat(stdout).toString()) as ChildReport);
    });
  });
}

/** Random unit vectors for everyone (as if all had opted in), then back to TF-IDF only. */
function withEmbeddings<T>(p: Prepared, run: () => T): T {
  const r = rng(777);
  const unit = () => {
    const v = Float32Array.from({ length: EMBEDDING_DIMS }, () => r() - 0.5);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  for (const m of p.mentees) m.needsEmbedding = unit();
  for (const m of p.mentors) m.offersEmbedding = unit();
  try {
    return run();
  } finally {
    for (const m of p.mentees) m.needsEmbedding = null;
    for (const m of p.mentors) m.offersEmbedding = null;
  }
}

/** The similarity term's cost per scored pair, measured on the estimate's sample of mentees. */
function similarityCost(p: Prepared) {
  // Warm both paths first, so the order of measuring doesn't decide the figures.
  estimate(p, NO_SIMILARITY);
  estimate(p, RULES);
  const without = estimate(p, NO_SIMILARITY).microsPerScoredPair;
  const tfidf = estimate(p, RULES).microsPerScoredPair;
  const embeddings = withEmbeddings(p, () => estimate(p, RULES).microsPerScoredPair);
  return {
    textVectorSeconds: r3(p.textVectorSeconds),
    vocabulary: p.vocabulary,
    microsPerScoredPairWithout: r3(without),
    microsPerScoredPairTfIdf: r3(tfidf),
    [`microsPerScoredPairEmbeddings${EMBEDDING_DIMS}`]: r3(embeddings),
  };
}

async function runInstance(p: Prepared, maxEdges: number): Promise<void> {
  const { spec, mentees, mentors } = p;
  const base = {
    name: spec.name,
    people: mentees.length + mentors.length,
    mentees: mentees.length,
    mentors: mentors.length,
  };
  const guess = estimate(p);
  const similarity: Record<string, unknown> = similarityCost(p);
  log(
    `${spec.name}: estimated ${guess.edges} eligible pairs (${r1(100 * guess.eligibleShare)} % of all pairs; ` +
      `${r1(100 * guess.candidateShare)} % scored), build ≈ ${r1(guess.buildSeconds)} s, ` +
      `${r2(guess.microsPerScoredPair)} µs per scored pair`,
  );
  if (guess.edges > maxEdges) {
    emit({
      ...base,
      edges: null,
      buildSeconds: null,
      seconds: null,
      peakMemoryMB: null,
      matched: null,
      matchedShare: null,
      totalScore: null,
      verified: null,
      skipped: `estimated ${guess.edges} eligible pairs exceed --max-edges ${maxEdges}: not built`,
      estimatedEdges: guess.edges,
      estimatedEligibleShare: r3(guess.eligibleShare),
      estimatedCandidateShare: r3(guess.candidateShare),
      estimatedBuildSeconds: Math.round(guess.buildSeconds),
      estimatedInstanceJsonMB: Math.round((guess.edges * 27) / MB),
      estimatedSolverInputMB: Math.round((guess.edges * 16) / MB),
      microsPerScoredPair: r2(guess.microsPerScoredPair),
      estimateSample: guess.sample,
      similarity,
    });
    return;
  }

  let t = performance.now();
  similarity.edgesWithout = buildInstance(mentees, mentors, NO_SIMILARITY, p.context).input.edgeMentee.length;
  similarity.buildSecondsWithout = r3((performance.now() - t) / 1000);
  t = performance.now();
  const instance = buildInstance(mentees, mentors, RULES, p.context);
  const buildSeconds = (performance.now() - t) / 1000;
  const edges = instance.input.edgeMentee.length;
  log(`${spec.name}: built ${edges} eligible pairs in ${r2(buildSeconds)} s`);

  const binPath = join(outDir, `${spec.name}.input.bin`);
  writeInputBin(binPath, instance.input);
  log(`${spec.name}: solving in a child process${canPin ? " pinned to core 0" : ""}`);
  const report = await solveInChild(binPath);
  log(
    `${spec.name}: solved in ${r3(report.seconds)} s, peak ${Math.round(report.peakMemoryMB)} MB, ` +
      `verified ${report.verified} in ${r2(report.verifySeconds)} s`,
  );

  t = performance.now();
  const instanceBytes = await writeInstanceJson(join(outDir, `${spec.name}.instance.json`), instance);
  const pairs: Array<[string, string]> = [];
  for (let k = 0; k + 1 < report.pairs.length; k += 2) {
    const mentee = mentees[report.pairs[k] ?? -1];
    const mentor = mentors[report.pairs[k + 1] ?? -1];
    if (mentee && mentor) pairs.push([mentee.id, mentor.id]);
  }
  writeFileSync(
    join(outDir, `${spec.name}.result.json`),
    `${JSON.stringify({ pairs, seconds: r3(report.seconds), peakMemoryMB: Math.round(report.peakMemoryMB) })}\n`,
  );
  const writeSeconds = (performance.now() - t) / 1000;
  log(`${spec.name}: wrote ${Math.round(instanceBytes / MB)} MB of instance JSON in ${r2(writeSeconds)} s`);

  emit({
    ...base,
    edges,
    buildSeconds: r3(buildSeconds),
    seconds: r3(report.seconds),
    peakMemoryMB: Math.round(report.peakMemoryMB),
    matched: report.matched,
    matchedShare: r3(report.matched / Math.max(1, mentees.length)),
    totalScore: r2(report.totalScore),
    verified: report.verified,
    ...(report.problems.length > 0 ? { problems: report.problems } : {}),
    solverBaselineMB: Math.round(report.baselineMB),
    solverAddedMB: Math.round(report.peakMemoryMB - report.baselineMB),
    capacity: Array.from(instance.input.mentorCapacity).reduce((a, b) => a + b, 0),
    noEligibleMentor: report.noEligibleMentor,
    capacityExhausted: report.capacityExhausted,
    auctionPhases: report.auctionPhases,
    searches: report.searches,
    verifySeconds: r3(report.verifySeconds),
    instanceJsonMB: Math.round(instanceBytes / MB),
    writeSeconds: r2(writeSeconds),
    similarity,
  });
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

function runFind(p: Prepared): void {
  const { mentees, mentors } = p;
  let t = performance.now();
  const index = new MentorIndex(mentors);
  const indexMs = performance.now() - t;
  const r = rng(4242);
  const pickMentee = (): MatchPerson => {
    const m = mentees[Math.floor(r() * mentees.length)];
    if (!m) throw new Error("no mentees");
    return m;
  };
  const query = (mentee: MatchPerson) =>
    rankMentors(mentee, mentors, RULES, {
      limit: 5,
      index,
      context: (mentor) => p.context(mentee, mentor),
    });
  // A long-running process has a warm JIT: a few untimed queries first.
  for (let k = 0; k < FIND_WARMUP; k++) query(pickMentee());
  const times: number[] = [];
  let candidates = 0;
  let empty = 0;
  for (let k = 0; k < FIND_QUERIES; k++) {
    const mentee = pickMentee();
    candidates += index.candidates(mentee).length;
    t = performance.now();
    const top = query(mentee);
    times.push(performance.now() - t);
    if (top.length === 0) empty++;
  }
  times.sort((a, b) => a - b);
  emit({
    name: "find-100k",
    profiles: mentees.length + mentors.length,
    mentors: mentors.length,
    queries: FIND_QUERIES,
    p50Ms: r2(percentile(times, 0.5)),
    p95Ms: r2(percentile(times, 0.95)),
    p99Ms: r2(percentile(times, 0.99)),
    maxMs: r2(times[times.length - 1] ?? Number.NaN),
    meanCandidatesScored: Math.round(candidates / FIND_QUERIES),
    emptyResults: empty,
    indexBuildMs: r1(indexMs),
    warmupQueries: FIND_WARMUP,
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const only: string[] = [];
  let maxEdges = 30_000_000;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === "--only") only.push(argv[++k] ?? "");
    else if (arg === "--max-edges") maxEdges = Number(argv[++k]);
    else throw new Error(`unknown argument ${arg}`);
  }
  const names = [...PROGRAMS.map((s) => s.name), "find-100k"];
  for (const name of only)
    if (!names.includes(name)) throw new Error(`unknown instance ${name}; one of ${names}`);
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  mkdirSync(outDir, { recursive: true });

  let program100k: Prepared | undefined;
  for (const spec of PROGRAMS) {
    const needFind = spec.name === "program-100k" && wanted("find-100k");
    if (!wanted(spec.name) && !needFind) continue;
    const prepared = prepare(spec);
    if (needFind) program100k = prepared;
    if (wanted(spec.name)) await runInstance(prepared, maxEdges);
  }
  if (program100k) runFind(program100k);
}

await main();
