// Turns a program's pool into the solver's input: every eligible mentee-mentor pair with its
// score (not a shortlist), the mentors' free places, and for each mentee a tally of why mentors
// were ruled out, so "no eligible mentor" can say why.
import type { AssignmentInput } from "./assignment.ts";
import { MentorIndex } from "./candidates.ts";
import type { MatchPerson } from "./person.ts";
import { type MatchRules, type PairContext, scorePair } from "./score.ts";

export interface RoundInstance {
  mentees: MatchPerson[];
  mentors: MatchPerson[];
  input: AssignmentInput;
  /** For each mentee (by index), how many mentors each hard rule ruled out. */
  ruledOut: Array<Map<string, number>>;
}

export function buildInstance(
  mentees: MatchPerson[],
  mentors: MatchPerson[],
  rules: MatchRules,
  context: (mentee: MatchPerson, mentor: MatchPerson) => PairContext,
  locked: Array<[menteeId: string, mentorId: string]> = [],
): RoundInstance {
  const edges = new EdgeBuffer(Math.max(1024, mentees.length * 8));
  const eligibleLocks = new Set<string>();
  const ruledOut: Array<Map<string, number>> = mentees.map(() => new Map());
  const lockedKeys = new Set(locked.map(([a, b]) => `${a}:${b}`));
  const index = new MentorIndex(mentors);
  const lockedMentor = new Map(locked.map(([a, b]) => [a, b]));
  mentees.forEach((mentee, i) => {
    const candidates = index.candidates(mentee);
    // Mentors outside the index's candidates offer nothing the mentee asked for (a hard rule).
    const irrelevant = mentors.length - candidates.length;
    if (irrelevant > 0) bump(ruledOut[i], "offers none of the areas asked for", irrelevant);
    const lockedTo = lockedMentor.get(mentee.id);
    const lockedJ = lockedTo === undefined ? -1 : mentors.findIndex((m) => m.id === lockedTo);
    if (lockedJ >= 0 && !candidates.includes(lockedJ)) candidates.push(lockedJ);
    for (const j of candidates) {
      const mentor = mentors[j];
      if (!mentor) continue;
      const isLocked = lockedKeys.has(`${mentee.id}:${mentor.id}`);
      if (mentor.capacity <= 0 && !isLocked) {
        bump(ruledOut[i], "no free places");
        continue;
      }
      const verdict = scorePair(mentee, mentor, rules, isLocked ? {} : context(mentee, mentor), false);
      if (verdict.eligible) {
        edges.push(i, j, verdict.score);
        if (isLocked) eligibleLocks.add(`${i}:${j}`);
      } else {
        bump(ruledOut[i], verdict.reason);
      }
    }
  });
  const menteeIndex = new Map(mentees.map((m, i) => [m.id, i]));
  const mentorIndex = new Map(mentors.map((m, j) => [m.id, j]));
  const lockedPairs: Array<[number, number]> = [];
  for (const [menteeId, mentorId] of locked) {
    const i = menteeIndex.get(menteeId);
    const j = mentorIndex.get(mentorId);
    // A lock whose pair is no longer allowed (a profile changed since) is dropped, not fatal.
    if (i !== undefined && j !== undefined && eligibleLocks.has(`${i}:${j}`)) lockedPairs.push([i, j]);
  }
  return {
    mentees,
    mentors,
    ruledOut,
    input: {
      menteeCount: mentees.length,
      // A locked pair keeps its place even if the mentor now looks full.
      mentorCapacity: Int32Array.from(mentors, (m, j) =>
        Math.max(m.capacity, lockedPairs.filter(([, lj]) => lj === j).length),
      ),
      ...edges.finish(),
      locked: lockedPairs,
    },
  };
}

/** Edges in typed arrays that double as they fill: 16 bytes an edge, even at tens of millions. */
class EdgeBuffer {
  private mentee: Int32Array;
  private mentor: Int32Array;
  private score: Float64Array;
  private length = 0;

  constructor(capacity: number) {
    this.mentee = new Int32Array(capacity);
    this.mentor = new Int32Array(capacity);
    this.score = new Float64Array(capacity);
  }

  push(i: number, j: number, score: number): void {
    if (this.length === this.mentee.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.mentee = grow(this.mentee, (n) => new Int32Array(n));
      this.mentor = grow(this.mentor, (n) => new Int32Array(n));
      this.score = grow(this.score, (n) => new Float64Array(n));
    }
    this.mentee[this.length] = i;
    this.mentor[this.length] = j;
    this.score[this.length] = score;
    this.length++;
  }

  /** Copies trimmed to size, so the doubling slack is freed. */
  finish(): { edgeMentee: Int32Array; edgeMentor: Int32Array; edgeScore: Float64Array } {
    return {
      edgeMentee: this.mentee.slice(0, this.length),
      edgeMentor: this.mentor.slice(0, this.length),
      edgeScore: this.score.slice(0, this.length),
    };
  }
}

function bump(map: Map<string, number> | undefined, reason: string, count = 1): void {
  if (map) map.set(reason, (map.get(reason) ?? 0) + count);
}

/** "no eligible mentor: 12 same department…, 3 only 1 h of shared working hours" (largest first). */
export function describeNoEligibleMentor(
  ruledOut: Map<string, number> | undefined,
  mentorCount: number,
): string {
  if (mentorCount === 0) return "no mentors in the program yet";
  const parts = [...(ruledOut ?? new Map<string, number>()).entries()]
    .map(
      ([reason, n]) =>
        [reason.replace(/^only \d+ h of shared working hours$/, "too few shared working hours"), n] as const,
    )
    .reduce((acc, [reason, n]) => acc.set(reason, (acc.get(reason) ?? 0) + n), new Map<string, number>());
  const sorted = [...parts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return `no eligible mentor (${sorted.map(([reason, n]) => `${n} ${reason}`).join("; ")})`;
}
