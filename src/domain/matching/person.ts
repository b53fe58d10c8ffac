// A person as matching sees them: profile facts reduced to what scoring needs, precomputed once
// (lower-cased tag sets, the working-hours window in UTC), so scoring a pair is cheap.
import { DateTime } from "luxon";
import { type CareerStage, careerStages, type MeetingMode, type MentoringKind } from "../profile.ts";

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
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
const STOP_WORDS = new Set(["and", "or", "of", "the", "a", "an", "in", "for", "to", "with", "&"]);
const words = (tags: Iterable<string>) => {
  const out = new Set<string>();
  for (const tag of tags)
    for (const w of tag.split(/[^a-z0-9+#]+/)) if (w.length > 2 && !STOP_WORDS.has(w)) out.add(w);
  return out;
};

/** Offsets are taken at `at`, so daylight-saving time is as it is when the round runs. */
export function preparePerson(input: MatchPersonInput, at: Date): MatchPerson {
  const zone = DateTime.fromJSDate(at, { zone: input.tz });
  const offset = zone.isValid ? zone.offset : 0;
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
  };
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
