// Goal views are pure: what each person reads and may click, within Slack's limits for the
// largest goals allowed (three goals of six milestones, long titles and reasons).
import { describe, expect, it } from "vitest";
import type { GoalsOverview, GoalView, MilestoneView } from "../../src/services/goals.ts";
import {
  AI_LABEL,
  celebrationMessage,
  goalFormBlockOf,
  goalMetadataSchema,
  goalModal,
  goalsModal,
  milestoneBlockIds,
  milestoneReminderMessage,
  reviseModal,
} from "../../src/slack/views/goals.ts";
import { checkBlocks, checkView } from "../support/block-kit.ts";
import { shownAnswers } from "../support/person.ts";
import { buttonsIn, visibleText } from "../support/tandem.ts";

const long = (n: number) => `<@U123> ${"x".repeat(n)}`;

const milestone = (i: number, over: Partial<MilestoneView> = {}): MilestoneView => ({
  id: `ms${i}`,
  title: long(140),
  targetDate: "2026-06-12",
  status: "OPEN",
  completedOn: null,
  overdue: false,
  ...over,
});

const bigGoal = (g: number): GoalView => ({
  id: `goal${g}`,
  title: long(140),
  kind: g % 2 ? "PERSONAL" : "PROFESSIONAL",
  why: long(990),
  status: "ACTIVE",
  aiSuggested: g === 1,
  milestones: [0, 1, 2, 3, 4, 5].map((i) =>
    milestone(i + g * 10, i === 0 ? { status: "DONE", completedOn: "2026-06-03" } : {}),
  ),
  done: 1,
  total: 6,
  achievedOn: null,
  lastRevision: { on: "2026-12-03", reason: long(990) },
});

const overview = (over: Partial<GoalsOverview> = {}): GoalsOverview => ({
  mentorshipId: "m1",
  role: "mentee",
  menteeName: "Mia <Santos>",
  partnerName: "Raj Patel",
  programName: "Residents 2026",
  running: true,
  today: "2026-06-01",
  active: [bigGoal(1), bigGoal(2), bigGoal(3)],
  achieved: Array.from({ length: 14 }, (_, i) => ({ ...bigGoal(i + 4), status: "ACHIEVED" as const })),
  dropped: 2,
  canAdd: false,
  ...over,
});

describe("goals modal", () => {
  it("three full goals for the mentee stay within a modal's limits, escaped", () => {
    const view = goalsModal(overview());
    expect(checkView(view)).toEqual([]);
    const text = visibleText(view.blocks);
    expect(text).not.toContain("<@U123>");
    expect(text).toContain("Recalibrated on 3 Dec: &lt;@U123&gt;");
    expect(text).toContain("1 of 6 milestones done");
    expect(text).toContain("…and 4 more");
    const labels = buttonsIn(view.blocks).map((b) => b.label);
    expect(labels.filter((l) => l === "Mark done")).toHaveLength(15);
    expect(labels.filter((l) => l === "Recalibrate")).toHaveLength(3);
    expect(labels).not.toContain("Add a goal");
  });

  it("the mentor marks done but doesn't recalibrate or add; an ended pair's goals are read-only", () => {
    const mentor = goalsModal(overview({ role: "mentor", canAdd: false }));
    expect(new Set(buttonsIn(mentor.blocks).map((b) => b.label))).toEqual(new Set(["Mark done"]));
    expect(visibleText(mentor.blocks)).toContain("Mia &lt;Santos&gt;'s goals");
    const ended = goalsModal(overview({ running: false }));
    expect(buttonsIn(ended.blocks)).toEqual([]);
    expect(visibleText(ended.blocks)).toContain("This mentorship has ended");
  });

  it("no goals yet: an invitation for the mentee, with Add a goal", () => {
    const view = goalsModal(overview({ active: [], achieved: [], dropped: 0, canAdd: true }));
    expect(visibleText(view.blocks)).toContain("You haven't set any goals yet");
    expect(buttonsIn(view.blocks).map((b) => [b.label, b.value])).toEqual([["Add a goal", "m1"]]);
    expect(checkView(view)).toEqual([]);
  });

  it("marks an overdue milestone and shows the year of a date in another year", () => {
    const goal = bigGoal(1);
    goal.milestones = [milestone(1, { title: "Late", targetDate: "2026-05-01", overdue: true })];
    goal.milestones.push(milestone(2, { title: "Next year", targetDate: "2027-02-01" }));
    const text = visibleText(goalsModal(overview({ active: [goal], achieved: [] })).blocks);
    expect(text).toContain("Late · by Fri 1 May · *overdue*");
    expect(text).toContain("Next year · by Mon 1 Feb 2027");
  });
});

describe("goal forms", () => {
  it("Add a goal: labelled inputs, milestone 1 required", () => {
    const view = goalModal(
      { mentorshipId: "m1", partnerName: "Raj", programName: "P", today: "2026-06-01", activeGoals: 0 },
      { mentorship: "m1" },
    );
    expect(checkView(view)).toEqual([]);
    const inputs = (
      view.blocks as Array<{ type: string; label?: { text: string }; optional?: boolean }>
    ).filter((b) => b.type === "input");
    expect(inputs.map((b) => [b.label?.text, b.optional])).toEqual([
      ["Goal", false],
      ["Kind of goal", undefined],
      ["Why it matters", true],
      ["Target date for the goal", true],
      ["Milestone 1", false],
      ["Target date for milestone 1", true],
      ["Milestone 2", true],
      ["Target date for milestone 2", true],
      ["Milestone 3", true],
      ["Target date for milestone 3", true],
    ]);
  });

  const form = {
    mentorshipId: "m1",
    partnerName: "Raj",
    programName: "P",
    today: "2026-06-01",
    activeGoals: 0,
  };

  it("Add a goal offers Suggest milestones, with a word on what it does", () => {
    const view = goalModal(form, { mentorship: "m1" });
    expect(buttonsIn(view.blocks).map((b) => b.label)).toEqual(["Suggest milestones"]);
    expect(visibleText(view.blocks)).toContain("drafts two or three from your goal");
  });

  it("after a suggestion: everything typed kept, the suggestions in fresh inputs, labelled, within limits", () => {
    const longest = "y".repeat(150);
    const meta = {
      mentorship: "m1",
      parent: "V123",
      round: 2,
      suggested: {
        by: "ai" as const,
        rows: [0, 1, 2].map((row) => ({ row, title: longest, date: "2026-07-01" })),
      },
    };
    const view = goalModal(
      form,
      meta,
      {
        title: "x".repeat(150),
        kind: "PERSONAL",
        why: "z".repeat(1000),
        targetDate: "2026-09-01",
        milestones: [0, 1, 2].map(() => ({ title: longest, targetDate: "2026-07-01" })),
      },
      { by: "ai" },
    );
    expect(checkView(view)).toEqual([]);
    expect(goalMetadataSchema.parse(JSON.parse(view.private_metadata ?? ""))).toEqual(meta);
    const shown = shownAnswers(view);
    expect(shown["Kind of goal"]).toBe("Personal growth");
    expect(shown["Target date for the goal"]).toBe("2026-09-01");
    expect(shown["Milestone 3"]).toBe(longest);
    expect(shown["Target date for milestone 3"]).toBe("2026-07-01");
    // New ids: Slack shows the new values instead of keeping what the inputs held.
    const ids = (view.blocks as Array<{ block_id?: string }>).map((b) => b.block_id);
    expect(ids).toContain(milestoneBlockIds(1, 2).title);
    expect(ids).not.toContain("milestone_1_title");
    expect(goalFormBlockOf("milestone_2_date", 2)).toBe(milestoneBlockIds(2, 2).date);
    expect(goalFormBlockOf("title", 2)).toBe("title");
    // The label sits above the milestones.
    const text = visibleText(view.blocks);
    expect(text).toContain(AI_LABEL);
    expect(text.indexOf(AI_LABEL)).toBeLessThan(text.indexOf("Milestone 1"));
  });

  it("Tandem's own suggestions say why there was no AI; a hint asks for the goal first", () => {
    const local = goalModal(
      form,
      { mentorship: "m1", round: 1 },
      { milestones: [] },
      {
        by: "local",
        reason: "the AI service took too long",
      },
    );
    expect(visibleText(local.blocks)).toContain(
      "Suggested by Tandem (no AI: the AI service took too long) — edit or clear any of them.",
    );
    const hint = goalModal(
      form,
      { mentorship: "m1" },
      { why: "because", milestones: [] },
      {
        hint: "Type your goal above first, then press Suggest milestones.",
      },
    );
    expect(visibleText(hint.blocks)).toContain("Type your goal above first");
    expect(shownAnswers(hint)["Why it matters"]).toBe("because");
  });

  it("a goal with AI-drafted milestones says so quietly in its detail line", () => {
    const text = visibleText(goalsModal(overview()).blocks);
    expect(text.match(/milestones drafted with AI/g)).toHaveLength(1);
  });

  it("Recalibrate: done milestones read-only, the others editable, a reason required", () => {
    const view = reviseModal(
      {
        goalId: "g1",
        mentorshipId: "m1",
        title: long(140),
        kind: "PROFESSIONAL",
        partnerName: "Raj",
        today: "2026-06-01",
        milestones: bigGoal(1).milestones,
        canAddMilestone: false,
      },
      { goal: "g1", mentorship: "m1", editable: ["ms11", "ms12"], canAdd: false },
    );
    expect(checkView(view)).toEqual([]);
    const labels = (view.blocks as Array<{ type: string; label?: { text: string } }>)
      .filter((b) => b.type === "input")
      .map((b) => b.label?.text);
    expect(labels).not.toContain("Milestone 1");
    expect(labels).toContain("Milestone 2 status");
    expect(labels).not.toContain("New milestone");
    expect(labels.slice(-2)).toEqual(["Drop the goal?", "Why the change?"]);
  });
});

describe("goal messages", () => {
  it("the reminder names the milestone, the goal and the date, with its two buttons", () => {
    const message = milestoneReminderMessage({
      milestoneId: "ms1",
      goalId: "g1",
      milestoneTitle: long(140),
      goalTitle: "Publish",
      targetDate: "2026-06-12",
      daysLeft: 3,
      partnerName: "Raj",
    });
    expect(checkBlocks(message.blocks, "message")).toEqual([]);
    expect(visibleText(message.blocks)).toContain("(goal: *Publish*) is due on Friday 12 June");
    expect(buttonsIn(message.blocks).map((b) => [b.label, b.value])).toEqual([
      ["Mark done", "ms1"],
      ["Recalibrate", "g1"],
    ]);
  });

  it("a goal achieved gets the bigger celebration", () => {
    const base = {
      mentorshipId: "m1",
      milestoneTitle: "Submit",
      goalTitle: "Publish",
      goalKind: "PROFESSIONAL" as const,
      menteeName: "Mia",
      mentorName: "Raj",
      done: 2,
      total: 2,
      doneTitles: ["Draft", "Submit"],
    };
    const small = celebrationMessage({ ...base, done: 1, goalAchieved: false });
    const big = celebrationMessage({ ...base, goalAchieved: true });
    for (const m of [small, big]) expect(checkBlocks(m.blocks, "message")).toEqual([]);
    expect(visibleText(small.blocks)).toContain("*Milestone reached!*");
    expect(visibleText(small.blocks)).toContain("1 of 2 milestones done");
    expect(visibleText(big.blocks)).toContain(":trophy: Goal achieved!");
    expect(visibleText(big.blocks)).toContain(":white_check_mark: Draft");
    expect(buttonsIn(big.blocks).map((b) => b.label)).toEqual(["See goals"]);
  });
});
