// Matching rounds on a real database: the draft is the exact optimum, nobody is dropped without a
// reason (the cooldown is named when it is the cause), and locked pairs survive a re-run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileInput } from "../../src/domain/profile.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { type TestStack, testStack } from "../support/stack.ts";

const mentee = (areas: string[]): ProfileInput => ({
  role: "MENTEE",
  careerStage: "TRAINEE",
  expertise: [],
  interests: areas,
  mentoringKinds: [],
  mentorCapacity: 1,
  meetingMode: "ANY",
  languages: [],
});
const mentor = (areas: string[], capacity: number): ProfileInput => ({
  role: "MENTOR",
  careerStage: "SENIOR",
  expertise: areas,
  interests: [],
  mentoringKinds: ["CAREER"],
  mentorCapacity: capacity,
  meetingMode: "ANY",
  languages: [],
});

describe("matching rounds", () => {
  let db: TestDatabase;
  let stack: TestStack;
  let workspaceId: string;
  let programId: string;
  const now = new Date("2026-09-01T10:00:00Z");

  beforeAll(async () => {
    db = await openTestDatabase();
    stack = testStack(db.database.prisma, { now: () => now });
    workspaceId = (await stack.services.workspaces.ensure("T1")).id;
    programId = (await stack.services.workspaces.ensureDefaultProgram(workspaceId)).id;
    stack.directory.add("U0ADMIN", { isAdmin: true });
    const people: Array<[string, ProfileInput]> = [
      ["U0A", mentee(["Grant writing"])],
      ["U0B", mentee(["Grant writing", "Teaching"])],
      ["U0C", mentee(["Teaching"])],
      ["U0D", mentee(["Astronomy"])],
      ["U0E", mentee(["Surgery"])],
      ["U0X", mentor(["Grant writing", "Teaching"], 1)],
      ["U0Y", mentor(["Teaching"], 1)],
      ["U0Z", mentor(["Surgery"], 1)],
    ];
    for (const [id, profile] of people) {
      stack.directory.add(id, { realName: id });
      await stack.services.members.saveProfile(workspaceId, id, profile);
    }
    // E and Z were paired recently: the cooldown forbids pairing them again.
    const [e, z] = await Promise.all(
      ["U0E", "U0Z"].map((id) => db.database.prisma.member.findFirstOrThrow({ where: { slackUserId: id } })),
    );
    await db.database.prisma.mentorship.create({
      data: {
        programId,
        menteeId: e?.id ?? "",
        mentorId: z?.id ?? "",
        status: "COMPLETED",
        origin: "REQUEST",
        endedAt: new Date("2026-06-01T00:00:00Z"),
      },
    });
  });
  afterAll(async () => {
    await stack.runner.stop();
    await db.dispose();
  });

  /** Runs every due job, including the ones jobs enqueue, until the runner is idle. */
  async function drain() {
    await stack.runner.runDue();
    await stack.runner.idle();
    await stack.runner.runDue();
  }

  async function runRound() {
    const round = await stack.services.rounds.start(workspaceId, "U0ADMIN", programId);
    await drain();
    return stack.services.rounds.view(round.id);
  }

  it("matches as many mentees as possible, and says why each of the others isn't", async () => {
    const view = await runRound();
    expect(view.round.status).toBe("DRAFT");
    expect(view.summary).toMatchObject({ mentees: 5, matched: 2, unmatched: 3, verified: true });
    // A and B both want X; C can only have Y: the optimum matches two of A, B, C (never leaves Y idle while C waits).
    const byMentee = Object.fromEntries(view.pairs.map((p) => [p.mentee.name, p.mentor.name]));
    expect(Object.values(byMentee).sort()).toEqual(["U0X", "U0Y"]);
    const reasons = Object.fromEntries(view.unmatched.map((u) => [u.name, u.reason]));
    expect(reasons.U0D).toBe("no eligible mentor (3 offers none of the areas asked for)");
    expect(reasons.U0E).toMatch(/paired before, within the program's cooldown/);
    const third = ["U0A", "U0B", "U0C"].find((n) => !(n in byMentee));
    expect(reasons[third ?? ""]).toBe("capacity exhausted: every mentor who fits is full");
    // Nothing was sent: a draft is only a draft.
    expect(stack.messenger.groups).toEqual([]);
    expect(stack.messenger.textsTo("U0ADMIN").join()).toContain("ready to review: 2 of 5 mentees matched");
  });

  it("a locked pair survives a re-run, and the rest is re-optimised around it", async () => {
    const [draft] = await db.database.prisma.matchingRound.findMany({
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    const view = await stack.services.rounds.view(draft?.id ?? "");
    const lockedPair = view.pairs.find((p) => p.mentor.name === "U0Y");
    if (!lockedPair) throw new Error("no pair with Y");
    await stack.services.rounds.setLocked(workspaceId, "U0ADMIN", lockedPair.mentorshipId, true);
    await stack.services.rounds.rerun(workspaceId, "U0ADMIN", view.round.id);
    await drain();
    const again = await stack.services.rounds.view(view.round.id);
    expect(again.pairs.find((p) => p.locked)).toMatchObject({
      mentorshipId: lockedPair.mentorshipId,
      mentor: { name: "U0Y" },
    });
    expect(again.summary?.matched).toBe(2);
  });

  it("publishing turns the draft into mentorships with introductions", async () => {
    const [draft] = await db.database.prisma.matchingRound.findMany({
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    await stack.services.rounds.publish(workspaceId, "U0ADMIN", draft?.id ?? "");
    await drain();
    expect(stack.messenger.groups).toHaveLength(2);
    expect(await db.database.prisma.mentorship.count({ where: { status: "ACTIVE", origin: "ROUND" } })).toBe(
      2,
    );
    expect(stack.messenger.textsTo("U0ADMIN").at(-1)).toContain("2 introductions sent");
    await expect(stack.services.rounds.publish(workspaceId, "U0ADMIN", draft?.id ?? "")).rejects.toThrow(
      /already published/,
    );
  });
});
