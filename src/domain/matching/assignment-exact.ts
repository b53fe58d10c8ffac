// The exact phase of the assignment solver: a primal-dual (Hungarian / successive shortest path)
// repair that accepts any starting mentor prices v >= 0 and any starting assignment, and ends with
// an optimal assignment and integral optimal dual prices. See assignment.ts for the overview.
import type { PreparedProblem } from "./assignment-graph.ts";

export interface ExactOutcome {
  /** Mentor of each mentee (in the reduced problem), or -1. */
  mate: Int32Array;
  menteePrice: Float64Array;
  mentorPrice: Float64Array;
  searches: number;
}

/** Indexed binary min-heap of mentors keyed by `key`; ties go to the lower mentor index. */
class MentorHeap {
  private readonly items: Int32Array;
  private readonly pos: Int32Array;
  size = 0;
  constructor(
    n: number,
    private readonly key: Float64Array,
  ) {
    this.items = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }
  private less(a: number, b: number): boolean {
    const ka = this.key[a] ?? 0;
    const kb = this.key[b] ?? 0;
    return ka < kb || (ka === kb && a < b);
  }
  /** Insert j, or move it up after its key decreased. */
  upsert(j: number): void {
    let k = this.pos[j] ?? -1;
    if (k < 0) {
      k = this.size++;
    }
    const items = this.items;
    while (k > 0) {
      const parentAt = (k - 1) >> 1;
      const parent = items[parentAt] ?? 0;
      if (!this.less(j, parent)) break;
      items[k] = parent;
      this.pos[parent] = k;
      k = parentAt;
    }
    items[k] = j;
    this.pos[j] = k;
  }
  pop(): number {
    const items = this.items;
    const top = items[0] ?? 0;
    this.pos[top] = -1;
    const last = items[--this.size] ?? 0;
    if (this.size > 0) {
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        if (l >= this.size) break;
        let c = l;
        const r = l + 1;
        if (r < this.size && this.less(items[r] ?? 0, items[l] ?? 0)) c = r;
        const child = items[c] ?? 0;
        if (!this.less(child, last)) break;
        items[k] = child;
        this.pos[child] = k;
        k = c;
      }
      items[k] = last;
      this.pos[last] = k;
    }
    return top;
  }
  clear(): void {
    for (let k = 0; k < this.size; k++) this.pos[this.items[k] ?? 0] = -1;
    this.size = 0;
  }
}

const STAY = 0;
const TO_MENTOR = 1;
const DROP = 2;
const TO_FREE = 3;

/**
 * Invariants (LP dual of max Σ w x, w_ij = big + sc_ij): u, v >= 0; u_i + v_j >= w_ij on every
 * edge; = on matched edges. Two kinds of violations remain to fix: free mentees with u_i > 0 and
 * mentors below capacity with v_j > 0. Each is removed by one Dijkstra search over reduced costs
 * (u_i + v_j − w_ij >= 0): mentors with v_j > 0 first (searching backwards from the mentor), then
 * mentees (forwards). Every search ends with a dual update that keeps the invariants and either
 * augments along the shortest path or lowers the violating price to 0. With all violations gone,
 * complementary slackness holds and the assignment is optimal; prices stay integral.
 */
export function solveExact(
  p: PreparedProblem,
  startPrice: Float64Array,
  startMentor: Int32Array,
): ExactOutcome {
  const m = p.menteeCount;
  const n = p.mentorCount;
  const { rowStart, col, sc, capacity, big } = p;

  const v = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const x = startPrice[j] ?? 0;
    v[j] = Number.isFinite(x) && x > 0 ? Math.floor(x) : 0;
  }
  const u = new Float64Array(m);
  const slotStart = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) slotStart[j + 1] = (slotStart[j] ?? 0) + (capacity[j] ?? 0);
  const holder = new Int32Array(slotStart[n] ?? 0).fill(-1);
  const load = new Int32Array(n);
  const mate = new Int32Array(m).fill(-1);
  const mateSlot = new Int32Array(m).fill(-1);

  const place = (i: number, j: number, slot: number): void => {
    holder[slot] = i;
    mate[i] = j;
    mateSlot[i] = slot;
  };
  const emptySlot = (j: number): number => {
    const b = slotStart[j + 1] ?? 0;
    for (let s = slotStart[j] ?? 0; s < b; s++) if ((holder[s] ?? 0) < 0) return s;
    throw new Error(`assignment: mentor ${j} has no free slot`);
  };

  // Dual feasibility from the start prices; keep the start pairs that are tight.
  for (let i = 0; i < m; i++) {
    const from = rowStart[i] ?? 0;
    const to = rowStart[i + 1] ?? 0;
    const want = startMentor[i] ?? -1;
    let best = 0;
    let wantReduced = Number.NEGATIVE_INFINITY;
    for (let e = from; e < to; e++) {
      const j = col[e] ?? 0;
      const reduced = big + (sc[e] ?? 0) - (v[j] ?? 0);
      if (reduced > best) best = reduced;
      if (j === want) wantReduced = reduced;
    }
    u[i] = best;
    if (want >= 0 && wantReduced === best && (load[want] ?? 0) < (capacity[want] ?? 0)) {
      place(i, want, emptySlot(want));
      load[want] = (load[want] ?? 0) + 1;
    }
  }

  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const heap = new MentorHeap(n, dist);
  const predMentee = new Int32Array(n).fill(-1);
  const predMentor = new Int32Array(m).fill(-1);
  const touched = new Int32Array(n);
  let touchedCount = 0;
  const scanned = new Int32Array(n);
  let searches = 0;

  const resetSearch = (): void => {
    for (let k = 0; k < touchedCount; k++) dist[touched[k] ?? 0] = Number.POSITIVE_INFINITY;
    touchedCount = 0;
    heap.clear();
  };
  const label = (j: number, d: number, via: number): void => {
    if ((dist[j] ?? 0) === Number.POSITIVE_INFINITY) touched[touchedCount++] = j;
    dist[j] = d;
    predMentee[j] = via;
    heap.upsert(j);
  };

  // ---- Mentors below capacity with a positive price: backward searches. ----
  let deficient = false;
  for (let j = 0; j < n; j++) if ((load[j] ?? 0) < (capacity[j] ?? 0) && (v[j] ?? 0) > 0) deficient = true;
  if (deficient) {
    // Adjacency by mentor (mentee ascending), built only when needed.
    const colStart = new Int32Array(n + 1);
    const edges = rowStart[m] ?? 0;
    for (let e = 0; e < edges; e++) {
      const j = col[e] ?? 0;
      colStart[j + 1] = (colStart[j + 1] ?? 0) + 1;
    }
    for (let j = 0; j < n; j++) colStart[j + 1] = (colStart[j + 1] ?? 0) + (colStart[j] ?? 0);
    const fill = colStart.slice(0, n);
    const colMentee = new Int32Array(edges);
    const colSc = new Int32Array(edges);
    for (let i = 0; i < m; i++) {
      const to = rowStart[i + 1] ?? 0;
      for (let e = rowStart[i] ?? 0; e < to; e++) {
        const j = col[e] ?? 0;
        const q = fill[j] ?? 0;
        fill[j] = q + 1;
        colMentee[q] = i;
        colSc[q] = sc[e] ?? 0;
      }
    }
    for (let j0 = 0; j0 < n; j0++) {
      while ((load[j0] ?? 0) < (capacity[j0] ?? 0) && (v[j0] ?? 0) > 0) {
        searches++;
        let bound = v[j0] ?? 0;
        let kind = STAY;
        let endNode = j0;
        let endFrom = -1;
        let scannedCount = 0;
        label(j0, 0, -1);
        while (heap.size > 0) {
          const j = heap.pop();
          const dj = dist[j] ?? 0;
          if (dj >= bound) break;
          if (j !== j0 && dj + (v[j] ?? 0) < bound) {
            bound = dj + (v[j] ?? 0);
            kind = TO_MENTOR;
            endNode = j;
          }
          scanned[scannedCount++] = j;
          const base = dj + (v[j] ?? 0) - big;
          const to = colStart[j + 1] ?? 0;
          for (let q = colStart[j] ?? 0; q < to; q++) {
            const i = colMentee[q] ?? 0;
            const owner = mate[i] ?? -1;
            if (owner === j) continue;
            const d = base + (u[i] ?? 0) - (colSc[q] ?? 0);
            if (owner < 0) {
              if (d < bound) {
                bound = d;
                kind = TO_FREE;
                endNode = i;
                endFrom = j;
              }
            } else if (d < (dist[owner] ?? 0)) {
              label(owner, d, i);
              predMentor[i] = j;
            }
          }
        }
        for (let k = 0; k < scannedCount; k++) {
          const j = scanned[k] ?? 0;
          const delta = bound - (dist[j] ?? 0);
          if (delta <= 0) continue;
          v[j] = (v[j] ?? 0) - delta;
          const b = slotStart[j + 1] ?? 0;
          for (let s = slotStart[j] ?? 0; s < b; s++) {
            const i = holder[s] ?? -1;
            if (i >= 0) u[i] = (u[i] ?? 0) + delta;
          }
        }
        if (kind !== STAY) {
          // The incoming mentee takes over the slot of the one that moves on toward j0.
          let incoming: number;
          let at: number;
          if (kind === TO_FREE) {
            incoming = endNode;
            at = endFrom;
          } else {
            incoming = predMentee[endNode] ?? 0;
            holder[mateSlot[incoming] ?? 0] = -1;
            load[endNode] = (load[endNode] ?? 0) - 1;
            at = predMentor[incoming] ?? 0;
          }
          for (;;) {
            if (at === j0) {
              place(incoming, j0, emptySlot(j0));
              load[j0] = (load[j0] ?? 0) + 1;
              break;
            }
            const leaving = predMentee[at] ?? 0;
            const slot = mateSlot[leaving] ?? 0;
            place(incoming, at, slot);
            incoming = leaving;
            at = predMentor[leaving] ?? 0;
          }
        }
        resetSearch();
      }
    }
  }

  // ---- Free mentees with a positive price: forward searches. ----
  for (let r = 0; r < m; r++) {
    if ((mate[r] ?? 0) >= 0 || (u[r] ?? 0) <= 0) continue;
    searches++;
    let bound = u[r] ?? 0;
    let kind = STAY;
    let endNode = r;
    let scannedCount = 0;
    // Scan r at distance 0.
    {
      const base = u[r] ?? 0;
      const to = rowStart[r + 1] ?? 0;
      for (let e = rowStart[r] ?? 0; e < to; e++) {
        const j = col[e] ?? 0;
        const d = base + (v[j] ?? 0) - big - (sc[e] ?? 0);
        if (d < (dist[j] ?? 0)) label(j, d, r);
      }
    }
    while (heap.size > 0) {
      const j = heap.pop();
      const dj = dist[j] ?? 0;
      if (dj >= bound) break;
      if ((load[j] ?? 0) < (capacity[j] ?? 0)) {
        bound = dj;
        kind = TO_MENTOR;
        endNode = j;
        break;
      }
      scanned[scannedCount++] = j;
      const b = slotStart[j + 1] ?? 0;
      for (let s = slotStart[j] ?? 0; s < b; s++) {
        const i = holder[s] ?? 0;
        const ui = u[i] ?? 0;
        if (dj + ui < bound) {
          bound = dj + ui;
          kind = DROP;
          endNode = i;
        }
        const base = dj + ui - big;
        const to = rowStart[i + 1] ?? 0;
        for (let e = rowStart[i] ?? 0; e < to; e++) {
          const k = col[e] ?? 0;
          if (k === j) continue;
          const d = base + (v[k] ?? 0) - (sc[e] ?? 0);
          if (d < (dist[k] ?? 0)) label(k, d, i);
        }
      }
    }
    u[r] = (u[r] ?? 0) - bound;
    for (let k = 0; k < scannedCount; k++) {
      const j = scanned[k] ?? 0;
      const delta = bound - (dist[j] ?? 0);
      if (delta <= 0) continue;
      v[j] = (v[j] ?? 0) + delta;
      const b = slotStart[j + 1] ?? 0;
      for (let s = slotStart[j] ?? 0; s < b; s++) {
        const i = holder[s] ?? 0;
        u[i] = (u[i] ?? 0) - delta;
      }
    }
    if (kind !== STAY) {
      let at: number;
      let slot: number;
      if (kind === TO_MENTOR) {
        at = endNode;
        slot = emptySlot(at);
        load[at] = (load[at] ?? 0) + 1;
      } else {
        at = mate[endNode] ?? 0;
        slot = mateSlot[endNode] ?? 0;
        holder[slot] = -1;
        mate[endNode] = -1;
        mateSlot[endNode] = -1;
      }
      for (;;) {
        const moving = predMentee[at] ?? 0;
        const from = mate[moving] ?? -1;
        const fromSlot = mateSlot[moving] ?? -1;
        place(moving, at, slot);
        if (from < 0) break;
        at = from;
        slot = fromSlot;
      }
    }
    resetSearch();
  }

  return { mate, menteePrice: u, mentorPrice: v, searches };
}
