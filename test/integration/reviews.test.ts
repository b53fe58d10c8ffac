// Periodic reviews on a real database: planned every N weeks from the start (with a pulse
// half-way), invitations in each person's working hours, stale and paused rounds, the summary of
// the record, and what each decision does, closing well included.
import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import { scheduleCheckins } from "../../src/services/checkins.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { NotFoundError } from "../../src/services/errors.ts";
import type { Services } from "../../src/services/index.ts";
import { enqueue } from "../../src/services/outbox.ts";
import { scheduleReviews } from "../../src/services/reviews.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";
import { visibleText } from "../support/tandem.ts";

const MENTOR = "U0BERLIN";
const MENTEE = "U0LA";
const OTHER = "U0OTHER";
const COORD = "U0COORD";

describe("periodic reviews", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let programId: string;
  let mentorId: string;
  let menteeId: string;
  // Monday 5 October 2026, 08:00 UTC: 10:00 in Berlin, 01:00 in Los Angeles.
  const START = new Date("2026-10-05T08:00:00Z");
  let clock = START;
  const messenger = new RecordingMessenger();

  const startPair = async (startedAt = START) => {
    clock = startedAt;
    const m = await prisma.mentorship.create({
      data: { programId, mentorId, menteeId, status: "ACTIVE", origin: "COORDINATOR", startedAt },
    });
    await prisma.$transaction(async (tx) => {
      await scheduleCheckins(tx, m.id, startedAt);
      await scheduleReviews(tx, m.id, startedAt);
    });
    return m.id;
  };
  const runAt = async (iso: string) => {
    clock = new Date(iso);
    await runner.runDue();
  };
  const jobs = (kind: string, status?: "PENDING" | "CANCELLED" | "DONE") =>
    prisma.scheduledJob.findMany({
      where: { kind, ...(status ? { status } : {}) },
      orderBy: { dueAt: "asc" },
    });
  const mentorship = (id: string) => prisma.mentorship.findUniqueOrThrow({ where: { id } });
  const sentTo = (slackId: string, text: string) =>
    messenger.sent.filter((s) => s.to === slackId && s.message.text.includes(text));
  const blocksOf = (slackId: string, text: string) => sentTo(slackId, text).at(-1)?.message.blocks;
  const answer = (slackId: string, id: string, decision: string, extra: Record<string, string> = {}) =>
    services.reviews.answer(workspaceId, slackId, { mentorshipId: id, cycle: 1, decision, ...extra });
  /** Runs the first review for both people (Berlin at 08:00 UTC, Los Angeles at 17:00 UTC). */
  const firstReview = async () => {
    await runAt("2026-12-28T08:00:00Z");
    await runAt("2026-12-28T17:00:05Z");
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services, runner } = testStack(prisma, { messenger, now: () => clock }));
    workspaceId = (await services.workspaces.ensure("T_REVIEWS")).id;
    programId = (await prisma.program.create({ data: { workspaceId, name: "Residents" } })).id;
    const member = (slackUserId: string, tz: string, realName: string, extra = {}) =>
      prisma.member.create({ data: { workspaceId, slackUserId, tz, realName, joinedAt: clock, ...extra } });
    mentorId = (await member(MENTOR, "Europe/Berlin", "Berta Berlin", { role: "MENTOR" })).id;
    menteeId = (await member(MENTEE, "America/Los_Angeles", "Lou Angeles", { role: "MENTEE" })).id;
    await member(OTHER, "Europe/Berlin", "Otto Other");
    await member(COORD, "Europe/Berlin", "Cora Ordinator", { isAdmin: true });
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    messenger.sent = [];
    messenger.groups = [];
    await prisma.mentorship.deleteMany();
    await prisma.journalEntry.deleteMany();
    await prisma.scheduledJob.deleteMany();
    await prisma.delivery.deleteMany();
    await prisma.program.update({ where: { id: programId }, data: { reviewEveryWeeks: 12 } });
  });

  it("plans the first review N weeks after the start, with a pulse half-way in each person's hours", async () => {
    const id = await startPair();
    expect((await mentorship(id)).nextReviewAt?.toISOString()).toBe("2026-12-28T08:00:00.000Z");
    const rounds = await jobs("review_round");
    expect(rounds.map((j) => [j.idempotencyKey, j.dueAt.toISOString()])).toEqual([
      [`review_round:${id}:2026-12-28T08:00:00.000Z`, "2026-12-28T08:00:00.000Z"],
    ]);
    expect(rounds[0]?.payload).toEqual({ mentorshipId: id, cycle: 1, at: "2026-12-28T08:00:00.000Z" });
    // Six weeks in: Monday 16 November, 9:00 in Berlin (08:00 UTC) and in Los Angeles (17:00 UTC).
    const pulses = await jobs("feedback_request");
    expect(pulses.map((j) => [j.idempotencyKey, j.dueAt.toISOString()])).toEqual([
      [`feedback_request:${id}:pulse:1:${mentorId}`, "2026-11-16T08:00:00.000Z"],
      [`feedback_request:${id}:pulse:1:${menteeId}`, "2026-11-16T17:00:00.000Z"],
    ]);

    await prisma.mentorship.deleteMany();
    await prisma.scheduledJob.deleteMany();
    await prisma.program.update({ where: { id: programId }, data: { reviewEveryWeeks: 4 } });
    const monthly = await startPair();
    expect((await mentorship(monthly)).nextReviewAt?.toISOString()).toBe("2026-11-02T08:00:00.000Z");
  });

  it("the pulse half-way asks each person how it's going, with a Give feedback button", async () => {
    await startPair();
    await runAt("2026-11-16T08:00:05Z");
    expect(sentTo(MENTOR, "How is your mentorship with Lou Angeles going?")).toHaveLength(1);
    expect(sentTo(MENTEE, "How is your mentorship")).toHaveLength(0);
    await runAt("2026-11-16T17:00:05Z");
    const pulse = blocksOf(MENTEE, "How is your mentorship with Berta Berlin going?");
    expect(visibleText(pulse)).toContain("Give feedback");
  });

  it("a review invites both in their own working hours and plans the next one N weeks on", async () => {
    const id = await startPair();
    await runAt("2026-12-28T08:00:00Z");
    expect(sentTo(MENTOR, "Time to look back: 12 weeks with Lou Angeles")).toHaveLength(1);
    expect(sentTo(MENTEE, "Time to look back")).toHaveLength(0);
    const waiting = (await jobs("review", "PENDING")).map((j) => [j.idempotencyKey, j.dueAt.toISOString()]);
    expect(waiting).toEqual([[`review:${id}:1:${menteeId}`, "2026-12-28T17:00:00.000Z"]]);
    await runAt("2026-12-28T17:00:05Z");
    expect(sentTo(MENTEE, "Time to look back: 12 weeks with Berta Berlin")).toHaveLength(1);
    const m = await mentorship(id);
    expect(m.nextReviewAt?.toISOString()).toBe("2027-03-22T08:00:00.000Z");
    const next = (await jobs("review_round", "PENDING"))[0];
    expect(next?.payload).toEqual({ mentorshipId: id, cycle: 2, at: "2027-03-22T08:00:00.000Z" });
    // The next pulse is half-way again: six weeks on, Monday 8 February.
    const pulses = (await jobs("feedback_request", "PENDING")).map((j) => j.idempotencyKey);
    expect(pulses).toEqual([
      `feedback_request:${id}:pulse:2:${mentorId}`,
      `feedback_request:${id}:pulse:2:${menteeId}`,
    ]);
    const berlin = DateTime.fromJSDate((await jobs("feedback_request", "PENDING"))[0]?.dueAt ?? new Date(0), {
      zone: "Europe/Berlin",
    });
    expect(berlin.toFormat("ccc d LLL HH:mm")).toBe("Mon 8 Feb 09:00");
  });

  it("summarises the record: sessions, milestones, goals and action items", async () => {
    const id = await startPair();
    const held = (heldOn: string, status: "HELD" | "CANCELLED" = "HELD") =>
      prisma.mentoringSession.create({
        data: { mentorshipId: id, heldOn: new Date(`${heldOn}T00:00:00Z`), status, durationMinutes: 45 },
      });
    const s1 = await held("2026-10-20");
    await held("2026-12-11");
    await held("2026-12-18", "CANCELLED");
    const grant = await prisma.goal.create({
      data: { ownerId: menteeId, mentorshipId: id, title: "Win a small grant", status: "ACHIEVED" },
    });
    const talk = await prisma.goal.create({
      data: { ownerId: menteeId, mentorshipId: id, title: "Give a conference talk" },
    });
    await prisma.goal.create({
      data: { ownerId: menteeId, mentorshipId: id, title: "Dropped idea", status: "DROPPED" },
    });
    await prisma.milestone.createMany({
      data: [
        {
          goalId: grant.id,
          title: "Draft the aims page",
          status: "DONE",
          completedAt: new Date("2026-11-01"),
        },
        {
          goalId: grant.id,
          title: "Submit the application",
          status: "DONE",
          completedAt: new Date("2026-12-01"),
        },
        { goalId: talk.id, title: "Pick a conference", status: "OPEN" },
      ],
    });
    await prisma.actionItem.createMany({
      data: [
        {
          mentorshipId: id,
          sessionId: s1.id,
          ownerId: menteeId,
          text: "Read two funded proposals",
          status: "DONE",
        },
        { mentorshipId: id, ownerId: menteeId, text: "Ask for a review", status: "DONE" },
        { mentorshipId: id, ownerId: mentorId, text: "Send the template", status: "OPEN" },
      ],
    });
    await runAt("2026-12-28T08:00:00Z");
    const text = visibleText(blocksOf(MENTOR, "Time to look back"));
    expect(text).toContain("*Time to look back: 12 weeks with Lou Angeles* · Residents");
    expect(text).toContain("• *Sessions:* 2 held, the last on Friday 11 December");
    expect(text).toContain("• *Milestones completed:* “Submit the application” and “Draft the aims page”");
    expect(text).toContain("• *Goals:* achieved “Win a small grant”; 1 in progress");
    expect(text).toContain("• *Action items:* 2 done, 1 open");
    expect(text).toContain("Start the review");
    const form = await services.reviews.form(workspaceId, MENTOR, id, 1);
    expect(form).toMatchObject({ mode: "review", weeks: 12, partnerName: "Lou Angeles" });
    expect(form.summary?.sessions).toEqual({ held: 2, last: "Friday 11 December" });
  });

  it("a superseded review plan does nothing", async () => {
    const id = await startPair();
    await prisma.mentorship.update({
      where: { id },
      data: { nextReviewAt: new Date("2027-01-11T08:00:00Z") },
    });
    await runAt("2026-12-28T08:00:05Z");
    expect(sentTo(MENTOR, "Time to look back")).toHaveLength(0);
    const round = await prisma.scheduledJob.findFirstOrThrow({
      where: { kind: "review_round", idempotencyKey: { endsWith: "2026-12-28T08:00:00.000Z" } },
    });
    expect(round).toMatchObject({ status: "CANCELLED", cancelReason: "replaced by a newer review plan" });
  });

  it("a paused pair's review moves to the day after the pause ends", async () => {
    const id = await startPair();
    const until = new Date("2027-01-11T08:00:00Z");
    await prisma.mentorship.update({ where: { id }, data: { status: "PAUSED", pausedUntil: until } });
    await runAt("2026-12-28T08:00:05Z");
    expect(sentTo(MENTOR, "Time to look back")).toHaveLength(0);
    expect(await jobs("review")).toHaveLength(0);
    expect((await mentorship(id)).nextReviewAt?.toISOString()).toBe("2027-01-12T08:00:00.000Z");
    const moved = (await jobs("review_round", "PENDING"))[0];
    expect(moved?.payload).toEqual({ mentorshipId: id, cycle: 1, at: "2027-01-12T08:00:00.000Z" });
    // The pause ends; the review comes the next day, still cycle 1.
    await prisma.mentorship.update({ where: { id }, data: { status: "ACTIVE", pausedUntil: null } });
    await runAt("2027-01-12T08:00:05Z");
    expect(sentTo(MENTOR, "Time to look back: 14 weeks with Lou Angeles")).toHaveLength(1);
    expect((await jobs("review", "PENDING")).map((j) => j.idempotencyKey)).toEqual([
      `review:${id}:1:${menteeId}`,
    ]);
  });

  it("refuses a third person, a review nobody was invited to, and a change with nothing to change", async () => {
    const id = await startPair();
    await firstReview();
    await expect(services.reviews.form(workspaceId, OTHER, id, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.reviews.form(workspaceId, COORD, id, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.reviews.form(workspaceId, MENTOR, id, 7)).rejects.toBeInstanceOf(NotFoundError);
    await expect(answer(OTHER, id, "CLOSE")).rejects.toBeInstanceOf(NotFoundError);
    await expect(answer(MENTOR, id, "CHANGE")).rejects.toMatchObject({ field: "adjustments" });
    await expect(answer(MENTOR, id, "MAYBE")).rejects.toMatchObject({ field: "decision" });
    expect((await mentorship(id)).status).toBe("ACTIVE");
  });

  it("keep going changes nothing; a second answer updates the first; both answers bring a summary", async () => {
    const id = await startPair();
    await firstReview();
    const pendingBefore = (await jobs("review_round", "PENDING")).length;
    const kept = await answer(MENTOR, id, "CONTINUE", { wins: "Lou's first grant!" });
    expect(kept).toMatchObject({ decision: "CONTINUE", closed: false, nextReview: "Monday 22 March" });
    expect((await mentorship(id)).status).toBe("ACTIVE");
    expect((await jobs("review_round", "PENDING")).length).toBe(pendingBefore);
    await answer(MENTOR, id, "CONTINUE", { wins: "Lou's first grant, and a talk accepted" });
    const mine = await prisma.review.findMany({ where: { mentorshipId: id, memberId: mentorId } });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      cycle: 1,
      decision: "CONTINUE",
      wins: "Lou's first grant, and a talk accepted",
    });
    expect(messenger.groups).toHaveLength(0);

    const changed = await answer(MENTEE, id, "CHANGE", {
      adjustments: "Meet every week before the deadline",
    });
    expect(changed).toMatchObject({ decision: "CHANGE", closed: false });
    await runner.runDue();
    expect(messenger.groups).toHaveLength(1);
    const summary = messenger.groups[0];
    expect(summary?.to.sort()).toEqual([MENTEE, MENTOR].sort());
    const text = visibleText(summary?.message.blocks);
    expect(text).toContain("You've both looked back");
    expect(text).toContain("• Lou Angeles: Change something");
    expect(text).toContain("• Berta Berlin: Keep going as we are");
    expect(text).toContain("Revise our agreement");
    expect(text).toContain("Recalibrate goals");
    // Answering again doesn't send the summary twice.
    await answer(MENTEE, id, "CHANGE", { adjustments: "Meet every week" });
    await runner.runDue();
    expect(messenger.groups).toHaveLength(1);
  });

  it("closing at a review ends the pair well: jobs cancelled, both thanked, the mentee invited to mentor", async () => {
    const id = await startPair();
    await firstReview();
    expect((await jobs("checkin_round", "PENDING")).length).toBeGreaterThan(0);
    // The mentor closes at 10:00 UTC: 11:00 in Berlin, 02:00 in Los Angeles.
    clock = new Date("2026-12-29T10:00:00Z");
    const closed = await answer(MENTOR, id, "CLOSE", {
      wins: "A grant and a talk",
      reflection: "I learned to ask better questions.",
    });
    expect(closed).toMatchObject({ closed: true, decision: "CLOSE", partnerName: "Lou Angeles" });
    const m = await mentorship(id);
    expect(m.status).toBe("COMPLETED");
    expect(m.endedAt?.toISOString()).toBe("2026-12-29T10:00:00.000Z");
    expect(m.endReason).toBe("closed at the 12-week review by Berta Berlin");
    const pending = await prisma.scheduledJob.findMany({ where: { status: "PENDING" } });
    const pendingKinds = pending.map((j) => j.kind).sort();
    // Only the goodbyes are left: the partner's notice, both thanks, the coordinator's DM.
    expect(pendingKinds).toEqual(["dm", "dm", "review", "review"]);
    const cancelled = await prisma.scheduledJob.findMany({ where: { status: "CANCELLED" } });
    expect(cancelled.map((j) => j.kind)).toEqual(
      expect.arrayContaining(["checkin_round", "review_round", "feedback_request"]),
    );
    expect(cancelled.every((j) => j.cancelReason === "the mentorship was closed at a review")).toBe(true);

    const journal = await prisma.journalEntry.findMany({ where: { memberId: mentorId } });
    expect(journal).toMatchObject([
      { kind: "REFLECTION", mentorshipId: id, body: "I learned to ask better questions." },
    ]);

    await runner.runDue();
    // The closer is thanked at once; the mentee's reflection was saved, so no button for it.
    const closerThanks = visibleText(blocksOf(MENTOR, "Thank you:"));
    expect(closerThanks).toContain("*Thank you for closing well.*");
    expect(closerThanks).toContain("Your final reflection is saved in your journal.");
    expect(closerThanks).not.toContain("Become a mentor");
    // The partner and the coordinator read where it was closed: at the review, not at a check-in.
    expect(sentTo(MENTEE, "has ended").map((s) => visibleText(s.message.blocks))).toEqual([
      expect.stringContaining(
        "Your mentorship with *Berta Berlin* in *Residents* has ended because they chose to close it at a periodic review.",
      ),
    ]);
    expect(sentTo(COORD, "closed their mentorship").map((s) => visibleText(s.message.blocks))).toEqual([
      expect.stringContaining(
        "*Berta Berlin* closed their mentorship with *Lou Angeles* in *Residents* at a periodic review.",
      ),
    ]);
    // Lou hears the thanks at 9:00 in Los Angeles, with the invitation to mentor in turn.
    expect(sentTo(MENTEE, "Thank you:")).toHaveLength(0);
    await runAt("2026-12-29T17:00:05Z");
    const thanks = visibleText(blocksOf(MENTEE, "Thank you:"));
    expect(thanks).toContain("Berta Berlin closed your mentorship (Residents) at your 12-week review.");
    expect(thanks).toContain("Write a final reflection");
    expect(thanks).toContain("*Pay it forward?*");
    expect(thanks).toContain("Become a mentor");

    // Lou's final reflection, from the thanks: in the review and the journal; again updates it.
    const form = await services.reviews.form(workspaceId, MENTEE, id, 1);
    expect(form.mode).toBe("reflection");
    await expect(
      services.reviews.saveFinalReflection(workspaceId, MENTEE, {
        mentorshipId: id,
        cycle: 1,
        reflection: " ",
      }),
    ).rejects.toMatchObject({ field: "reflection" });
    for (const text of ["Berta taught me to write aims first.", "Aims first, always."]) {
      await services.reviews.saveFinalReflection(workspaceId, MENTEE, {
        mentorshipId: id,
        cycle: 1,
        reflection: text,
      });
    }
    const lou = await prisma.journalEntry.findMany({ where: { memberId: menteeId } });
    expect(lou).toMatchObject([{ kind: "REFLECTION", mentorshipId: id, body: "Aims first, always." }]);
    // The closer's own journal stays theirs alone.
    expect(lou.some((e) => e.body.includes("better questions"))).toBe(false);
  });

  it("invites the mentee to mentor when the mentee closes too, and never the mentor", async () => {
    const id = await startPair();
    await firstReview();
    // Lou closes at 10:00 in Los Angeles.
    clock = new Date("2026-12-29T18:00:00Z");
    await answer(MENTEE, id, "CLOSE");
    await runner.runDue();
    const own = visibleText(blocksOf(MENTEE, "Thank you:"));
    expect(own).toContain("*Thank you for closing well.*");
    expect(own).toContain("Write a final reflection");
    expect(own).toContain("Become a mentor");
    // 19:00 in Berlin: Berta's thanks wait for 9:00 the next morning.
    expect(sentTo(MENTOR, "Thank you:")).toHaveLength(0);
    await runAt("2026-12-30T08:00:05Z");
    const mentor = visibleText(blocksOf(MENTOR, "Thank you:"));
    expect(mentor).toContain("Lou Angeles closed your mentorship");
    expect(mentor).not.toContain("Become a mentor");
    // The mentor answering afterwards is told it had already ended; nothing closes twice.
    const late = await answer(MENTOR, id, "CONTINUE");
    expect(late).toMatchObject({ alreadyEnded: true, closed: false });
    expect(
      await prisma.scheduledJob.count({ where: { idempotencyKey: { startsWith: "partner_left:" } } }),
    ).toBe(1);
  });

  it("close notices queued before they said where still read as closed at a check-in", async () => {
    clock = START;
    for (const [recipient, notice] of [
      [
        MENTEE,
        { type: "partner_left", partnerName: "Berta Berlin", reason: "closed", programName: "Residents" },
      ],
      [COORD, { type: "pair_closed", programName: "Residents", closedByName: "Berta", partnerName: "Lou" }],
    ] as const) {
      await enqueue(
        prisma,
        { workspaceId, programId, kind: "dm", key: `old:${recipient}`, payload: { recipient, notice } },
        clock,
      );
    }
    await runner.runDue();
    expect(sentTo(MENTEE, "has ended").map((s) => s.message.text)).toEqual([
      expect.stringContaining("has ended because they chose to close it at a check-in."),
    ]);
    expect(sentTo(COORD, "closed their mentorship").map((s) => s.message.text)).toEqual([
      expect.stringContaining("in *Residents* from a check-in."),
    ]);
  });
});
