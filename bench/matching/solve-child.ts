// Solves one instance in a process of its own, so its peak memory is the solver's, not the
// generator's: `node --import tsx bench/matching/solve-child.ts bench/out/<name>.input.bin`.
//
// The .input.bin file is the AssignmentInput as raw typed arrays (written by run.ts): an Int32
// header [menteeCount, mentorCount, edgeCount, 0], then mentorCapacity (Int32), edgeMentee (Int32),
// edgeMentor (Int32), edgeScore (Float64). It prints one JSON line: timings, peak RSS (getrusage
// max RSS, so no sampling gap), the verifyOptimal verdict, and the pairs as a flat index list.
import { closeSync, openSync, readSync } from "node:fs";
import {
  type AssignmentInput,
  solveAssignment,
  verifyOptimal,
} from "../../src/domain/matching/assignment.ts";

const MB = 1024 * 1024;

function readInto(fd: number, array: Int32Array | Float64Array, position: number): number {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let done = 0;
  while (done < bytes.length) {
    const read = readSync(fd, bytes, done, Math.min(bytes.length - done, 1 << 30), position + done);
    if (read <= 0) throw new Error("instance file is truncated");
    done += read;
  }
  return position + bytes.length;
}

export function readInput(path: string): AssignmentInput {
  const fd = openSync(path, "r");
  try {
    const header = new Int32Array(4);
    let at = readInto(fd, header, 0);
    const [menteeCount = 0, mentorCount = 0, edgeCount = 0] = header;
    const mentorCapacity = new Int32Array(mentorCount);
    at = readInto(fd, mentorCapacity, at);
    const edgeMentee = new Int32Array(edgeCount);
    at = readInto(fd, edgeMentee, at);
    const edgeMentor = new Int32Array(edgeCount);
    at = readInto(fd, edgeMentor, at);
    const edgeScore = new Float64Array(edgeCount);
    readInto(fd, edgeScore, at);
    return { menteeCount, mentorCapacity, edgeMentee, edgeMentor, edgeScore };
  } finally {
    closeSync(fd);
  }
}

export interface ChildReport {
  seconds: number;
  peakMemoryMB: number;
  /** RSS after loading the input, before solving (Node runtime + the input's typed arrays). */
  baselineMB: number;
  matched: number;
  totalScore: number;
  verified: boolean;
  problems: string[];
  verifySeconds: number;
  solverEdges: number;
  auctionPhases: number;
  auctionBids: number;
  searches: number;
  noEligibleMentor: number;
  capacityExhausted: number;
  /** [mentee0, mentor0, mentee1, mentor1, ...] as indices into the input. */
  pairs: number[];
}

function main(path: string): void {
  const input = readInput(path);
  const baseline = process.memoryUsage().rss;
  const started = performance.now();
  const result = solveAssignment(input);
  const seconds = (performance.now() - started) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024;
  const verifyStarted = performance.now();
  const problems = verifyOptimal(input, result);
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  const report: ChildReport = {
    seconds,
    peakMemoryMB: peak / MB,
    baselineMB: baseline / MB,
    matched: result.matched,
    totalScore: result.totalScore,
    verified: problems.length === 0,
    problems: problems.slice(0, 5),
    verifySeconds,
    solverEdges: result.stats.edges,
    auctionPhases: result.stats.auctionPhases,
    auctionBids: result.stats.auctionBids,
    searches: result.stats.searches,
    noEligibleMentor: result.unmatched.filter((u) => u.reason === "no_eligible_mentor").length,
    capacityExhausted: result.unmatched.filter((u) => u.reason === "capacity_exhausted").length,
    pairs: result.pairs.flat(),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

const path = process.argv[2];
if (!path) {
  process.stderr.write("usage: node --import tsx bench/matching/solve-child.ts <name>.input.bin\n");
  process.exit(2);
}
main(path);
