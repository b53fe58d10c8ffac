// A program's CSV export on a real database, with hand-made data: exact figures per pair, only
// pairs that ever started, dates in the coordinator's time zone, and nothing private (notes,
// comments, journal, goal titles, agreements) in the file. Only coordinators can ask, and the job
// checks again when it runs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pairHeader } from "../../src/domain/csv.ts";
import type { JobRunner } from "../../src/jobs/runner.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { ForbiddenError, NotFoundError } from "../../src/services/errors.ts";
import { ExportService } from "../../src/services/exports.ts";
import type { Services } from "../../src/services/index.ts";
import { parseCsv } from "../support/csv.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";

const COORDINATOR = "U0COORD";
const MEMBER = "U0MEMBER";
const SECRETS = ["SECRET-NOTE", "SECRET-COMMENT", "SECRET-JOURNAL", "SECRET-GOAL", "SECRET-AGREEMENT"];

/** Keeps what comes with each file too (title, comment). */
class FileMessenger extends RecordingMessenger {
  sentFiles: Array<{ to: string; filename: string; title: string; content: string; comment: string }> = [];
  override async sendFileDm(
    to: string,
    file: { filename: string; title: string; content: string | Uint8Array; comment: string },
  ) {
    const result = await super.sendFileDm(to, file);
    const content =
      typeof file.content === "string" ? file.content : Buffer.from(file.content).toString("utf8");
    this.sentFiles.push({ to, filename: file.filename, title: file.title, content, comment: file.comment });
    return result;
  }
}

describe("program CSV export", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let programId: string;
  let otherProgramId: string;
  // Tuesday 3 March 2026, 10:00 UTC: 19:00 in Tokyo, where the coordinator is.
  let clock = new Date("2026-03-03T10:00:00Z");
  const messenger = new FileMessenger();
  const ids: Record<string, string> = {};

  const member = async (slackUserId: string, realName: string, extra: Record<string, unknown> = {}) => {
    const m = await prisma.member.create({
      data: {
        workspaceId,
        slackUserId,
        realName,
        email: `${slackUserId.toLowerCase()}@example.org`,
        joinedAt: clock,
        ...extra,
      },
    });
    ids[slackUserId] = m.id;
    return m.id;
  };
  const pair = (
    mentor: string,
    mentee: string,
    status: "ACTIVE" | "PAUSED" | "COMPLETED" | "PROPOSED" | "REQUESTED" | "DECLINED" | "CANCELLED",
    extra: Record<string, unknown> = {},
  ) =>
    prisma.mentorship
      .create({
        data: {
          programId,
          mentorId: ids[mentor] as string,
          menteeId: ids[mentee] as string,
          status,
          origin: "COORDINATOR",
          ...extra,
        },
      })
      .then((m) => m.id);
  const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services, runner } = testStack(prisma, { messenger, now: () => clock }));
    workspaceId = (await services.workspaces.ensure("T_EXPORTS")).id;
    programId = (
      await prisma.program.create({ data: { workspaceId, name: "Engineers", checkinCadenceDays: 14 } })
    ).id;
    otherProgramId = (await prisma.program.create({ data: { workspaceId, name: "Designers" } })).id;

    const coordinator = await member(COORDINATOR, "Chloé Coordinator", {
      tz: "Asia/Tokyo",
      slackSyncedAt: clock,
    });
    await prisma.role.create({ data: { workspaceId, memberId: coordinator, kind: "COORDINATOR" } });
    await member(MEMBER, "Max Member", { slackSyncedAt: clock });
    await member("U0MARTA", "Marta Madrid");
    await member("U0EVE", '=HYPERLINK("http://evil.example","click")');
    await member("U0BEN", "Ben Berlin");
    await member("U0LEE", "Lee, Ann");
    await member("U0ZOE", "Zoë Ñúñez", { displayName: "Zoë" });
    await member("U0RAY", "Ray Requested");

    // Pair A, active since 5 January: the one with everything.
    const a = await pair("U0MARTA", "U0EVE", "ACTIVE", {
      startedAt: new Date("2026-01-05T09:00:00Z"),
      lastSessionAt: new Date("2026-02-16T00:00:00Z"),
      unansweredCheckins: 3,
    });
    for (const [heldOn, status] of [
      ["2026-02-02", "HELD"],
      ["2026-02-16", "HELD"],
      ["2026-03-10", "PLANNED"],
      ["2026-02-23", "CANCELLED"],
    ] as const) {
      await prisma.mentoringSession.create({
        data: { mentorshipId: a, heldOn: day(heldOn), status, privateNotes: "SECRET-NOTE about Eve" },
      });
    }
    for (const [i, answered] of [true, true, false].entries()) {
      await prisma.checkIn.create({
        data: {
          mentorshipId: a,
          memberId: (i % 2 ? ids.U0MARTA : ids.U0EVE) as string,
          sentAt: new Date(`2026-02-0${i + 1}T09:00:00Z`),
          ...(answered ? { answer: "MET", answeredAt: new Date(`2026-02-0${i + 1}T10:00:00Z`) } : {}),
        },
      });
    }
    const goal = (status: "ACTIVE" | "ACHIEVED" | "DROPPED", milestones: string[]) =>
      prisma.goal.create({
        data: {
          ownerId: ids.U0EVE as string,
          mentorshipId: a,
          title: "SECRET-GOAL: lead a project",
          status,
          milestones: {
            create: milestones.map((s, position) => ({
              title: "SECRET-GOAL step",
              position,
              status: s as "OPEN" | "DONE" | "SKIPPED",
            })),
          },
        },
      });
    await goal("ACTIVE", ["DONE", "DONE", "OPEN", "SKIPPED"]);
    await goal("ACHIEVED", ["DONE", "OPEN"]);
    await goal("DROPPED", ["DONE", "OPEN", "OPEN"]);
    for (const status of ["OPEN", "OPEN", "DONE", "DROPPED"] as const) {
      await prisma.actionItem.create({
        data: { mentorshipId: a, ownerId: ids.U0EVE as string, text: "SECRET-NOTE action", status },
      });
    }
    for (const [author, subject, rating] of [
      ["U0EVE", "U0MARTA", 4],
      ["U0MARTA", "U0EVE", 3],
    ] as const) {
      await prisma.feedback.create({
        data: {
          mentorshipId: a,
          authorId: ids[author] as string,
          subjectId: ids[subject] as string,
          context: "SESSION",
          rating,
          comment: "SECRET-COMMENT: she was late",
        },
      });
    }
    await prisma.agreement.create({ data: { mentorshipId: a, purpose: "SECRET-AGREEMENT purpose" } });
    await prisma.journalEntry.create({
      data: { memberId: ids.U0EVE as string, mentorshipId: a, body: "SECRET-JOURNAL entry" },
    });

    // Pair B, closed in January (late on the 20th UTC: the 21st in Tokyo), with its own cadence.
    const b = await pair("U0BEN", "U0LEE", "COMPLETED", {
      startedAt: new Date("2025-11-03T09:00:00Z"),
      endedAt: new Date("2026-01-20T23:30:00Z"),
      endReason: "partner left",
      cadenceDays: 7,
      atRiskReason: "no session in 40 days",
    });
    await prisma.mentoringSession.create({ data: { mentorshipId: b, heldOn: day("2025-12-01") } });

    // Pair C, paused, nothing logged yet.
    await pair("U0MARTA", "U0ZOE", "PAUSED", { startedAt: new Date("2026-02-01T09:00:00Z") });

    // Never started: not in the file. Nor is another program's pair.
    await pair("U0BEN", "U0RAY", "PROPOSED");
    await pair("U0MARTA", "U0RAY", "REQUESTED");
    await pair("U0BEN", "U0ZOE", "DECLINED");
    await pair("U0BEN", "U0EVE", "CANCELLED", { startedAt: new Date("2026-01-01T00:00:00Z") });
    await prisma.mentorship.create({
      data: {
        programId: otherProgramId,
        mentorId: ids.U0BEN as string,
        menteeId: ids.U0RAY as string,
        status: "ACTIVE",
        origin: "COORDINATOR",
        startedAt: new Date("2026-01-10T09:00:00Z"),
      },
    });
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    messenger.sentFiles = [];
    messenger.files = [];
    await prisma.scheduledJob.deleteMany();
    await prisma.auditEntry.deleteMany();
    clock = new Date("2026-03-03T10:00:00Z");
  });

  const expected = [
    [...pairHeader],
    [
      "Ben Berlin",
      "u0ben@example.org",
      "Lee, Ann",
      "u0lee@example.org",
      "closed",
      "2025-11-03",
      "2026-01-21",
      "one of the two left Tandem",
      "7",
      "1",
      "2025-12-01",
      "0",
      "0",
      "",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
      "",
      "",
    ],
    [
      "Marta Madrid",
      "u0marta@example.org",
      `'=HYPERLINK("http://evil.example","click")`,
      "u0eve@example.org",
      "active",
      "2026-01-05",
      "",
      "",
      "14",
      "2",
      "2026-02-16",
      "3",
      "2",
      "67%",
      "2",
      "1",
      "3",
      "5",
      "2",
      "1",
      "2",
      "3.5",
      "3 check-ins in a row unanswered",
    ],
    [
      "Marta Madrid",
      "u0marta@example.org",
      "Zoë",
      "u0zoe@example.org",
      "paused",
      "2026-02-01",
      "",
      "",
      "14",
      "0",
      "",
      "0",
      "0",
      "",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
      "",
      "",
    ],
  ];

  it("sends the coordinator a CSV in DM with exact figures per pair, oldest start first", async () => {
    const queued = await services.exports.request(workspaceId, COORDINATOR, programId);
    expect(queued).toEqual({ programName: "Engineers", already: false });
    await runner.runDue();

    expect(messenger.sentFiles).toHaveLength(1);
    const file = messenger.sentFiles[0];
    expect(file?.to).toBe(COORDINATOR);
    expect(file?.filename).toBe("engineers-pairs-2026-03-03.csv");
    expect(file?.content.startsWith("\uFEFFMentor,Mentor email,Mentee,")).toBe(true);
    expect(parseCsv(file?.content ?? "")).toEqual(expected);
    expect(file?.comment).toContain("The 3 pairs of *Engineers*");
    expect(file?.comment).toContain("Not included, on purpose: private session notes, feedback comments");
    expect(file?.comment).toContain("4 Very helpful, 3 Helpful, 2 Somewhat helpful, 1 Not helpful");
    expect(file?.comment).toContain("Asia/Tokyo");

    const job = await prisma.scheduledJob.findFirstOrThrow({ where: { kind: "program_export" } });
    expect(job.status).toBe("DONE");
    const audit = await prisma.auditEntry.findMany({ where: { action: "program.exported" } });
    expect(audit.map((e) => [e.actorSlackId, e.subjectId])).toEqual([[COORDINATOR, programId]]);
  });

  it("never puts a private note, comment, journal entry, goal title or agreement text in the file", async () => {
    const program = await prisma.program.findUniqueOrThrow({ where: { id: programId } });
    const file = await services.exports.build(program, "UTC");
    for (const secret of SECRETS) expect(file.content).not.toContain(secret);
    // A formula in a name is written as text, never as a cell that runs.
    expect(file.content).not.toMatch(/(^|,)"?=/m);
    expect(file.content).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it("reads every pair across batches the same way, whatever the batch size", async () => {
    // Two more pairs starting at the same instant, so the cursor has to break a tie by id.
    const tie = new Date("2026-01-05T09:00:00Z");
    const extra = [
      await pair("U0BEN", "U0RAY", "ACTIVE", { startedAt: tie }),
      await pair("U0LEE", "U0RAY", "ACTIVE", { startedAt: tie }),
    ];
    try {
      const program = await prisma.program.findUniqueOrThrow({ where: { id: programId } });
      const whole = await services.exports.build(program, "Asia/Tokyo");
      const small = new ExportService(
        prisma,
        services.coordinators,
        services.stats,
        () => {},
        () => clock,
        2,
      );
      const batched = await small.build(program, "Asia/Tokyo");
      expect(batched.pairs).toBe(5);
      expect(batched.content).toBe(whole.content);
      expect(parseCsv(whole.content)).toHaveLength(6);
    } finally {
      await prisma.mentorship.deleteMany({ where: { id: { in: extra } } });
    }
  });

  it("makes one file of a double click", async () => {
    await services.exports.request(workspaceId, COORDINATOR, programId);
    clock = new Date("2026-03-03T10:00:20Z");
    const again = await services.exports.request(workspaceId, COORDINATOR, programId);
    expect(again.already).toBe(true);
    await runner.runDue();
    expect(messenger.sentFiles).toHaveLength(1);
    expect(await prisma.scheduledJob.count({ where: { kind: "program_export" } })).toBe(1);
  });

  it("refuses anyone who is not a coordinator, and queues nothing", async () => {
    await expect(services.exports.request(workspaceId, MEMBER, programId)).rejects.toThrow(ForbiddenError);
    await expect(services.exports.request(workspaceId, MEMBER, programId)).rejects.toThrow(
      /Only coordinators can export program data\. Ask a coordinator \(Chloé Coordinator\)/,
    );
    expect(await prisma.scheduledJob.count({ where: { kind: "program_export" } })).toBe(0);
    expect(await prisma.auditEntry.count()).toBe(0);
  });

  it("refuses a program of another workspace", async () => {
    const elsewhere = (await services.workspaces.ensure("T_ELSEWHERE")).id;
    const foreign = (await prisma.program.create({ data: { workspaceId: elsewhere, name: "Foreign" } })).id;
    await expect(services.exports.request(workspaceId, COORDINATOR, foreign)).rejects.toThrow(NotFoundError);
    expect(await prisma.scheduledJob.count({ where: { kind: "program_export" } })).toBe(0);
  });

  it("sends nothing when the recipient stopped being a coordinator before the job ran", async () => {
    await services.exports.request(workspaceId, COORDINATOR, programId);
    const role = await prisma.role.findFirstOrThrow({ where: { memberId: ids[COORDINATOR] as string } });
    await prisma.role.delete({ where: { id: role.id } });
    try {
      await runner.runDue();
      expect(messenger.sentFiles).toEqual([]);
      const job = await prisma.scheduledJob.findFirstOrThrow({ where: { kind: "program_export" } });
      expect(job.status).toBe("CANCELLED");
      expect(job.cancelReason).toBe("the recipient is no longer a coordinator");
    } finally {
      await prisma.role.create({
        data: { workspaceId, memberId: ids[COORDINATOR] as string, kind: "COORDINATOR" },
      });
    }
  });

  it("sends a file with the headings only for a program where no pair has started", async () => {
    await services.exports.request(workspaceId, COORDINATOR, otherProgramId);
    await prisma.mentorship.updateMany({
      where: { programId: otherProgramId },
      data: { status: "PROPOSED" },
    });
    await runner.runDue();
    const file = messenger.sentFiles[0];
    expect(file?.filename).toBe("designers-pairs-2026-03-03.csv");
    expect(parseCsv(file?.content ?? "")).toEqual([[...pairHeader]]);
    expect(file?.comment).toContain("No pair of *Designers* has started yet");
  });
});
