// Warm start for the assignment solver: an ε-scaling forward auction (Bertsekas) for the
// transportation problem "mentees bid for mentor slots". Its output (an assignment and mentor
// prices) only has to be good, not right: assignment-exact.ts turns it into a proven optimum.
import type { PreparedProblem } from "./assignment-graph.ts";

export interface AuctionOutcome {
  /** Mentor whose slot each mentee holds, or -1 (unmatched: its private "no mentor" option). */
  mentor: Int32Array;
  /** Price of each mentor's cheapest slot, in scaled units (weights times `scale`). */
  price: Float64Array;
  /** Mentors holding at least one mentee. */
  used: Uint8Array;
  scale: number;
  phases: number;
  bids: number;
  /** False when the work budget ran out before ε reached 1 (the exact phase then does more). */
  finished: boolean;
}

export interface AuctionOptions {
  /** Weights are multiplied by this integer; with ε = 1 at the end, ε-CS is within 1/scale. */
  scale: number;
  /** ε is divided by this at each phase. */
  alpha: number;
  /** Stop after about this many edge visits (a safety net against price wars). */
  budget: number;
}

/**
 * Each mentee i is a person, each unit of mentor capacity a slot (an object); a_ij = scale·w_ij for
 * the slots of mentor j and 0 for i's private "stay unmatched" object, whose price stays 0. A free
 * mentee bids for the cheapest slot of its best mentor, raising its price by (best − second best
 * + ε), where "second best" counts the mentor's second-cheapest slot and the unmatched option;
 * the previous holder becomes free. Gauss–Seidel, FIFO queue, ties to the lowest mentor index.
 *
 * A bid never raises a price above the bidder's own value (its profit stays >= 0, which keeps
 * ε-CS against the unmatched option). Between phases ε shrinks and only mentees that no longer
 * satisfy ε-complementary slackness are freed, so the assignment carries over.
 *
 * Known limit: the problem is asymmetric (more slots plus "unmatched" options than mentees) and a
 * forward auction cannot lower prices, so a slot emptied between phases keeps its price. Mentors
 * left below capacity with a positive price are handed to the exact phase, which fixes them with
 * backward searches; so are pairs that a stopped (budgeted) auction leaves not quite optimal.
 */
export function runAuction(p: PreparedProblem, options: AuctionOptions): AuctionOutcome {
  const m = p.menteeCount;
  const n = p.mentorCount;
  const { rowStart, col, sc, capacity } = p;
  const scale = options.scale;
  const aBase = scale * p.big;
  const edges = rowStart[m] ?? 0;
  const weight = new Float64Array(edges);
  for (let e = 0; e < edges; e++) weight[e] = aBase + scale * (sc[e] ?? 0);

  const slotStart = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) slotStart[j + 1] = (slotStart[j] ?? 0) + (capacity[j] ?? 0);
  const slots = slotStart[n] ?? 0;
  const slotPrice = new Float64Array(slots);
  const slotHolder = new Int32Array(slots).fill(-1);
  const minPrice = new Float64Array(n);
  const minSlot = new Int32Array(n);
  const secondPrice = new Float64Array(n);
  const refresh = (j: number): void => {
    const a = slotStart[j] ?? 0;
    const b = slotStart[j + 1] ?? 0;
    let best = Number.POSITIVE_INFINITY;
    let second = Number.POSITIVE_INFINITY;
    let arg = a;
    for (let s = a; s < b; s++) {
      const price = slotPrice[s] ?? 0;
      if (price < best) {
        second = best;
        best = price;
        arg = s;
      } else if (price < second) second = price;
    }
    minPrice[j] = best;
    secondPrice[j] = second;
    minSlot[j] = arg;
  };
  for (let j = 0; j < n; j++) refresh(j);

  /** -1: free (in the bid queue), -2: on its "stay unmatched" object, else a slot. */
  const menteeSlot = new Int32Array(m).fill(-2);
  const menteeMentor = new Int32Array(m).fill(-1);
  /** Scaled weight of the mentee's current pair. */
  const menteeWeight = new Float64Array(m);

  // Bid queue (FIFO), circular over m + 1 entries.
  const queue = new Int32Array(m + 1);
  let head = 0;
  let tail = 0;
  let queued = 0;
  const push = (i: number): void => {
    queue[tail] = i;
    tail = tail === m ? 0 : tail + 1;
    queued++;
  };
  for (let i = 0; i < m; i++) {
    if ((rowStart[i + 1] ?? 0) > (rowStart[i] ?? 0)) {
      menteeSlot[i] = -1;
      push(i);
    }
  }

  let work = 0;
  let bids = 0;
  let phases = 0;
  let eps = Math.max(1, Math.floor((aBase + scale * p.maxScore) / options.alpha));
  let finished = true;

  for (;;) {
    phases++;
    while (queued > 0) {
      if (work > options.budget) {
        finished = false;
        break;
      }
      const i = queue[head] ?? 0;
      head = head === m ? 0 : head + 1;
      queued--;
      const from = rowStart[i] ?? 0;
      const to = rowStart[i + 1] ?? 0;
      work += to - from;
      bids++;
      let best = Number.NEGATIVE_INFINITY;
      let second = 0; // the "stay unmatched" object
      let bestJ = -1;
      let bestA = 0;
      // Hot loop: indices are in range by construction (`as number` avoids per-access checks).
      for (let e = from; e < to; e++) {
        const j = col[e] as number;
        const a = weight[e] as number;
        const value = a - (minPrice[j] as number);
        if (value > best) {
          if (best > second) second = best;
          best = value;
          bestJ = j;
          bestA = a;
        } else if (value > second) second = value;
      }
      if (bestJ < 0 || best <= 0) {
        menteeSlot[i] = -2;
        menteeMentor[i] = -1;
        continue;
      }
      const sameMentor = bestA - (secondPrice[bestJ] ?? 0);
      if (sameMentor > second) second = sameMentor;
      const s = minSlot[bestJ] ?? 0;
      const old = slotHolder[s] ?? -1;
      slotHolder[s] = i;
      const bidPrice = (minPrice[bestJ] ?? 0) + (best - second) + eps;
      slotPrice[s] = bidPrice < bestA ? bidPrice : bestA;
      menteeSlot[i] = s;
      menteeMentor[i] = bestJ;
      menteeWeight[i] = bestA;
      if (old >= 0) {
        menteeSlot[old] = -1;
        menteeMentor[old] = -1;
        push(old);
      }
      refresh(bestJ);
    }
    if (!finished || eps === 1) break;
    eps = Math.max(1, Math.floor(eps / options.alpha));

    // New phase: free whoever violates ε-CS for the smaller ε.
    for (let i = 0; i < m; i++) {
      const slot = menteeSlot[i] ?? -1;
      const from = rowStart[i] ?? 0;
      const to = rowStart[i + 1] ?? 0;
      if (slot === -1 || from === to) continue;
      work += to - from;
      let best = 0;
      for (let e = from; e < to; e++) {
        const value = (weight[e] as number) - (minPrice[col[e] as number] as number);
        if (value > best) best = value;
      }
      const profit = slot >= 0 ? (menteeWeight[i] ?? 0) - (slotPrice[slot] ?? 0) : 0;
      if (profit >= best - eps) continue;
      menteeSlot[i] = -1;
      push(i);
      if (slot >= 0) {
        slotHolder[slot] = -1;
        const j = menteeMentor[i] ?? 0;
        menteeMentor[i] = -1;
        refresh(j);
      }
    }
  }

  const used = new Uint8Array(n);
  for (let i = 0; i < m; i++) {
    const j = menteeMentor[i] ?? -1;
    if (j >= 0) used[j] = 1;
  }
  return { mentor: menteeMentor, price: minPrice, used, scale, phases, bids, finished };
}
