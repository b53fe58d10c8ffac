// Feedback both ways on a real database: requests after a session or a milestone in each person's
// working hours (skipped once answered or once the pair ended), one answer per person per session
// or milestone, and privacy: unshared feedback never reaches the partner, shared feedback sends
// exactly one DM.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { NotFoundError, UserError } from "../../src/services/errors.ts";
import type { Services } from "../../src/services/index.ts";
import { enqueue } from "../../src/services/outbox.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";
import { visibleText } from "../support/tandem.ts";

const MENTOR = "U0MADRID";
const MENTEE = "U0TOKYO";
const OTHER = "U0OTHER";

describe("feedback both ways", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let programId: string;
  let mentorId: string;
  let menteeId: string;
  let mentorshipId: string;
  let sessionId: string;
  // Tuesday 3 March 2026, 10:00 UTC: 11:00 in Madrid, 19:00 in Tokyo.
  let clock = new Date("2026-03-03T10:00:00Z");
  const messenger = new RecordingMessenger();

  const runAt = async (iso: string) => {
    clock = new Date(iso);
    await runner.runDue();
  };
  const request = (memberId: string, extra: Record<string, string> = {}) =>
    enqueue(
      prisma,
      {
        workspaceId,
        programId,
        kind: "feedback_request",
        key: `feedback_request:${mentorshipId}:${extra.sessionId ?? extra.milestoneId}:${memberId}`,
        payload: {
          mentorshipId,
          memberId,
          context: extra.milestoneId ? "MILESTONE" : "SESSION",
          ...extra,
        },
      },
      clock,
    );
  const give = (slackId: string, input: Record<string, unknown>) =>
    services.feedback.give(workspaceId, slackId, {
      mentorshipId,
      context: "SESSION",
      sessionId,
      rating: 3,
      share: false,
      ...input,
    });
  const requestsTo = (slackId: string) =>
    messenger.sent.filter(
      (s) => s.to === slackId && /How was your session|Milestone reached/.test(s.message.text),
    );
  const sharedTo = (slackId: string) =>
    messenger.sent.filter((s) => s.to === slackId && s.message.text.includes("shared feedback"));

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services, runner } = testStack(prisma, { messenger, now: () => clock }));
    workspaceId = (await services.workspaces.ensure("T_FEEDBACK")).id;
    programId = (await prisma.program.create({ data: { workspaceId, name: "Engineers" } })).id;
    const member = (slackUserId: string, tz: string, realName: string) =>
      prisma.member.create({ data: { workspaceId, slackUserId, tz, realName, joinedAt: clock } });
    mentorId = (await member(MENTOR, "Europe/Madrid", "Marta Madrid")).id;
    menteeId = (await member(MENTEE, "Asia/Tokyo", "Taro Tokyo")).id;
    await member(OTHER, "Europe/Madrid", "Olga Other");
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    messenger.sent = [];
    await prisma.mentorship.deleteMany();
    await prisma.scheduledJob.deleteMany();
    clock = new Date("2026-03-03T10:00:00Z");
    mentorshipId = (
      await prisma.mentorship.create({
        data: {
          programId,
          mentorId,
          menteeId,
          status: "ACTIVE",
          origin: "COORDINATOR",
          startedAt: new Date("2026-02-02T09:00:00Z"),
        },
      })
    ).id;
    sessionId = (
      await prisma.mentoringSession.create({
        data: { mentorshipId, heldOn: new Date("2026-03-02T00:00:00Z"), durationMinutes: 45 },
      })
    ).id;
  });

  it("asks each person after a session, in their own working hours", async () => {
    await request(mentorId, { sessionId });
    await request(menteeId, { sessionId });
    await runAt("2026-03-03T10:00:05Z");
    const marta = requestsTo(MENTOR);
    expect(marta.map((s) => s.message.text)).toEqual([
      "How was your session with Taro Tokyo on Monday 2 March?",
    ]);
    const text = visibleText(marta[0]?.message.blocks);
    expect(text).toContain("Give feedback");
    expect(text).toContain("Only your program's coordinators see feedback, unless you choose to share it.");
    // 19:00 in Tokyo: Taro's waits for 9:00 there (00:00 UTC).
    expect(requestsTo(MENTEE)).toHaveLength(0);
    const waiting = await prisma.scheduledJob.findFirstOrThrow({
      where: { kind: "feedback_request", status: "PENDING" },
    });
    expect(waiting.dueAt.toISOString()).toBe("2026-03-04T00:00:00.000Z");
    await runAt("2026-03-04T00:00:05Z");
    expect(requestsTo(MENTEE)).toHaveLength(1);
  });

  it("skips a request once it was answered, or once the pair ended", async () => {
    await give(MENTOR, { rating: 4 });
    await request(mentorId, { sessionId });
    await runAt("2026-03-03T10:00:05Z");
    expect(requestsTo(MENTOR)).toHaveLength(0);
    const skipped = await prisma.scheduledJob.findFirstOrThrow({ where: { kind: "feedback_request" } });
    expect(skipped).toMatchObject({ status: "CANCELLED", cancelReason: "already gave this feedback" });

    await prisma.mentorship.update({ where: { id: mentorshipId }, data: { status: "COMPLETED" } });
    await request(menteeId, { sessionId });
    await runAt("2026-03-04T00:00:05Z");
    expect(requestsTo(MENTEE)).toHaveLength(0);
    await expect(give(MENTEE, {})).rejects.toThrow("has ended");
  });

  it("keeps one answer per person per session: a second answer updates the first", async () => {
    const first = await give(MENTOR, { rating: 2, comment: "Ran out of time" });
    expect(first).toMatchObject({ updated: false, shared: false, partnerTold: false });
    const second = await give(MENTOR, { rating: 4, comment: "  Really useful in the end  " });
    expect(second).toMatchObject({ updated: true });
    await give(MENTEE, { rating: 3 });
    const rows = await prisma.feedback.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((f) => [f.authorId, f.subjectId, f.context, f.sessionId, f.rating, f.comment])).toEqual([
      [mentorId, menteeId, "SESSION", sessionId, 4, "Really useful in the end"],
      [menteeId, mentorId, "SESSION", sessionId, 3, null],
    ]);
    await expect(give(MENTOR, { rating: 7 })).rejects.toMatchObject({ field: "rating" });
  });

  it("one answer per person per milestone, even for two milestones of one goal done at once", async () => {
    const goal = await prisma.goal.create({
      data: { ownerId: menteeId, mentorshipId, title: "Ship a service" },
    });
    // Both ticked off in the same instant: only the milestone tells their feedback apart.
    const doneAt = new Date("2026-03-02T10:00:00Z");
    const [design, launch] = await Promise.all(
      ["Write the design doc", "Launch to staging"].map((title, position) =>
        prisma.milestone.create({
          data: { goalId: goal.id, title, position, status: "DONE", completedAt: doneAt },
        }),
      ),
    );
    const designId = design?.id ?? "";
    const launchId = launch?.id ?? "";
    const about = (milestoneId: string) => ({ context: "MILESTONE", sessionId: undefined, milestoneId });
    await give(MENTEE, { ...about(designId), rating: 4 });
    expect(await give(MENTEE, { ...about(launchId), rating: 2 })).toMatchObject({ updated: false });
    clock = new Date("2026-03-03T11:00:00Z");
    expect(await give(MENTEE, { ...about(launchId), rating: 3 })).toMatchObject({ updated: true });
    expect(await give(MENTOR, { ...about(launchId), rating: 4 })).toMatchObject({ updated: false });
    const rows = await prisma.feedback.findMany({
      where: { context: "MILESTONE" },
      orderBy: [{ authorId: "asc" }, { rating: "desc" }],
    });
    const byAuthor = (id: string) => rows.filter((f) => f.authorId === id);
    // Each row names its milestone and is dated when it was first given, not at the milestone.
    expect(
      byAuthor(menteeId).map((f) => [f.milestoneId, f.goalId, f.rating, f.createdAt.toISOString()]),
    ).toEqual([
      [designId, goal.id, 4, "2026-03-03T10:00:00.000Z"],
      [launchId, goal.id, 3, "2026-03-03T10:00:00.000Z"],
    ]);
    expect(byAuthor(mentorId).map((f) => [f.milestoneId, f.rating, f.createdAt.toISOString()])).toEqual([
      [launchId, 4, "2026-03-03T11:00:00.000Z"],
    ]);
    const form = await services.feedback.form(workspaceId, MENTEE, {
      mentorshipId,
      context: "MILESTONE",
      milestoneId: launchId,
    });
    expect(form).toMatchObject({ occasion: "Launch to staging", current: { rating: 3 } });
    // The request is skipped once answered.
    await request(menteeId, { milestoneId: launchId });
    await runAt("2026-03-04T00:00:05Z");
    expect(requestsTo(MENTEE)).toHaveLength(0);
    // A deleted milestone's feedback is kept, no longer tied to it.
    await prisma.milestone.delete({ where: { id: designId } });
    const kept = await prisma.feedback.findFirstOrThrow({ where: { authorId: menteeId, rating: 4 } });
    expect(kept).toMatchObject({ context: "MILESTONE", milestoneId: null, goalId: goal.id });
  });

  it("unshared feedback never reaches the partner, through any surface", async () => {
    await give(MENTEE, { rating: 1, comment: "Marta kept checking her phone" });
    await runAt("2026-03-03T10:00:05Z");
    expect(messenger.sent.filter((s) => s.to === MENTOR)).toHaveLength(0);
    expect(await prisma.scheduledJob.count({ where: { kind: "dm" } })).toBe(0);
    const marta = await services.feedback.visibleTo(workspaceId, MENTOR);
    expect(marta).toEqual([]);
    const taro = await services.feedback.visibleTo(workspaceId, MENTEE);
    expect(taro).toMatchObject([{ direction: "given", otherName: "Marta Madrid", rating: 1 }]);
    // Coordinators get numbers, never the comment.
    const summary = await services.feedback.programSummary(programId);
    expect(summary).toMatchObject({
      responses: 1,
      average: 1,
      byRating: { 1: 1, 2: 0, 3: 0, 4: 0 },
      pairsRatedLow: 1,
    });
    expect(JSON.stringify(summary)).not.toContain("phone");
  });

  it("shared feedback sends the partner exactly one DM", async () => {
    const shared = await give(MENTOR, {
      rating: 4,
      comment: "Great questions about the rollout",
      share: true,
    });
    expect(shared).toMatchObject({ shared: true, partnerTold: true });
    // Saving again (still shared) doesn't send it twice.
    const again = await give(MENTOR, {
      rating: 4,
      comment: "Great questions about the rollout!",
      share: true,
    });
    expect(again).toMatchObject({ updated: true, partnerTold: false });
    await runAt("2026-03-03T10:00:05Z");
    const dms = sharedTo(MENTEE);
    expect(dms).toHaveLength(1);
    const text = visibleText(dms[0]?.message.blocks);
    expect(text).toContain(
      "*Marta Madrid* shared feedback with you after your session on Monday 2 March: *Very helpful*",
    );
    expect(text).toContain("Great questions about the rollout");
    expect(await services.feedback.visibleTo(workspaceId, MENTEE)).toMatchObject([
      { direction: "received", otherName: "Marta Madrid", rating: 4, sharedWithPartner: true },
    ]);
    // Marta's unshared feedback about another session stays hidden from Taro.
    const other = await prisma.mentoringSession.create({
      data: { mentorshipId, heldOn: new Date("2026-03-03T00:00:00Z") },
    });
    await give(MENTOR, { sessionId: other.id, rating: 2, share: false });
    expect(await services.feedback.visibleTo(workspaceId, MENTEE)).toHaveLength(1);
    await runAt("2026-03-04T10:00:05Z");
    expect(sharedTo(MENTEE)).toHaveLength(1);
  });

  it("refuses a third person, another pair's session, and sessions that aren't held", async () => {
    await expect(give(OTHER, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      services.feedback.form(workspaceId, OTHER, { mentorshipId, context: "SESSION", sessionId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const elsewhere = await prisma.mentorship.create({
      data: { programId, mentorId, menteeId, status: "COMPLETED", origin: "COORDINATOR" },
    });
    const foreign = await prisma.mentoringSession.create({
      data: { mentorshipId: elsewhere.id, heldOn: new Date("2026-03-01T00:00:00Z") },
    });
    await expect(give(MENTOR, { sessionId: foreign.id })).rejects.toBeInstanceOf(UserError);
    await prisma.mentoringSession.update({ where: { id: sessionId }, data: { status: "CANCELLED" } });
    await expect(give(MENTOR, {})).rejects.toThrow("no longer in your log");
    expect(await prisma.feedback.count()).toBe(0);
  });

  it("a pulse request is skipped when the person gave feedback in the last week", async () => {
    await give(MENTEE, { context: "PULSE", sessionId: undefined, rating: 3 });
    // A pulse given twice within a day is one answer, updated.
    clock = new Date("2026-03-03T11:00:00Z");
    await give(MENTEE, { context: "PULSE", sessionId: undefined, rating: 4 });
    expect(await prisma.feedback.count({ where: { context: "PULSE" } })).toBe(1);
    for (const memberId of [mentorId, menteeId]) {
      await enqueue(
        prisma,
        {
          workspaceId,
          programId,
          kind: "feedback_request",
          key: `feedback_request:${mentorshipId}:pulse:1:${memberId}`,
          payload: { mentorshipId, memberId, context: "PULSE" } as never,
        },
        clock,
      );
    }
    await runAt("2026-03-04T00:00:05Z");
    await runAt("2026-03-04T10:00:05Z");
    const pulses = messenger.sent.filter((s) => s.message.text.includes("How is your mentorship"));
    expect(pulses.map((s) => s.to)).toEqual([MENTOR]);
  });
});
