// The score of a mentee-mentor pair, 0 to 100, with its reasons in plain words, or the hard
// constraint that rules the pair out. Pure and cheap: /mentor find scores thousands per request.
import { careerStageLabels, meetingModeLabels } from "../profile.ts";
import { type MatchPerson, overlapMinutes } from "./person.ts";

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
}

export const defaultWeights: ScoreWeights = {
  topics: 40,
  stage: 20,
  kinds: 15,
  overlap: 10,
  language: 5,
  meeting: 5,
  department: 5,
};

export type PairVerdict =
  | { eligible: true; score: number; reasons: string[] }
  | { eligible: false; reason: string };

/** Facts about a pair that live outside the two profiles (their history together). */
export interface PairContext {
  /** Why their history rules the pair out, e.g. "paired before, within the program's cooldown". */
  blockedBecause?: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function listPhrase(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Hard constraints first (cheapest checks first), then the weighted score with reasons. */
export function scorePair(
  mentee: MatchPerson,
  mentor: MatchPerson,
  rules: MatchRules,
  context: PairContext = {},
  explain = true,
): PairVerdict {
  const ruledOut = hardConstraint(mentee, mentor, rules, context);
  if (ruledOut) return { eligible: false, reason: ruledOut };
  const overlap = overlapMinutes(mentee, mentor);
  if (overlap < rules.minOverlapHours * 60) {
    return { eligible: false, reason: `only ${Math.floor(overlap / 60)} h of shared working hours` };
  }
  const w = { ...defaultWeights, ...rules.weights };
  const totalWeight = w.topics + w.stage + w.kinds + w.overlap + w.language + w.meeting + w.department || 1;
  const reasons: string[] = [];

  // Topics: exact tag matches count fully, a shared word in a tag counts half.
  const shared: string[] = [];
  let partial = 0;
  for (const need of mentee.needSet) {
    if (mentor.expertiseSet.has(need)) shared.push(need);
    else if (need.split(/[^a-z0-9+#]+/).some((word) => word.length > 2 && mentor.expertiseWords.has(word)))
      partial++;
  }
  const needCount = mentee.needSet.size;
  const topics = needCount === 0 ? 0 : Math.min(1, (shared.length + 0.5 * partial) / needCount);
  if (explain && shared.length) reasons.push(`both in ${listPhrase(shared.slice(0, 3))}`);
  else if (explain && partial) reasons.push("related expertise");

  // Career stage: a mentor one or two stages ahead is best.
  let stage = 0.5;
  if (mentee.stageIndex !== null && mentor.stageIndex !== null) {
    const gap = mentor.stageIndex - mentee.stageIndex;
    stage = gap === 1 || gap === 2 ? 1 : gap === 3 ? 0.7 : gap >= 4 ? 0.5 : gap === 0 ? 0.3 : 0;
    if (explain) {
      if (gap > 0) reasons.push(`${gap} stage${gap === 1 ? "" : "s"} apart`);
      else if (gap === 0)
        reasons.push(`both ${careerStageLabels[mentor.careerStage ?? "SENIOR"].toLowerCase()}`);
    }
  }

  // Kinds of mentoring the mentee looks for and the mentor offers.
  let kinds = 0.5;
  if (mentee.kindSet.size > 0) {
    const common = [...mentee.kindSet].filter((k) => mentor.kindSet.has(k));
    kinds = common.length / mentee.kindSet.size;
    if (explain && common.length)
      reasons.push(`${common.map((k) => k.toLowerCase()).join(" and ")} mentoring`);
  }

  const overlapScore = Math.min(1, overlap / 360);
  if (explain) reasons.push(`${Math.floor(overlap / 60)} h working overlap`);

  let language = 0.5;
  if (mentee.languageSet.size && mentor.languageSet.size) {
    const common = [...mentee.languageSet].filter((l) => mentor.languageSet.has(l));
    language = 1;
    if (explain && common.some((l) => l !== "english"))
      reasons.push(`both speak ${listPhrase(common.filter((l) => l !== "english").map(capitalise))}`);
  }

  const sameMode =
    mentee.meetingMode === "ANY" || mentor.meetingMode === "ANY" || mentee.meetingMode === mentor.meetingMode;
  const meeting = sameMode ? 1 : 0.3;
  if (explain && sameMode && mentee.meetingMode !== "ANY" && mentee.meetingMode === mentor.meetingMode) {
    reasons.push(`both prefer ${meetingModeLabels[mentee.meetingMode].toLowerCase()}`);
  }

  let department = 0.5;
  if (rules.departmentRule !== "IGNORE" && mentee.departmentKey && mentor.departmentKey) {
    department = mentee.departmentKey === mentor.departmentKey ? 0 : 1;
    if (explain && department === 1) reasons.push("different departments");
  }

  const raw =
    w.topics * topics +
    w.stage * stage +
    w.kinds * kinds +
    w.overlap * overlapScore +
    w.language * language +
    w.meeting * meeting +
    w.department * department;
  return { eligible: true, score: round2((100 * raw) / totalWeight), reasons };
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
  if (mentee.languageSet.size && mentor.languageSet.size) {
    let common = false;
    for (const l of mentee.languageSet) if (mentor.languageSet.has(l)) common = true;
    if (!common) return "no language in common";
  }
  return undefined;
}

const capitalise = (s: string) => s.replace(/(^|\s)\S/g, (c) => c.toUpperCase());
