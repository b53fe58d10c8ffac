// Types shared by the assignment solver (assignment.ts) and its independent checker
// (assignment-verify.ts). See assignment.ts for the algorithm.

export interface AssignmentInput {
  menteeCount: number;
  /** Capacity of every mentor (integers >= 0); its length is the number of mentors. */
  mentorCapacity: Int32Array | number[];
  /** Eligible pairs, length E each, any order. Duplicated pairs are merged keeping the higher score. */
  edgeMentee: Int32Array;
  edgeMentor: Int32Array;
  /** Finite scores >= 0, optimised at a resolution of 1 / SCORE_SCALE (0.01) points. */
  edgeScore: Float64Array;
  /** Pairs a coordinator fixed: they must be eligible edges and are always in the result. */
  locked?: Array<[mentee: number, mentor: number]>;
}

export type UnmatchedReason = "no_eligible_mentor" | "capacity_exhausted";

export interface AssignmentCertificate {
  /**
   * Dual prices of the LP  max Σ w_ij x_ij  s.t. Σ_j x_ij <= 1, Σ_i x_ij <= c'_j, x >= 0, where
   * w_ij = weightOffset + round(score_ij * scoreScale) and c' is the capacity left after the locked
   * pairs (locked mentees are not part of that LP; their price is 0). Integers.
   */
  menteePrice: Float64Array;
  mentorPrice: Float64Array;
  /** The lexicographic weight: larger than any achievable total of scaled scores. */
  weightOffset: number;
  /** Scores are scaled by this factor and rounded to integers (100: hundredths of a point). */
  scoreScale: number;
}

export interface AssignmentStats {
  /** Auction bids plus shortest-path searches. */
  iterations: number;
  seconds: number;
  /** Distinct eligible edges the solver worked on (after merging duplicates, locks and zero capacity). */
  edges: number;
  auctionPhases: number;
  auctionBids: number;
  /** Exact shortest augmenting path searches run by the repair phase. */
  searches: number;
}

export interface AssignmentResult {
  /** Sorted by mentee. Includes the locked pairs. */
  pairs: Array<[mentee: number, mentor: number]>;
  matched: number;
  /** Sum of the chosen pairs' scores, in the input's units (at the 0.01 resolution). */
  totalScore: number;
  /** Every unmatched mentee, by increasing index. */
  unmatched: Array<{ mentee: number; reason: UnmatchedReason }>;
  certificate: AssignmentCertificate;
  stats: AssignmentStats;
}

export type AssignmentErrorCode =
  | "invalid_input"
  | "lock_not_eligible"
  | "lock_conflict"
  | "lock_over_capacity"
  | "scores_too_large";

/** Thrown by solveAssignment for malformed input or impossible locks. */
export class AssignmentInputError extends Error {
  override readonly name = "AssignmentInputError";
  constructor(
    readonly code: AssignmentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Scores are optimised as integers round(score * SCORE_SCALE). */
export const SCORE_SCALE = 100;

/** Largest integer every intermediate value must stay under to be exact in a double. */
export const EXACT_LIMIT = 2 ** 52;
