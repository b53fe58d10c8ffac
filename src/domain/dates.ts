// Dates as people type them, read in their own time zone.
import { DateTime } from "luxon";

export type PauseUntil = { ok: true; until: Date | null; label: string } | { ok: false; error: string };

const MAX_PAUSE_DAYS = 366;

/**
 * Reads what follows "/mentor pause": nothing (until resumed), "until 2026-12-01",
 * "2026-12-01", or "3 weeks" / "10 days" / "2 months". A date means the start of that day in
 * the member's time zone, which must be in the future and within a year.
 */
export function parsePauseUntil(text: string, tz: string, now: Date): PauseUntil {
  const input = text
    .trim()
    .toLowerCase()
    .replace(/^until\s+/, "")
    .replace(/^for\s+/, "");
  if (input === "") return { ok: true, until: null, label: "until you resume" };
  const today = DateTime.fromJSDate(now, { zone: tz }).startOf("day");
  let day: DateTime | undefined;
  const relative = /^(\d{1,3})\s*(day|days|week|weeks|month|months)$/.exec(input);
  if (relative) {
    const n = Number(relative[1]);
    const unit = relative[2]?.startsWith("day")
      ? "days"
      : relative[2]?.startsWith("week")
        ? "weeks"
        : "months";
    day = today.plus({ [unit]: n });
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(input)) {
    day = DateTime.fromISO(input, { zone: tz }).startOf("day");
    if (!day.isValid) return { ok: false, error: `${input} isn't a real date.` };
  } else {
    return {
      ok: false,
      error:
        "Tandem couldn't read that date. Try `/mentor pause until 2026-12-01` or `/mentor pause 3 weeks`.",
    };
  }
  if (day <= today) return { ok: false, error: "Choose a date after today." };
  if (day.diff(today, "days").days > MAX_PAUSE_DAYS) {
    return { ok: false, error: "Pauses can last up to a year. Choose an earlier date." };
  }
  return { ok: true, until: day.toJSDate(), label: `until ${day.toISODate()}` };
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDate(instant: Date, tz: string): string {
  return DateTime.fromJSDate(instant, { zone: tz }).toISODate() ?? instant.toISOString().slice(0, 10);
}

/** An instant as the day a person reads it in their time zone: "Monday 7 December". */
export function dayLabel(instant: Date, tz: string): string {
  return DateTime.fromJSDate(instant, { zone: tz }).toFormat("cccc d LLLL");
}

/** A DATE column's day (stored as midnight UTC) as YYYY-MM-DD. */
export function isoDateOf(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** Whether an IANA time zone name is one this runtime knows. */
export function isKnownTimeZone(tz: string): boolean {
  return DateTime.local().setZone(tz).isValid;
}

/**
 * The first moment at or after `instant` that falls on a working day (Monday to Friday) at
 * `startMinute` or later and before `endMinute`, in the time zone `tz`; if the instant is inside
 * that window, the instant itself. Daylight-saving changes are handled by the zone rules.
 */
export function nextWorkingTime(instant: Date, tz: string, startMinute = 540, endMinute = 1020): Date {
  let local = DateTime.fromJSDate(instant, { zone: tz });
  for (let i = 0; i < 8; i++) {
    const minute = local.hour * 60 + local.minute;
    const weekday = local.weekday <= 5;
    if (weekday && minute >= startMinute && minute < endMinute) return local.toJSDate();
    if (weekday && minute < startMinute) {
      return local
        .set({ hour: Math.floor(startMinute / 60), minute: startMinute % 60, second: 0, millisecond: 0 })
        .toJSDate();
    }
    local = local.plus({ days: 1 }).startOf("day");
  }
  return local.toJSDate();
}
