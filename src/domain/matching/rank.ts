// Ranks mentors for one mentee (/mentor find): every eligible mentor scored, the best kept.
import { mentoringKindLabels } from "../profile.ts";
import type { MentorIndex } from "./candidates.ts";
import type { MatchPerson } from "./person.ts";
import { type MatchRules, type PairContext, scorePair } from "./score.ts";

export interface RankedMentor {
  mentor: MatchPerson;
  score: number;
  reasons: string[];
}

export interface RankOptions {
  limit: number;
  /** Only mentors with an expertise tag or a kind of mentoring containing these words. */
  query?: string;
  context?: (mentor: MatchPerson) => PairContext;
  /** An index over `mentors`, to score only the ones that can be eligible. */
  index?: MentorIndex;
}

/**
 * The `limit` best mentors with spare capacity, by score (ties: more capacity first, then id, so
 * the order is stable). Scores without reasons first; reasons only for the ones returned.
 */
export function rankMentors(
  mentee: MatchPerson,
  mentors: readonly MatchPerson[],
  rules: MatchRules,
  options: RankOptions,
): RankedMentor[] {
  const query = options.query?.trim().toLowerCase();
  const top: Array<{ mentor: MatchPerson; score: number }> = [];
  const pool = options.index ? options.index.candidates(mentee).map((j) => mentors[j]) : mentors;
  for (const mentor of pool) {
    if (!mentor || mentor.capacity <= 0) continue;
    if (query && !offers(mentor, query)) continue;
    const verdict = scorePair(mentee, mentor, rules, options.context?.(mentor) ?? {}, false);
    if (!verdict.eligible) continue;
    if (top.length === options.limit && !better(verdict.score, mentor, top[top.length - 1])) continue;
    insertSorted(top, { mentor, score: verdict.score }, options.limit);
  }
  return top.map(({ mentor }) => {
    const verdict = scorePair(mentee, mentor, rules, options.context?.(mentor) ?? {}, true);
    return verdict.eligible
      ? { mentor, score: verdict.score, reasons: verdict.reasons }
      : { mentor, score: 0, reasons: [] };
  });
}

function better(
  score: number,
  mentor: MatchPerson,
  than: { mentor: MatchPerson; score: number } | undefined,
): boolean {
  if (!than) return true;
  if (score !== than.score) return score > than.score;
  if (mentor.capacity !== than.mentor.capacity) return mentor.capacity > than.mentor.capacity;
  return mentor.id < than.mentor.id;
}

function insertSorted(
  list: Array<{ mentor: MatchPerson; score: number }>,
  item: { mentor: MatchPerson; score: number },
  limit: number,
) {
  let i = list.length;
  while (i > 0 && better(item.score, item.mentor, list[i - 1])) i--;
  list.splice(i, 0, item);
  if (list.length > limit) list.pop();
}

function offers(mentor: MatchPerson, query: string): boolean {
  for (const tag of mentor.expertiseSet) if (tag.includes(query)) return true;
  for (const kind of mentor.kindSet) if (mentoringKindLabels[kind].toLowerCase().includes(query)) return true;
  return false;
}
