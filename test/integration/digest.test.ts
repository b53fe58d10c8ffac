// The coordinators' weekly digest on a real database, with hand-made data: last week's figures per
// program next to the week before, exactly; no private text anywhere in it; each Monday's round
// queues one digest per coordinator who wants it, at 09:00 their time, and the next round once;
// coordinators who opted out, people who aren't coordinators and those who left get nothing; a
// retry never posts twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { ForbiddenError } from "../../src/services/errors.ts";
import type { Services } from "../../src/services/index.ts";
import { digestMessage } from "../../src/slack/views/digest.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";
import { visibleText } from "../support/tandem.ts";

const SECRET = "SECRET-PRIVATE-TEXT-7731";
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Fails the next `fileFailures` uploads, the way a timeout between message and chart would. */
class FlakyUploads extends RecordingMessenger {
  fileFailures = 0;
  override async sendFileDm(to: string, file: { filename: string; content: string | Uint8Array }) {
    if (this.fileFailures > 0) {
      this.fileFailures -= 1;
      throw new Error("socket hang up");
    }
    return super.sendFileDm(to, file);
  }
}

const at = (iso: string) => new Date(iso);

describe("weekly digest", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let programId: string;
  // Wednesday 3 June 2026: the digest of Monday 8 June reports on 1–7 June.
  let clock = at("2026-06-03T10:00:00Z");
  const messenger = new FlakyUploads();
  const ids: Record<string, string> = {};

  const runAt = async (iso: string) => {
    clock = at(iso);
    return runner.runDue();
  };
  const member = async (slackUserId: string, data: Record<string, unknown> = {}) => {
    const m = await prisma.member.create({
      data: { workspaceId, slackUserId, tz: "Europe/London", realName: `Person ${slackUserId}`, ...data },
    });
    ids[slackUserId] = m.id;
    return m.id;
  };
  const digestsTo = (slackId: string) =>
    messenger.sent.filter((s) => s.to === slackId && s.message.text.startsWith("Your Tandem week"));
  const filesTo = (slackId: string) => messenger.files.filter((f) => f.to === slackId);

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services, runner } = testStack(prisma, { messenger, now: () => clock }));
    workspaceId = (await services.workspaces.ensure("T_DIGEST")).id;
    programId = (await prisma.program.create({ data: { workspaceId, name: "Engineers" } })).id;
    const archived = await prisma.program.create({
      data: { workspaceId, name: "Old archived program", status: "ARCHIVED" },
    });

    // Coordinators: an admin in Los Angeles, one named coordinator in Tokyo, an admin who opted
    // out, and a deleted admin. And people who are not coordinators.
    await member("U0LOSANG", { tz: "America/Los_Angeles", isAdmin: true });
    const tokyo = await member("U0TOKYO", { tz: "Asia/Tokyo" });
    await prisma.role.create({ data: { workspaceId, memberId: tokyo, kind: "COORDINATOR" } });
    await member("U0OPTOUT", { isAdmin: true, weeklyDigest: false });
    await member("U0GONE", { isAdmin: true, isDeleted: true });
    for (const id of ["U0M1", "U0M2", "U0M3", "U0M4", "U0M5", "U0E1", "U0E2", "U0E3", "U0E4", "U0E5"]) {
      await member(id);
    }

    // Enrolments: 2 joined this week, 1 last week, 1 long ago; 1 joined this week and withdrew.
    const enrol = (slackId: string, enrolledAt: string, extra: Record<string, unknown> = {}) =>
      prisma.enrollment.create({
        data: {
          programId,
          memberId: ids[slackId] as string,
          role: "MENTEE",
          enrolledAt: at(enrolledAt),
          ...extra,
        },
      });
    await enrol("U0E1", "2026-06-02T10:00:00Z");
    await enrol("U0E2", "2026-06-05T10:00:00Z");
    await enrol("U0E3", "2026-05-27T10:00:00Z");
    await enrol("U0E4", "2026-05-01T10:00:00Z");
    await enrol("U0E5", "2026-06-02T10:00:00Z", {
      status: "WITHDRAWN",
      updatedAt: at("2026-06-03T10:00:00Z"),
    });
    await prisma.enrollment.create({
      data: { programId: archived.id, memberId: ids.U0M5 as string, role: "MENTEE" },
    });

    // Pairs: 2 started this week, 1 last week (at risk), 1 long ago and closed this week; a
    // request still waiting and a cancelled proposal don't count.
    const pair = (mentor: string, mentee: string, data: Record<string, unknown>) =>
      prisma.mentorship.create({
        data: {
          programId,
          mentorId: ids[mentor] as string,
          menteeId: ids[mentee] as string,
          status: "ACTIVE",
          origin: "COORDINATOR",
          ...data,
        },
      });
    const p1 = await pair("U0M1", "U0E1", { startedAt: at("2026-06-03T12:00:00Z") });
    const p2 = await pair("U0M2", "U0E2", { startedAt: at("2026-06-06T12:00:00Z") });
    const p3 = await pair("U0M3", "U0E3", {
      startedAt: at("2026-05-26T12:00:00Z"),
      atRiskReason: "3 check-ins in a row unanswered",
    });
    const p4 = await pair("U0M4", "U0E4", {
      startedAt: at("2026-05-01T12:00:00Z"),
      status: "COMPLETED",
      endedAt: at("2026-06-04T12:00:00Z"),
    });
    await pair("U0M1", "U0E5", { status: "REQUESTED", createdAt: at("2026-06-02T12:00:00Z") });
    await pair("U0M2", "U0E5", { status: "CANCELLED", createdAt: at("2026-06-02T12:00:00Z") });

    // Sessions: 3 held this week, 1 last week; a planned and a cancelled one don't count.
    const session = (
      mentorshipId: string,
      heldOn: string,
      status: "HELD" | "PLANNED" | "CANCELLED" = "HELD",
    ) =>
      prisma.mentoringSession.create({
        data: { mentorshipId, heldOn: at(heldOn), status, privateNotes: SECRET, agenda: SECRET },
      });
    await session(p1.id, "2026-06-01T00:00:00Z");
    await session(p2.id, "2026-06-07T00:00:00Z");
    await session(p3.id, "2026-06-03T00:00:00Z");
    await session(p3.id, "2026-05-28T00:00:00Z");
    await session(p3.id, "2026-06-05T00:00:00Z", "PLANNED");
    await session(p4.id, "2026-06-02T00:00:00Z", "CANCELLED");
    await session(p1.id, "2026-06-08T00:00:00Z");

    // Check-ins: 6 sent this week (4 answered), 3 last week (2 answered).
    const checkin = (mentorshipId: string, memberId: string, sentAt: string, answered: boolean) =>
      prisma.checkIn.create({
        data: {
          mentorshipId,
          memberId,
          sentAt: at(sentAt),
          ...(answered ? { answer: "MET", answeredAt: at(sentAt) } : {}),
        },
      });
    for (const [i, answered] of [true, true, true, true, false, false].entries()) {
      await checkin(p3.id, ids.U0E3 as string, `2026-06-0${i + 1}T10:00:00Z`, answered);
    }
    for (const [i, answered] of [true, true, false].entries()) {
      await checkin(p3.id, ids.U0M3 as string, `2026-05-2${i + 5}T10:00:00Z`, answered);
    }

    // One milestone completed this week; one still open.
    const goal = await prisma.goal.create({
      data: { ownerId: ids.U0E1 as string, mentorshipId: p1.id, title: SECRET, description: SECRET },
    });
    await prisma.milestone.create({
      data: { goalId: goal.id, title: SECRET, status: "DONE", completedAt: at("2026-06-04T10:00:00Z") },
    });
    await prisma.milestone.create({ data: { goalId: goal.id, title: SECRET, position: 1 } });

    // Private text elsewhere: a journal entry, feedback, an agreement.
    await prisma.journalEntry.create({ data: { memberId: ids.U0E1 as string, body: SECRET } });
    await prisma.feedback.create({
      data: {
        mentorshipId: p1.id,
        authorId: ids.U0E1 as string,
        subjectId: ids.U0M1 as string,
        context: "PULSE",
        rating: 2,
        comment: SECRET,
      },
    });
    await prisma.agreement.create({ data: { mentorshipId: p1.id, purpose: SECRET, topics: SECRET } });

    // A message Slack refused for good this week.
    await prisma.delivery.create({
      data: {
        workspaceId,
        programId,
        kind: "checkin",
        status: "FAILED",
        error: "user_disabled",
        createdAt: at("2026-06-04T10:00:00Z"),
      },
    });
    // A program with nothing going on.
    await prisma.program.create({ data: { workspaceId, name: "Quiet program" } });
  });
  afterAll(async () => db.dispose());
  beforeEach(() => {
    messenger.sent = [];
    messenger.files = [];
    messenger.fileFailures = 0;
  });

  it("reports last week's figures per program, exactly, next to the week before", async () => {
    const digest = await services.digests.digest(workspaceId, "2026-06-08");
    expect(digest).toMatchObject({ weekStart: "2026-06-01", weekEnd: "2026-06-07", morePrograms: 0 });
    // The archived program is left out, and so is the one where nothing is going on.
    expect(digest.programs.map((p) => p.name)).toEqual(["Engineers"]);
    expect(digest.programs[0]).toEqual({
      programId,
      name: "Engineers",
      thisWeek: {
        joined: 2,
        pairsStarted: 2,
        pairsClosed: 1,
        sessionsHeld: 3,
        checkinsSent: 6,
        checkinsAnswered: 4,
        milestonesDone: 1,
        failedMessages: 1,
      },
      lastWeek: {
        joined: 1,
        pairsStarted: 1,
        pairsClosed: 0,
        sessionsHeld: 1,
        checkinsSent: 3,
        checkinsAnswered: 2,
        milestonesDone: 0,
        failedMessages: 0,
      },
      activePairs: 3,
      enrolled: 4,
      atRisk: 1,
    });

    // The chart: 12 weeks to 7 June, oldest first.
    expect(digest.chart).toHaveLength(12);
    expect(digest.chart[0]).toMatchObject({ weekStart: "2026-03-16", label: "16 Mar" });
    expect(digest.chart.slice(-3)).toEqual([
      // Week of 18 May: the long pair (started 1 May) runs; E4 enrolled since 1 May.
      { weekStart: "2026-05-18", label: "18 May", activePairs: 1, enrolled: 1, sessions: 0 },
      // Week of 25 May: + the pair started 26 May; + E3.
      { weekStart: "2026-05-25", label: "25 May", activePairs: 2, enrolled: 2, sessions: 1 },
      // Week of 1 June: + 2 new pairs, - the closed one; + E1, E2 (E5 withdrew on 3 June).
      { weekStart: "2026-06-01", label: "1 Jun", activePairs: 3, enrolled: 4, sessions: 3 },
    ]);

    const message = digestMessage(digest);
    const text = visibleText(message.blocks);
    expect(message.text).toBe("Your Tandem week (1–7 June): 3 sessions held, 2 new pairs, 2 people joined.");
    expect(text).toContain("*Sessions held*\n*3*  (1 the week before)");
    expect(text).toContain("*Check-ins answered*\n*4 of 6*  (2 of 3 the week before)");
    expect(text).toContain("3 active pairs · 4 people enrolled · :warning: 1 pair at risk");
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(buttonLabels(message.blocks)).toEqual(["Stop weekly digests"]);
    // Privacy: no note, agenda, goal, milestone, journal, feedback or agreement text.
    expect(JSON.stringify(digest)).not.toContain(SECRET);
    expect(JSON.stringify(message)).not.toContain(SECRET);
  });

  it("says so when no program has anything going on", async () => {
    const quiet = (await services.workspaces.ensure("T_QUIET")).id;
    const digest = await services.digests.digest(quiet, "2026-06-08");
    expect(digest.programs).toEqual([]);
    expect(digest.chart.map((w) => w.sessions + w.activePairs + w.enrolled)).toEqual(Array(12).fill(0));
    expect(visibleText(digestMessage(digest).blocks)).toContain(
      "Nothing happened in your programs last week",
    );
  });

  it("lists at most 8 programs and counts the rest", async () => {
    const digest = await services.digests.digest(workspaceId, "2026-06-08");
    const many = { ...digest, programs: Array(8).fill(digest.programs[0]), morePrograms: 5 };
    const message = digestMessage(many);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(visibleText(message.blocks)).toContain("…and 5 more programs: see your Home tab in Tandem.");
  });

  it("plans the first round when the workspace is created, and only once", async () => {
    const rounds = await prisma.scheduledJob.findMany({ where: { kind: "digest_round", workspaceId } });
    expect(rounds.map((r) => [r.idempotencyKey, r.dueAt.toISOString(), r.status])).toEqual([
      [`digest_round:${workspaceId}:2026-06-08`, "2026-06-08T00:00:00.000Z", "PENDING"],
    ]);
    expect(await services.digests.ensureScheduled(workspaceId)).toBe(false);
    expect(await services.digests.ensureScheduledAll()).toBe(0);
    await services.workspaces.ensure("T_DIGEST");
    expect(await prisma.scheduledJob.count({ where: { kind: "digest_round", workspaceId } })).toBe(1);
  });

  it("Monday's round queues a digest per coordinator at 09:00 their time, then the next round once", async () => {
    // Sunday evening: nothing is due yet.
    expect(await runAt("2026-06-07T23:59:00Z")).toBe(0);

    // Monday 00:00 UTC is 09:00 in Tokyo: the round runs, and the Tokyo digest goes at once.
    await runAt("2026-06-08T00:00:05Z");
    const digests = await prisma.scheduledJob.findMany({
      where: { kind: "digest", workspaceId },
      orderBy: { dueAt: "asc" },
    });
    expect(digests.map((j) => [j.idempotencyKey, j.dueAt.toISOString()])).toEqual([
      [`digest:${ids.U0TOKYO}:2026-06-08`, "2026-06-08T00:00:00.000Z"],
      [`digest:${ids.U0LOSANG}:2026-06-08`, "2026-06-08T16:00:00.000Z"],
    ]);
    expect(digestsTo("U0TOKYO")).toHaveLength(1);
    expect(digestsTo("U0LOSANG")).toHaveLength(0);
    const rounds = await prisma.scheduledJob.findMany({
      where: { kind: "digest_round", workspaceId },
      orderBy: { dueAt: "asc" },
    });
    expect(rounds.map((r) => [r.idempotencyKey, r.status])).toEqual([
      [`digest_round:${workspaceId}:2026-06-08`, "DONE"],
      [`digest_round:${workspaceId}:2026-06-15`, "PENDING"],
    ]);

    // Running the same round again (another process, a retry) plans nothing twice.
    await services.digests.runRound(workspaceId, "2026-06-08");
    expect(await prisma.scheduledJob.count({ where: { kind: "digest", workspaceId } })).toBe(2);
    expect(await prisma.scheduledJob.count({ where: { kind: "digest_round", workspaceId } })).toBe(2);

    // 09:00 in Los Angeles.
    await runAt("2026-06-08T15:59:00Z");
    expect(digestsTo("U0LOSANG")).toHaveLength(0);
    await runAt("2026-06-08T16:00:05Z");
    expect(digestsTo("U0LOSANG")).toHaveLength(1);

    // Each got the message, then the chart as a PNG; nobody else got anything.
    for (const who of ["U0TOKYO", "U0LOSANG"]) {
      const files = filesTo(who);
      expect(files.map((f) => f.filename)).toEqual(["tandem-week-2026-06-01.png"]);
      const bytes = files[0]?.content as Uint8Array;
      expect([...bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(Buffer.from(bytes).includes(SECRET)).toBe(false);
      expect(JSON.stringify(digestsTo(who))).not.toContain(SECRET);
    }
    expect(new Set(messenger.sent.map((s) => s.to))).toEqual(new Set(["U0TOKYO", "U0LOSANG"]));
    expect(new Set(messenger.files.map((f) => f.to))).toEqual(new Set(["U0TOKYO", "U0LOSANG"]));
  });

  it("skips a coordinator who turned digests off or is no longer a coordinator", async () => {
    await services.digests.runRound(workspaceId, "2026-06-15");
    await services.digests.setSubscription(workspaceId, "U0LOSANG", false);
    await prisma.role.deleteMany({ where: { memberId: ids.U0TOKYO } });
    await runAt("2026-06-15T16:00:05Z");
    expect(messenger.sent).toEqual([]);
    expect(messenger.files).toEqual([]);
    const skipped = await prisma.scheduledJob.findMany({
      where: { kind: "digest", idempotencyKey: { endsWith: ":2026-06-15" } },
    });
    expect(skipped.map((j) => j.cancelReason).sort()).toEqual([
      "no longer a coordinator",
      "they turned weekly digests off",
    ]);

    // Next week's round plans none for them; turning digests back on is for coordinators only.
    await runAt("2026-06-22T00:00:05Z");
    expect(
      await prisma.scheduledJob.count({
        where: { kind: "digest", idempotencyKey: { endsWith: ":2026-06-22" } },
      }),
    ).toBe(0);
    await expect(services.digests.setSubscription(workspaceId, "U0TOKYO", true)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(services.digests.setSubscription(workspaceId, "U0M1", true)).rejects.toThrow(
      "Only coordinators can get the weekly digest.",
    );
    await services.digests.setSubscription(workspaceId, "U0LOSANG", true);
    expect((await prisma.member.findUniqueOrThrow({ where: { id: ids.U0LOSANG } })).weeklyDigest).toBe(true);
  });

  it("a retry after the chart failed posts neither the message nor the chart twice", async () => {
    await prisma.role.create({ data: { workspaceId, memberId: ids.U0TOKYO as string, kind: "COORDINATOR" } });
    await runAt("2026-06-29T00:00:05Z");
    messenger.sent = [];
    messenger.files = [];
    messenger.fileFailures = 1;
    await runAt("2026-06-29T16:00:05Z");
    // The message went; the chart failed: the job waits for a retry.
    expect(digestsTo("U0LOSANG")).toHaveLength(1);
    expect(filesTo("U0LOSANG")).toHaveLength(0);
    const job = await prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: `digest:${ids.U0LOSANG}:2026-06-29` },
    });
    expect(job).toMatchObject({ status: "PENDING", attempts: 1 });

    await runAt("2026-06-29T16:01:00Z");
    expect(digestsTo("U0LOSANG")).toHaveLength(1);
    expect(filesTo("U0LOSANG")).toHaveLength(1);

    // Its process dies after recording nothing: the next attempt finds both and sends nothing.
    await prisma.scheduledJob.update({ where: { id: job.id }, data: { status: "PENDING" } });
    await runAt("2026-06-29T16:02:00Z");
    expect(digestsTo("U0LOSANG")).toHaveLength(1);
    expect(filesTo("U0LOSANG")).toHaveLength(1);
    expect((await prisma.scheduledJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("DONE");
  });

  it("a digest held back past its week (away all week) is replaced by the next one", async () => {
    await prisma.member.update({
      where: { id: ids.U0LOSANG },
      data: {
        statusEmoji: ":palm_tree:",
        statusText: "Vacation",
        statusExpiresAt: at("2026-07-20T00:00:00Z"),
      },
    });
    await runAt("2026-07-06T16:00:05Z");
    const held = await prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: `digest:${ids.U0LOSANG}:2026-07-06` },
    });
    expect(held.status).toBe("PENDING");
    expect(held.dueAt.toISOString()).toBe("2026-07-20T16:00:00.000Z");
    await prisma.member.update({
      where: { id: ids.U0LOSANG },
      data: { statusEmoji: null, statusText: null },
    });
    await runAt("2026-07-20T16:00:05Z");
    const stale = await prisma.scheduledJob.findUniqueOrThrow({ where: { id: held.id } });
    expect(stale).toMatchObject({ status: "CANCELLED", cancelReason: "a newer weekly digest replaced it" });
    // Back at work on 20 July: only that Monday's digest, about 13–19 July.
    expect(digestsTo("U0LOSANG").map((s) => s.message.text.slice(0, 34))).toEqual([
      "Your Tandem week (13–19 July): 0 s",
    ]);
  });
});

function buttonLabels(blocks: unknown[]): string[] {
  const labels: string[] = [];
  for (const b of blocks as Array<{
    type: string;
    elements?: Array<{ type: string; text?: { text: string } }>;
  }>) {
    if (b.type !== "actions") continue;
    for (const e of b.elements ?? []) if (e.type === "button" && e.text) labels.push(e.text.text);
  }
  return labels;
}
