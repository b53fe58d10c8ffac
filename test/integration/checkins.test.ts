// Check-in cycles on a real database: cadence arithmetic (with a mid-cadence pulse), catching up
// after downtime without a burst of old cycles, superseded plans, silent streaks, and delivery
// at 9:00 local across a daylight-saving change.
import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import { scheduleCheckins } from "../../src/services/checkins.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import type { Services } from "../../src/services/index.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";

describe("check-in cycles", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let programId: string;
  let mentorId: string;
  let menteeId: string;
  let clock = new Date("2026-10-05T08:00:00Z");
  const messenger = new RecordingMessenger();

  const startPair = async (startedAt: Date) => {
    clock = startedAt;
    const m = await prisma.mentorship.create({
      data: { programId, mentorId, menteeId, status: "ACTIVE", origin: "COORDINATOR", startedAt },
    });
    await prisma.$transaction((tx) => scheduleCheckins(tx, m.id, startedAt));
    return m.id;
  };
  const runAt = async (iso: string) => {
    clock = new Date(iso);
    await runner.runDue();
  };
  const nudgesTo = (slackId: string) =>
    messenger.sent.filter((s) => s.to === slackId && /Check-in|Quick pulse|keep going/.test(s.message.text));
  const mentorship = (id: string) => prisma.mentorship.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services, runner } = testStack(prisma, { messenger, now: () => clock }));
    workspaceId = (await services.workspaces.ensure("T_CHECKINS")).id;
    programId = (
      await prisma.program.create({ data: { workspaceId, name: "Residents", checkinCadenceDays: 14 } })
    ).id;
    const member = (slackUserId: string, tz: string, realName: string) =>
      prisma.member.create({ data: { workspaceId, slackUserId, tz, realName, joinedAt: clock } });
    mentorId = (await member("U0BERLIN", "Europe/Berlin", "Berta Berlin")).id;
    menteeId = (await member("U0LA", "America/Los_Angeles", "Lou Angeles")).id;
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    messenger.sent = [];
    await prisma.mentorship.deleteMany();
    await prisma.scheduledJob.deleteMany();
    await prisma.delivery.deleteMany();
    await prisma.program.update({
      where: { id: programId },
      data: { checkinCadenceDays: 14, midCadencePulse: false },
    });
  });

  it("monthly with a pulse: a pulse half-way, then the nudge, then the next pulse", async () => {
    await prisma.program.update({
      where: { id: programId },
      data: { checkinCadenceDays: 30, midCadencePulse: true },
    });
    const id = await startPair(new Date("2026-10-05T08:00:00Z"));
    expect((await mentorship(id)).nextCheckinAt?.toISOString()).toBe("2026-10-20T08:00:00.000Z");
    await runAt("2026-10-20T08:00:00Z");
    expect(nudgesTo("U0BERLIN").map((s) => s.message.text)).toEqual([expect.stringContaining("Quick pulse")]);
    expect((await mentorship(id)).nextCheckinAt?.toISOString()).toBe("2026-11-04T08:00:00.000Z");
    await runAt("2026-11-04T08:00:00Z");
    expect(nudgesTo("U0BERLIN").at(-1)?.message.text).toContain("Check-in");
    expect((await mentorship(id)).nextCheckinAt?.toISOString()).toBe("2026-11-19T08:00:00.000Z");
  });

  it("after 40 days of downtime, runs the due cycle once and the next one a full cadence later", async () => {
    const id = await startPair(new Date("2026-10-05T08:00:00Z"));
    await runAt("2026-11-14T10:00:00Z"); // a Saturday: nothing may land today
    expect(nudgesTo("U0BERLIN")).toHaveLength(0);
    const m = await mentorship(id);
    expect(m.checkinRounds).toBe(1);
    expect(m.nextCheckinAt?.getTime()).toBeGreaterThan(clock.getTime());
    const pending = await prisma.scheduledJob.findMany({ where: { kind: "checkin", status: "PENDING" } });
    // Monday 16 November, 9:00 in each person's own zone.
    expect(pending.map((j) => j.dueAt.toISOString()).sort()).toEqual([
      "2026-11-16T08:00:00.000Z",
      "2026-11-16T17:00:00.000Z",
    ]);
    await runAt("2026-11-16T08:00:05Z");
    expect(nudgesTo("U0BERLIN")).toHaveLength(1);
    expect(nudgesTo("U0LA")).toHaveLength(0);
    await runAt("2026-11-16T17:00:05Z");
    expect(nudgesTo("U0LA")).toHaveLength(1);
    // Not 16 November again (the missed cycle's date), but a cadence on from the one that ran.
    expect((await mentorship(id)).nextCheckinAt?.toISOString()).toBe("2026-11-30T08:00:00.000Z");
    expect(nudgesTo("U0BERLIN")).toHaveLength(1);
  });

  it("a superseded plan does nothing", async () => {
    const id = await startPair(new Date("2026-10-05T08:00:00Z"));
    await prisma.mentorship.update({
      where: { id },
      data: { nextCheckinAt: new Date("2026-10-30T08:00:00Z") },
    });
    await runAt("2026-10-19T08:00:05Z");
    expect(nudgesTo("U0BERLIN")).toHaveLength(0);
    const job = await prisma.scheduledJob.findFirstOrThrow({ where: { kind: "checkin_round" } });
    expect(job).toMatchObject({ status: "CANCELLED", cancelReason: "replaced by a newer check-in plan" });
  });

  it("lands at 9:00 Berlin time on both sides of the October daylight-saving change", async () => {
    // Started Monday 5 October: cycles on 19 October (CEST, UTC+2) and 2 November (CET, UTC+1).
    await startPair(new Date("2026-10-05T05:00:00Z"));
    await runAt("2026-10-19T05:00:00Z");
    await runAt("2026-10-19T07:00:01Z");
    await runAt("2026-11-02T05:00:00Z");
    await runAt("2026-11-02T08:00:01Z");
    const sent = await prisma.delivery.findMany({
      where: { kind: "checkin", status: "SENT", recipient: "U0BERLIN" },
      orderBy: { createdAt: "asc" },
    });
    expect(
      sent.map((d) =>
        DateTime.fromJSDate(d.createdAt, { zone: "Europe/Berlin" }).toFormat("ccc d LLL HH:mm"),
      ),
    ).toEqual(["Mon 19 Oct 09:00", "Mon 2 Nov 09:00"]);
  });

  it("three silent cycles ask whether to keep going, once; a week later the coordinator hears", async () => {
    const coordinator = await prisma.member.create({
      data: {
        workspaceId,
        slackUserId: "U0COORD",
        isAdmin: true,
        realName: "Cora Ordinator",
        tz: "Europe/Berlin",
      },
    });
    const id = await startPair(new Date("2026-10-05T08:00:00Z"));
    // Cycles every 14 days: 19 Oct, 2 Nov, 16 Nov, 30 Nov, 14 Dec. Each runs at 08:00 UTC, and
    // both nudges are delivered the same day (17:00 UTC is 9:00 in Los Angeles).
    for (const day of ["2026-10-19", "2026-11-02", "2026-11-16", "2026-11-30"]) {
      await runAt(`${day}T08:00:00Z`);
      await runAt(`${day}T17:00:01Z`);
    }
    const m = await mentorship(id);
    expect(m.unansweredCheckins).toBe(3);
    expect(m.atRiskReason).toBe("3 check-ins in a row unanswered");
    expect(nudgesTo("U0BERLIN").at(-1)?.message.text).toContain("keep going");
    expect(nudgesTo("U0LA").at(-1)?.message.text).toContain("keep going");
    const before = messenger.sent.length;
    await runAt("2026-12-07T08:00:01Z");
    expect(messenger.sent.slice(before).map((s) => s.to)).toEqual(["U0COORD"]);
    expect(messenger.sent.at(-1)?.message.text).toContain("left 3 check-ins in a row unanswered");
    // The next silent cycle sends nothing more.
    await runAt("2026-12-14T08:00:00Z");
    await runAt("2026-12-14T17:00:01Z");
    expect(messenger.sent.length).toBe(before + 1);
    await prisma.member.delete({ where: { id: coordinator.id } });
  });

  it("skips a member who left, and defers one who is away until their status expires", async () => {
    await prisma.member.update({
      where: { id: mentorId },
      data: {
        statusEmoji: ":palm_tree:",
        statusText: "Vacation",
        statusExpiresAt: new Date("2026-10-23T00:00:00Z"),
      },
    });
    await prisma.member.update({ where: { id: menteeId }, data: { status: "LEFT" } });
    await startPair(new Date("2026-10-05T08:00:00Z"));
    await runAt("2026-10-19T08:00:00Z");
    await runAt("2026-10-19T17:00:01Z");
    expect(messenger.sent).toHaveLength(0);
    const deliveries = await prisma.delivery.findMany({ where: { kind: "checkin" } });
    expect(deliveries.find((d) => d.recipient === "U0LA")).toMatchObject({
      status: "SKIPPED",
      error: "recipient left Tandem",
    });
    // Away until Friday 23 October 00:00 UTC: the nudge waits for 9:00 Berlin that Friday.
    const job = await prisma.scheduledJob.findFirstOrThrow({ where: { kind: "checkin", status: "PENDING" } });
    expect(job.dueAt.toISOString()).toBe("2026-10-23T07:00:00.000Z");
    expect(job.attempts).toBe(0);
    await runAt("2026-10-23T07:00:01Z");
    expect(nudgesTo("U0BERLIN")).toHaveLength(1);
    await prisma.member.update({
      where: { id: mentorId },
      data: { statusEmoji: null, statusText: null, statusExpiresAt: null },
    });
    await prisma.member.update({ where: { id: menteeId }, data: { status: "ACTIVE" } });
  });
});
