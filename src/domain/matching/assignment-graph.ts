// Input validation and the compact graph the assignment solver works on (see assignment.ts).
import { type AssignmentInput, AssignmentInputError, EXACT_LIMIT, SCORE_SCALE } from "./assignment-types.ts";

/**
 * The problem left after the locked pairs, as a CSR adjacency by mentee. Rows are sorted by mentor
 * index and hold each (mentee, mentor) pair once, so everything downstream depends only on the set
 * of eligible pairs, never on the order they were given in.
 */
export interface PreparedProblem {
  menteeCount: number;
  mentorCount: number;
  /** Capacity left after the locked pairs. */
  capacity: Int32Array;
  /** Mentor locked to each mentee, or -1. */
  lockedMentor: Int32Array;
  /** Scaled score of each mentee's locked pair (0 if none). */
  lockedScore: Int32Array;
  /** 1 if the mentee has at least one eligible edge in the input (to any mentor). */
  hasEdge: Uint8Array;
  /** Active edges: unlocked mentee, mentor with capacity left. rowStart has menteeCount + 1 entries. */
  rowStart: Int32Array;
  col: Int32Array;
  /** round(score * SCORE_SCALE). */
  sc: Int32Array;
  /** weightOffset: 1 + Σ over mentees of their best active scaled score, so one more match beats any score. */
  big: number;
  maxScore: number;
}

export function scaledScore(score: number): number {
  return Math.round(score * SCORE_SCALE);
}

function fail(message: string): never {
  throw new AssignmentInputError("invalid_input", message);
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) fail(`${name} must be an integer >= 0`);
}

export function prepareProblem(input: AssignmentInput): PreparedProblem {
  const m = input.menteeCount;
  checkCount("menteeCount", m);
  const n = input.mentorCapacity.length;
  const capacity = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const c = input.mentorCapacity[j] ?? 0;
    checkCount(`mentorCapacity[${j}]`, c);
    capacity[j] = c;
  }
  const { edgeMentee, edgeMentor, edgeScore } = input;
  const e0 = edgeMentee.length;
  if (edgeMentor.length !== e0 || edgeScore.length !== e0) fail("edge arrays must have the same length");

  // Locked pairs: validated, then taken out of the problem (mentee removed, capacity consumed).
  const lockedMentor = new Int32Array(m).fill(-1);
  const lockedScore = new Int32Array(m);
  const lockFound = new Uint8Array(m);
  for (const [i, j] of input.locked ?? []) {
    if (!Number.isInteger(i) || i < 0 || i >= m || !Number.isInteger(j) || j < 0 || j >= n) {
      throw new AssignmentInputError("invalid_input", `locked pair (${i}, ${j}) is out of range`);
    }
    const previous = lockedMentor[i] ?? -1;
    if (previous === j) continue; // the same lock twice
    if (previous >= 0) {
      throw new AssignmentInputError(
        "lock_conflict",
        `mentee ${i} is locked to mentors ${previous} and ${j}`,
      );
    }
    if ((capacity[j] ?? 0) <= 0) {
      throw new AssignmentInputError("lock_over_capacity", `locked pairs exceed the capacity of mentor ${j}`);
    }
    lockedMentor[i] = j;
    capacity[j] = (capacity[j] ?? 0) - 1;
  }

  // Pass 1: validate, find the locked edges, count active edges per mentor and per mentee.
  const hasEdge = new Uint8Array(m);
  const perMentor = new Int32Array(n + 1);
  const rowStart = new Int32Array(m + 1);
  let active = 0;
  for (let e = 0; e < e0; e++) {
    const i = edgeMentee[e] ?? -1;
    const j = edgeMentor[e] ?? -1;
    const s = edgeScore[e] ?? Number.NaN;
    if (!(i >= 0 && i < m && j >= 0 && j < n)) fail(`edge ${e} (${i}, ${j}) is out of range`);
    if (!(Number.isFinite(s) && s >= 0)) fail(`edge ${e} has score ${s}; scores must be finite and >= 0`);
    const scaled = scaledScore(s);
    if (scaled >= EXACT_LIMIT / 4) throw new AssignmentInputError("scores_too_large", `edge ${e} score ${s}`);
    hasEdge[i] = 1;
    const lj = lockedMentor[i] ?? -1;
    if (lj >= 0) {
      if (lj === j) {
        lockFound[i] = 1;
        if (scaled > (lockedScore[i] ?? 0)) lockedScore[i] = scaled;
      }
      continue;
    }
    if ((capacity[j] ?? 0) <= 0) continue;
    perMentor[j + 1] = (perMentor[j + 1] ?? 0) + 1;
    rowStart[i + 1] = (rowStart[i + 1] ?? 0) + 1;
    active++;
  }
  for (let i = 0; i < m; i++) {
    const lj = lockedMentor[i] ?? -1;
    if (lj >= 0 && !lockFound[i]) {
      throw new AssignmentInputError(
        "lock_not_eligible",
        `locked pair (${i}, ${lj}) is not an eligible pair`,
      );
    }
  }
  for (let j = 0; j < n; j++) perMentor[j + 1] = (perMentor[j + 1] ?? 0) + (perMentor[j] ?? 0);
  for (let i = 0; i < m; i++) rowStart[i + 1] = (rowStart[i + 1] ?? 0) + (rowStart[i] ?? 0);

  // Pass 2: bucket active edges by mentor; pass 3: stable bucket by mentee, so rows end up sorted
  // by mentor index (a two-pass radix sort, linear time).
  const byMentor = new Int32Array(active);
  for (let e = 0; e < e0; e++) {
    const i = edgeMentee[e] ?? 0;
    const j = edgeMentor[e] ?? 0;
    if ((lockedMentor[i] ?? 0) >= 0 || (capacity[j] ?? 0) <= 0) continue;
    const p = perMentor[j] ?? 0;
    perMentor[j] = p + 1;
    byMentor[p] = e;
  }
  const fill = rowStart.slice(0, m);
  const col = new Int32Array(active);
  const sc = new Int32Array(active);
  for (let k = 0; k < active; k++) {
    const e = byMentor[k] ?? 0;
    const i = edgeMentee[e] ?? 0;
    const p = fill[i] ?? 0;
    fill[i] = p + 1;
    col[p] = edgeMentor[e] ?? 0;
    sc[p] = scaledScore(edgeScore[e] ?? 0);
  }

  // Pass 4: merge duplicate pairs (adjacent after the sort), keeping the best score; compact.
  let write = 0;
  let big = 1;
  let maxScore = 0;
  let start = 0;
  for (let i = 0; i < m; i++) {
    const end = rowStart[i + 1] ?? 0;
    rowStart[i] = write;
    let rowBest = 0;
    let last = -1;
    for (let p = start; p < end; p++) {
      const j = col[p] ?? 0;
      const s = sc[p] ?? 0;
      if (j === last) {
        if (s > (sc[write - 1] ?? 0)) sc[write - 1] = s;
      } else {
        col[write] = j;
        sc[write] = s;
        write++;
        last = j;
      }
      if (s > rowBest) rowBest = s;
    }
    big += rowBest;
    if (rowBest > maxScore) maxScore = rowBest;
    start = end;
  }
  rowStart[m] = write;
  if (big + maxScore >= EXACT_LIMIT / 4) {
    throw new AssignmentInputError("scores_too_large", "the sum of the best scores is too large to be exact");
  }
  return {
    menteeCount: m,
    mentorCount: n,
    capacity,
    lockedMentor,
    lockedScore,
    hasEdge,
    rowStart,
    col: write === active ? col : col.slice(0, write),
    sc: write === active ? sc : sc.slice(0, write),
    big,
    maxScore,
  };
}
