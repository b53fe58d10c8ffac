import { describe, expect, it } from "vitest";
import { localDate, nextWorkingTime, parsePauseUntil } from "../../src/domain/dates.ts";

// Wednesday 2026-03-04, 15:00 UTC.
const now = new Date("2026-03-04T15:00:00Z");

describe("parsePauseUntil", () => {
  it("no date means until resumed", () => {
    expect(parsePauseUntil("", "Europe/Madrid", now)).toEqual({
      ok: true,
      until: null,
      label: "until you resume",
    });
  });

  it("a date is the start of that day in the member's own time zone", () => {
    const madrid = parsePauseUntil("until 2026-04-01", "Europe/Madrid", now);
    expect(madrid).toEqual({ ok: true, until: new Date("2026-03-31T22:00:00Z"), label: "until 2026-04-01" });
    const chicago = parsePauseUntil("2026-04-01", "America/Chicago", now);
    expect(chicago.ok && chicago.until?.toISOString()).toBe("2026-04-01T05:00:00.000Z");
  });

  it("reads relative spans", () => {
    const weeks = parsePauseUntil("3 weeks", "UTC", now);
    expect(weeks.ok && weeks.label).toBe("until 2026-03-25");
    const days = parsePauseUntil("for 10 days", "UTC", now);
    expect(days.ok && days.label).toBe("until 2026-03-14");
    const months = parsePauseUntil("2 months", "UTC", now);
    expect(months.ok && months.label).toBe("until 2026-05-04");
  });

  it.each([
    ["2026-03-04", "Choose a date after today."],
    ["2025-12-01", "Choose a date after today."],
    ["2027-06-01", "Pauses can last up to a year. Choose an earlier date."],
    ["2026-02-30", "2026-02-30 isn't a real date."],
    ["next tuesday", "Tandem couldn't read that date"],
  ])("%s is refused with a clear reason", (text, reason) => {
    const result = parsePauseUntil(text, "UTC", now);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error).toContain(reason);
  });

  it("'today' depends on the member's time zone", () => {
    // 15:00 UTC on 4 March is already 5 March in Auckland, so 5 March is not in the future there.
    expect(parsePauseUntil("2026-03-05", "Pacific/Auckland", now).ok).toBe(false);
    expect(parsePauseUntil("2026-03-05", "America/Chicago", now).ok).toBe(true);
  });
});

describe("nextWorkingTime", () => {
  it("keeps a moment inside working hours", () => {
    expect(nextWorkingTime(now, "UTC").toISOString()).toBe("2026-03-04T15:00:00.000Z");
  });

  it("moves an early morning to 9:00 the same day", () => {
    const t = nextWorkingTime(new Date("2026-03-04T06:30:00Z"), "Europe/Berlin");
    expect(t.toISOString()).toBe("2026-03-04T08:00:00.000Z"); // 9:00 in Berlin (UTC+1)
  });

  it("moves an evening to 9:00 the next working day, and a weekend to Monday", () => {
    expect(nextWorkingTime(new Date("2026-03-04T18:00:00Z"), "UTC").toISOString()).toBe(
      "2026-03-05T09:00:00.000Z",
    );
    // Friday 17:30 in New York → Monday 9:00 New York.
    const friday = new Date("2026-03-06T22:30:00Z");
    expect(localDate(nextWorkingTime(friday, "America/New_York"), "America/New_York")).toBe("2026-03-09");
    expect(nextWorkingTime(friday, "America/New_York").toISOString()).toBe("2026-03-09T13:00:00.000Z"); // EDT began 8 March
  });

  it("respects a member's own working hours", () => {
    const t = nextWorkingTime(new Date("2026-03-04T07:00:00Z"), "UTC", 7 * 60 + 30, 15 * 60);
    expect(t.toISOString()).toBe("2026-03-04T07:30:00.000Z");
  });
});
