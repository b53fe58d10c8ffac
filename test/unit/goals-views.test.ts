// Goal views are pure: what each person reads and may click, within Slack's limits for the
// largest goals allowed (three goals of six milestones, long titles and reasons).
import { describe, expect, it } from "vitest";
import type { GoalsOverview, GoalView, MilestoneView } from "../../src/services/goals.ts";
import {
  celebrationMessage,
  goalModal,
  goalsModal,
  milestoneReminderMessage,
  reviseModal,
} from "../../src/slack/views/goals.ts";
import { checkBlocks, checkView } from "../support/block-kit.ts";
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
      ["Milestone 1", false],
      ["Target date for milestone 1", true],
      ["Milestone 2", true],
      ["Target date for milestone 2", true],
      ["Milestone 3", true],
      ["Target date for milestone 3", true],
    ]);
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
