// Pausing until a date on a real database: the pause ends by itself, and the welcome-back note
// waits for the member's next working morning; resuming early cancels it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import type { Services } from "../../src/services/index.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { FakeDirectory, RecordingMessenger, testStack } from "../support/stack.ts";

describe("pause until a date", () => {
  let db: TestDatabase;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let clock = new Date("2026-03-04T15:00:00Z");
  const directory = new FakeDirectory();
  const messenger = new RecordingMessenger();

  beforeAll(async () => {
    db = await openTestDatabase();
    ({ services, runner } = testStack(db.database.prisma, { directory, messenger, now: () => clock }));
    workspaceId = (await services.workspaces.ensure("T1")).id;
    for (const id of ["U0PAT", "U0RAY"]) {
      directory.add(id, { tz: "America/Chicago" });
      await services.members.saveProfile(workspaceId, id, {
        role: "MENTEE",
        careerStage: "STUDENT",
        expertise: [],
        interests: ["Teaching"],
        mentoringKinds: [],
        mentorCapacity: 1,
        meetingMode: "ANY",
        languages: [],
      });
    }
  });
  afterAll(async () => db.dispose());

  it("ends on its date, and the welcome back arrives on the next working morning in Chicago", async () => {
    // Pause until Saturday 7 March: that day starts at 06:00 UTC in Chicago; the note waits for Monday 9:00.
    await services.members.pause(workspaceId, "U0PAT", new Date("2026-03-07T06:00:00Z"));
    const job = await db.database.prisma.scheduledJob.findFirstOrThrow({ where: { kind: "pause_end" } });
    expect(job.dueAt.toISOString()).toBe("2026-03-09T14:00:00.000Z"); // 9:00 CDT, after the DST change on 8 March

    clock = new Date("2026-03-07T12:00:00Z");
    const member = await services.members.resolve(workspaceId, "U0PAT");
    expect(member.status).toBe("ACTIVE");
    expect(await runner.runDue()).toBe(0);

    clock = new Date("2026-03-09T14:00:00Z");
    // The welcome back, and the workspace's weekly digest round (Monday 00:00 UTC).
    expect(await runner.runDue()).toBe(2);
    expect(messenger.sent.map((s) => s.to)).toEqual(["U0PAT"]);
    expect(messenger.sent[0]?.message.text).toContain("Welcome back");
  });

  it("resuming early cancels the welcome back", async () => {
    clock = new Date("2026-03-10T15:00:00Z");
    await services.members.pause(workspaceId, "U0RAY", new Date("2026-03-20T05:00:00Z"));
    expect(await services.members.resume(workspaceId, "U0RAY")).toBe(true);
    clock = new Date("2026-03-25T15:00:00Z");
    await runner.runDue();
    const job = await db.database.prisma.scheduledJob.findFirstOrThrow({
      where: { kind: "pause_end", idempotencyKey: { contains: "2026-03-20" } },
    });
    expect(job.status).toBe("CANCELLED");
    expect(messenger.textsTo("U0RAY")).toEqual([]);
  });
});
