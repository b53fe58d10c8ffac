// Independent checker for solveAssignment: it shares no code with the solver beyond the types.
//
// It proves a result optimal by LP duality. For the problem without the locked mentees and with
// capacities c'_j = c_j − (locks on j), the LP  max Σ w_ij x_ij  s.t. Σ_j x_ij <= 1,
// Σ_i x_ij <= c'_j, x >= 0  (w_ij = weightOffset + round(score_ij × scoreScale)) has the dual
// min Σ u_i + Σ c'_j v_j  s.t. u_i + v_j >= w_ij, u, v >= 0. A feasible integral assignment and
// dual prices satisfying complementary slackness (tight on chosen pairs, u_i > 0 only for matched
// mentees, v_j > 0 only for full mentors) are both optimal. With weightOffset larger than any
// achievable score total, a maximum-weight assignment is the lexicographic optimum (most matches,
// then the highest total score). Prices must be integers below 2^52 so every check is exact.
import type { AssignmentInput, AssignmentResult } from "./assignment-types.ts";

const LIMIT = 2 ** 52;
const MAX_REPORTED = 20;

export function verifyOptimal(input: AssignmentInput, result: AssignmentResult): string[] {
  const problems: string[] = [];
  const report = (message: string): void => {
    if (problems.length < MAX_REPORTED) problems.push(message);
    else if (problems.length === MAX_REPORTED) problems.push("… more problems not listed");
  };
  const m = input.menteeCount;
  const n = input.mentorCapacity.length;
  const E = input.edgeMentee.length;
  if (input.edgeMentor.length !== E || input.edgeScore.length !== E) return ["edge arrays differ in length"];
  const cap = Int32Array.from(input.mentorCapacity);

  // Locks.
  const lockedTo = new Int32Array(m).fill(-1);
  const residual = Int32Array.from(cap);
  for (const [i, j] of input.locked ?? []) {
    if (!(i >= 0 && i < m && j >= 0 && j < n)) {
      report(`locked pair (${i}, ${j}) out of range`);
      continue;
    }
    if (lockedTo[i] === j) continue;
    lockedTo[i] = j;
    residual[j] = (residual[j] ?? 0) - 1;
  }

  // Feasibility of the pairs.
  const mateOf = new Int32Array(m).fill(-1);
  const load = new Int32Array(n);
  let previous = -1;
  for (const pair of result.pairs) {
    const [i, j] = pair;
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i < m && j >= 0 && j < n)) {
      report(`pair (${i}, ${j}) out of range`);
      continue;
    }
    if (i <= previous) report(`pairs not sorted by mentee or mentee ${i} matched twice`);
    previous = i;
    if ((mateOf[i] ?? -1) >= 0) continue;
    mateOf[i] = j;
    load[j] = (load[j] ?? 0) + 1;
  }
  for (let j = 0; j < n; j++) {
    if ((load[j] ?? 0) > (cap[j] ?? 0)) report(`mentor ${j} has ${load[j]} mentees, capacity ${cap[j]}`);
  }
  for (let i = 0; i < m; i++) {
    const lj = lockedTo[i] ?? -1;
    if (lj >= 0 && mateOf[i] !== lj) report(`locked pair (${i}, ${lj}) missing`);
  }
  if (result.matched !== result.pairs.length)
    report(`matched ${result.matched} != ${result.pairs.length} pairs`);

  // Scores of the chosen pairs (best duplicate), eligibility, and room left around unmatched mentees.
  const scale = result.certificate.scoreScale;
  const offset = result.certificate.weightOffset;
  const pairScore = new Float64Array(m).fill(-1);
  const pairScoreCert = new Float64Array(m).fill(-1);
  const hasEdge = new Uint8Array(m);
  const bestActive = new Float64Array(m);
  for (let e = 0; e < E; e++) {
    const i = input.edgeMentee[e] ?? -1;
    const j = input.edgeMentor[e] ?? -1;
    const score = input.edgeScore[e] ?? Number.NaN;
    if (!(i >= 0 && i < m && j >= 0 && j < n && Number.isFinite(score) && score >= 0)) {
      report(`edge ${e} is invalid`);
      continue;
    }
    hasEdge[i] = 1;
    const hundredths = Math.round(score * 100);
    const certScore = Math.round(score * scale);
    if (mateOf[i] === j) {
      if (hundredths > (pairScore[i] ?? -1)) pairScore[i] = hundredths;
      if (certScore > (pairScoreCert[i] ?? -1)) pairScoreCert[i] = certScore;
    }
    if ((lockedTo[i] ?? -1) < 0 && (residual[j] ?? 0) > 0 && certScore > (bestActive[i] ?? 0)) {
      bestActive[i] = certScore;
    }
    if ((mateOf[i] ?? -1) < 0 && (load[j] ?? 0) < (cap[j] ?? 0)) {
      report(`mentee ${i} is unmatched while eligible mentor ${j} has room`);
    }
  }
  let total = 0;
  for (let i = 0; i < m; i++) {
    const j = mateOf[i] ?? -1;
    if (j < 0) continue;
    const s = pairScore[i] ?? -1;
    if (s < 0) report(`pair (${i}, ${j}) is not an eligible pair`);
    else total += s;
  }
  if (Math.abs(result.totalScore * 100 - total) > 1e-6 * Math.max(1, total)) {
    report(`totalScore ${result.totalScore} but the pairs' scores add up to ${total / 100}`);
  }

  // Unmatched list.
  let k = 0;
  for (let i = 0; i < m; i++) {
    if ((mateOf[i] ?? -1) >= 0) continue;
    const entry = result.unmatched[k++];
    const reason = hasEdge[i] ? "capacity_exhausted" : "no_eligible_mentor";
    if (!entry || entry.mentee !== i) report(`unmatched mentee ${i} missing from the unmatched list`);
    else if (entry.reason !== reason) report(`mentee ${i}: reason ${entry.reason}, expected ${reason}`);
  }
  if (k !== result.unmatched.length)
    report(`unmatched list has ${result.unmatched.length} entries, expected ${k}`);
  if (problems.length > 0) return problems;

  // The certificate.
  const { menteePrice: u, mentorPrice: v } = result.certificate;
  if (!(Number.isInteger(scale) && scale > 0)) return [`scoreScale ${scale} is not a positive integer`];
  if (u.length !== m || v.length !== n) return ["certificate prices have the wrong length"];
  let scoreBound = 0;
  for (let i = 0; i < m; i++) scoreBound += bestActive[i] ?? 0;
  if (!(Number.isInteger(offset) && offset > scoreBound && offset + scoreBound < LIMIT)) {
    report(`weightOffset ${offset} must be an integer above ${scoreBound}, the largest achievable total`);
  }
  const validPrice = (x: number): boolean => Number.isInteger(x) && x >= 0 && x < LIMIT;
  for (let i = 0; i < m; i++) {
    const ui = u[i] ?? Number.NaN;
    if (!validPrice(ui)) report(`mentee price ${i} = ${ui} is not an integer in [0, 2^52)`);
    else if (ui > 0 && (mateOf[i] ?? -1) < 0 && (lockedTo[i] ?? -1) < 0) {
      report(`mentee ${i} is unmatched but has price ${ui} > 0`);
    }
  }
  for (let j = 0; j < n; j++) {
    const vj = v[j] ?? Number.NaN;
    if (!validPrice(vj)) report(`mentor price ${j} = ${vj} is not an integer in [0, 2^52)`);
    else if (vj > 0 && (load[j] ?? 0) < (cap[j] ?? 0)) report(`mentor ${j} has room but price ${vj} > 0`);
  }
  if (problems.length > 0) return problems;
  for (let e = 0; e < E; e++) {
    const i = input.edgeMentee[e] ?? 0;
    if ((lockedTo[i] ?? -1) >= 0) continue;
    const j = input.edgeMentor[e] ?? 0;
    const w = offset + Math.round((input.edgeScore[e] ?? 0) * scale);
    if ((u[i] ?? 0) + (v[j] ?? 0) < w)
      report(`edge (${i}, ${j}) violates u + v >= w by ${w - (u[i] ?? 0) - (v[j] ?? 0)}`);
  }
  for (let i = 0; i < m; i++) {
    const j = mateOf[i] ?? -1;
    if (j < 0 || (lockedTo[i] ?? -1) >= 0) continue;
    const w = offset + (pairScoreCert[i] ?? 0);
    if ((u[i] ?? 0) + (v[j] ?? 0) !== w)
      report(`pair (${i}, ${j}) is not tight: u + v - w = ${(u[i] ?? 0) + (v[j] ?? 0) - w}`);
  }
  return problems;
}
