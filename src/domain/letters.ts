// Letters of recommendation, as good practice has them: ask well ahead (about 6 weeks before a
// school deadline, 2 months before a residency window), ask for a *strong* letter, give the
// writer a packet in one place, remind once 1-2 weeks before the deadline, and thank them after.
// Pure rules: what counts as a late ask, how target programs are typed, when the reminder and
// the late note fall, and the factual summary of the work together. Tandem never drafts a letter.
import { DateTime } from "luxon";

export const letterPurposes = [
  "SCHOOL",
  "RESIDENCY",
  "FELLOWSHIP",
  "JOB",
  "PROMOTION",
  "AWARD",
  "OTHER",
] as const;
export type LetterPurpose = (typeof letterPurposes)[number];

/** The purpose as the mentee picks it. */
export const purposeLabels: Record<LetterPurpose, string> = {
  SCHOOL: "School application",
  RESIDENCY: "Residency application",
  FELLOWSHIP: "Fellowship application",
  JOB: "Job application",
  PROMOTION: "Promotion",
  AWARD: "Award or scholarship",
  OTHER: "Something else",
};

/** The purpose inside a sentence: "a letter for your residency application". */
export const purposeNouns: Record<LetterPurpose, string> = {
  SCHOOL: "school application",
  RESIDENCY: "residency application",
  FELLOWSHIP: "fellowship application",
  JOB: "job application",
  PROMOTION: "promotion case",
  AWARD: "award or scholarship nomination",
  OTHER: "application",
};

/**
 * How long before the deadline a writer should be asked at the latest, and the ideal. Schools
 * (6 weeks) and residencies (2 months) come from the practice guides; the others follow the
 * closest of them (fellowships are residency-like, promotions are committee cases like schools).
 */
export const leadTimes: Record<
  LetterPurpose,
  { minimum: { weeks?: number; months?: number }; words: string; ideal: string }
> = {
  SCHOOL: { minimum: { weeks: 6 }, words: "6 weeks", ideal: "6 to 8 weeks" },
  RESIDENCY: { minimum: { months: 2 }, words: "2 months", ideal: "2 to 3 months" },
  FELLOWSHIP: { minimum: { months: 2 }, words: "2 months", ideal: "2 to 3 months" },
  JOB: { minimum: { weeks: 3 }, words: "3 weeks", ideal: "3 to 4 weeks" },
  PROMOTION: { minimum: { weeks: 6 }, words: "6 weeks", ideal: "6 to 8 weeks" },
  AWARD: { minimum: { weeks: 4 }, words: "4 weeks", ideal: "4 to 6 weeks" },
  OTHER: { minimum: { weeks: 4 }, words: "4 weeks", ideal: "4 to 6 weeks" },
};

/** A deadline can be at most this far ahead. */
export const MAX_DEADLINE_YEARS = 2;
export const MAX_TARGETS = 10;
export const TARGET_NAME_MAX = 150;

const day = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" }).startOf("day");

/** Whole days from `today` to `deadline` (both YYYY-MM-DD). */
export function daysBetween(today: string, deadline: string): number {
  return Math.round(day(deadline).diff(day(today), "days").days);
}

export interface LateAsk {
  /** Days left until the deadline. */
  daysLeft: number;
  /** "6 weeks": the least notice writers should get for this purpose. */
  minimum: string;
  /** "6 to 8 weeks". */
  ideal: string;
}

/** Whether asking today for a letter due on `deadline` is late for its purpose (null when not). */
export function lateAsk(purpose: LetterPurpose, deadline: string, today: string): LateAsk | null {
  const lead = leadTimes[purpose];
  const latestAsk = day(deadline).minus(lead.minimum);
  if (day(today) <= latestAsk) return null;
  return { daysLeft: daysBetween(today, deadline), minimum: lead.words, ideal: lead.ideal };
}

/** Why a deadline can't be used (in the past, today, or too far ahead), or undefined. */
export function deadlineProblem(deadline: string, today: string): string | undefined {
  const d = day(deadline);
  if (!d.isValid) return "That isn't a real date.";
  if (d <= day(today)) return "Choose a deadline after today.";
  if (d > day(today).plus({ years: MAX_DEADLINE_YEARS })) {
    return `Choose a deadline within ${MAX_DEADLINE_YEARS} years.`;
  }
  return undefined;
}

export interface TargetInput {
  name: string;
  /** Its own deadline, when later than the letter's (YYYY-MM-DD); null means the letter's. */
  deadline: string | null;
}

/**
 * Reads the target programs, one per line: "Johns Hopkins Internal Medicine", or with its own
 * later deadline "City Hospital, 2027-01-15" (also "— 2027-01-15" or "(2027-01-15)").
 */
export function parseTargets(
  text: string,
  letterDeadline: string,
): { ok: true; targets: TargetInput[] } | { ok: false; error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length === 0) return { ok: false, error: "Name at least one program, school or employer." };
  if (lines.length > MAX_TARGETS) {
    return { ok: false, error: `List at most ${MAX_TARGETS}; ask for a second letter for the rest.` };
  }
  const targets: TargetInput[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const dated = /^(.*?)[\s,;:–—-]*\(?(\d{4}-\d{2}-\d{2})\)?$/.exec(line);
    const name = (dated ? (dated[1] ?? "") : line).replace(/\s+/g, " ").trim();
    const date = dated ? (dated[2] ?? null) : null;
    if (name === "") return { ok: false, error: `“${line}” needs a name before its date.` };
    if (name.length > TARGET_NAME_MAX) {
      return {
        ok: false,
        error: `“${name.slice(0, 40)}…” is too long: keep each name under ${TARGET_NAME_MAX} characters.`,
      };
    }
    const key = name.toLowerCase();
    if (seen.has(key)) return { ok: false, error: `“${name}” is listed twice.` };
    seen.add(key);
    if (date !== null) {
      if (!day(date).isValid) return { ok: false, error: `${date} (for ${name}) isn't a real date.` };
      if (date < letterDeadline) {
        return {
          ok: false,
          error: `${name}'s date ${date} is before the deadline: make the earliest date the deadline.`,
        };
      }
    }
    targets.push({ name, deadline: date !== null && date !== letterDeadline ? date : null });
  }
  return { ok: true, targets };
}

/** The targets as the mentee typed them (to edit a draft). */
export function targetsText(targets: readonly TargetInput[]): string {
  return targets.map((t) => (t.deadline ? `${t.name}, ${t.deadline}` : t.name)).join("\n");
}

/** Days before a deadline the one reminder is planned, in order of preference (1-2 weeks). */
export const REMINDER_DAYS_BEFORE = [10, 7] as const;
/** No reminder is planned sooner than this after the writer said yes. */
export const REMINDER_MIN_DAYS_AFTER_YES = 2;

/**
 * The day of the one polite reminder for a deadline: 10 days before it, or 7 when 10 is too soon
 * after the writer said yes on `acceptedOn`; null when even 7 is (they know, they just agreed).
 * A day that falls on a weekend moves back to the Friday, so the reminder (sent on working days)
 * never slips to less than a week before the deadline.
 */
export function reminderDay(deadline: string, acceptedOn: string): string | null {
  for (const before of REMINDER_DAYS_BEFORE) {
    const on = day(deadline).minus({ days: before });
    const candidate = on.weekday > 5 ? on.minus({ days: on.weekday - 5 }) : on;
    if (candidate.diff(day(acceptedOn), "days").days >= REMINDER_MIN_DAYS_AFTER_YES) {
      return candidate.toISODate();
    }
  }
  return null;
}

/** The day the mentee hears that a letter is late: the day after its deadline. */
export function lateNoteDay(deadline: string): string {
  return day(deadline).plus({ days: 1 }).toISODate() ?? deadline;
}

/** The start of a calendar day in a time zone (deliveryTime then moves it into working hours). */
export function startOfDayIn(isoDay: string, tz: string): Date {
  const local = DateTime.fromISO(isoDay, { zone: tz });
  return (local.isValid ? local : DateTime.fromISO(isoDay, { zone: "UTC" })).startOf("day").toJSDate();
}

// ---------- the factual summary of the work together ----------

export interface WorkRecord {
  programName: string;
  /** YYYY-MM-DD. */
  startedOn: string;
  /** YYYY-MM-DD, or null while it runs. */
  endedOn: string | null;
  /** Held sessions, oldest first: day and the agenda's first line, if any. */
  sessions: Array<{ on: string; topic: string | null }>;
  goals: Array<{
    title: string;
    status: "ACTIVE" | "ACHIEVED" | "DROPPED";
    achievedOn: string | null;
    milestones: Array<{ title: string; doneOn: string | null }>;
  }>;
  actionItemsDone: number;
}

export const WORK_SUMMARY_MAX = 2800;
const SESSIONS_LISTED = 8;

const longDate = (iso: string) => day(iso).toFormat("d LLLL yyyy");

/**
 * The facts of the work together, from the mentorship record: when, how often they met and on
 * what, goals and milestones reached, with dates. Facts only: no judgement, no praise, no
 * sentence a letter could copy as an opinion; the writer writes the letter.
 */
export function workSummary(menteeName: string, records: readonly WorkRecord[]): string | null {
  if (records.length === 0) return null;
  const parts: string[] = [];
  for (const r of records) {
    const span = r.endedOn
      ? `from ${longDate(r.startedOn)} to ${longDate(r.endedOn)}`
      : `since ${longDate(r.startedOn)} (ongoing)`;
    const lines = [`Mentorship in ${r.programName}, ${span}.`];
    if (r.sessions.length === 0) {
      lines.push("No sessions logged in Tandem.");
    } else {
      const first = r.sessions[0]?.on ?? r.startedOn;
      const last = r.sessions.at(-1)?.on ?? first;
      lines.push(
        r.sessions.length === 1
          ? `1 session logged, on ${longDate(first)}.`
          : `${r.sessions.length} sessions logged, from ${longDate(first)} to ${longDate(last)}.`,
      );
      const topics = r.sessions.filter((s) => s.topic).slice(-SESSIONS_LISTED);
      if (topics.length > 0) {
        lines.push(
          `Recent session topics:\n${topics.map((s) => `• ${longDate(s.on)}: ${oneLine(s.topic ?? "", 120)}`).join("\n")}`,
        );
      }
    }
    const goals = r.goals.filter((g) => g.status !== "DROPPED");
    for (const g of goals) {
      const state =
        g.status === "ACHIEVED"
          ? `achieved${g.achievedOn ? ` on ${longDate(g.achievedOn)}` : ""}`
          : "in progress";
      const done = g.milestones.filter((m) => m.doneOn);
      const milestones = done.length
        ? `; milestones reached: ${done.map((m) => `${oneLine(m.title, 80)} (${longDate(m.doneOn ?? "")})`).join(", ")}`
        : "";
      lines.push(
        `Goal “${oneLine(g.title, 120)}”: ${state} (${done.length} of ${g.milestones.length} milestones)${milestones}.`,
      );
    }
    if (r.actionItemsDone > 0) {
      lines.push(
        `${r.actionItemsDone} action item${r.actionItemsDone === 1 ? "" : "s"} from sessions completed.`,
      );
    }
    parts.push(lines.join("\n"));
  }
  const text = `Work together with ${menteeName}, from Tandem's record:\n\n${parts.join("\n\n")}`;
  return text.length <= WORK_SUMMARY_MAX ? text : `${text.slice(0, WORK_SUMMARY_MAX - 1)}…`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Whether a link is one the writer can open: an http(s) URL. */
export function isLink(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}
