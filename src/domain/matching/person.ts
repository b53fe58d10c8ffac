// A person as matching sees them: profile facts reduced to what scoring needs, precomputed once
// (lower-cased tag sets, the working-hours window in UTC), so scoring a pair is cheap.
import { DateTime } from "luxon";
import { type CareerStage, careerStages, type MeetingMode, type MentoringKind } from "../profile.ts";
import { EMPTY_VECTOR, type SparseVector, TextModel } from "./similarity.ts";

export interface MatchPersonInput {
  id: string;
  slackUserId: string;
  careerStage: CareerStage | null;
  department: string | null;
  managerSlackId: string | null;
  /** Areas a mentee wants help with. */
  needs: readonly string[];
  /** Areas a mentor can help with. */
  expertise: readonly string[];
  /** Kinds a mentor offers, or a mentee is looking for. */
  kinds: readonly MentoringKind[];
  tz: string;
  workdayStartMinute: number;
  workdayEndMinute: number;
  languages: readonly string[];
  meetingMode: MeetingMode;
  /** For mentors: how many more mentees they can take now. */
  capacity: number;
  /** A mentee's goals in their own words (part of what they NEED, for text similarity). */
  goalsText?: string | null;
  /** Slack job title (part of what a mentor OFFERS, for text similarity). */
  title?: string | null;
}

export interface MatchPerson extends MatchPersonInput {
  stageIndex: number | null;
  needSet: ReadonlySet<string>;
  /** The needs again as a list, each with its words (for partial matches), for fast scoring. */
  needList: readonly string[];
  needWords: ReadonlyArray<readonly string[]>;
  kindList: readonly MentoringKind[];
  languageList: readonly string[];
  expertiseSet: ReadonlySet<string>;
  /** Words of the expertise tags, for partial matches ("research" ~ "research methods"). */
  expertiseWords: ReadonlySet<string>;
  languageSet: ReadonlySet<string>;
  kindSet: ReadonlySet<MentoringKind>;
  departmentKey: string | null;
  /** Working window as [start, end) minutes after 00:00 UTC, possibly wrapping past 1440. */
  utcStart: number;
  utcLength: number;
  /**
   * Text similarity (see similarity.ts), set for a whole pool by attachTextVectors: TF-IDF of what
   * this person NEEDS as a mentee and OFFERS as a mentor; the readable word of each term id.
   */
  needsVector: SparseVector;
  offersVector: SparseVector;
  vocabulary: readonly string[];
  /** Cached AI embeddings of the same texts (unit length), when this person opted in; else null. */
  needsEmbedding: Float32Array | null;
  offersEmbedding: Float32Array | null;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
const STOP_WORDS = new Set(["and", "or", "of", "the", "a", "an", "in", "for", "to", "with", "&"]);
const words = (tags: Iterable<string>) => {
  const out = new Set<string>();
  for (const tag of tags)
    for (const w of tag.split(/[^a-z0-9+#]+/)) if (w.length > 2 && !STOP_WORDS.has(w)) out.add(w);
  return out;
};

/**
 * The UTC offset of `tz` at `at`, in minutes (0 for an unknown zone). A pool prepares thousands of
 * people at one instant in a handful of zones: each zone is asked of the time-zone database once.
 */
const offsets = new Map<string, number>();
function offsetAt(tz: string, at: Date): number {
  const key = `${tz}@${at.getTime()}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const zone = DateTime.fromJSDate(at, { zone: tz });
    offset = zone.isValid ? zone.offset : 0;
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Offsets are taken at `at`, so daylight-saving time is as it is when the round runs. */
export function preparePerson(input: MatchPersonInput, at: Date): MatchPerson {
  const offset = offsetAt(input.tz, at);
  const length = Math.max(0, Math.min(1440, input.workdayEndMinute - input.workdayStartMinute));
  const expertiseSet = new Set(input.expertise.map(norm));
  const needSet = new Set(input.needs.map(norm));
  const needList = [...needSet];
  const languageSet = new Set(input.languages.map(norm));
  const kindSet = new Set(input.kinds);
  // Every field listed explicitly, in one order: all people share one object shape, which keeps
  // the scorer's property reads fast (spreading inputs of varied shapes made scoring ~10x slower).
  return {
    id: input.id,
    slackUserId: input.slackUserId,
    careerStage: input.careerStage,
    department: input.department,
    managerSlackId: input.managerSlackId,
    needs: input.needs,
    expertise: input.expertise,
    kinds: input.kinds,
    tz: input.tz,
    workdayStartMinute: input.workdayStartMinute,
    workdayEndMinute: input.workdayEndMinute,
    languages: input.languages,
    meetingMode: input.meetingMode,
    capacity: input.capacity,
    goalsText: input.goalsText ?? null,
    title: input.title ?? null,
    stageIndex: input.careerStage ? careerStages.indexOf(input.careerStage) : null,
    needSet,
    needList,
    needWords: needList.map((need) => [...words([need])]),
    kindList: [...kindSet],
    languageList: [...languageSet],
    expertiseSet,
    expertiseWords: words(expertiseSet),
    languageSet,
    kindSet,
    departmentKey: input.department ? norm(input.department) : null,
    utcStart: (((input.workdayStartMinute - offset) % 1440) + 1440) % 1440,
    utcLength: length,
    needsVector: EMPTY_VECTOR,
    offersVector: EMPTY_VECTOR,
    vocabulary: NO_WORDS,
    needsEmbedding: null,
    offersEmbedding: null,
  };
}

const NO_WORDS: readonly string[] = [];

/** What a mentee NEEDS, as text: their areas and their goals. */
export function needsTextOf(input: Pick<MatchPersonInput, "needs" | "goalsText">): string {
  return [input.needs.join(", "), input.goalsText ?? ""].filter(Boolean).join(". ");
}

/** What a mentor OFFERS, as text: their expertise and job title (departments have their own rule). */
export function offersTextOf(input: Pick<MatchPersonInput, "expertise" | "title">): string {
  return [input.expertise.join(", "), input.title ?? ""].filter(Boolean).join(". ");
}

/**
 * Gives every mentee a NEEDS vector and every mentor an OFFERS vector, with IDF over this pool
 * (all of their texts together). Call once per pool, before scoring.
 */
export function attachTextVectors(mentees: readonly MatchPerson[], mentors: readonly MatchPerson[]): void {
  const model = new TextModel();
  const needDocs = mentees.map((p) => model.add(needsTextOf(p)));
  const offerDocs = mentors.map((p) => model.add(offersTextOf(p)));
  model.finish();
  mentees.forEach((p, i) => {
    p.needsVector = model.vectorOf(needDocs[i] ?? -1);
    p.vocabulary = model.words;
  });
  mentors.forEach((p, j) => {
    p.offersVector = model.vectorOf(offerDocs[j] ?? -1);
    p.vocabulary = model.words;
  });
}

/** Minutes both working windows share in a day (windows are circular over 24 h). */
export function overlapMinutes(a: MatchPerson, b: MatchPerson): number {
  let total = 0;
  // Compare a's window with b's window shifted by -1, 0 and +1 day.
  for (const shift of [-1440, 0, 1440]) {
    const start = Math.max(a.utcStart, b.utcStart + shift);
    const end = Math.min(a.utcStart + a.utcLength, b.utcStart + shift + b.utcLength);
    if (end > start) total += end - start;
  }
  return Math.min(total, Math.min(a.utcLength, b.utcLength));
}
