// Goals and milestones on a real database: who may do what, the limits and the form's checks,
// recalibration history, reminders in the mentee's own working hours (and reminders that turn
// into no-ops when their date moves), and the celebration and feedback invitations that follow
// a milestone done, once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { FieldError, NotFoundError, UserError } from "../../src/services/errors.ts";
import { goalFields, type NewGoalInput } from "../../src/services/goals.ts";
import type { Services } from "../../src/services/index.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";

const MENTOR = "U0BERTA"; // Berlin
const MENTEE = "U0LOU"; // Los Angeles
const OTHER = "U0OTTO";
const COORD = "U0CORA";

describe("goals and milestones", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let programId: string;
  let mentorId: string;
  let menteeId: string;
  let mentorshipId: string;
  // Monday 5 October 2026, 17:00 UTC: 10:00 in Los Angeles, 19:00 in Berlin.
  let clock = new Date("2026-10-05T17:00:00Z");
  const messenger = new RecordingMessenger();

  const goals = () => services.goals;
  const runAt = async (iso: string) => {
    clock = new Date(iso);
    await runner.runDue();
  };
  const jobs = (kind: string) =>
    prisma.scheduledJob.findMany({ where: { kind }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }] });
  const goal = (over: Partial<NewGoalInput> = {}): NewGoalInput => ({
    title: "Win my first grant",
    kind: "PROFESSIONAL",
    why: "Independence",
    milestones: [{ title: "Draft the aims page", targetDate: "2026-10-20" }],
    ...over,
  });
  const fieldOf = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FieldError);
    return { field: (error as FieldError).field, message: (error as FieldError).message };
  };
  const remindersTo = (slackId: string) =>
    messenger.sent.filter((s) => s.to === slackId && s.message.text.startsWith("Milestone reminder"));

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services, runner } = testStack(prisma, { messenger, now: () => clock }));
    workspaceId = (await services.workspaces.ensure("T_GOALS")).id;
    programId = (await prisma.program.create({ data: { workspaceId, name: "Residents" } })).id;
    const member = (slackUserId: string, tz: string, realName: string, extra = {}) =>
      prisma.member.create({ data: { workspaceId, slackUserId, tz, realName, joinedAt: clock, ...extra } });
    mentorId = (await member(MENTOR, "Europe/Berlin", "Berta Berlin")).id;
    menteeId = (await member(MENTEE, "America/Los_Angeles", "Lou Angeles")).id;
    await member(OTHER, "UTC", "Otto Other");
    await member(COORD, "UTC", "Cora Ordinator", { isAdmin: true });
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    clock = new Date("2026-10-05T17:00:00Z");
    messenger.sent = [];
    messenger.groups = [];
    await prisma.goal.deleteMany();
    await prisma.mentorship.deleteMany();
    await prisma.scheduledJob.deleteMany();
    await prisma.delivery.deleteMany();
    mentorshipId = (
      await prisma.mentorship.create({
        data: { programId, mentorId, menteeId, status: "ACTIVE", origin: "COORDINATOR", startedAt: clock },
      })
    ).id;
  });

  it("the mentee keeps at most three active goals; the mentor can't add one", async () => {
    for (const title of ["One", "Two", "Three"]) {
      await goals().addGoal(workspaceId, MENTEE, mentorshipId, goal({ title }));
    }
    expect(await fieldOf(goals().addGoal(workspaceId, MENTEE, mentorshipId, goal()))).toEqual({
      field: goalFields.title,
      message: expect.stringContaining("already have 3 active goals with Berta Berlin"),
    });
    await expect(goals().goalForm(workspaceId, MENTEE, mentorshipId)).rejects.toThrow(/already have 3/);
    await expect(goals().addGoal(workspaceId, MENTOR, mentorshipId, goal())).rejects.toThrow(
      /Goals belong to Lou Angeles/,
    );
    const overview = await goals().overview(workspaceId, MENTOR, mentorshipId);
    expect(overview.active.map((g) => g.title)).toEqual(["One", "Two", "Three"]);
    expect(overview.canAdd).toBe(false);
    // Dropping one makes room again.
    await goals().revise(workspaceId, MENTEE, overview.active[1]?.id ?? "", {
      title: "Two",
      milestones: [],
      drop: true,
      reason: "Not the right year for it",
    });
    expect((await goals().overview(workspaceId, MENTEE, mentorshipId)).canAdd).toBe(true);
  });

  it("checks the form: title, kind, milestones, dates", async () => {
    const add = (input: NewGoalInput) => fieldOf(goals().addGoal(workspaceId, MENTEE, mentorshipId, input));
    expect((await add(goal({ title: "  " }))).field).toBe(goalFields.title);
    expect((await add(goal({ kind: "SPIRITUAL" }))).field).toBe(goalFields.kind);
    expect(await add(goal({ milestones: [{}, {}, {}] }))).toEqual({
      field: goalFields.milestoneTitle(1),
      message: expect.stringContaining("at least one milestone"),
    });
    // Today in Los Angeles is 5 October: the 4th is in the past there.
    expect(await add(goal({ milestones: [{ title: "A", targetDate: "2026-10-04" }] }))).toEqual({
      field: goalFields.milestoneDate(1),
      message: expect.stringContaining("in the past"),
    });
    expect(
      (await add(goal({ milestones: [{ title: "A" }, { title: "B", targetDate: "2032-01-01" }] }))).field,
    ).toBe(goalFields.milestoneDate(2));
    expect(
      await add(goal({ milestones: [{ title: "A" }, { targetDate: "2026-11-01" }, { title: "C" }] })),
    ).toEqual({ field: goalFields.milestoneTitle(2), message: expect.stringContaining("Give milestone 2") });
    // Today is fine, and rows may skip a blank one.
    await goals().addGoal(
      workspaceId,
      MENTEE,
      mentorshipId,
      goal({ milestones: [{ title: "A", targetDate: "2026-10-05" }, {}, { title: "C" }] }),
    );
    const [saved] = (await goals().overview(workspaceId, MENTEE, mentorshipId)).active;
    expect(saved?.milestones.map((m) => [m.title, m.targetDate])).toEqual([
      ["A", "2026-10-05"],
      ["C", null],
    ]);
  });

  it("only the two people of the pair see or touch its goals", async () => {
    const { goalId } = await goals().addGoal(workspaceId, MENTEE, mentorshipId, goal());
    const milestone = await prisma.milestone.findFirstOrThrow({ where: { goalId } });
    for (const who of [OTHER, COORD]) {
      await expect(goals().overview(workspaceId, who, mentorshipId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(goals().markDone(workspaceId, who, milestone.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(goals().revisionForm(workspaceId, who, goalId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(goals().addGoal(workspaceId, who, mentorshipId, goal())).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }
    await expect(goals().markDone(workspaceId, MENTEE, "not-a-milestone")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(goals().revisionForm(workspaceId, MENTOR, goalId)).rejects.toBeInstanceOf(UserError);
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).status).toBe("OPEN");
  });

  it("reminds the mentee three days before, at 9:00 in Los Angeles on a working day", async () => {
    // Tuesday 20 October: three days before is Saturday 17, so Monday 19 at 9:00 PDT (16:00 UTC).
    await goals().addGoal(workspaceId, MENTEE, mentorshipId, goal());
    const [job] = await jobs("milestone_due");
    const milestone = await prisma.milestone.findFirstOrThrow();
    expect(job).toMatchObject({
      idempotencyKey: `milestone_due:${mentorshipId}:${milestone.id}:2026-10-20`,
      payload: { mentorshipId, milestoneId: milestone.id, targetDate: "2026-10-20" },
    });
    expect(job?.dueAt.toISOString()).toBe("2026-10-19T16:00:00.000Z");
    await runAt("2026-10-19T15:59:00Z");
    expect(remindersTo(MENTEE)).toHaveLength(0);
    await runAt("2026-10-19T16:00:05Z");
    const [reminder] = remindersTo(MENTEE);
    expect(reminder?.message.text).toBe(
      "Milestone reminder: Draft the aims page (goal: Win my first grant) is due tomorrow, Tuesday 20 October.",
    );
    expect(messenger.sent.filter((s) => s.to === MENTOR)).toHaveLength(0);
  });

  it("a milestone due sooner than three days is reminded at once, within working hours", async () => {
    // Saturday 10 October, 20:00 UTC (13:00 in LA, but a weekend): Monday 9:00 PDT.
    clock = new Date("2026-10-10T20:00:00Z");
    await goals().addGoal(
      workspaceId,
      MENTEE,
      mentorshipId,
      goal({ milestones: [{ title: "Send it", targetDate: "2026-10-12" }] }),
    );
    const [job] = await jobs("milestone_due");
    expect(job?.dueAt.toISOString()).toBe("2026-10-12T16:00:00.000Z");
    await runAt("2026-10-12T16:00:05Z");
    expect(remindersTo(MENTEE)[0]?.message.text).toContain("is due today, Monday 12 October");
  });

  it("recalibrating keeps the history; a moved date's old reminder does nothing and a new one is planned", async () => {
    const { goalId } = await goals().addGoal(
      workspaceId,
      MENTEE,
      mentorshipId,
      goal({
        milestones: [
          { title: "Draft the aims page", targetDate: "2026-10-20" },
          { title: "Get feedback", targetDate: "2026-11-02" },
        ],
      }),
    );
    const [aims, feedback] = await prisma.milestone.findMany({
      where: { goalId },
      orderBy: { position: "asc" },
    });
    if (!aims || !feedback) throw new Error("milestones missing");
    const revise = (input: Parameters<Services["goals"]["revise"]>[3]) =>
      goals().revise(workspaceId, MENTEE, goalId, input);
    const unchanged = {
      title: "Win my first grant",
      milestones: [
        { id: aims.id, title: "Draft the aims page", targetDate: "2026-10-20", status: "OPEN" as const },
        { id: feedback.id, title: "Get feedback", targetDate: "2026-11-02", status: "OPEN" as const },
      ],
      drop: false,
    };
    expect((await fieldOf(revise({ ...unchanged, reason: "" }))).field).toBe(goalFields.reason);
    expect(await fieldOf(revise({ ...unchanged, reason: "Just because" }))).toEqual({
      field: goalFields.reason,
      message: expect.stringContaining("Nothing has changed"),
    });
    expect(
      (
        await fieldOf(
          revise({
            ...unchanged,
            milestones: [{ ...unchanged.milestones[0], targetDate: "2026-10-01" } as never],
            reason: "Earlier",
          }),
        )
      ).field,
    ).toBe(goalFields.existingDate(aims.id));
    expect(
      (
        await fieldOf(
          revise({
            ...unchanged,
            milestones: unchanged.milestones.map((m) => ({ ...m, status: "SKIPPED" as const })),
            reason: "Everything skipped",
          }),
        )
      ).field,
    ).toBe(goalFields.drop);
    await expect(
      goals().revise(workspaceId, MENTOR, goalId, { ...unchanged, reason: "Mentor says" }),
    ).rejects.toThrow(/only they can recalibrate/);

    clock = new Date("2026-10-07T17:00:00Z");
    await revise({
      title: "Win the K99 grant",
      milestones: [
        { id: aims.id, title: "Draft the aims page", targetDate: "2026-11-10", status: "OPEN" },
        { id: feedback.id, title: "Get feedback", targetDate: "2026-11-02", status: "SKIPPED" },
      ],
      added: { title: "Ask two readers", targetDate: "2026-11-20" },
      drop: false,
      reason: "The call moved to December",
    });
    const revisions = await prisma.goalRevision.findMany({ where: { goalId } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({
      authorId: menteeId,
      reason: "The call moved to December",
      before: {
        title: "Win my first grant",
        milestones: [
          { id: aims.id, targetDate: "2026-10-20", status: "OPEN" },
          { id: feedback.id, status: "OPEN" },
        ],
      },
      after: {
        title: "Win the K99 grant",
        milestones: [
          { id: aims.id, targetDate: "2026-11-10", status: "OPEN" },
          { id: feedback.id, status: "SKIPPED" },
        ],
        added: { title: "Ask two readers", targetDate: "2026-11-20" },
      },
    });
    const overview = await goals().overview(workspaceId, MENTOR, mentorshipId);
    expect(overview.active[0]).toMatchObject({
      title: "Win the K99 grant",
      done: 0,
      total: 2,
      lastRevision: { on: "2026-10-07", reason: "The call moved to December" },
    });
    expect(overview.active[0]?.milestones.map((m) => [m.title, m.status])).toEqual([
      ["Draft the aims page", "OPEN"],
      ["Get feedback", "SKIPPED"],
      ["Ask two readers", "OPEN"],
    ]);
    const keys = (await jobs("milestone_due")).map((j) => j.idempotencyKey.split(":").slice(3).join(":"));
    expect(keys.sort()).toEqual(["2026-10-20", "2026-11-02", "2026-11-10", "2026-11-20"]);

    // The old reminders come due and do nothing; the new date's reminder goes out.
    await runAt("2026-10-19T16:00:05Z");
    await runAt("2026-10-30T16:00:05Z");
    expect(remindersTo(MENTEE)).toHaveLength(0);
    const old = (await jobs("milestone_due")).filter((j) => j.status === "CANCELLED");
    expect(old.map((j) => j.cancelReason).sort()).toEqual([
      "the milestone is skipped",
      "the milestone's date changed",
    ]);
    await runAt("2026-11-09T17:00:05Z"); // Saturday 7 Nov was three days before: Monday 9 Nov, 9:00 PST
    expect(remindersTo(MENTEE).map((s) => s.message.text)).toEqual([
      expect.stringContaining("Draft the aims page (goal: Win the K99 grant) is due tomorrow"),
    ]);
  });

  it("marking a milestone done celebrates in the group DM and invites feedback, once", async () => {
    const { goalId } = await goals().addGoal(
      workspaceId,
      MENTEE,
      mentorshipId,
      goal({ milestones: [{ title: "Draft the aims page" }, { title: "Submit" }] }),
    );
    const [aims, submit] = await prisma.milestone.findMany({
      where: { goalId },
      orderBy: { position: "asc" },
    });
    if (!aims || !submit) throw new Error("milestones missing");
    const first = await goals().markDone(workspaceId, MENTOR, aims.id);
    expect(first).toMatchObject({ already: false, goalAchieved: false, done: 1, total: 2 });
    const again = await goals().markDone(workspaceId, MENTEE, aims.id);
    expect(again).toMatchObject({ already: true });
    expect(await jobs("milestone_done")).toHaveLength(1);
    const feedback = await jobs("feedback_request");
    expect(feedback.map((j) => j.idempotencyKey).sort()).toEqual(
      [menteeId, mentorId].map((id) => `feedback_request:${mentorshipId}:milestone:${aims.id}:${id}`).sort(),
    );
    // An hour after 10:00 in LA is 11:00; in Berlin it is 20:00, so the mentor's waits for 9:00.
    const due = Object.fromEntries(
      feedback.map((j) => [(j.payload as { memberId: string }).memberId, j.dueAt.toISOString()]),
    );
    expect(due).toEqual({ [menteeId]: "2026-10-05T18:00:00.000Z", [mentorId]: "2026-10-06T07:00:00.000Z" });
    expect(feedback[0]?.payload).toMatchObject({ mentorshipId, context: "MILESTONE", milestoneId: aims.id });

    await runAt("2026-10-05T17:00:10Z");
    expect(messenger.groups).toHaveLength(1);
    expect(messenger.groups[0]?.to).toEqual([MENTOR, MENTEE]);
    expect(messenger.groups[0]?.message.text).toBe(
      "Milestone reached: Lou Angeles completed “Draft the aims page” (Win my first grant).",
    );
    await goals().markDone(workspaceId, MENTOR, aims.id);
    await runAt("2026-10-05T17:00:20Z");
    expect(messenger.groups).toHaveLength(1);
  });

  it("the last milestone achieves the goal, with the bigger celebration", async () => {
    const { goalId } = await goals().addGoal(
      workspaceId,
      MENTEE,
      mentorshipId,
      goal({ milestones: [{ title: "Draft" }, { title: "Submit" }, { title: "Maybe later" }] }),
    );
    const [draft, submit, later] = await prisma.milestone.findMany({
      where: { goalId },
      orderBy: { position: "asc" },
    });
    if (!draft || !submit || !later) throw new Error("milestones missing");
    await goals().markDone(workspaceId, MENTEE, draft.id);
    clock = new Date("2026-10-05T17:05:00Z");
    await goals().revise(workspaceId, MENTEE, goalId, {
      title: "Win my first grant",
      milestones: [
        { id: submit.id, title: "Submit", status: "OPEN" },
        { id: later.id, title: "Maybe later", status: "SKIPPED" },
      ],
      drop: false,
      reason: "The third step isn't needed",
    });
    await expect(goals().markDone(workspaceId, MENTEE, later.id)).rejects.toThrow(/was skipped/);
    clock = new Date("2026-10-05T17:10:00Z");
    const last = await goals().markDone(workspaceId, MENTEE, submit.id);
    expect(last).toMatchObject({ goalAchieved: true, done: 2, total: 2 });
    const saved = await prisma.goal.findUniqueOrThrow({ where: { id: goalId } });
    expect(saved.status).toBe("ACHIEVED");
    expect(saved.achievedAt?.toISOString()).toBe("2026-10-05T17:10:00.000Z");
    await runAt("2026-10-05T17:10:05Z");
    const texts = messenger.groups.map((g) => g.message.text);
    expect(texts).toEqual([
      expect.stringMatching(/^Milestone reached: Lou Angeles completed “Draft”/),
      "Goal achieved! Lou Angeles achieved “Win my first grant”.",
    ]);
    const overview = await goals().overview(workspaceId, MENTEE, mentorshipId);
    expect(overview.active).toHaveLength(0);
    expect(overview.achieved.map((g) => [g.title, g.achievedOn])).toEqual([
      ["Win my first grant", "2026-10-05"],
    ]);
    await expect(goals().revisionForm(workspaceId, MENTEE, goalId)).rejects.toThrow(/already achieved/);
  });

  it("a paused pair's reminder waits for the pause to end; a done milestone's is dropped", async () => {
    await goals().addGoal(
      workspaceId,
      MENTEE,
      mentorshipId,
      goal({
        milestones: [
          { title: "Draft", targetDate: "2026-10-20" },
          { title: "Submit", targetDate: "2026-10-21" },
        ],
      }),
    );
    const [, submit] = await prisma.milestone.findMany({ orderBy: { position: "asc" } });
    await goals().markDone(workspaceId, MENTEE, submit?.id ?? "");
    await prisma.mentorship.update({
      where: { id: mentorshipId },
      data: { status: "PAUSED", pausedUntil: new Date("2026-10-26T00:00:00Z") },
    });
    await runAt("2026-10-19T16:00:05Z");
    await runAt("2026-10-20T16:00:05Z");
    expect(remindersTo(MENTEE)).toHaveLength(0);
    const reminders = await jobs("milestone_due");
    const byDate = Object.fromEntries(
      reminders.map((j) => [(j.payload as { targetDate: string }).targetDate, j]),
    );
    expect(byDate["2026-10-21"]).toMatchObject({
      status: "CANCELLED",
      cancelReason: "the milestone is done",
    });
    // Deferred to the end of the pause: Monday 26 October, 9:00 in LA (PDT until 1 November).
    expect(byDate["2026-10-20"]?.status).toBe("PENDING");
    expect(byDate["2026-10-20"]?.dueAt.toISOString()).toBe("2026-10-26T16:00:00.000Z");
    await prisma.mentorship.update({
      where: { id: mentorshipId },
      data: { status: "ACTIVE", pausedUntil: null },
    });
    await runAt("2026-10-26T16:00:05Z");
    expect(remindersTo(MENTEE).map((s) => s.message.text)).toEqual([
      expect.stringContaining("Draft (goal: Win my first grant) was due on Tuesday 20 October"),
    ]);
  });
});
