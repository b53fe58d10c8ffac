// Joining Tandem against a real database: Slack facts stored, default program enrolment, audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileInput } from "../../src/domain/profile.ts";
import { UserError } from "../../src/services/errors.ts";
import type { Services } from "../../src/services/index.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { FakeDirectory, slackPerson, testStack } from "../support/stack.ts";

const person = slackPerson;

function profile(role: ProfileInput["role"], overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    role,
    careerStage: "TRAINEE",
    expertise: role === "MENTEE" ? [] : ["Research methods"],
    interests: role === "MENTOR" ? [] : ["Grant writing"],
    mentoringKinds: role === "MENTEE" ? [] : ["RESEARCH"],
    mentorCapacity: 2,
    meetingMode: "VIDEO",
    languages: ["English"],
    ...overrides,
  };
}

describe("members", () => {
  let db: TestDatabase;
  let services: Services;
  let workspaceId: string;
  const directory = new FakeDirectory();
  let clock = new Date("2026-03-01T10:00:00Z");

  beforeAll(async () => {
    db = await openTestDatabase();
    services = testStack(db.database.prisma, { directory, now: () => clock }).services;
    workspaceId = (await services.workspaces.ensure("T1")).id;
  });
  afterAll(async () => db.dispose());

  it("a fresh workspace has one open, evergreen default program", async () => {
    await services.workspaces.ensure("T1");
    const programs = await db.database.prisma.program.findMany({ where: { workspaceId } });
    expect(programs).toHaveLength(1);
    expect(programs[0]).toMatchObject({ isDefault: true, kind: "EVERGREEN", status: "OPEN" });
  });

  it("joining stores Slack's facts, the role, and enrols in the default program", async () => {
    directory.add("U_ANA", { realName: "Ana Ruiz", tz: "Europe/Madrid", title: "Registrar" });
    const result = await services.members.saveProfile(workspaceId, "U_ANA", profile("MENTEE"));
    expect(result.firstTime).toBe(true);
    expect(result.member).toMatchObject({
      realName: "Ana Ruiz",
      tz: "Europe/Madrid",
      role: "MENTEE",
      careerStage: "TRAINEE",
      interests: ["Grant writing"],
    });
    const enrollments = await db.database.prisma.enrollment.findMany({
      where: { memberId: result.member.id },
    });
    expect(enrollments).toMatchObject([{ programId: result.program?.id, role: "MENTEE", status: "ACTIVE" }]);
    const audit = await db.database.prisma.auditEntry.findMany({ where: { subjectId: result.member.id } });
    expect(audit.map((a) => a.action)).toEqual(["member.joined"]);
    const enrolAudit = await db.database.prisma.auditEntry.findMany({
      where: { action: "program.enrolled" },
    });
    expect(enrolAudit).toHaveLength(1);
  });

  it("joining again changes the role without a second enrolment", async () => {
    const again = await services.members.saveProfile(workspaceId, "U_ANA", profile("BOTH"));
    expect(again.firstTime).toBe(false);
    expect(again.member.role).toBe("BOTH");
    expect(await db.database.prisma.enrollment.count({ where: { memberId: again.member.id } })).toBe(1);
    const audit = await db.database.prisma.auditEntry.findMany({
      where: { subjectId: again.member.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["member.joined", "member.role_changed"]);
  });

  it("guests and bots cannot join", async () => {
    directory.people.set("U_GUEST", person("U_GUEST", { isGuest: true }));
    directory.people.set("B_BOT", person("B_BOT", { isBot: true }));
    await expect(services.members.saveProfile(workspaceId, "U_GUEST", profile("MENTEE"))).rejects.toThrow(
      /Guest accounts/,
    );
    await expect(
      services.members.saveProfile(workspaceId, "B_BOT", profile("MENTOR")),
    ).rejects.toBeInstanceOf(UserError);
  });

  it("someone Slack does not know gets a clear error", async () => {
    await expect(services.members.saveProfile(workspaceId, "U_NOBODY", profile("MENTEE"))).rejects.toThrow(
      /doesn't know this account/,
    );
  });

  it("Slack facts are reused for a day, then refreshed", async () => {
    directory.lookups = 0;
    await services.members.resolve(workspaceId, "U_ANA");
    expect(directory.lookups).toBe(0);
    directory.people.set("U_ANA", person("U_ANA", { realName: "Ana Ruiz", tz: "Asia/Tokyo" }));
    clock = new Date(clock.getTime() + 25 * 60 * 60 * 1000);
    const refreshed = await services.members.resolve(workspaceId, "U_ANA");
    expect(directory.lookups).toBe(1);
    expect(refreshed.tz).toBe("Asia/Tokyo");
  });

  it("Home data says where the member stands", async () => {
    const home = await services.home.forMember(workspaceId, "U_ANA");
    expect(home).toMatchObject({ role: "BOTH", status: "ACTIVE", isCoordinator: false, tz: "Asia/Tokyo" });
    expect(home.programs).toEqual([{ name: "Open mentoring", role: "BOTH", isDefault: true }]);
  });
  it("AI suggestions are off until turned on; the choice is kept, exported, and off deletes the vectors", async () => {
    directory.add("U_AIO", { realName: "Ai Opt" });
    const joined = await services.members.saveProfile(workspaceId, "U_AIO", profile("MENTEE"));
    expect(joined.member.aiOptIn).toBe(false);
    // A save from a modal without the checkbox (no AI set up) leaves the choice as it was.
    await services.members.saveProfile(workspaceId, "U_AIO", profile("MENTEE", { aiOptIn: true }));
    const kept = await services.members.saveProfile(workspaceId, "U_AIO", profile("MENTEE"));
    expect(kept.member.aiOptIn).toBe(true);
    expect((await services.members.profileForm(workspaceId, "U_AIO")).current?.aiOptIn).toBe(true);
    await db.database.prisma.profileEmbedding.create({
      data: {
        memberId: kept.member.id,
        purpose: "needs",
        model: "m@4",
        textHash: "x",
        vector: new Uint8Array(16),
      },
    });
    const exported = (await services.members.exportData(workspaceId, "U_AIO")).member as Record<
      string,
      unknown
    >;
    expect(exported.aiOptIn).toBe(true);
    expect(exported.embeddings).toEqual([{ purpose: "needs", model: "m@4", updatedAt: expect.any(Date) }]);
    const off = await services.members.saveProfile(
      workspaceId,
      "U_AIO",
      profile("MENTEE", { aiOptIn: false }),
    );
    expect(off.member.aiOptIn).toBe(false);
    expect(await db.database.prisma.profileEmbedding.count({ where: { memberId: off.member.id } })).toBe(0);
    const audit = await db.database.prisma.auditEntry.findMany({
      where: { subjectId: off.member.id, action: { startsWith: "member.ai_" } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["member.ai_on", "member.ai_off"]);
    // Each save with AI on and changed text queued one embedding job; saves with it off, none.
    const jobs = await db.database.prisma.scheduledJob.findMany({
      where: { kind: "profile_embedding", payload: { path: ["memberId"], equals: off.member.id } },
    });
    expect(jobs).toHaveLength(1);
  });
});
