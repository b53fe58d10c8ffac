// When Tandem may speak to someone: inside their working hours on a working day, in their own
// time zone, never while they are paused or out of office. And the rhythm of a mentorship:
// check-ins every cadence (with an optional pulse half-way), and when a pair counts as at risk.
import { isKnownTimeZone, nextWorkingTime } from "./dates.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Slack statuses that mean "away": holidays, travel, sick leave, parental leave. */
const AWAY_EMOJI = new Set([
  ":palm_tree:",
  ":desert_island:",
  ":beach_with_umbrella:",
  ":airplane:",
  ":face_with_thermometer:",
  ":thermometer:",
  ":baby:",
  ":sick:",
]);
const AWAY_WORDS =
  /\b(vacation|holiday|holidays|out of (the )?office|ooo|on leave|sick|parental leave|pto|annual leave)\b/i;

export interface SlackStatus {
  statusText: string | null;
  statusEmoji: string | null;
  /** When Slack clears the status; null when it has no expiry. */
  statusExpiresAt: Date | null;
}

/**
 * Until when the person is away according to their Slack status: its expiry, or `fallback`
 * (re-check later) when an away status has no expiry. Undefined when they are not away.
 */
export function awayUntil(status: SlackStatus, now: Date, fallbackDays = 1): Date | undefined {
  const away =
    (status.statusEmoji && AWAY_EMOJI.has(status.statusEmoji)) || AWAY_WORDS.test(status.statusText ?? "");
  if (!away) return undefined;
  if (status.statusExpiresAt) return status.statusExpiresAt > now ? status.statusExpiresAt : undefined;
  return new Date(now.getTime() + fallbackDays * DAY_MS);
}

export interface Recipient extends SlackStatus {
  tz: string;
  workdayStartMinute: number;
  workdayEndMinute: number;
  status: string;
  pausedUntil: Date | null;
}

export interface WorkingWindow {
  startMinute: number;
  endMinute: number;
}

/**
 * The moment a message due at `due` may be delivered to this person: not before it is due, not
 * while they are paused or away, and inside the working window (the program's, narrowed to the
 * person's own hours) on a working day, in their time zone. A due time that passed while Tandem
 * was down delivers in the next window, never at night.
 */
export function deliveryTime(due: Date, recipient: Recipient, now: Date, program?: WorkingWindow): Date {
  let earliest = due > now ? due : now;
  if (recipient.status === "PAUSED" && recipient.pausedUntil && recipient.pausedUntil > earliest) {
    earliest = recipient.pausedUntil;
  }
  const away = awayUntil(recipient, earliest);
  if (away && away > earliest) earliest = away;
  const start = Math.max(recipient.workdayStartMinute, program?.startMinute ?? 0);
  const end = Math.min(recipient.workdayEndMinute, program?.endMinute ?? 1440);
  const [from, to] = start < end ? [start, end] : [recipient.workdayStartMinute, recipient.workdayEndMinute];
  return nextWorkingTime(earliest, validZone(recipient.tz), from, to);
}

function validZone(tz: string): string {
  return isKnownTimeZone(tz) ? tz : "UTC";
}

export type CheckinKind = "NUDGE" | "PULSE";

/**
 * The next check-in after `last` (the last check-in, or the start of the mentorship): a nudge
 * every `cadenceDays`, and with `pulse` a short pulse half-way between two nudges.
 */
export function nextCheckin(
  last: { at: Date; kind: CheckinKind | "START" },
  cadenceDays: number,
  pulse: boolean,
): { kind: CheckinKind; at: Date } {
  const days = Math.max(1, cadenceDays);
  if (pulse && last.kind !== "PULSE" && days >= 4) {
    return { kind: "PULSE", at: new Date(last.at.getTime() + Math.floor(days / 2) * DAY_MS) };
  }
  const sinceNudge = pulse && last.kind === "PULSE" ? days - Math.floor(days / 2) : days;
  return { kind: "NUDGE", at: new Date(last.at.getTime() + sinceNudge * DAY_MS) };
}

export interface PairRhythm {
  startedAt: Date;
  lastSessionAt: Date | null;
  cadenceDays: number;
  unansweredCheckins: number;
}

/** Check-ins in a row left unanswered before a pair counts as at risk. */
export const RISK_UNANSWERED_CHECKINS = 3;
/** A pair with no session for this many times its cadence counts as at risk. */
export const RISK_SESSION_GAP_CADENCES = 2;

/** Why a pair needs attention (shown to coordinators), or undefined when it's on track. */
export function riskOf(pair: PairRhythm, now: Date): string | undefined {
  if (pair.unansweredCheckins >= RISK_UNANSWERED_CHECKINS) {
    return `${pair.unansweredCheckins} check-ins in a row unanswered`;
  }
  const since = pair.lastSessionAt ?? pair.startedAt;
  const days = Math.floor((now.getTime() - since.getTime()) / DAY_MS);
  if (days >= RISK_SESSION_GAP_CADENCES * Math.max(1, pair.cadenceDays)) {
    return pair.lastSessionAt ? `no session in ${days} days` : `no session since the start, ${days} days ago`;
  }
  return undefined;
}

/** Why a message waits until `at` (for the delivery log and the coordinator's view). */
export function deferralReason(recipient: Recipient, now: Date, at: Date): string {
  const when = at.toISOString().slice(0, 16).replace("T", " ");
  if (recipient.status === "PAUSED" && recipient.pausedUntil && recipient.pausedUntil > now) {
    return `paused until ${recipient.pausedUntil.toISOString().slice(0, 10)}; sending ${when} UTC`;
  }
  if (awayUntil(recipient, now)) return `away (Slack status); sending ${when} UTC`;
  return `outside working hours in ${recipient.tz}; sending ${when} UTC`;
}

/** The program's working window for deliveries. */
export function programWindow(program: {
  workdayStartMinute: number;
  workdayEndMinute: number;
}): WorkingWindow {
  return { startMinute: program.workdayStartMinute, endMinute: program.workdayEndMinute };
}
