// Pausing until a date on a real database: the pause ends by itself, and the welcome-back note
// waits for the member's next working morning; resuming early cancels it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobHandlers } from "../../src/jobs/handlers/index.ts";
import { JobRunner } from "../../src/jobs/runner.ts";
import { createLogger } from "../../src/logger.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import type {
  OutgoingMessage,
  SlackDirectory,
  SlackMessenger,
  SlackUserFacts,
} from "../../src/services/slack-port.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";

const facts = (id: string, tz: string): SlackUserFacts => ({
  slackUserId: id,
  teamId: "T1",
  realName: id,
  displayName: undefined,
  email: undefined,
  title: undefined,
  tz,
  isAdmin: false,
  isOwner: false,
  isGuest: false,
  isBot: false,
  isDeleted: false,
  statusText: undefined,
  statusEmoji: undefined,
  statusExpiresAt: undefined,
});

describe("pause until a date", () => {
  let db: TestDatabase;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let clock = new Date("2026-03-04T15:00:00Z");
  const sent: Array<{ to: string; message: OutgoingMessage }> = [];
  const directory: SlackDirectory = {
    userInfo: async (id) => facts(id, "America/Chicago"),
    userByEmail: async () => null,
  };
  const messenger: SlackMessenger = {
    sendDm: async (to, message) => {
      sent.push({ to, message });
      return { channel: `D${to}`, ts: "1.1" };
    },
    sendFileDm: async () => ({ channel: "" }),
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    services = createServices({ prisma: db.database.prisma, directory, messenger, now: () => clock });
    runner = new JobRunner(
      db.database.prisma,
      createJobHandlers({ prisma: db.database.prisma, messenger }),
      createLogger("error"),
      {
        now: () => clock,
      },
    );
    workspaceId = (await services.workspaces.ensure("T1")).id;
    for (const id of ["U0PAT", "U0RAY"]) {
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
    expect(await runner.runDue()).toBe(1);
    expect(sent.map((s) => s.to)).toEqual(["U0PAT"]);
    expect(sent[0]?.message.text).toContain("Welcome back");
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
    expect(sent.filter((s) => s.to === "U0RAY")).toEqual([]);
  });
});
