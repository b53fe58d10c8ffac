import { describe, expect, it } from "vitest";
import {
  type AssignmentInput,
  AssignmentInputError,
  type AssignmentResult,
  solveAssignment,
  verifyOptimal,
} from "../../src/domain/matching/assignment.ts";
import { solveExact } from "../../src/domain/matching/assignment-exact.ts";
import { prepareProblem } from "../../src/domain/matching/assignment-graph.ts";

// ---- Seeded randomness (mulberry32), so every run checks the same instances. ----
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function makeInput(
  menteeCount: number,
  capacity: number[],
  edges: Array<[number, number, number]>,
  locked?: Array<[number, number]>,
): AssignmentInput {
  return {
    menteeCount,
    mentorCapacity: capacity,
    edgeMentee: Int32Array.from(edges.map((e) => e[0])),
    edgeMentor: Int32Array.from(edges.map((e) => e[1])),
    edgeScore: Float64Array.from(edges.map((e) => e[2])),
    ...(locked ? { locked } : {}),
  };
}

/** Small instance with ties, zero capacities, duplicates, mentees without edges and some locks. */
function smallInstance(r: () => number): AssignmentInput {
  const m = int(r, 1, 7);
  const n = int(r, 1, 4);
  const capacity = Array.from({ length: n }, () => int(r, 0, 3));
  const palette = [0, 1, 2.5, 2.5, 3, 7.25, 10, 10, 55.5, 100];
  const density = 0.2 + 0.6 * r();
  const edges: Array<[number, number, number]> = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++)
      if (r() < density) edges.push([i, j, palette[int(r, 0, palette.length - 1)] ?? 0]);
  if (edges.length > 0 && r() < 0.2) {
    const [i, j] = edges[int(r, 0, edges.length - 1)] ?? [0, 0];
    edges.push([i, j, palette[int(r, 0, palette.length - 1)] ?? 0]); // a duplicate pair
  }
  const locked: Array<[number, number]> = [];
  if (r() < 0.35) {
    const left = capacity.slice();
    const lockedMentees = new Set<number>();
    for (const [i, j] of edges) {
      if (r() < 0.25 && !lockedMentees.has(i) && (left[j] ?? 0) > 0) {
        locked.push([i, j]);
        lockedMentees.add(i);
        left[j] = (left[j] ?? 0) - 1;
      }
    }
  }
  return makeInput(m, capacity, edges, locked.length > 0 ? locked : undefined);
}

/** Exhaustive search: the lexicographic optimum (matched, total score in hundredths). */
function bruteForce(input: AssignmentInput): { matched: number; total: number } {
  const m = input.menteeCount;
  const n = input.mentorCapacity.length;
  const best = new Map<number, number>(); // i * n + j -> best score (hundredths)
  for (let e = 0; e < input.edgeMentee.length; e++) {
    const key = (input.edgeMentee[e] ?? 0) * n + (input.edgeMentor[e] ?? 0);
    const s = Math.round((input.edgeScore[e] ?? 0) * 100);
    best.set(key, Math.max(best.get(key) ?? -1, s));
  }
  const lockedTo = new Map((input.locked ?? []).map(([i, j]) => [i, j]));
  const left = Array.from(input.mentorCapacity);
  let top = { matched: -1, total: -1 };
  const go = (i: number, matched: number, total: number): void => {
    if (i === m) {
      if (matched > top.matched || (matched === top.matched && total > top.total)) top = { matched, total };
      return;
    }
    const forced = lockedTo.get(i);
    for (let j = 0; j < n; j++) {
      const s = best.get(i * n + j);
      if (s === undefined || (left[j] ?? 0) === 0 || (forced !== undefined && forced !== j)) continue;
      left[j] = (left[j] ?? 0) - 1;
      go(i + 1, matched + 1, total + s);
      left[j] = (left[j] ?? 0) + 1;
    }
    if (forced === undefined) go(i + 1, matched, total);
  };
  go(0, 0, 0);
  return top;
}

const hundredths = (result: AssignmentResult): number => Math.round(result.totalScore * 100);

/**
 * A second exact method, independent of the solver: successive shortest paths for min-cost flow
 * s -> mentee -> mentor -> t with costs −score only (no lexicographic weight). SSP yields a
 * cheapest flow of every value, so augmenting until t is unreachable gives the most matches and,
 * among those, the largest total score.
 */
function sspOptimum(input: AssignmentInput): { matched: number; total: number } {
  const m = input.menteeCount;
  const n = input.mentorCapacity.length;
  const N = m + n + 2;
  const s = m + n;
  const t = m + n + 1;
  const head = new Int32Array(N).fill(-1);
  const to: number[] = [];
  const next: number[] = [];
  const capArc: number[] = [];
  const cost: number[] = [];
  const addArc = (a: number, b: number, c: number, w: number): void => {
    for (const [x, y, cc, ww] of [
      [a, b, c, w],
      [b, a, 0, -w],
    ] as const) {
      to.push(y);
      capArc.push(cc);
      cost.push(ww);
      next.push(head[x] ?? -1);
      head[x] = to.length - 1;
    }
  };
  for (let i = 0; i < m; i++) addArc(s, i, 1, 0);
  for (let e = 0; e < input.edgeMentee.length; e++) {
    addArc(
      input.edgeMentee[e] ?? 0,
      m + (input.edgeMentor[e] ?? 0),
      1,
      -Math.round((input.edgeScore[e] ?? 0) * 100),
    );
  }
  for (let j = 0; j < n; j++) addArc(m + j, t, input.mentorCapacity[j] ?? 0, 0);
  // Initial potentials: shortest distances from s in the (acyclic) initial residual graph.
  const pi = new Float64Array(N);
  for (let a = head[s] ?? -1; a >= 0; a = next[a] ?? -1) pi[to[a] ?? 0] = 0;
  for (let j = 0; j < n; j++) pi[m + j] = 0;
  for (let i = 0; i < m; i++)
    for (let a = head[i] ?? -1; a >= 0; a = next[a] ?? -1)
      if ((capArc[a] ?? 0) > 0) pi[to[a] ?? 0] = Math.min(pi[to[a] ?? 0] ?? 0, cost[a] ?? 0);
  for (let j = 0; j < n; j++) pi[t] = Math.min(pi[t] ?? 0, pi[m + j] ?? 0);
  let matched = 0;
  let total = 0;
  const dist = new Float64Array(N);
  const prevArc = new Int32Array(N);
  for (;;) {
    dist.fill(Number.POSITIVE_INFINITY);
    dist[s] = 0;
    const heap: Array<[number, number]> = [[0, s]];
    const done = new Uint8Array(N);
    while (heap.length > 0) {
      // Lazy binary heap.
      const top = heap[0] as [number, number];
      const last = heap.pop() as [number, number];
      if (heap.length > 0) {
        let k = 0;
        for (;;) {
          const l = 2 * k + 1;
          if (l >= heap.length) break;
          const rr = l + 1;
          const c = rr < heap.length && (heap[rr]?.[0] ?? 0) < (heap[l]?.[0] ?? 0) ? rr : l;
          if ((heap[c]?.[0] ?? 0) >= last[0]) break;
          heap[k] = heap[c] as [number, number];
          k = c;
        }
        heap[k] = last;
      }
      const [d, x] = top;
      if (done[x] || d > (dist[x] ?? 0)) continue;
      done[x] = 1;
      for (let a = head[x] ?? -1; a >= 0; a = next[a] ?? -1) {
        if ((capArc[a] ?? 0) <= 0) continue;
        const y = to[a] ?? 0;
        const nd = d + (cost[a] ?? 0) + (pi[x] ?? 0) - (pi[y] ?? 0);
        if (nd < (dist[y] ?? 0)) {
          dist[y] = nd;
          prevArc[y] = a;
          heap.push([nd, y]);
          let k = heap.length - 1;
          while (k > 0) {
            const p = (k - 1) >> 1;
            if ((heap[p]?.[0] ?? 0) <= nd) break;
            heap[k] = heap[p] as [number, number];
            k = p;
          }
          heap[k] = [nd, y];
        }
      }
    }
    if (!Number.isFinite(dist[t] ?? Number.POSITIVE_INFINITY)) break;
    const dt = dist[t] ?? 0;
    for (let x = 0; x < N; x++) pi[x] = (pi[x] ?? 0) + Math.min(dist[x] ?? 0, dt);
    for (let x = t; x !== s; ) {
      const a = prevArc[x] ?? 0;
      capArc[a] = (capArc[a] ?? 0) - 1;
      capArc[a ^ 1] = (capArc[a ^ 1] ?? 0) + 1;
      total -= cost[a] ?? 0;
      x = to[a ^ 1] ?? 0;
    }
    matched++;
  }
  return { matched, total };
}

/** A program-like instance: correlated scores with ties, clustered eligibility, tight capacity. */
function mediumInstance(seed: number, m: number, n: number, density: number): AssignmentInput {
  const r = rng(seed);
  const quality = Array.from({ length: n }, () => r());
  const group = Array.from({ length: n }, () => int(r, 0, 4));
  const capacity = Array.from({ length: n }, () => int(r, 1, 9));
  const mentee: number[] = [];
  const mentor: number[] = [];
  const score: number[] = [];
  for (let i = 0; i < m; i++) {
    if (r() < 0.01) continue; // nobody eligible
    const g = int(r, 0, 4);
    const d = density * (0.3 + 1.4 * r());
    for (let j = 0; j < n; j++) {
      if (r() >= (group[j] === g ? 3 * d : d / 2)) continue;
      mentee.push(i);
      mentor.push(j);
      score.push(Math.round(40 + 40 * (quality[j] ?? 0) + 20 * r()) / (r() < 0.5 ? 1 : 4));
    }
  }
  return {
    menteeCount: m,
    mentorCapacity: capacity,
    edgeMentee: Int32Array.from(mentee),
    edgeMentor: Int32Array.from(mentor),
    edgeScore: Float64Array.from(score),
  };
}

function shuffledEdges(input: AssignmentInput, seed: number): AssignmentInput {
  const r = rng(seed);
  const order = Array.from({ length: input.edgeMentee.length }, (_, k) => k);
  for (let k = order.length - 1; k > 0; k--) {
    const x = int(r, 0, k);
    [order[k], order[x]] = [order[x] ?? 0, order[k] ?? 0];
  }
  return {
    ...input,
    edgeMentee: Int32Array.from(order.map((k) => input.edgeMentee[k] ?? 0)),
    edgeMentor: Int32Array.from(order.map((k) => input.edgeMentor[k] ?? 0)),
    edgeScore: Float64Array.from(order.map((k) => input.edgeScore[k] ?? 0)),
  };
}

describe("solveAssignment: optimal against exhaustive search", () => {
  const cases = 800;
  it(`matches the brute-force optimum on ${cases} seeded random small instances (with and without warm start)`, () => {
    const r = rng(20240601);
    for (let c = 0; c < cases; c++) {
      const input = smallInstance(r);
      const expected = bruteForce(input);
      for (const warmStart of [true, false]) {
        const result = solveAssignment(input, { warmStart });
        const context = `case ${c} warmStart=${warmStart}: ${JSON.stringify({ ...input, edgeMentee: [...input.edgeMentee], edgeMentor: [...input.edgeMentor], edgeScore: [...input.edgeScore] })}`;
        expect({ matched: result.matched, total: hundredths(result) }, context).toEqual(expected);
        expect(verifyOptimal(input, result), context).toEqual([]);
        for (const [i, j] of input.locked ?? []) expect(result.pairs, context).toContainEqual([i, j]);
      }
    }
  });
});

describe("exact phase: optimal from any starting prices and assignment", () => {
  it("reaches the brute-force optimum from random (even absurd) warm starts", () => {
    const r = rng(777);
    for (let c = 0; c < 400; c++) {
      const input = smallInstance(r);
      const p = prepareProblem(input);
      const big = p.big;
      const price = Float64Array.from({ length: p.mentorCount }, () => (r() < 0.5 ? 0 : int(r, 0, 3 * big)));
      const mentor = Int32Array.from({ length: p.menteeCount }, () => int(r, -1, p.mentorCount - 1));
      const out = solveExact(p, price, mentor);
      const expected = bruteForce(input);
      let matched = 0;
      let total = 0;
      for (let i = 0; i < p.menteeCount; i++) {
        const locked = p.lockedMentor[i] ?? -1;
        if (locked >= 0) {
          matched++;
          total += p.lockedScore[i] ?? 0;
          continue;
        }
        const j = out.mate[i] ?? -1;
        if (j < 0) continue;
        matched++;
        for (let e = p.rowStart[i] ?? 0; e < (p.rowStart[i + 1] ?? 0); e++)
          if (p.col[e] === j) total += p.sc[e] ?? 0;
      }
      expect({ matched, total }, `case ${c}`).toEqual(expected);
    }
  });
});

describe("solveAssignment: against a second exact algorithm", () => {
  it("agrees with successive shortest paths on medium instances (2,000 x 400 and others)", () => {
    for (const [seed, m, n, density] of [
      [1, 2000, 400, 0.02],
      [2, 2000, 400, 0.04],
      [3, 600, 300, 0.01],
      [4, 300, 600, 0.03],
    ] as const) {
      const input = mediumInstance(seed, m, n, density);
      const result = solveAssignment(input);
      const expected = sspOptimum(input);
      expect({ matched: result.matched, total: hundredths(result) }).toEqual(expected);
      expect(verifyOptimal(input, result)).toEqual([]);
      const cold = solveAssignment(input, { warmStart: false });
      expect({ matched: cold.matched, total: hundredths(cold) }).toEqual(expected);
      expect(verifyOptimal(input, cold)).toEqual([]);
    }
  });
});

describe("verifyOptimal", () => {
  // Greedy would give mentee 0 its favourite (mentor 0) and leave mentee 1 without a mentor.
  const input = makeInput(
    3,
    [1, 1, 2],
    [
      [0, 0, 10],
      [0, 1, 9],
      [1, 0, 8],
      [2, 2, 5],
      [2, 1, 6],
    ],
  );
  const solved = solveAssignment(input);
  const clone = (r: AssignmentResult): AssignmentResult => ({
    ...r,
    pairs: r.pairs.map(([i, j]) => [i, j] as [number, number]),
    unmatched: r.unmatched.map((u) => ({ ...u })),
    certificate: {
      ...r.certificate,
      menteePrice: r.certificate.menteePrice.slice(),
      mentorPrice: r.certificate.mentorPrice.slice(),
    },
  });

  it("accepts the solver's result", () => {
    expect(solved.matched).toBe(3);
    expect(solved.totalScore).toBe(22);
    expect(verifyOptimal(input, solved)).toEqual([]);
  });

  it("catches a swapped pair", () => {
    const broken = clone(solved);
    broken.pairs = [
      [0, 0],
      [1, 1],
      [2, 2],
    ];
    expect(verifyOptimal(input, broken).join("\n")).toMatch(/not an eligible pair/);
  });

  it("catches a capacity violation", () => {
    const broken = clone(solved);
    broken.pairs = [
      [0, 1],
      [1, 0],
      [2, 1],
    ];
    broken.totalScore = 23;
    expect(verifyOptimal(input, broken).join("\n")).toMatch(/capacity 1/);
  });

  it("catches a feasible but suboptimal assignment, whatever certificate comes with it", () => {
    const greedy = clone(solved);
    greedy.pairs = [
      [0, 0],
      [2, 2],
    ];
    greedy.matched = 2;
    greedy.totalScore = 15;
    greedy.unmatched = [{ mentee: 1, reason: "capacity_exhausted" }];
    expect(verifyOptimal(input, greedy)).not.toEqual([]);
    // A certificate tight on the greedy pairs is not dual feasible.
    const w = (s: number) => greedy.certificate.weightOffset + s * 100;
    greedy.certificate.menteePrice = Float64Array.from([w(10), 0, w(5)]);
    greedy.certificate.mentorPrice = Float64Array.from([0, 0, 0]);
    expect(verifyOptimal(input, greedy).join("\n")).toMatch(/violates u \+ v >= w/);
    // Tight, feasible prices with a positive price on a mentor that has room break slackness.
    greedy.certificate.menteePrice = Float64Array.from([0, 0, 0]);
    greedy.certificate.mentorPrice = Float64Array.from([w(10), w(9), w(6)]);
    expect(verifyOptimal(input, greedy).join("\n")).toMatch(/has room but price/);
  });

  it("catches a wrong total, a wrong reason and a weight offset too small to be lexicographic", () => {
    const wrongTotal = clone(solved);
    wrongTotal.totalScore = 21;
    expect(verifyOptimal(input, wrongTotal).join("\n")).toMatch(/totalScore/);
    const smallOffset = clone(solved);
    smallOffset.certificate.weightOffset = 100;
    expect(verifyOptimal(input, smallOffset).join("\n")).toMatch(/weightOffset/);
    const reasons = solveAssignment(makeInput(2, [1], [[0, 0, 1]]));
    reasons.unmatched = [{ mentee: 1, reason: "capacity_exhausted" }];
    expect(verifyOptimal(makeInput(2, [1], [[0, 0, 1]]), reasons).join("\n")).toMatch(/reason/);
  });
});

describe("solveAssignment: determinism", () => {
  const input = mediumInstance(7, 1500, 300, 0.04);
  const first = solveAssignment(input);

  it("returns identical pairs for the same input", () => {
    expect(solveAssignment(input).pairs).toEqual(first.pairs);
  });

  it("returns the same pairs when the edges come in another order (the tie rule is order-independent)", () => {
    for (const seed of [1, 2, 3]) {
      const again = solveAssignment(shuffledEdges(input, seed));
      expect(again.pairs).toEqual(first.pairs);
      expect(again.totalScore).toBe(first.totalScore);
    }
  });

  it("merges duplicated pairs, keeping the best score", () => {
    const result = solveAssignment(
      makeInput(
        1,
        [1],
        [
          [0, 0, 3],
          [0, 0, 9.5],
          [0, 0, 1],
        ],
      ),
    );
    expect(result.totalScore).toBe(9.5);
  });
});

describe("solveAssignment: unmatched mentees and their reasons", () => {
  it("says why every unmatched mentee is unmatched", () => {
    // Mentee 3 has no eligible mentor; mentors 0 and 1 have room for two of mentees 0-2;
    // mentor 2 has no capacity at all.
    const input = makeInput(
      4,
      [1, 1, 0],
      [
        [0, 0, 50],
        [1, 0, 60],
        [1, 1, 10],
        [2, 0, 70],
        [2, 2, 90],
      ],
    );
    const result = solveAssignment(input);
    expect(result.pairs).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(result.unmatched).toEqual([
      { mentee: 0, reason: "capacity_exhausted" },
      { mentee: 3, reason: "no_eligible_mentor" },
    ]);
    expect(verifyOptimal(input, result)).toEqual([]);
  });

  it("handles empty programs", () => {
    const none = solveAssignment(makeInput(0, [], []));
    expect(none.pairs).toEqual([]);
    const noMentors = solveAssignment(makeInput(2, [], []));
    expect(noMentors.unmatched.map((u) => u.reason)).toEqual(["no_eligible_mentor", "no_eligible_mentor"]);
  });
});

describe("solveAssignment: locked pairs", () => {
  const input = makeInput(
    3,
    [1, 2],
    [
      [0, 0, 90],
      [0, 1, 10],
      [1, 0, 80],
      [1, 1, 5],
      [2, 1, 70],
    ],
  );

  it("keeps locked pairs even when the optimum would not choose them, and optimises the rest", () => {
    const free = solveAssignment(input);
    expect(free.pairs).toContainEqual([0, 0]);
    const locked = solveAssignment({ ...input, locked: [[1, 0]] });
    expect(locked.pairs).toEqual([
      [0, 1],
      [1, 0],
      [2, 1],
    ]);
    expect(locked.totalScore).toBe(160);
    expect(verifyOptimal({ ...input, locked: [[1, 0]] }, locked)).toEqual([]);
  });

  it("rejects locks that are not eligible, conflict or exceed capacity", () => {
    const code = (locked: Array<[number, number]>): string => {
      try {
        solveAssignment({ ...input, locked });
        return "none";
      } catch (error) {
        return error instanceof AssignmentInputError ? error.code : "other";
      }
    };
    expect(code([[2, 0]])).toBe("lock_not_eligible");
    expect(
      code([
        [0, 0],
        [0, 1],
      ]),
    ).toBe("lock_conflict");
    expect(
      code([
        [0, 0],
        [1, 0],
      ]),
    ).toBe("lock_over_capacity");
    expect(code([[5, 0]])).toBe("invalid_input");
  });

  it("rejects malformed input", () => {
    expect(() => solveAssignment(makeInput(1, [1], [[0, 0, Number.NaN]]))).toThrow(AssignmentInputError);
    expect(() => solveAssignment(makeInput(1, [1], [[0, 0, -1]]))).toThrow(AssignmentInputError);
    expect(() => solveAssignment(makeInput(1, [1.5], [[0, 0, 1]]))).toThrow(AssignmentInputError);
    expect(() => solveAssignment(makeInput(1, [1], [[1, 0, 1]]))).toThrow(AssignmentInputError);
  });
});
