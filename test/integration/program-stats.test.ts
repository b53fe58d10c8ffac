// Program health on a real database, on hand-made data whose every figure is known: enrolment,
// matched share, pairs, the session rhythm, check-in response, goals and milestones, feedback,
// mentor load, pairs at risk with their reasons, failed messages; the workspace's AI usage; and
// who may see them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiClient } from "../../src/ai/client.ts";
import { AiUsageLedger } from "../../src/ai/usage.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { ForbiddenError } from "../../src/services/errors.ts";
import { AI_OFF, type Services } from "../../src/services/index.ts";
import { ProgramStatsService } from "../../src/services/program-stats.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { testStack } from "../support/stack.ts";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-06-10T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

describe("program health figures", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let workspaceId: string;
  let programId: string;
  let otherProgramId: string;
  const ids: Record<string, string> = {};
  const pairs: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services } = testStack(prisma, { now: () => now }));
    workspaceId = (await services.workspaces.ensure("T_STATS")).id;
    programId = (
      await prisma.program.create({
        data: { workspaceId, name: "Nurses", checkinCadenceDays: 14, mentorCapacityCap: 3 },
      })
    ).id;
    otherProgramId = (await prisma.program.create({ data: { workspaceId, name: "Doctors" } })).id;

    const person = async (key: string, data: Record<string, unknown> = {}) => {
      ids[key] = (
        await prisma.member.create({
          data: {
            workspaceId,
            slackUserId: `U${key}`,
            realName: `Person ${key}`,
            joinedAt: daysAgo(200),
            ...data,
          },
        })
      ).id;
    };
    for (const key of ["A1", "A2", "A3", "A4", "A5", "B1", "W1"]) await person(key);
    await person("L1", { status: "LEFT" });
    await person("M1", { mentorCapacity: 2 });
    await person("M2", { mentorCapacity: 1 });
    await person("M3", { mentorCapacity: 5 });
    await person("ADMIN", { isAdmin: true });
    await person("PLAIN");
    const enrol = (key: string, role: "MENTEE" | "MENTOR" | "BOTH", extra: Record<string, unknown> = {}) =>
      prisma.enrollment.create({ data: { programId, memberId: ids[key] as string, role, ...extra } });
    for (const key of ["A1", "A2", "A3", "A4", "A5", "L1"]) await enrol(key, "MENTEE");
    await enrol("W1", "MENTEE", { status: "WITHDRAWN" });
    await enrol("B1", "BOTH");
    await enrol("M1", "MENTOR");
    await enrol("M2", "MENTOR");
    await enrol("M3", "MENTOR", { capacity: 1 });

    const pair = async (
      key: string,
      mentor: string,
      mentee: string,
      status: "ACTIVE" | "PAUSED" | "COMPLETED" | "PROPOSED",
      extra: Record<string, unknown> = {},
    ) => {
      pairs[key] = (
        await prisma.mentorship.create({
          data: {
            programId,
            mentorId: ids[mentor] as string,
            menteeId: ids[mentee] as string,
            status,
            origin: "ROUND",
            startedAt: status === "PROPOSED" ? null : daysAgo(60),
            ...extra,
          },
        })
      ).id;
    };
    await pair("p1", "M1", "A1", "ACTIVE", { lastSessionAt: daysAgo(3) });
    await pair("p2", "M1", "A2", "ACTIVE", { lastSessionAt: daysAgo(40), unansweredCheckins: 3 });
    await pair("p3", "M2", "A3", "ACTIVE", { startedAt: daysAgo(10) });
    await pair("p4", "M3", "A4", "PAUSED");
    await pair("p5", "M3", "B1", "ACTIVE", { lastSessionAt: daysAgo(7) });
    await pair("p6", "M1", "A5", "COMPLETED", { endedAt: daysAgo(5) });
    await pair("p8", "M1", "A5", "PROPOSED");
    // M2 also mentors in another program: more pairs in all than their own limit of 1.
    pairs.q1 = (
      await prisma.mentorship.create({
        data: {
          programId: otherProgramId,
          mentorId: ids.M2 as string,
          menteeId: ids.A5 as string,
          status: "ACTIVE",
          origin: "ROUND",
          startedAt: daysAgo(20),
        },
      })
    ).id;

    const session = (p: string, heldOn: Date, status: "HELD" | "PLANNED" = "HELD") =>
      prisma.mentoringSession.create({
        data: { mentorshipId: pairs[p] as string, heldOn, status, privateNotes: "SECRET NOTE" },
      });
    await session("p1", daysAgo(3));
    await session("p5", daysAgo(7));
    await session("p2", daysAgo(40));
    await session("p1", new Date(now.getTime() + 2 * DAY), "PLANNED");
    await session("q1", daysAgo(1));

    const checkin = (p: string, member: string, sentAt: Date, answered: boolean) =>
      prisma.checkIn.create({
        data: {
          mentorshipId: pairs[p] as string,
          memberId: ids[member] as string,
          sentAt,
          ...(answered ? { answer: "MET" as const, answeredAt: sentAt } : {}),
        },
      });
    await checkin("p1", "M1", daysAgo(10), true);
    await checkin("p1", "A1", daysAgo(10), false);
    for (const d of [5, 12, 19]) await checkin("p2", "A2", daysAgo(d), false);
    await checkin("p5", "B1", daysAgo(2), true);
    await checkin("p1", "A1", daysAgo(40), true);
    await checkin("q1", "A5", daysAgo(2), true);

    const goal = async (status: "ACTIVE" | "ACHIEVED" | "DROPPED", milestones: string[]) =>
      prisma.goal.create({
        data: {
          ownerId: ids.A1 as string,
          mentorshipId: pairs.p1 as string,
          title: "SECRET GOAL",
          status,
          milestones: {
            create: milestones.map((s, position) => ({
              title: "step",
              position,
              status: s as "OPEN" | "DONE" | "SKIPPED",
            })),
          },
        },
      });
    await goal("ACTIVE", ["DONE", "OPEN", "SKIPPED"]);
    await goal("ACHIEVED", ["DONE", "DONE"]);
    await goal("DROPPED", ["DONE"]);

    const feedback = (p: string, author: string, subject: string, rating: number, at: Date) =>
      prisma.feedback.create({
        data: {
          mentorshipId: pairs[p] as string,
          authorId: ids[author] as string,
          subjectId: ids[subject] as string,
          context: "PULSE",
          rating,
          comment: "SECRET COMMENT",
          createdAt: at,
        },
      });
    await feedback("p3", "A3", "M2", 1, daysAgo(2));
    await feedback("p1", "A1", "M1", 4, daysAgo(20));
    await feedback("p1", "M1", "A1", 3, daysAgo(10));
    // Old low feedback (100 days ago) no longer counts, nor flags p2.
    await feedback("p2", "A2", "M1", 1, daysAgo(100));

    await prisma.delivery.create({
      data: {
        workspaceId,
        programId,
        kind: "checkin",
        status: "FAILED",
        error: "user_disabled",
        createdAt: daysAgo(1),
      },
    });
  });

  afterAll(async () => {
    await db?.dispose();
  });

  it("counts enrolment, matching, pairs and the session rhythm", async () => {
    const h = await services.stats.health(programId);
    // Mentees A1-A5 and B1 (both roles); the withdrawn and the one who left don't count.
    expect(h.enrolled).toEqual({ mentees: 6, mentors: 4, people: 9 });
    // A1, A2, A3, A4 (paused) and B1 have a running mentorship; A5's ended.
    expect(h.matchedMentees).toBe(5);
    expect(h.pairs).toEqual({ active: 4, paused: 1, closed: 1 });
    // Active pairs that met: 3, 40 and 7 days ago; p3 never met.
    expect(h.sessions).toEqual({ medianDaysSince: 7, activeWithoutSession: 1, heldRecently: 2 });
  });

  it("measures check-in response, goals, milestones and feedback over their windows", async () => {
    const h = await services.stats.health(programId);
    expect(h.checkins).toEqual({ sent: 6, answered: 2 });
    expect(h.goals).toEqual({ total: 2, achieved: 1 });
    expect(h.milestones).toEqual({ total: 4, done: 3 });
    expect(h.feedback).toEqual({ responses: 3, average: 2.7 });
    expect(h.messages.failed).toBe(1);
  });

  it("finds mentors over capacity here and over-committed across programs", async () => {
    const h = await services.stats.health(programId);
    expect(h.mentorLoad.mentors).toBe(3);
    expect(h.mentorLoad.overCapacity).toBe(1);
    expect(h.mentorLoad.overCommitted).toBe(1);
    expect(h.mentorLoad.listed).toEqual(
      expect.arrayContaining([
        { name: "Person M3", slackUserId: "UM3", pairs: 2, capacity: 1, pairsEverywhere: 2, ownCapacity: 5 },
        { name: "Person M2", slackUserId: "UM2", pairs: 1, capacity: 1, pairsEverywhere: 2, ownCapacity: 1 },
      ]),
    );
    expect(h.mentorLoad.listed).toHaveLength(2);
  });

  it("lists pairs at risk with their reasons, most reasons first, page by page", async () => {
    const h = await services.stats.health(programId);
    expect(h.atRisk.total).toBe(2);
    expect(h.atRisk.byReason).toEqual({ no_session: 1, unanswered: 1, low_feedback: 1 });
    expect(h.atRisk.pairs.map((p) => [p.menteeName, p.reasons])).toEqual([
      ["Person A2", ["no_session", "unanswered"]],
      ["Person A3", ["low_feedback"]],
    ]);
    expect(h.atRisk.pairs[0]).toMatchObject({ idleDays: 40, neverMet: false, unanswered: 3 });
    expect(h.atRisk.pairs[1]).toMatchObject({ lastRating: 1, neverMet: true });
    const next = await services.stats.health(programId, 1);
    expect(next.atRisk).toMatchObject({ total: 2, page: 1, pairs: [] });
  });

  it("never carries private text", async () => {
    const h = await services.stats.health(programId);
    expect(JSON.stringify(h)).not.toMatch(/SECRET/);
  });

  it("shows the workspace's AI usage over 30 days and today's budget, or that AI isn't set up", async () => {
    const ledger = new AiUsageLedger(prisma);
    const spend = (requests: number, failed: number, prompt: number, completion: number) => ({
      requests,
      failed,
      promptTokens: prompt,
      completionTokens: completion,
    });
    await ledger.record(workspaceId, "session_summary", now, spend(3, 1, 900, 300));
    await ledger.record(workspaceId, "session_summary", daysAgo(10), spend(2, 0, 500, 100));
    await ledger.record(workspaceId, "goal_coaching", daysAgo(29), spend(1, 0, 200, 50));
    await ledger.record(workspaceId, "matching", daysAgo(30), spend(50, 0, 9000, 0)); // too old
    const other = (await services.workspaces.ensure("T_OTHER_AI")).id;
    await ledger.record(other, "session_summary", now, spend(7, 0, 7000, 700)); // another workspace

    // Not set up (a deployment without a key): one line, whatever the table holds.
    expect((await services.stats.dashboard(workspaceId, "UADMIN")).ai).toMatchObject({ configured: false });

    const ai = new AiClient({ ...AI_OFF, apiKey: "sk-test", dailyTokenBudget: 50_000 }, ledger);
    const stats = new ProgramStatsService(prisma, services.coordinators, services.deliveries, () => now, ai);
    const dashboard = await stats.dashboard(workspaceId, "UADMIN");
    expect(dashboard.ai).toEqual({
      configured: true,
      days: 30,
      requests: 6,
      failed: 1,
      tokens: 2050,
      byFeature: [
        { feature: "goal_coaching", label: "Goal coaching", requests: 1, failed: 0, tokens: 250 },
        { feature: "session_summary", label: "Session summaries", requests: 5, failed: 1, tokens: 1800 },
      ],
      tokensToday: 1200,
      dailyBudget: 50_000,
    });
    await prisma.aiUsage.deleteMany();
  });

  it("shows a coordinator the program they picked, and remembers it; refuses everyone else", async () => {
    await expect(services.stats.dashboard(workspaceId, "UPLAIN")).rejects.toBeInstanceOf(ForbiddenError);
    const first = await services.stats.dashboard(workspaceId, "UADMIN");
    expect(first.programs.map((p) => p.name)).toEqual(["Open mentoring", "Nurses", "Doctors"]);
    const picked = await services.stats.dashboard(workspaceId, "UADMIN", { programId });
    expect(picked.health?.program.name).toBe("Nurses");
    const again = await services.stats.dashboard(workspaceId, "UADMIN");
    expect(again.health?.program.name).toBe("Nurses");
    await expect(
      services.stats.dashboard(workspaceId, "UADMIN", { programId: "not-a-program" }),
    ).rejects.toThrow(/no longer exists/);
  });
});
