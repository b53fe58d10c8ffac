// The score of a mentee-mentor pair, 0 to 100, with its reasons in plain words, or the hard
// constraint that rules the pair out. Pure and cheap (no allocation unless reasons are asked
// for): a round scores millions of pairs, /mentor find thousands per request.
import { careerStageLabels, meetingModeLabels } from "../profile.ts";
import { type MatchPerson, overlapMinutes } from "./person.ts";
import {
  calibrateEmbedding,
  calibrateTfIdf,
  denseCosine,
  sharedTerms,
  sparseCosine,
  stem,
  tokenize,
} from "./similarity.ts";

export interface MatchRules {
  departmentRule: "IGNORE" | "PREFERRED" | "REQUIRED";
  avoidSameReportingLine: boolean;
  minOverlapHours: number;
  weights?: Partial<ScoreWeights>;
}

/** How much each part of the score counts; they are normalised to sum to 100. */
export interface ScoreWeights {
  topics: number;
  stage: number;
  kinds: number;
  overlap: number;
  language: number;
  meeting: number;
  department: number;
  /**
   * How close the mentee's words (areas and goals) are to the mentor's (expertise and title):
   * AI embeddings when both people have one cached, else local TF-IDF (similarity.ts).
   */
  similarity: number;
}

/**
 * Similarity gets 10 (of 110 before scaling): enough to order mentors who tie on tags, never
 * enough to beat a better tag match (topics, 40) on its own, since profile wording is noisy.
 */
export const defaultWeights: ScoreWeights = {
  topics: 40,
  stage: 20,
  kinds: 15,
  overlap: 10,
  language: 5,
  meeting: 5,
  department: 5,
  similarity: 10,
};

/** Calibrated similarity (0..1) from which it is named among a pair's reasons. */
export const NOTABLE_SIMILARITY = 0.4;

export type PairVerdict =
  | { eligible: true; score: number; reasons: string[] }
  | { eligible: false; reason: string };

/** Facts about a pair that live outside the two profiles (their history together). */
export interface PairContext {
  /** Why their history rules the pair out, e.g. "paired before, within the program's cooldown". */
  blockedBecause?: string;
}

const NO_CONTEXT: PairContext = {};
const normalised = new WeakMap<MatchRules, ScoreWeights>();

/** The weights scaled to sum to 100, computed once per rules object. */
function weightsOf(rules: MatchRules): ScoreWeights {
  let w = normalised.get(rules);
  if (!w) {
    const raw = { ...defaultWeights, ...rules.weights };
    const total =
      raw.topics +
        raw.stage +
        raw.kinds +
        raw.overlap +
        raw.language +
        raw.meeting +
        raw.department +
        raw.similarity || 1;
    const k = 100 / total;
    w = {
      topics: raw.topics * k,
      stage: raw.stage * k,
      kinds: raw.kinds * k,
      overlap: raw.overlap * k,
      language: raw.language * k,
      meeting: raw.meeting * k,
      department: raw.department * k,
      similarity: raw.similarity * k,
    };
    normalised.set(rules, w);
  }
  return w;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function listPhrase(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** 1 for an exact tag match, 0.5 when a word of the need appears in the mentor's tags, else 0. */
function needMatch(mentor: MatchPerson, need: string, needWords: readonly string[]): number {
  if (mentor.expertiseSet.has(need)) return 1;
  for (const word of needWords) if (mentor.expertiseWords.has(word)) return 0.5;
  return 0;
}

/** Hard constraints first (cheapest checks first), then the weighted score with reasons. */
export function scorePair(
  mentee: MatchPerson,
  mentor: MatchPerson,
  rules: MatchRules,
  context: PairContext = NO_CONTEXT,
  explain = true,
): PairVerdict {
  const ruledOut = hardConstraint(mentee, mentor, rules, context);
  if (ruledOut) return { eligible: false, reason: ruledOut };

  // Topics: exact tag matches count fully, a shared word in a tag counts half. A mentor who offers
  // none of the areas the mentee asked for is not a match (mentees always name at least one).
  let exact = 0;
  let partial = 0;
  const needs = mentee.needList;
  for (let k = 0; k < needs.length; k++) {
    const m = needMatch(mentor, needs[k] ?? "", mentee.needWords[k] ?? []);
    if (m === 1) exact++;
    else if (m > 0) partial++;
  }
  if (needs.length > 0 && exact === 0 && partial === 0)
    return { eligible: false, reason: "offers none of the areas asked for" };

  const overlap = overlapMinutes(mentee, mentor);
  if (overlap < rules.minOverlapHours * 60) {
    return { eligible: false, reason: `only ${Math.floor(overlap / 60)} h of shared working hours` };
  }
  const w = weightsOf(rules);
  const topics = needs.length === 0 ? 0 : Math.min(1, (exact + 0.5 * partial) / needs.length);

  // Career stage: a mentor one or two stages ahead is best.
  let stage = 0.5;
  let gap = 0;
  if (mentee.stageIndex !== null && mentor.stageIndex !== null) {
    gap = mentor.stageIndex - mentee.stageIndex;
    stage = gap === 1 || gap === 2 ? 1 : gap === 3 ? 0.7 : gap >= 4 ? 0.5 : gap === 0 ? 0.3 : 0;
  }

  // Kinds of mentoring the mentee looks for and the mentor offers.
  let kinds = 0.5;
  let kindsShared = 0;
  if (mentee.kindList.length > 0) {
    for (const k of mentee.kindList) if (mentor.kindSet.has(k)) kindsShared++;
    kinds = kindsShared / mentee.kindList.length;
  }

  const overlapScore = Math.min(1, overlap / 360);
  const language = mentee.languageList.length && mentor.languageList.length ? 1 : 0.5;
  const sameMode =
    mentee.meetingMode === "ANY" || mentor.meetingMode === "ANY" || mentee.meetingMode === mentor.meetingMode;
  const meeting = sameMode ? 1 : 0.3;
  let department = 0.5;
  if (rules.departmentRule !== "IGNORE" && mentee.departmentKey && mentor.departmentKey) {
    department = mentee.departmentKey === mentor.departmentKey ? 0 : 1;
  }

  // Words: embeddings when both have one (same model, same length), else TF-IDF.
  let similarity = 0;
  let byEmbedding = false;
  if (w.similarity > 0) {
    const a = mentee.needsEmbedding;
    const b = mentor.offersEmbedding;
    if (a !== null && b !== null && a.length === b.length) {
      similarity = calibrateEmbedding(denseCosine(a, b));
      byEmbedding = true;
    } else {
      similarity = calibrateTfIdf(sparseCosine(mentee.needsVector, mentor.offersVector));
    }
  }

  const score = round2(
    w.topics * topics +
      w.stage * stage +
      w.kinds * kinds +
      w.overlap * overlapScore +
      w.language * language +
      w.meeting * meeting +
      w.department * department +
      w.similarity * similarity,
  );
  if (!explain) return { eligible: true, score, reasons: [] };

  const reasons: string[] = [];
  const shared = needs.filter((need) => mentor.expertiseSet.has(need));
  if (shared.length) reasons.push(`both in ${listPhrase(shared.slice(0, 3))}`);
  else if (partial) reasons.push("related expertise");
  if (similarity >= NOTABLE_SIMILARITY) {
    const why = byEmbedding ? "" : wordsInCommon(mentee, mentor, shared);
    if (byEmbedding) reasons.push("similar goals and expertise");
    else if (why) reasons.push(`similar goals and expertise (${why})`);
  }
  if (mentee.stageIndex !== null && mentor.stageIndex !== null) {
    if (gap > 0) reasons.push(`${gap} stage${gap === 1 ? "" : "s"} apart`);
    else if (gap === 0)
      reasons.push(`both ${careerStageLabels[mentor.careerStage ?? "SENIOR"].toLowerCase()}`);
  }
  if (kindsShared) {
    const common = mentee.kindList.filter((k) => mentor.kindSet.has(k));
    reasons.push(`${common.map((k) => k.toLowerCase()).join(" and ")} mentoring`);
  }
  reasons.push(`${Math.floor(overlap / 60)} h working overlap`);
  if (language === 1) {
    const common = mentee.languageList.filter((l) => mentor.languageSet.has(l) && l !== "english");
    if (common.length) reasons.push(`both speak ${listPhrase(common.map(capitalise))}`);
  }
  if (sameMode && mentee.meetingMode !== "ANY" && mentee.meetingMode === mentor.meetingMode) {
    reasons.push(`both prefer ${meetingModeLabels[mentee.meetingMode].toLowerCase()}`);
  }
  if (department === 1) reasons.push("different departments");
  return { eligible: true, score, reasons };
}

function hardConstraint(
  mentee: MatchPerson,
  mentor: MatchPerson,
  rules: MatchRules,
  context: PairContext,
): string | undefined {
  if (mentee.id === mentor.id) return "the same person";
  if (context.blockedBecause) return context.blockedBecause;
  if (rules.avoidSameReportingLine) {
    if (mentee.managerSlackId === mentor.slackUserId || mentor.managerSlackId === mentee.slackUserId) {
      return "same reporting line (manager and report)";
    }
    if (mentee.managerSlackId && mentee.managerSlackId === mentor.managerSlackId)
      return "same reporting line (same manager)";
  }
  if (
    rules.departmentRule === "REQUIRED" &&
    mentee.departmentKey &&
    mentee.departmentKey === mentor.departmentKey
  ) {
    return "same department, and the program pairs across departments only";
  }
  if (mentee.languageList.length && mentor.languageList.length) {
    let common = false;
    for (const l of mentee.languageList) {
      if (mentor.languageSet.has(l)) {
        common = true;
        break;
      }
    }
    if (!common) return "no language in common";
  }
  return undefined;
}

/** Up to two salient words both texts use, other than those of tags they already share. */
function wordsInCommon(mentee: MatchPerson, mentor: MatchPerson, sharedTags: readonly string[]): string {
  const inTags = new Set(sharedTags.flatMap((tag) => tokenize(tag).map((t) => t.stem)));
  const words: string[] = [];
  for (const id of sharedTerms(mentee.needsVector, mentor.offersVector, 6)) {
    const word = mentee.vocabulary[id];
    if (word && !inTags.has(stem(word)) && words.length < 2) words.push(word);
  }
  return words.join(", ");
}

const capitalise = (s: string) => s.replace(/(^|\s)\S/g, (c) => c.toUpperCase());
