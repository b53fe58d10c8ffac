// The pure rules of letters of recommendation: when an ask is late for its purpose, which
// deadlines can be used, how target programs are typed, when the one reminder and the late note
// fall, and the factual summary of the work together the writer may receive.
import { describe, expect, it } from "vitest";
import {
  deadlineProblem,
  isLink,
  lateAsk,
  lateNoteDay,
  MAX_TARGETS,
  parseTargets,
  reminderDay,
  startOfDayIn,
  TARGET_NAME_MAX,
  targetsText,
  WORK_SUMMARY_MAX,
  type WorkRecord,
  workSummary,
} from "../../src/domain/letters.ts";

describe("lateAsk", () => {
  it("a school letter needs 6 weeks: 7 weeks ahead is fine, 5 weeks is late", () => {
    expect(lateAsk("SCHOOL", "2026-03-05", "2026-01-15")).toBeNull();
    expect(lateAsk("SCHOOL", "2026-03-05", "2026-01-29")).toEqual({
      daysLeft: 35,
      minimum: "6 weeks",
      ideal: "6 to 8 weeks",
    });
  });

  it("exactly 6 weeks before a school deadline is on time; one day later is late", () => {
    expect(lateAsk("SCHOOL", "2026-03-05", "2026-01-22")).toBeNull();
    expect(lateAsk("SCHOOL", "2026-03-05", "2026-01-23")?.daysLeft).toBe(41);
  });

  it("a residency letter needs 2 months: 9 weeks ahead is fine, 7 weeks is late", () => {
    expect(lateAsk("RESIDENCY", "2026-03-17", "2026-01-13")).toBeNull();
    expect(lateAsk("RESIDENCY", "2026-03-03", "2026-01-13")).toEqual({
      daysLeft: 49,
      minimum: "2 months",
      ideal: "2 to 3 months",
    });
  });

  it("counts 2 calendar months, also across a short February", () => {
    // 30 April: the latest ask is 28 February (there is no 30 February).
    expect(lateAsk("RESIDENCY", "2026-04-30", "2026-02-28")).toBeNull();
    expect(lateAsk("RESIDENCY", "2026-04-30", "2026-03-01")).toMatchObject({ daysLeft: 60 });
    // 15 June: 15 April is in time, 16 April is late.
    expect(lateAsk("FELLOWSHIP", "2026-06-15", "2026-04-15")).toBeNull();
    expect(lateAsk("FELLOWSHIP", "2026-06-15", "2026-04-16")).toMatchObject({ minimum: "2 months" });
  });

  it("follows each purpose's own lead time", () => {
    // A job letter needs 3 weeks, an award 4, a promotion 6.
    expect(lateAsk("JOB", "2026-03-05", "2026-02-12")).toBeNull();
    expect(lateAsk("JOB", "2026-03-05", "2026-02-13")).toMatchObject({ daysLeft: 20, minimum: "3 weeks" });
    expect(lateAsk("AWARD", "2026-03-05", "2026-02-05")).toBeNull();
    expect(lateAsk("AWARD", "2026-03-05", "2026-02-06")).toMatchObject({ minimum: "4 weeks" });
    expect(lateAsk("PROMOTION", "2026-03-05", "2026-01-29")).toMatchObject({ minimum: "6 weeks" });
    expect(lateAsk("OTHER", "2026-03-05", "2026-02-05")).toBeNull();
  });
});

describe("deadlineProblem", () => {
  const today = "2026-01-13";
  it("accepts tomorrow and anything up to 2 years ahead", () => {
    expect(deadlineProblem("2026-01-14", today)).toBeUndefined();
    expect(deadlineProblem("2028-01-13", today)).toBeUndefined();
  });
  it.each([
    ["2026-01-13", "Choose a deadline after today."],
    ["2025-12-31", "Choose a deadline after today."],
    ["2028-01-14", "Choose a deadline within 2 years."],
    ["2026-02-30", "That isn't a real date."],
    ["", "That isn't a real date."],
  ])("refuses %j: %s", (deadline, problem) => {
    expect(deadlineProblem(deadline, today)).toBe(problem);
  });
});

describe("parseTargets", () => {
  const deadline = "2027-01-15";
  const ok = (text: string) => {
    const result = parseTargets(text, deadline);
    if (!result.ok) throw new Error(`expected targets, got: ${result.error}`);
    return result.targets;
  };
  const error = (text: string) => {
    const result = parseTargets(text, deadline);
    if (result.ok) throw new Error(`expected an error for ${JSON.stringify(text)}`);
    return result.error;
  };

  it("reads one program per line, skipping blank lines and spaces", () => {
    expect(ok("  Johns Hopkins Internal Medicine \n\n\r\nCity Hospital\n")).toEqual([
      { name: "Johns Hopkins Internal Medicine", deadline: null },
      { name: "City Hospital", deadline: null },
    ]);
  });

  it.each([
    ["City Hospital, 2027-02-01"],
    ["City Hospital — 2027-02-01"],
    ["City Hospital – 2027-02-01"],
    ["City Hospital - 2027-02-01"],
    ["City Hospital (2027-02-01)"],
    ["City Hospital: 2027-02-01"],
    ["City Hospital 2027-02-01"],
  ])("reads a later date of its own: %s", (line) => {
    expect(ok(line)).toEqual([{ name: "City Hospital", deadline: "2027-02-01" }]);
  });

  it("keeps parentheses and hyphens that belong to the name", () => {
    expect(ok("Mayo Clinic (Rochester), 2027-02-01\nSt. Mary's - Pediatrics\nClass of 2027-2028")).toEqual([
      { name: "Mayo Clinic (Rochester)", deadline: "2027-02-01" },
      { name: "St. Mary's - Pediatrics", deadline: null },
      { name: "Class of 2027-2028", deadline: null },
    ]);
  });

  it("a date equal to the letter's deadline is the letter's deadline", () => {
    expect(ok("City Hospital, 2027-01-15")).toEqual([{ name: "City Hospital", deadline: null }]);
  });

  it("refuses a date earlier than the deadline, naming the program", () => {
    expect(error("Hopkins\nCity Hospital, 2027-01-14")).toBe(
      "City Hospital's date 2027-01-14 is before the deadline: make the earliest date the deadline.",
    );
  });

  it("refuses a date that doesn't exist", () => {
    expect(error("City Hospital (2027-02-30)")).toBe("2027-02-30 (for City Hospital) isn't a real date.");
  });

  it("refuses a date with no name before it", () => {
    expect(error("2027-02-01")).toBe("“2027-02-01” needs a name before its date.");
    expect(error("— (2027-02-01)")).toContain("needs a name before its date");
  });

  it("refuses an empty list", () => {
    expect(error(" \n \n")).toBe("Name at least one program, school or employer.");
  });

  it("refuses a program listed twice, whatever its case, spacing or date", () => {
    expect(error("City Hospital\ncity hospital, 2027-02-01")).toBe("“city hospital” is listed twice.");
    expect(error("City Hospital\nCity   Hospital")).toContain("is listed twice");
  });

  it(`refuses more than ${MAX_TARGETS} programs`, () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `Program ${i + 1}`).join("\n");
    expect(ok(lines(MAX_TARGETS))).toHaveLength(MAX_TARGETS);
    expect(error(lines(MAX_TARGETS + 1))).toBe("List at most 10; ask for a second letter for the rest.");
  });

  it(`refuses a name over ${TARGET_NAME_MAX} characters`, () => {
    expect(ok("x".repeat(TARGET_NAME_MAX))).toHaveLength(1);
    expect(error("x".repeat(TARGET_NAME_MAX + 1))).toContain("is too long");
  });

  it("writes the targets back as typed", () => {
    const targets = ok("Hopkins\nCity Hospital (2027-02-01)");
    expect(targetsText(targets)).toBe("Hopkins\nCity Hospital, 2027-02-01");
    expect(ok(targetsText(targets))).toEqual(targets);
  });
});

describe("reminderDay", () => {
  // Deadline Thursday 5 March 2026: 10 days before is Monday 23 February, 7 days Thursday 26.
  const deadline = "2026-03-05";
  it("is 10 days before the deadline when the yes came well ahead", () => {
    expect(reminderDay(deadline, "2026-01-14")).toBe("2026-02-23");
    expect(reminderDay(deadline, "2026-02-21")).toBe("2026-02-23");
  });
  it("falls back to 7 days before when 10 comes less than 2 days after the yes", () => {
    expect(reminderDay(deadline, "2026-02-22")).toBe("2026-02-26");
    expect(reminderDay(deadline, "2026-02-24")).toBe("2026-02-26");
  });
  it("is none when even 7 days before comes less than 2 days after the yes", () => {
    expect(reminderDay(deadline, "2026-02-25")).toBeNull();
    expect(reminderDay(deadline, "2026-03-04")).toBeNull();
  });
  it("counts calendar days across month ends", () => {
    expect(reminderDay("2026-03-01", "2026-01-01")).toBe("2026-02-19");
    // 26 December 2026 is a Saturday: the reminder moves back to Friday the 25th.
    expect(reminderDay("2027-01-05", "2026-12-01")).toBe("2026-12-25");
  });

  it("never falls on a weekend, so it is never less than a week before", () => {
    // Deadline Saturday 17 April 2027: 10 days before is Wednesday 7 April.
    expect(reminderDay("2027-04-17", "2027-03-01")).toBe("2027-04-07");
    // Deadline Monday 19 April: 10 days before is Friday 9 April, as it is.
    expect(reminderDay("2027-04-19", "2027-03-01")).toBe("2027-04-09");
    // Deadline Wednesday 21 April: 10 days before is Sunday 11 April, moved back to Friday 9.
    expect(reminderDay("2027-04-21", "2027-03-01")).toBe("2027-04-09");
    // Said yes Monday 12 April: 7 days before is Wednesday 14 April.
    expect(reminderDay("2027-04-21", "2027-04-12")).toBe("2027-04-14");
    // Deadline Saturday 17 April, yes on 6 April: 7 days before is Saturday 10, so Friday 9 (8 days).
    expect(reminderDay("2027-04-17", "2027-04-06")).toBe("2027-04-09");
  });
});

describe("lateNoteDay and startOfDayIn", () => {
  it("the late note is the day after the deadline", () => {
    expect(lateNoteDay("2026-03-05")).toBe("2026-03-06");
    expect(lateNoteDay("2026-12-31")).toBe("2027-01-01");
  });
  it("a day starts at local midnight in the person's time zone", () => {
    expect(startOfDayIn("2026-02-23", "America/Los_Angeles").toISOString()).toBe("2026-02-23T08:00:00.000Z");
    expect(startOfDayIn("2026-07-01", "Asia/Tokyo").toISOString()).toBe("2026-06-30T15:00:00.000Z");
    expect(startOfDayIn("2026-02-23", "Not/AZone").toISOString()).toBe("2026-02-23T00:00:00.000Z");
  });
});

describe("workSummary", () => {
  const record = (over: Partial<WorkRecord> = {}): WorkRecord => ({
    programName: "Residents 2025",
    startedOn: "2025-09-01",
    endedOn: null,
    sessions: [
      { on: "2025-10-06", topic: "Personal statement structure" },
      { on: "2025-11-03", topic: null },
      { on: "2025-12-01", topic: "Mock   interview\tpractice" },
    ],
    goals: [
      {
        title: "Match into internal medicine",
        status: "ACTIVE",
        achievedOn: null,
        milestones: [
          { title: "Draft the personal statement", doneOn: "2025-11-10" },
          { title: "Book a mock interview", doneOn: null },
        ],
      },
      { title: "Publish a case report", status: "ACHIEVED", achievedOn: "2025-12-15", milestones: [] },
      { title: "Learn to knit", status: "DROPPED", achievedOn: null, milestones: [] },
    ],
    actionItemsDone: 4,
    ...over,
  });

  it("is null when there is no record of work together", () => {
    expect(workSummary("Mia Mentee", [])).toBeNull();
  });

  it("states the facts with their dates: the span, sessions, goals and milestones reached", () => {
    expect(workSummary("Mia Mentee", [record()])).toBe(
      [
        "Work together with Mia Mentee, from Tandem's record:",
        "",
        "Mentorship in Residents 2025, since 1 September 2025 (ongoing).",
        "3 sessions logged, from 6 October 2025 to 1 December 2025.",
        "Recent session topics:",
        "• 6 October 2025: Personal statement structure",
        "• 1 December 2025: Mock interview practice",
        "Goal “Match into internal medicine”: in progress (1 of 2 milestones); milestones reached: Draft the personal statement (10 November 2025).",
        "Goal “Publish a case report”: achieved on 15 December 2025 (0 of 0 milestones).",
        "4 action items from sessions completed.",
      ].join("\n"),
    );
  });

  it("leaves out dropped goals", () => {
    expect(workSummary("Mia Mentee", [record()])).not.toContain("knit");
  });

  it("is facts only: no praise or judgement a letter could copy", () => {
    const text = workSummary("Mia Mentee", [record()]) ?? "";
    expect(text).not.toMatch(
      /excellent|outstanding|strong|impressive|talented|recommend|exceptional|great|best|highly/i,
    );
  });

  it("covers an ended mentorship and one with no sessions, one section each", () => {
    const text = workSummary("Mia Mentee", [
      record({
        programName: "Interns 2024",
        startedOn: "2024-09-01",
        endedOn: "2025-06-30",
        sessions: [{ on: "2024-10-01", topic: null }],
        goals: [],
        actionItemsDone: 1,
      }),
      record({ sessions: [], goals: [], actionItemsDone: 0 }),
    ]);
    expect(text).toContain(
      "Mentorship in Interns 2024, from 1 September 2024 to 30 June 2025.\n1 session logged, on 1 October 2024.\n1 action item from sessions completed.",
    );
    expect(text).toContain(
      "Mentorship in Residents 2025, since 1 September 2025 (ongoing).\nNo sessions logged in Tandem.",
    );
    expect(text).not.toContain("Recent session topics");
  });

  it("lists only the 8 most recent session topics", () => {
    const sessions = Array.from({ length: 12 }, (_, i) => ({
      on: `2025-10-${String(i + 1).padStart(2, "0")}`,
      topic: `Topic ${i + 1}`,
    }));
    const text = workSummary("Mia Mentee", [record({ sessions })]) ?? "";
    expect(text).toContain("12 sessions logged, from 1 October 2025 to 12 October 2025.");
    expect(text).not.toContain("Topic 4\n");
    expect(text).toContain("• 5 October 2025: Topic 5");
    expect(text).toContain("• 12 October 2025: Topic 12");
    expect(text.match(/^• /gm)).toHaveLength(8);
  });

  it(`is capped at ${WORK_SUMMARY_MAX} characters, long titles shortened`, () => {
    const long = "A very long goal title that goes on ".repeat(10);
    const records = Array.from({ length: 8 }, (_, i) =>
      record({
        programName: `Program ${i}`,
        goals: Array.from({ length: 5 }, () => ({
          title: long,
          status: "ACTIVE" as const,
          achievedOn: null,
          milestones: [],
        })),
      }),
    );
    const text = workSummary("Mia Mentee", records) ?? "";
    expect(text.length).toBe(WORK_SUMMARY_MAX);
    expect(text.endsWith("…")).toBe(true);
    // Each goal title is cut to 120 characters.
    expect(text).toMatch(/Goal “[^”]{119}…”/);
  });
});

describe("isLink", () => {
  it.each([
    ["https://drive.example.com/file/cv", true],
    ["http://example.org/statement.pdf", true],
    ["drive.example.com/cv", false],
    ["ftp://example.org/cv", false],
    ["https://localhost/cv", false],
    ["my cv", false],
  ])("%s → %s", (text, expected) => {
    expect(isLink(text)).toBe(expected);
  });
});
