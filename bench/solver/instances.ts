// Seeded synthetic matching instances for the solver benchmark: program-like people (regions /
// time zones, departments, career stages, expertise topics with skewed popularity, popular
// mentors), eligibility decided per region with a mentee-specific density, scores correlated
// through mentor quality and shared topics, rounded so that ties are common.
import type { AssignmentInput } from "../../src/domain/matching/assignment.ts";

export interface InstanceSpec {
  name: string;
  seed: number;
  mentees: number;
  mentors: number;
  /** Capacities drawn uniformly from [capacityMin, capacityMax]. */
  capacityMin: number;
  capacityMax: number;
  /** Each mentee is eligible for a share of mentors drawn uniformly from [densityMin, densityMax]. */
  densityMin: number;
  densityMax: number;
}

export const SPECS: InstanceSpec[] = [
  {
    name: "program-1k",
    seed: 11,
    mentees: 850,
    mentors: 150,
    capacityMin: 1,
    capacityMax: 5,
    densityMin: 0.05,
    densityMax: 0.25,
  },
  {
    name: "tight-10k-x-2k",
    seed: 12,
    mentees: 10_000,
    mentors: 2_000,
    capacityMin: 5,
    capacityMax: 5,
    densityMin: 0.05,
    densityMax: 0.25,
  },
  {
    name: "program-10k",
    seed: 13,
    mentees: 8_500,
    mentors: 1_500,
    capacityMin: 1,
    capacityMax: 5,
    densityMin: 0.05,
    densityMax: 0.25,
  },
  {
    // At 5-25 % eligibility a 100k program has ~190 M eligible pairs (3 GB of input arrays alone);
    // hard constraints (language, working-hour overlap, department rules) cut it to ~1-2.5 %.
    name: "program-100k",
    seed: 14,
    mentees: 85_000,
    mentors: 15_000,
    capacityMin: 1,
    capacityMax: 5,
    densityMin: 0.005,
    densityMax: 0.025,
  },
];

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = 8;
const TOPICS = 48;

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A few topics with Zipf-like popularity, as a 48-bit set in two words. */
function topics(r: () => number, count: number): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < count; k++) {
    const t = Math.min(TOPICS - 1, Math.floor(TOPICS * r() ** 2.2));
    if (t < 32) lo |= 1 << t;
    else hi |= 1 << (t - 32);
  }
  return [lo >>> 0, hi >>> 0];
}

class Growable {
  mentee = new Int32Array(1 << 16);
  mentor = new Int32Array(1 << 16);
  score = new Float64Array(1 << 16);
  size = 0;
  push(i: number, j: number, s: number): void {
    if (this.size === this.mentee.length) {
      const grow = this.size * 2;
      const a = new Int32Array(grow);
      a.set(this.mentee);
      this.mentee = a;
      const b = new Int32Array(grow);
      b.set(this.mentor);
      this.mentor = b;
      const c = new Float64Array(grow);
      c.set(this.score);
      this.score = c;
    }
    this.mentee[this.size] = i;
    this.mentor[this.size] = j;
    this.score[this.size] = s;
    this.size++;
  }
}

export function generate(spec: InstanceSpec): AssignmentInput {
  const r = rng(spec.seed);
  const n = spec.mentors;
  const m = spec.mentees;
  const capacity = new Int32Array(n);
  const mentorRegion = new Int32Array(n);
  const mentorStage = new Int32Array(n);
  const mentorDept = new Int32Array(n);
  const mentorTopicLo = new Uint32Array(n);
  const mentorTopicHi = new Uint32Array(n);
  const quality = new Float64Array(n);
  const byRegion: number[][] = Array.from({ length: REGIONS }, () => []);
  for (let j = 0; j < n; j++) {
    capacity[j] = spec.capacityMin + Math.floor(r() * (spec.capacityMax - spec.capacityMin + 1));
    const region = Math.floor(REGIONS * r() ** 1.5);
    mentorRegion[j] = region;
    mentorStage[j] = 2 + Math.floor(r() * 5);
    mentorDept[j] = Math.floor(r() * 15);
    const [lo, hi] = topics(r, 3 + Math.floor(r() * 4));
    mentorTopicLo[j] = lo;
    mentorTopicHi[j] = hi;
    quality[j] = r() ** 0.7;
    byRegion[region]?.push(j);
  }
  const regionFactor = [1.8, 1.1, 0.5, 0.15, 0.05, 0.05, 0.05, 0.05];
  const edges = new Growable();
  for (let i = 0; i < m; i++) {
    const region = Math.floor(REGIONS * r() ** 1.5);
    const stage = 1 + Math.floor(r() * 5);
    const dept = Math.floor(r() * 15);
    const [lo, hi] = topics(r, 2 + Math.floor(r() * 4));
    const density = spec.densityMin + (spec.densityMax - spec.densityMin) * r();
    for (let g = 0; g < REGIONS; g++) {
      const list = byRegion[g] ?? [];
      const distance = Math.min(Math.abs(g - region), REGIONS - Math.abs(g - region));
      const p = Math.min(1, density * (regionFactor[distance] ?? 0.05));
      if (p <= 0 || list.length === 0) continue;
      const logq = Math.log(1 - p);
      // Geometric skipping: visit only the eligible mentors of this region.
      let k = p >= 1 ? 0 : Math.floor(Math.log(1 - r()) / logq);
      while (k < list.length) {
        const j = list[k] ?? 0;
        k += p >= 1 ? 1 : 1 + Math.floor(Math.log(1 - r()) / logq);
        if ((mentorDept[j] ?? 0) === dept && r() < 0.5) continue; // same reporting line
        const shared = popcount(lo & (mentorTopicLo[j] ?? 0)) + popcount(hi & (mentorTopicHi[j] ?? 0));
        const gap = (mentorStage[j] ?? 0) - stage;
        const stageScore = gap === 1 || gap === 2 ? 1 : gap === 3 ? 0.6 : gap === 0 ? 0.3 : 0.1;
        const tz = distance === 0 ? 1 : distance === 1 ? 0.7 : distance === 2 ? 0.3 : 0;
        const raw =
          35 * Math.min(1, shared / 3) + 20 * stageScore + 15 * tz + 25 * (quality[j] ?? 0) + 5 * r();
        const roll = r();
        const s =
          roll < 0.6 ? Math.round(raw) : roll < 0.9 ? Math.round(raw * 2) / 2 : Math.round(raw * 100) / 100;
        edges.push(i, j, Math.min(100, s));
      }
    }
  }
  return {
    menteeCount: m,
    mentorCapacity: capacity,
    edgeMentee: edges.mentee.slice(0, edges.size),
    edgeMentor: edges.mentor.slice(0, edges.size),
    edgeScore: edges.score.slice(0, edges.size),
  };
}
