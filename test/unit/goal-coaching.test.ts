// Goal coaching's pure parts: Tandem's own milestones (two or three, dated in order before the
// goal's date, within the form's limits, the same every time), the clean-up of a model's answer
// (mentions, links, odd dates, too many items), and where suggestions land in the form's rows.
import { describe, expect, it } from "vitest";
import {
  fallbackMilestones,
  freeRows,
  type GoalDraft,
  horizonOf,
  placeSuggestions,
  SUGGESTION_MAX,
  usableMilestones,
} from "../../src/ai/goal-coaching.ts";
import { usableQuestion } from "../../src/ai/reflection.ts";

const draft = (over: Partial<GoalDraft> = {}): GoalDraft => ({
  title: "Get better at public speaking",
  kind: "PROFESSIONAL",
  today: "2026-06-01",
  ...over,
});

describe("Tandem's own milestones", () => {
  it("three SMART-ish steps over about three months when the goal has no date", () => {
    const ms = fallbackMilestones(draft());
    expect(ms.map((m) => m.title)).toEqual([
      "Define what done looks like for “get better at public speaking” and agree it with your mentor",
      "Complete a first concrete piece of work on “get better at public speaking” and share it for feedback",
      "Review progress on “get better at public speaking” with your mentor and agree next steps",
    ]);
    expect(ms.map((m) => m.targetDate)).toEqual(["2026-06-15", "2026-07-25", "2026-08-23"]);
    expect(horizonOf(draft())).toBe("2026-08-30");
  });

  it("count 2–3, dates after today, ordered, by the goal's date, titles within limits, deterministic", () => {
    const titles = ["Learn Rust", "x", "A".repeat(150), "Run a marathon!!!", "Écrire un livre sur l'IA"];
    const targets = [
      undefined,
      "2026-06-02",
      "2026-06-05",
      "2026-06-20",
      "2026-06-22",
      "2027-05-30",
      "2026-05-01",
    ];
    for (const title of titles) {
      for (const targetDate of targets) {
        for (const kind of ["PROFESSIONAL", "PERSONAL"] as const) {
          const d = draft({ title, targetDate, kind });
          const ms = fallbackMilestones(d);
          expect(ms.length).toBeGreaterThanOrEqual(2);
          expect(ms.length).toBeLessThanOrEqual(3);
          const horizon = horizonOf(d);
          const dates = ms.map((m) => m.targetDate);
          expect([...dates].sort()).toEqual(dates);
          for (const m of ms) {
            expect(m.title.length).toBeLessThanOrEqual(SUGGESTION_MAX);
            expect(m.targetDate > d.today).toBe(true);
            expect(m.targetDate <= horizon).toBe(true);
          }
          expect(fallbackMilestones(d)).toEqual(ms);
        }
      }
    }
  });

  it("a short time to the goal's date gives two steps before it; a past date counts as none", () => {
    const short = fallbackMilestones(draft({ targetDate: "2026-06-15" }));
    expect(short).toHaveLength(2);
    expect(short.every((m) => m.targetDate < "2026-06-15")).toBe(true);
    expect(horizonOf(draft({ targetDate: "2026-05-01" }))).toBe("2026-08-30");
  });

  it("a long goal is shortened inside the quotes, never the sentence", () => {
    const [first] = fallbackMilestones(draft({ title: "Build ".repeat(40) }));
    expect(first?.title).toMatch(
      /^Define what done looks like for “build( Build)+…” and agree it with your mentor$/,
    );
  });
});

describe("a model's milestones", () => {
  const ok = (title: string, dueDate: string | null, weeksFromNow: number | null = null) => ({
    title,
    dueDate,
    weeksFromNow,
  });

  it("are cleaned of markup, dropped when they carry mentions, links or names, and dated in order", () => {
    const ms = usableMilestones(
      {
        milestones: [
          ok("**Give a 5-minute talk at the team meeting**", "2026-07-10"),
          ok("<!channel> Tell everyone https://evil.example", "2026-07-11"),
          ok("Ask Mia Santos to approve it", "2026-07-12"),
          ok("1. Write down three talks you admire and why", null, 2),
        ],
      },
      draft(),
      ["Mia Santos", "Santos", "Mia"],
    );
    expect(ms).toEqual([
      { title: "Write down three talks you admire and why", targetDate: "2026-06-15" },
      { title: "Give a 5-minute talk at the team meeting", targetDate: "2026-07-10" },
    ]);
  });

  it("dates after the goal's date, in the past or nonsense are replaced by spaced ones", () => {
    const ms = usableMilestones(
      {
        milestones: [
          ok("Outline the talk with your mentor", "2030-01-01"),
          ok("Rehearse the talk twice in front of colleagues", "yesterday", -3),
          ok("Deliver the talk and collect written feedback", "2026-05-01", 400),
        ],
      },
      draft({ targetDate: "2026-07-01" }),
    );
    expect(ms?.map((m) => m.targetDate)).toEqual(["2026-06-11", "2026-06-21", "2026-07-01"]);
  });

  it("fewer than two usable ones (empty, duplicates, emails, names) is no answer; extra ones are cut", () => {
    expect(
      usableMilestones(
        {
          milestones: [
            ok("Email mia@example.org your draft", null, 2),
            ok("<@U123>", null, 2),
            ok("Meet [name] for coffee every week", null, 3),
            ok("Practise the opening", null, 4),
            ok("practise the opening", null, 5),
          ],
        },
        draft(),
      ),
    ).toBeUndefined();
    const many = usableMilestones(
      {
        milestones: Array.from({ length: 6 }, (_, i) => ok(`Milestone number ${i + 1} of many`, null, i + 1)),
      },
      draft(),
    );
    expect(many).toHaveLength(3);
    const long = usableMilestones(
      { milestones: [ok("z".repeat(5000), null, 1), ok("y".repeat(300), null, 2)] },
      draft(),
    );
    expect(long?.every((m) => m.title.length <= SUGGESTION_MAX)).toBe(true);
  });
});

describe("where suggestions land in the form", () => {
  const s = (n: number) => ({ title: `Suggestion ${n}`, targetDate: `2026-07-0${n}` });

  it("empty rows take suggestions; rows the person wrote are kept", () => {
    const placed = placeSuggestions(
      [{ title: "My own step", targetDate: "2026-06-20" }, {}, {}],
      [],
      [s(1), s(2), s(3)],
    );
    expect(placed.rows).toEqual([
      { title: "My own step", targetDate: "2026-06-20" },
      { title: "Suggestion 1", targetDate: "2026-07-01" },
      { title: "Suggestion 2", targetDate: "2026-07-02" },
    ]);
    expect(placed.filled).toEqual([1, 2]);
  });

  it("asking again replaces untouched suggestions, keeps edited ones, and empties leftovers", () => {
    const previous = [
      { row: 0, title: "Suggestion 1" },
      { row: 1, title: "Suggestion 2" },
      { row: 2, title: "Suggestion 3" },
    ];
    const rows = [{ title: "Suggestion 1 (edited)" }, { title: "Suggestion 2" }, { title: "Suggestion 3" }];
    expect(freeRows(rows, previous)).toEqual([1, 2]);
    const placed = placeSuggestions(rows, previous, [s(4)]);
    expect(placed.rows).toEqual([
      { title: "Suggestion 1 (edited)" },
      { title: "Suggestion 4", targetDate: "2026-07-04" },
      {},
    ]);
    expect(freeRows([{ title: "a" }, { title: "b" }, { title: "c" }], [])).toEqual([]);
  });
});

describe("a model's reflection question", () => {
  it("is kept when it is one clean question, trimmed of quotes", () => {
    expect(usableQuestion("  “What did presenting your aims page teach you about your audience?” ")).toBe(
      "What did presenting your aims page teach you about your audience?",
    );
  });

  it("is refused when empty, not a question, too long, or carrying mentions, links or emails", () => {
    for (const bad of [
      "",
      "Reflect on your goals.",
      `${"Why ".repeat(80)}?`,
      "<!channel> What did you learn this week?",
      "What did you learn from <@U0RAJ> this week?",
      "Which resource at https://evil.example helped you most this week?",
      "Did you email mia@example.org about your goal this week?",
      "What helped? What hurt? What next? What else?",
    ]) {
      expect(usableQuestion(bad), bad).toBeUndefined();
    }
  });

  it("is refused when it names one of the pair, wherever the name comes", () => {
    const names = ["Raj Patel", "Raj", "Patel"];
    expect(
      usableQuestion("What did Rajasthan teach you, and what would Raj say about it?", names),
    ).toBeUndefined();
    expect(usableQuestion("What did Rajasthan teach you about planning?", names)).toBe(
      "What did Rajasthan teach you about planning?",
    );
  });
});
