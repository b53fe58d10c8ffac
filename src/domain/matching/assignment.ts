/**
 * Optimal assignment of mentees to mentors with capacities (a bipartite b-matching), exact.
 *
 * Objective (lexicographic): first the most matched mentees, then the largest total score. Scores
 * are optimised as integers sc = round(score × 100) (hundredths of a point) and each eligible pair
 * gets the weight w = BIG + sc with BIG = 1 + Σ_mentees (best scaled score of that mentee), so one
 * more match outweighs any score total; a maximum-weight b-matching is then the lexicographic
 * optimum. All weights, prices and distances are integers far below 2^52, exact in doubles.
 *
 * Locked pairs are validated (eligible, one mentor per mentee, within capacity), taken out of the
 * problem (their mentor's capacity shrinks) and always returned; the rest is optimal given them.
 *
 * Algorithm, in two phases over a CSR adjacency (typed arrays, rows sorted by mentor index):
 *  1. Warm start (assignment-auction.ts): an ε-scaling forward auction on mentor slots with
 *     weights multiplied by K = mentees + mentors + 2, ε divided by 7 per phase down to 1.
 *     Its prices, divided by K and rounded with a common offset chosen so that no rounding
 *     crosses an integer boundary, satisfy exact complementary slackness with its assignment
 *     (ε-CS with ε < 1/(n+1) rounds to exact CS for integer weights); it is only a heuristic.
 *  2. Exact repair (assignment-exact.ts): a primal-dual Hungarian method that accepts any start.
 *     It recomputes mentee prices u_i = max(0, max_j w_ij − v_j), keeps the start pairs that are
 *     tight, then removes every complementary-slackness violation (mentor below capacity with a
 *     positive price; free mentee with a positive price) with one Dijkstra search over reduced
 *     costs each, followed by a dual update and an augmentation. At the end (u, v) certifies
 *     optimality: it is returned as `certificate` and checked by `verifyOptimal`.
 *
 * Complexity: building the graph is O(E + m + n). The auction is O(E) per phase plus O(degree)
 * per bid over O(log_7(K·BIG)) phases, in practice a few bids per mentee per phase (its work is
 * capped; the exact phase does not depend on it finishing). The repair is O(E log n) per search
 * in the worst case, O(m + n) searches; after a completed auction it typically runs few or none.
 * Memory: about 8 bytes per edge (mentor index and scaled score) plus O(m + n + Σ capacity).
 *
 * Determinism and ties: the result is a function of the set of (mentee, mentor, score) triples
 * (duplicates merged keeping the best score), the capacities and the locks, not of the edge
 * order: rows are sorted by mentor index, queues and searches run in increasing index order,
 * and every choice between equal values goes to the lowest mentor index (auction bids, heap
 * ties). Among several optimal assignments the one returned is the one this canonical process
 * reaches; it is not "the lexicographically smallest optimal assignment".
 *
 * Unmatched reasons: "no_eligible_mentor" when the mentee has no eligible pair at all in the
 * input; otherwise "capacity_exhausted" (optimality implies every mentor it is eligible for is
 * full, which verifyOptimal checks).
 */
import { runAuction } from "./assignment-auction.ts";
import { solveExact } from "./assignment-exact.ts";
import { type PreparedProblem, prepareProblem, scaledScore } from "./assignment-graph.ts";
import {
  type AssignmentInput,
  type AssignmentResult,
  EXACT_LIMIT,
  SCORE_SCALE,
  type UnmatchedReason,
} from "./assignment-types.ts";

export * from "./assignment-types.ts";
export { verifyOptimal } from "./assignment-verify.ts";

export interface SolveOptions {
  /** Run the auction warm start (default true). Without it the exact phase starts from zero prices. */
  warmStart?: boolean;
  /** ε reduction factor of the auction (default 7). */
  alpha?: number;
  /** Auction work budget in edge visits per edge (default 80). */
  auctionWork?: number;
}

function floorDiv(x: number, k: number): number {
  let q = Math.floor(x / k);
  while (q * k > x) q--;
  while ((q + 1) * k <= x) q++;
  return q;
}

/** Integral mentor prices from the auction's scaled prices (see the header, step 1). */
function roundPrices(p: PreparedProblem, price: Float64Array, used: Uint8Array, scale: number): Float64Array {
  const n = p.mentorCount;
  const v = new Float64Array(n);
  let offset = 0;
  if (scale > 1) {
    const taken = new Uint8Array(scale);
    for (let j = 0; j < n; j++) {
      const x = price[j] ?? 0;
      if (used[j] && Number.isFinite(x)) taken[x % scale] = 1;
    }
    offset = 1;
    while (offset < scale && taken[offset]) offset++;
    if (offset === scale) offset = 1;
  }
  for (let j = 0; j < n; j++) {
    const x = price[j] ?? 0;
    if (!Number.isFinite(x) || x <= 0) continue;
    v[j] = scale > 1 ? Math.max(0, floorDiv(x - offset, scale) + 1) : x;
  }
  return v;
}

/** Scaled score of the pair (i, j) in the prepared rows (sorted by mentor), or -1. */
function rowScore(p: PreparedProblem, i: number, j: number): number {
  let lo = p.rowStart[i] ?? 0;
  let hi = (p.rowStart[i + 1] ?? 0) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = p.col[mid] ?? 0;
    if (k === j) return p.sc[mid] ?? 0;
    if (k < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function solveAssignment(input: AssignmentInput, options: SolveOptions = {}): AssignmentResult {
  const started = performance.now();
  const p = prepareProblem(input);
  const m = p.menteeCount;
  const n = p.mentorCount;
  const edges = p.rowStart[m] ?? 0;

  let startPrice: Float64Array = new Float64Array(n);
  let startMentor: Int32Array = new Int32Array(m).fill(-1);
  let auctionPhases = 0;
  let auctionBids = 0;
  const weightBound = p.big + p.maxScore + 1;
  const scale = Math.min(m + n + 2, Math.floor(EXACT_LIMIT / 2 / weightBound));
  if ((options.warmStart ?? true) && edges > 0 && scale >= 1) {
    const auction = runAuction(p, {
      scale,
      alpha: options.alpha ?? 7,
      budget: (options.auctionWork ?? 80) * edges + 2_000_000,
    });
    auctionPhases = auction.phases;
    auctionBids = auction.bids;
    startPrice = roundPrices(p, auction.price, auction.used, scale);
    startMentor = auction.mentor;
  }
  const exact = solveExact(p, startPrice, startMentor);

  // Assemble the result (locked pairs included) and the certificate.
  const pairs: Array<[number, number]> = [];
  const unmatched: Array<{ mentee: number; reason: UnmatchedReason }> = [];
  const menteePrice = exact.menteePrice;
  let scoreSum = 0;
  for (let i = 0; i < m; i++) {
    const locked = p.lockedMentor[i] ?? -1;
    if (locked >= 0) {
      pairs.push([i, locked]);
      scoreSum += p.lockedScore[i] ?? 0;
      menteePrice[i] = 0;
      continue;
    }
    const j = exact.mate[i] ?? -1;
    if (j >= 0) {
      pairs.push([i, j]);
      scoreSum += rowScore(p, i, j);
    } else {
      unmatched.push({ mentee: i, reason: p.hasEdge[i] ? "capacity_exhausted" : "no_eligible_mentor" });
    }
  }
  // Mentors with no capacity left were not in the reduced problem: price them so that every
  // edge to them is dual feasible (they are full, so any price >= 0 satisfies slackness).
  const mentorPrice = exact.mentorPrice;
  const { edgeMentee, edgeMentor, edgeScore } = input;
  for (let e = 0; e < edgeMentee.length; e++) {
    const j = edgeMentor[e] ?? 0;
    if ((p.capacity[j] ?? 0) > 0) continue;
    const i = edgeMentee[e] ?? 0;
    if ((p.lockedMentor[i] ?? -1) >= 0) continue;
    const need = p.big + scaledScore(edgeScore[e] ?? 0) - (menteePrice[i] ?? 0);
    if (need > (mentorPrice[j] ?? 0)) mentorPrice[j] = need;
  }

  const seconds = (performance.now() - started) / 1000;
  return {
    pairs,
    matched: pairs.length,
    totalScore: scoreSum / SCORE_SCALE,
    unmatched,
    certificate: { menteePrice, mentorPrice, weightOffset: p.big, scoreScale: SCORE_SCALE },
    stats: {
      iterations: auctionBids + exact.searches,
      seconds,
      edges,
      auctionPhases,
      auctionBids,
      searches: exact.searches,
    },
  };
}
