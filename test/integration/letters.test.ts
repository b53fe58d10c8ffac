// Letters of recommendation on a real database: the request's checks, late asks per purpose, the
// ask reaching the writer in their working hours with the packet (the work summary shared only
// when the mentee approved what they reviewed), the writer's three answers, one reminder per
// deadline at the start of the writer's working day, submission per target, the late note, the
// thank-you and the outcome, cancelling, both Homes, and privacy: a letter belongs to its two
// people, and the writer never sees a draft.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { FieldError, NotFoundError, UserError } from "../../src/services/errors.ts";
import type { Services } from "../../src/services/index.ts";
import type { LetterDraftInput, LetterService, PacketInput } from "../../src/services/letters.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";
import { visibleText } from "../support/tandem.ts";

const MENTEE = "U0MIA"; // London
const WRITER = "U0WALT"; // Los Angeles
const PAST = "U0PAT"; // London, mentored Mia last year
const REQUESTED = "U0RAY"; // Mia asked them to mentor her; no answer yet
const OTHER = "U0OLGA";
const COORD = "U0CORA";

describe("letters of recommendation", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let programId: string;
  let menteeId: string;
  let writerId: string;
  let pastId: string;
  let requestedId: string;
  let otherId: string;
  let mentorshipId: string;
  let pastMentorshipId: string;
  // Tuesday 13 January 2026, 10:00 UTC: 10:00 in London, 02:00 in Los Angeles.
  const START = "2026-01-13T10:00:00Z";
  let clock = new Date(START);
  const messenger = new RecordingMessenger();

  const letters = (): LetterService => services.letters;
  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const runAt = async (iso: string) => {
    at(iso);
    await runner.runDue();
  };
  const jobs = (kind: string) =>
    prisma.scheduledJob.findMany({ where: { kind }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }] });
  /** Every DM one person received, as the text they read (notification text and blocks). */
  const dmsTo = (slackId: string) =>
    messenger.sent
      .filter((s) => s.to === slackId)
      .map((s) => `${s.message.text}\n${visibleText(s.message.blocks)}`);
  const fieldOf = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FieldError);
    return { field: (error as FieldError).field, message: (error as FieldError).message };
  };

  const draft = (over: Partial<LetterDraftInput> = {}, who = MENTEE) =>
    letters().saveDraft(workspaceId, who, {
      writerMemberId: writerId,
      purpose: "SCHOOL",
      // Thursday 5 March; City Hospital's own deadline is Thursday 12 March.
      deadline: "2026-03-05",
      targets: "Hopkins Medicine\nCity Hospital, 2026-03-12",
      howToSubmit: "Through the ERAS portal, letter ID 4711",
      ...over,
    });
  const packet = (over: Partial<PacketInput> = {}): PacketInput => ({
    cvUrl: "https://drive.example.com/mia-cv",
    statementUrl: "https://drive.example.com/mia-statement",
    goals: "Internal medicine, then cardiology.",
    whyThisProgram: "Hopkins' research track.",
    note: "Thank you for considering this, Walt.",
    shareSummary: true,
    ...over,
  });
  /** The packet as the mentee reviews and sends it. */
  const send = async (letterId: string, over: Partial<PacketInput> = {}) => {
    const form = await letters().packetForm(workspaceId, MENTEE, letterId);
    return letters().sendPacket(
      workspaceId,
      MENTEE,
      letterId,
      packet({ summaryKey: form.summaryKey ?? undefined, ...over }),
    );
  };
  const asked = async (over: Partial<LetterDraftInput> = {}) => {
    const { letterId } = await draft(over);
    await send(letterId);
    return letterId;
  };
  /** Asked, the ask delivered at 09:00 in Los Angeles, and accepted at 09:30 there (17:30 UTC). */
  const accepted = async (over: Partial<LetterDraftInput> = {}) => {
    const letterId = await asked(over);
    await runAt("2026-01-13T17:00:05Z");
    at("2026-01-13T17:30:00Z");
    const result = await letters().answer(workspaceId, WRITER, letterId, { answer: "accept" });
    return { letterId, reminders: result.reminders };
  };
  const targetIds = async (letterId: string) => {
    const view = await letters().view(workspaceId, MENTEE, letterId);
    return Object.fromEntries(view.targets.map((t) => [t.name, t.id]));
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services, runner } = testStack(prisma, { messenger, now: () => clock }));
    workspaceId = (await services.workspaces.ensure("T_LETTERS")).id;
    programId = (await prisma.program.create({ data: { workspaceId, name: "Residents 2025" } })).id;
    const member = async (slackUserId: string, tz: string, realName: string) =>
      (
        await prisma.member.create({
          data: { workspaceId, slackUserId, tz, realName, joinedAt: new Date("2025-01-01T00:00:00Z") },
        })
      ).id;
    menteeId = await member(MENTEE, "Europe/London", "Mia Mentee");
    writerId = await member(WRITER, "America/Los_Angeles", "Walt Writer");
    pastId = await member(PAST, "Europe/London", "Pat Past");
    requestedId = await member(REQUESTED, "Europe/London", "Ray Requested");
    otherId = await member(OTHER, "Europe/London", "Olga Other");
    const coordId = await member(COORD, "Europe/London", "Cora Coordinator");
    await prisma.role.create({ data: { workspaceId, memberId: coordId, kind: "COORDINATOR" } });
    const pair = (
      mentorId: string,
      status: "ACTIVE" | "COMPLETED" | "REQUESTED",
      from: string,
      to?: string,
    ) =>
      prisma.mentorship.create({
        data: {
          programId,
          mentorId,
          menteeId,
          status,
          origin: "COORDINATOR",
          ...(status === "REQUESTED" ? {} : { startedAt: new Date(from) }),
          ...(to ? { endedAt: new Date(to) } : {}),
        },
      });
    mentorshipId = (await pair(writerId, "ACTIVE", "2025-09-01T09:00:00Z")).id;
    pastMentorshipId = (await pair(pastId, "COMPLETED", "2025-03-03T09:00:00Z", "2025-08-29T16:00:00Z")).id;
    await pair(requestedId, "REQUESTED", "2025-12-01T09:00:00Z");
    // Olga's only mentor has left Tandem: there is nobody she can ask.
    const leftId = await member("U0LEO", "Europe/London", "Leo Left");
    await prisma.member.update({ where: { id: leftId }, data: { status: "LEFT" } });
    await prisma.mentorship.create({
      data: {
        programId,
        mentorId: leftId,
        menteeId: otherId,
        status: "COMPLETED",
        origin: "COORDINATOR",
        startedAt: new Date("2025-01-06T09:00:00Z"),
      },
    });

    // The record of Mia's work with Walt: three held sessions, a planned one, goals and milestones.
    const session = (mentorship: string, heldOn: string, agenda: string | null, status = "HELD" as const) =>
      prisma.mentoringSession.create({
        data: { mentorshipId: mentorship, heldOn: new Date(`${heldOn}T00:00:00Z`), agenda, status },
      });
    await session(mentorshipId, "2025-10-06", "Personal statement structure\nand the CV");
    await session(mentorshipId, "2025-11-03", null);
    const mock = await session(mentorshipId, "2025-12-01", "Mock interview");
    await prisma.mentoringSession.create({
      data: {
        mentorshipId,
        heldOn: new Date("2026-02-02T00:00:00Z"),
        agenda: "Not yet held",
        status: "PLANNED",
      },
    });
    await prisma.actionItem.create({
      data: { mentorshipId, sessionId: mock.id, ownerId: menteeId, text: "Send the CV", status: "DONE" },
    });
    const match = await prisma.goal.create({
      data: { ownerId: menteeId, mentorshipId, title: "Match into internal medicine", position: 0 },
    });
    await prisma.milestone.createMany({
      data: [
        {
          goalId: match.id,
          title: "Draft the personal statement",
          position: 0,
          status: "DONE",
          completedAt: new Date("2025-11-10T12:00:00Z"),
        },
        { goalId: match.id, title: "Book a mock interview", position: 1 },
        // 23:30 UTC on 30 September was already 1 October in London.
        {
          goalId: match.id,
          title: "Shadow a cardiology clinic",
          position: 2,
          status: "DONE",
          completedAt: new Date("2025-09-30T23:30:00Z"),
        },
      ],
    });
    await prisma.goal.create({
      data: {
        ownerId: menteeId,
        mentorshipId,
        title: "Publish a case report",
        position: 1,
        status: "ACHIEVED",
        achievedAt: new Date("2025-12-15T15:00:00Z"),
      },
    });
    await prisma.goal.create({
      data: { ownerId: menteeId, mentorshipId, title: "Learn to knit", position: 2, status: "DROPPED" },
    });
    // With Pat, last year: not Walt's business.
    await session(pastMentorshipId, "2025-05-05", "Private topic with Pat");
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    messenger.sent = [];
    await prisma.letterRequest.deleteMany();
    await prisma.scheduledJob.deleteMany();
    clock = new Date(START);
  });

  describe("the request", () => {
    it("offers the mentee's own mentors, a past one included, and nobody else", async () => {
      const writers = await letters().writersFor(workspaceId, MENTEE);
      expect(writers).toEqual([
        { memberId: writerId, name: "Walt Writer", programName: "Residents 2025", running: true },
        { memberId: pastId, name: "Pat Past", programName: "Residents 2025", running: false },
      ]);
      const { letterId } = await draft({ writerMemberId: pastId });
      const row = await prisma.letterRequest.findUniqueOrThrow({ where: { id: letterId } });
      expect(row).toMatchObject({ writerId: pastId, mentorshipId: pastMentorshipId, status: "DRAFT" });

      for (const stranger of [otherId, requestedId, menteeId, "nobody"]) {
        expect(await fieldOf(draft({ writerMemberId: stranger }))).toEqual({
          field: "writer",
          message: "Choose one of your mentors.",
        });
      }
      // Someone whose only mentor left is told how letters work (and Home offers no ask);
      // a non-member is told to join first.
      await expect(letters().requestForm(workspaceId, OTHER)).rejects.toThrow(
        "you don't have a mentor in Tandem yet",
      );
      expect((await letters().overview(workspaceId, OTHER)).canAsk).toBe(false);
      await expect(draft({}, "U0NOBODY")).rejects.toBeInstanceOf(NotFoundError);
    });

    it("checks the deadline in the mentee's own day: not today, not past, not beyond 2 years", async () => {
      const deadline = async (value: string) => fieldOf(draft({ deadline: value, targets: "Hopkins" }));
      expect(await deadline("2026-01-13")).toEqual({
        field: "deadline",
        message: "Choose a deadline after today.",
      });
      expect(await deadline("2025-12-20")).toEqual({
        field: "deadline",
        message: "Choose a deadline after today.",
      });
      expect(await deadline("2028-01-14")).toEqual({
        field: "deadline",
        message: "Choose a deadline within 2 years.",
      });
      expect(await deadline("2026-02-30")).toMatchObject({ field: "deadline" });
      await expect(draft({ deadline: "2028-01-13", targets: "Hopkins" })).resolves.toHaveProperty("letterId");
      // Today is the mentee's: at 12:00 UTC on the 13th it is already the 14th in Auckland.
      await prisma.member.update({ where: { id: menteeId }, data: { tz: "Pacific/Auckland" } });
      try {
        at("2026-01-13T12:00:00Z");
        expect(await deadline("2026-01-14")).toEqual({
          field: "deadline",
          message: "Choose a deadline after today.",
        });
        await expect(draft({ deadline: "2026-01-15", targets: "Hopkins" })).resolves.toHaveProperty(
          "letterId",
        );
      } finally {
        await prisma.member.update({ where: { id: menteeId }, data: { tz: "Europe/London" } });
      }
    });

    it("names the field of every other problem", async () => {
      expect(await fieldOf(draft({ purpose: "WEDDING" }))).toMatchObject({ field: "purpose" });
      expect(await fieldOf(draft({ targets: "  \n " }))).toEqual({
        field: "targets",
        message: "Name at least one program, school or employer.",
      });
      expect(await fieldOf(draft({ targets: "Hopkins\nhopkins, 2026-03-12" }))).toEqual({
        field: "targets",
        message: "“hopkins” is listed twice.",
      });
      expect(await fieldOf(draft({ targets: "Hopkins\nCity Hospital (2026-03-04)" }))).toEqual({
        field: "targets",
        message:
          "City Hospital's date 2026-03-04 is before the deadline: make the earliest date the deadline.",
      });
      expect(
        await fieldOf(draft({ targets: Array.from({ length: 11 }, (_, i) => `P${i}`).join("\n") })),
      ).toMatchObject({ field: "targets" });
      // A program's own date is a deadline too: not beyond 2 years.
      expect(await fieldOf(draft({ targets: "Hopkins\nCity Hospital, 2099-01-01" }))).toMatchObject({
        field: "targets",
        message: expect.stringContaining("City Hospital"),
      });
      expect(await fieldOf(draft({ howToSubmit: "x".repeat(1001) }))).toMatchObject({ field: "howToSubmit" });
      expect(await prisma.letterRequest.count()).toBe(0);
    });

    it("edits a draft in place, and only while it is a draft", async () => {
      const { letterId } = await draft();
      await draft({ letterId, purpose: "RESIDENCY", targets: "Mayo Clinic (2026-03-20)\nHopkins Medicine" });
      const form = await letters().requestForm(workspaceId, MENTEE, letterId);
      expect(form.draft).toEqual({
        id: letterId,
        writerMemberId: writerId,
        purpose: "RESIDENCY",
        deadline: "2026-03-05",
        targets: [
          { name: "Hopkins Medicine", deadline: null },
          { name: "Mayo Clinic", deadline: "2026-03-20" },
        ],
        howToSubmit: "Through the ERAS portal, letter ID 4711",
      });
      expect(await prisma.letterRequest.count()).toBe(1);
      expect(await prisma.letterTarget.count()).toBe(2);
      await send(letterId);
      expect(await fieldOf(draft({ letterId }))).toMatchObject({ field: "writer" });
      await expect(letters().requestForm(workspaceId, MENTEE, letterId)).rejects.toThrow("can't change now");
    });
  });

  describe("late asks", () => {
    it.each([
      ["SCHOOL", "2026-02-17", "5 weeks", { daysLeft: 35, minimum: "6 weeks" }],
      ["SCHOOL", "2026-03-03", "7 weeks", null],
      ["RESIDENCY", "2026-03-03", "7 weeks", { daysLeft: 49, minimum: "2 months" }],
      ["RESIDENCY", "2026-03-17", "9 weeks", null],
    ])("a %s letter due %s (%s ahead): late %j", async (purpose, deadline, _ahead, late) => {
      const { letterId } = await draft({ purpose, deadline, targets: "Hopkins Medicine" });
      const form = await letters().packetForm(workspaceId, MENTEE, letterId);
      expect(form.lateNow).toEqual(late ? expect.objectContaining(late) : null);
      const sent = await send(letterId);
      expect(sent.late).toEqual(late ? expect.objectContaining(late) : null);
      const row = await prisma.letterRequest.findUniqueOrThrow({ where: { id: letterId } });
      expect(row.lateAsk).toBe(late !== null);
      // The writer sees how much notice they had.
      const view = await letters().view(workspaceId, WRITER, letterId);
      expect(view.late).toEqual(late ? expect.objectContaining(late) : null);
      await runAt("2026-01-13T17:00:05Z");
      const [ask] = dmsTo(WRITER);
      if (late)
        expect(ask).toContain(`A late ask: Mia Mentee asked ${late.daysLeft} days before the deadline`);
      else expect(ask).not.toContain("late ask");
    });
  });

  describe("the ask and the packet", () => {
    it("reaches the writer at 09:00 in Los Angeles, not at 02:00 when it was sent", async () => {
      const { letterId } = await draft();
      const sent = await send(letterId);
      expect(sent).toEqual({
        writerName: "Walt Writer",
        outcome: "asked",
        late: null,
        reachesAt: "Tuesday 13 January at 09:00",
      });
      const view = await letters().view(workspaceId, MENTEE, letterId);
      expect(view).toMatchObject({ status: "ASKED", askedOn: "2026-01-13", deadline: "2026-03-05" });

      await runAt("2026-01-13T10:00:05Z");
      expect(dmsTo(WRITER)).toEqual([]);
      const [ask] = await jobs("letter_ask");
      expect(ask).toMatchObject({ status: "PENDING", dueAt: new Date("2026-01-13T17:00:00Z") });
      await runAt("2026-01-13T16:59:00Z");
      expect(dmsTo(WRITER)).toEqual([]);
      await runAt("2026-01-13T17:00:05Z");
      const dms = dmsTo(WRITER);
      expect(dms).toHaveLength(1);
      expect(dms[0]).toContain(
        "Mia Mentee asks: can you write a strong letter of recommendation for their school application?",
      );
      for (const fact of [
        "Thursday 5 March 2026",
        "Hopkins Medicine",
        "City Hospital (due Thursday 12 March 2026): pending",
        "Through the ERAS portal, letter ID 4711",
        "<https://drive.example.com/mia-cv|CV>",
        "<https://drive.example.com/mia-statement|Personal statement>",
        "Internal medicine, then cardiology.",
        "Hopkins' research track.",
        "Thank you for considering this, Walt.",
        "Yes, gladly",
        "Not the right person",
        "Need more information",
        "6 October 2025: Personal statement structure",
      ]) {
        expect(dms[0]).toContain(fact);
      }
      expect(await jobs("letter_ask")).toMatchObject([{ status: "DONE" }]);
      // The mentee hears nothing until the writer answers.
      expect(dmsTo(MENTEE)).toEqual([]);
    });

    it("the work summary is the record's facts with Walt only, and shared only when approved", async () => {
      const { letterId } = await draft();
      const form = await letters().packetForm(workspaceId, MENTEE, letterId);
      expect(form.shareSummary).toBe(true);
      const summary = form.summary ?? "";
      for (const fact of [
        "Work together with Mia Mentee, from Tandem's record:",
        "Mentorship in Residents 2025, since 1 September 2025 (ongoing).",
        "3 sessions logged, from 6 October 2025 to 1 December 2025.",
        "• 6 October 2025: Personal statement structure",
        "• 1 December 2025: Mock interview",
        "Goal “Match into internal medicine”: in progress (2 of 3 milestones); milestones reached: Draft the personal statement (10 November 2025), Shadow a cardiology clinic (1 October 2025).",
        "Goal “Publish a case report”: achieved on 15 December 2025",
        "1 action item from sessions completed.",
      ]) {
        expect(summary).toContain(fact);
      }
      // Not the dropped goal, not a session still planned, nothing from the work with Pat.
      expect(summary).not.toMatch(/knit|Not yet held|Pat|Private topic|2025-05/);

      // Not approved: the writer gets the packet without it.
      await send(letterId, { shareSummary: false });
      const unshared = await letters().view(workspaceId, WRITER, letterId);
      expect(unshared.packet).toMatchObject({ workSummary: null, cvUrl: "https://drive.example.com/mia-cv" });
      await runAt("2026-01-13T17:00:05Z");
      expect(dmsTo(WRITER)[0]).not.toContain("Match into internal medicine");
      expect((await letters().packetForm(workspaceId, MENTEE, letterId)).shareSummary).toBe(false);

      // Approved in an update: the writer hears, and now has exactly what Mia reviewed.
      at("2026-01-13T18:00:00Z");
      expect(await send(letterId)).toMatchObject({ outcome: "updated", reachesAt: null });
      const shared = await letters().view(workspaceId, WRITER, letterId);
      expect(shared.packet.workSummary).toBe(summary);
      await runAt("2026-01-13T18:00:05Z");
      const update = dmsTo(WRITER)[1] ?? "";
      expect(update).toContain("Mia Mentee updated the packet for their school application letter.");
      expect(update).toContain("Match into internal medicine");
    });

    it("refuses to share a summary that changed since the mentee reviewed it", async () => {
      const { letterId } = await draft();
      const form = await letters().packetForm(workspaceId, MENTEE, letterId);
      const session = await prisma.mentoringSession.create({
        data: { mentorshipId, heldOn: new Date("2026-01-12T00:00:00Z"), agenda: "Residency interviews" },
      });
      try {
        const stale = letters().sendPacket(
          workspaceId,
          MENTEE,
          letterId,
          packet({ summaryKey: form.summaryKey ?? undefined }),
        );
        expect(await fieldOf(stale)).toMatchObject({
          field: "summary",
          message: expect.stringContaining("changed"),
        });
        expect(await prisma.letterRequest.findUniqueOrThrow({ where: { id: letterId } })).toMatchObject({
          status: "DRAFT",
          workSummary: null,
        });
        expect(await jobs("letter_ask")).toEqual([]);
        // Reviewed again, it goes, with the new session in it.
        await send(letterId);
        const view = await letters().view(workspaceId, WRITER, letterId);
        expect(view.packet.workSummary).toContain(
          "4 sessions logged, from 6 October 2025 to 12 January 2026.",
        );
      } finally {
        await prisma.mentoringSession.delete({ where: { id: session.id } });
      }
    });

    it("won't ask for a draft whose deadline is no longer ahead", async () => {
      const { letterId } = await draft();
      at("2026-03-05T12:00:00Z");
      expect(await fieldOf(send(letterId))).toEqual({
        field: "note",
        message: "The deadline, 5 March 2026, is no longer ahead. Edit the details and choose a later one.",
      });
      expect(await jobs("letter_late")).toEqual([]);
      await draft({ letterId, deadline: "2026-04-02", targets: "Hopkins Medicine" });
      expect(await send(letterId)).toMatchObject({ outcome: "asked", late: { daysLeft: 28 } });
    });

    it("names the packet's fields when a link or a text won't do", async () => {
      const { letterId } = await draft();
      const sendWith = (over: Partial<PacketInput>) => send(letterId, over);
      expect(await fieldOf(sendWith({ cvUrl: "my cv on the drive" }))).toMatchObject({ field: "cv" });
      expect(await fieldOf(sendWith({ statementUrl: "ftp://example.org/s" }))).toMatchObject({
        field: "statement",
      });
      expect(await fieldOf(sendWith({ goals: "g".repeat(2001) }))).toMatchObject({ field: "goals" });
      expect(await fieldOf(sendWith({ whyThisProgram: "w".repeat(2001) }))).toMatchObject({ field: "why" });
      expect(await fieldOf(sendWith({ note: "n".repeat(1001) }))).toMatchObject({ field: "note" });
      expect((await letters().view(workspaceId, MENTEE, letterId)).status).toBe("DRAFT");
    });
  });

  describe("the writer's answer", () => {
    it("a yes plans one reminder per distinct deadline, at 09:00 in Los Angeles 10 days before", async () => {
      const { letterId, reminders } = await accepted({
        targets:
          "Hopkins Medicine\nMayo Clinic, 2026-03-05\nCity Hospital, 2026-03-12\nState Clinic (2026-03-12)",
      });
      expect(reminders).toEqual(["2026-02-23", "2026-03-02"]);
      const planned = await jobs("letter_reminder");
      expect(planned.map((j) => [j.dueAt.toISOString(), j.payload])).toEqual([
        ["2026-02-23T17:00:00.000Z", { letterId, deadline: "2026-03-05" }],
        ["2026-03-02T17:00:00.000Z", { letterId, deadline: "2026-03-12" }],
      ]);
      // Mia (17:30 in London, after her working day) hears the yes the next morning.
      await runAt("2026-01-13T17:30:05Z");
      expect(dmsTo(MENTEE)).toEqual([]);
      await runAt("2026-01-14T09:00:05Z");
      expect(dmsTo(MENTEE)).toEqual([
        expect.stringContaining("Walt Writer said yes: they'll write your school application letter."),
      ]);

      messenger.sent = [];
      await runAt("2026-02-23T16:59:00Z");
      expect(dmsTo(WRITER)).toEqual([]);
      await runAt("2026-02-23T17:00:05Z");
      const [reminder] = dmsTo(WRITER);
      expect(dmsTo(WRITER)).toHaveLength(1);
      expect(reminder).toContain("A gentle reminder: Mia Mentee's letter is due Thursday 5 March 2026.");
      expect(reminder).toContain("for Hopkins Medicine, Mayo Clinic is due");
      expect(reminder).not.toContain("City Hospital");
      expect(reminder).toContain("Through the ERAS portal, letter ID 4711");

      // Submitted to the later two before their reminder: that one never goes.
      const ids = await targetIds(letterId);
      at("2026-02-27T18:00:00Z");
      await letters().markSubmitted(workspaceId, WRITER, letterId, [
        ids["City Hospital"] ?? "",
        ids["State Clinic"] ?? "",
      ]);
      await runAt("2026-03-02T17:00:05Z");
      expect(dmsTo(WRITER).filter((t) => t.includes("gentle reminder"))).toHaveLength(1);
      expect((await jobs("letter_reminder")).map((j) => [j.status, j.cancelReason])).toEqual([
        ["DONE", null],
        ["CANCELLED", "submitted for that deadline"],
      ]);
    });

    it("a reminder after the clocks change is still at 09:00 in Los Angeles", async () => {
      // Clocks go forward there on 8 March: 09:00 on Monday 16 March is 16:00 UTC.
      const { reminders } = await accepted({ deadline: "2026-03-26", targets: "Hopkins Medicine" });
      expect(reminders).toEqual(["2026-03-16"]);
      expect((await jobs("letter_reminder")).map((j) => j.dueAt.toISOString())).toEqual([
        "2026-03-16T16:00:00.000Z",
      ]);
    });

    it("a late yes is reminded 7 days before, and a later one not at all", async () => {
      // Friday 20 February: a late ask for 5 March.
      at("2026-02-20T16:00:00Z");
      const late = await asked({ targets: "Hopkins Medicine" });
      const later = await asked({ targets: "Hopkins Medicine" });
      // Sunday 22 February in Los Angeles: 23 February is too soon after, 26 February is fine.
      at("2026-02-22T20:00:00Z");
      expect((await letters().answer(workspaceId, WRITER, late, { answer: "accept" })).reminders).toEqual([
        "2026-02-26",
      ]);
      // Wednesday 25 February: even 26 February is too soon; they know, they just said yes.
      at("2026-02-25T20:00:00Z");
      expect((await letters().answer(workspaceId, WRITER, later, { answer: "accept" })).reminders).toEqual(
        [],
      );
      expect((await jobs("letter_reminder")).map((j) => [j.dueAt.toISOString(), j.payload])).toEqual([
        ["2026-02-26T17:00:00.000Z", { letterId: late, deadline: "2026-03-05" }],
      ]);
      messenger.sent = [];
      await runAt("2026-02-26T17:00:05Z");
      expect(dmsTo(WRITER)).toEqual([expect.stringContaining("A gentle reminder")]);
    });

    it("a decline reaches the mentee with the note, and cancels the reminders and late notes", async () => {
      const { letterId } = await accepted();
      at("2026-01-20T18:00:00Z");
      const { letter } = await letters().answer(workspaceId, WRITER, letterId, {
        answer: "decline",
        note: "  Dr. Lee knows your research better.  ",
      });
      expect(letter).toMatchObject({ status: "DECLINED", writerNote: "Dr. Lee knows your research better." });
      const planned = [...(await jobs("letter_reminder")), ...(await jobs("letter_late"))];
      expect(planned).toHaveLength(4);
      expect(planned.every((j) => j.status === "CANCELLED" && j.cancelReason === "the writer declined")).toBe(
        true,
      );
      // 18:00 in London: Mia reads it the next morning.
      await runAt("2026-01-21T09:00:05Z");
      const told = dmsTo(MENTEE).filter((t) => t.includes("can't write"));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain("Walt Writer can't write your school application letter.");
      expect(told[0]).toContain("Dr. Lee knows your research better.");
      await expect(letters().answer(workspaceId, WRITER, letterId, { answer: "accept" })).rejects.toThrow(
        "You already declined this request.",
      );
      // Nothing reaches anyone on the deadlines.
      messenger.sent = [];
      await runAt("2026-03-13T12:00:00Z");
      expect(messenger.sent).toEqual([]);
    });

    it("more information, then the packet again: asked in round 2, and round 1's ask never goes", async () => {
      const letterId = await asked();
      // 02:00 in Los Angeles: the ask waits for 09:00 there.
      await runAt("2026-01-13T10:00:05Z");
      // Walt, up at night, answers from Home before the ask's DM reached him.
      at("2026-01-13T10:05:00Z");
      expect(
        await fieldOf(
          letters().answer(workspaceId, WRITER, letterId, { answer: "more_info", question: " " }),
        ),
      ).toMatchObject({ field: "question" });
      await letters().answer(workspaceId, WRITER, letterId, {
        answer: "more_info",
        question: "Which projects should I mention?",
      });
      await expect(
        letters().answer(workspaceId, WRITER, letterId, { answer: "more_info", question: "And?" }),
      ).rejects.toThrow("You asked Mia Mentee for more information");
      await runAt("2026-01-13T10:05:05Z");
      expect(dmsTo(MENTEE)).toEqual([expect.stringContaining("Which projects should I mention?")]);
      const form = await letters().packetForm(workspaceId, MENTEE, letterId);
      expect(form.letter).toMatchObject({
        status: "MORE_INFO",
        writerNote: "Which projects should I mention?",
      });
      expect(form.lateNow).toBeNull();

      at("2026-01-13T11:00:00Z");
      const again = await send(letterId, { note: "The case report and the QI project." });
      expect(again).toMatchObject({ outcome: "asked_again", reachesAt: "Tuesday 13 January at 09:00" });
      expect(await prisma.letterRequest.findUniqueOrThrow({ where: { id: letterId } })).toMatchObject({
        status: "ASKED",
        askRound: 2,
        askedAt: new Date(START),
      });
      await runAt("2026-01-13T17:00:05Z");
      const asks = dmsTo(WRITER);
      expect(asks).toHaveLength(1);
      expect(asks[0]).toContain("They've answered your question.");
      expect(asks[0]).toContain("The case report and the QI project.");
      const rounds = (await jobs("letter_ask")).map((j) => [
        (j.payload as { round: number }).round,
        j.status,
        j.cancelReason,
      ]);
      expect(rounds.sort()).toEqual([
        [1, "CANCELLED", "a newer ask replaced this one"],
        [2, "DONE", null],
      ]);
      // The late notes were planned once, on the first ask.
      expect(await jobs("letter_late")).toHaveLength(2);
    });
  });

  describe("tracking", () => {
    it("a letter submitted somewhere before any answer counts as a yes: the rest get their reminder", async () => {
      const letterId = await asked();
      await runAt("2026-01-13T17:00:05Z");
      const ids = await targetIds(letterId);
      at("2026-01-13T18:00:00Z");
      const v = await letters().markSubmitted(workspaceId, WRITER, letterId, [ids["Hopkins Medicine"] ?? ""]);
      expect(v.status).toBe("ACCEPTED");
      // City Hospital is due Thursday 12 March: its reminder is Monday 2 March, 09:00 in Los Angeles.
      const planned = (await jobs("letter_reminder")).filter((j) => j.status === "PENDING");
      expect(planned.map((j) => (j.payload as { deadline: string }).deadline)).toContain("2026-03-12");
      await runAt("2026-03-02T17:00:05Z");
      const reminders = dmsTo(WRITER).filter((t) => t.includes("A gentle reminder"));
      expect(reminders).toHaveLength(1);
      expect(reminders[0]).toContain("City Hospital");
      expect(reminders[0]).not.toContain("Hopkins Medicine is due");
    });

    it("marks each target as submitted; the mentee hears where, and the letter is done when all are", async () => {
      const { letterId } = await accepted();
      const ids = await targetIds(letterId);
      at("2026-02-10T18:00:00Z");
      expect(await fieldOf(letters().markSubmitted(workspaceId, WRITER, letterId, []))).toMatchObject({
        field: "targets",
      });
      const partial = await letters().markSubmitted(workspaceId, WRITER, letterId, [
        ids["Hopkins Medicine"] ?? "",
      ]);
      expect(partial.status).toBe("ACCEPTED");
      expect(partial.targets.map((t) => [t.name, t.status, t.submittedOn])).toEqual([
        ["Hopkins Medicine", "SUBMITTED", "2026-02-10"],
        ["City Hospital", "PENDING", null],
      ]);
      // Already submitted there: nothing to tick.
      expect(
        await fieldOf(
          letters().markSubmitted(workspaceId, WRITER, letterId, [ids["Hopkins Medicine"] ?? ""]),
        ),
      ).toMatchObject({ field: "targets" });
      // The same moment, the rest: Mia hears of both, in her morning.
      const full = await letters().markSubmitted(workspaceId, WRITER, letterId, [
        ids["Hopkins Medicine"] ?? "",
        ids["City Hospital"] ?? "",
      ]);
      expect(full.status).toBe("SUBMITTED");
      await expect(
        letters().markSubmitted(workspaceId, WRITER, letterId, [ids["City Hospital"] ?? ""]),
      ).rejects.toThrow("You already marked this letter as submitted.");
      await runAt("2026-02-11T09:00:05Z");
      // Both notes fall due in the same second and are delivered in parallel: either order.
      const told = dmsTo(MENTEE).filter((t) => t.includes("submitted your letter"));
      expect(told).toHaveLength(2);
      expect(told).toEqual(
        expect.arrayContaining([
          expect.stringContaining("Walt Writer submitted your letter to Hopkins Medicine."),
          expect.stringContaining("Walt Writer submitted your letter to City Hospital."),
        ]),
      );
      for (const note of told) expect(note).toContain("Send a thank-you");
      // Nothing left to remind or to worry about.
      const planned = [...(await jobs("letter_reminder")), ...(await jobs("letter_late"))];
      expect(planned.map((j) => [j.status, j.cancelReason])).toEqual(
        Array(4).fill(["CANCELLED", "the letter was submitted"]),
      );
    });

    it("the day after a deadline the mentee hears if it is still pending there, not where it was submitted", async () => {
      const { letterId } = await accepted();
      const ids = await targetIds(letterId);
      expect((await jobs("letter_late")).map((j) => [j.dueAt.toISOString(), j.payload])).toEqual([
        ["2026-03-06T09:00:00.000Z", { letterId, deadline: "2026-03-05" }],
        ["2026-03-13T09:00:00.000Z", { letterId, deadline: "2026-03-12" }],
      ]);
      at("2026-03-04T18:00:00Z");
      await letters().markSubmitted(workspaceId, WRITER, letterId, [ids["City Hospital"] ?? ""]);
      messenger.sent = [];
      await runAt("2026-03-06T08:59:00Z");
      expect(dmsTo(MENTEE).filter((t) => t.includes("deadline has passed"))).toEqual([]);
      await runAt("2026-03-06T09:00:05Z");
      const late = dmsTo(MENTEE).filter((t) => t.includes("deadline has passed"));
      expect(late).toEqual([
        expect.stringContaining(
          "Your letter from Walt Writer for Hopkins Medicine isn't marked as submitted, and its deadline has passed.",
        ),
      ]);
      await runAt("2026-03-13T09:00:05Z");
      expect(dmsTo(MENTEE).filter((t) => t.includes("deadline has passed"))).toHaveLength(1);
      expect((await jobs("letter_late")).map((j) => [j.status, j.cancelReason])).toEqual([
        ["DONE", null],
        ["CANCELLED", "submitted for that deadline"],
      ]);
    });

    it("the late note also goes when the writer never answered", async () => {
      const letterId = await asked({ targets: "Hopkins Medicine" });
      messenger.sent = [];
      await runAt("2026-03-06T09:00:05Z");
      expect(dmsTo(MENTEE)).toEqual([expect.stringContaining("hasn't answered your request yet")]);
      expect((await letters().view(workspaceId, MENTEE, letterId)).daysLeft).toBe(-1);
    });

    it("thanks once, after the letter went in, and the outcome reaches the writer", async () => {
      const { letterId } = await accepted({ targets: "Hopkins Medicine" });
      expect(await fieldOf(letters().thank(workspaceId, MENTEE, letterId, "Thanks!"))).toEqual({
        field: "message",
        message: "Walt Writer hasn't submitted this letter yet.",
      });
      expect(
        await fieldOf(letters().shareOutcome(workspaceId, MENTEE, letterId, "I matched!")),
      ).toMatchObject({
        field: "outcome",
      });
      const ids = await targetIds(letterId);
      at("2026-02-10T18:00:00Z");
      await letters().markSubmitted(workspaceId, WRITER, letterId, [ids["Hopkins Medicine"] ?? ""]);
      expect(await fieldOf(letters().thank(workspaceId, MENTEE, letterId, "   "))).toMatchObject({
        field: "message",
      });
      at("2026-02-11T10:00:00Z");
      const thanked = await letters().thank(workspaceId, MENTEE, letterId, "Thank you so much, Walt!");
      expect(thanked.thanked).toBe(true);
      expect(await fieldOf(letters().thank(workspaceId, MENTEE, letterId, "Thanks again!"))).toEqual({
        field: "message",
        message: "You already thanked Walt Writer for this letter.",
      });
      at("2026-03-20T10:00:00Z");
      const shared = await letters().shareOutcome(workspaceId, MENTEE, letterId, "I matched at Hopkins!");
      expect(shared.outcome).toBe("I matched at Hopkins!");
      messenger.sent = [];
      // 10:00 in London is 02:00 in Los Angeles: Walt reads both in his morning.
      await runAt("2026-03-20T10:00:05Z");
      expect(dmsTo(WRITER)).toEqual([]);
      await runAt("2026-03-20T16:00:05Z");
      const toWalt = dmsTo(WRITER);
      expect(toWalt).toHaveLength(2);
      const thanks = toWalt.find((t) => t.includes("A thank-you from Mia Mentee for the letter.")) ?? "";
      expect(thanks).toContain("Thank you so much, Walt!");
      expect(thanks).not.toContain("Thanks again!");
      const news = toWalt.find((t) => t.includes("News from Mia Mentee")) ?? "";
      expect(news).toContain("I matched at Hopkins!");
    });
  });

  describe("cancelling", () => {
    it("a draft is discarded without a word to the writer", async () => {
      const { letterId } = await draft();
      const view = await letters().cancel(workspaceId, MENTEE, letterId);
      expect(view.status).toBe("CANCELLED");
      await runAt("2026-01-13T17:00:05Z");
      expect(messenger.sent).toEqual([]);
      expect(await jobs("letter_update")).toEqual([]);
      // Walt never had it, not even cancelled.
      await expect(letters().view(workspaceId, WRITER, letterId)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("an accepted letter: the writer is told and thanked, and nothing more is planned", async () => {
      const { letterId } = await accepted();
      at("2026-01-20T18:00:00Z");
      await letters().cancel(workspaceId, MENTEE, letterId);
      await expect(letters().cancel(workspaceId, MENTEE, letterId)).rejects.toThrow("already cancelled");
      const planned = [...(await jobs("letter_reminder")), ...(await jobs("letter_late"))];
      expect(planned.every((j) => j.status === "CANCELLED")).toBe(true);
      messenger.sent = [];
      await runAt("2026-01-20T18:00:05Z");
      expect(dmsTo(WRITER)).toEqual([
        expect.stringContaining("Mia Mentee no longer needs the school application letter."),
      ]);
      await expect(letters().markSubmitted(workspaceId, WRITER, letterId, [])).rejects.toThrow("cancelled");
    });

    it("an ask cancelled before it reached the writer is never sent, and neither is the cancellation", async () => {
      const unseen = await asked();
      // Sent at 02:00 in Los Angeles: it waits for 09:00 there.
      await runAt("2026-01-13T10:00:05Z");
      at("2026-01-13T11:00:00Z");
      await letters().cancel(workspaceId, MENTEE, unseen);
      expect(await jobs("letter_ask")).toMatchObject([
        { status: "CANCELLED", cancelReason: "the request was cancelled" },
      ]);
      expect(await jobs("letter_update")).toEqual([]);
      await runAt("2026-01-13T17:00:05Z");
      expect(dmsTo(WRITER)).toEqual([]);

      // Once the ask reached him, he hears of the cancellation.
      const seen = await asked();
      await runAt("2026-01-13T17:00:10Z");
      at("2026-01-13T18:00:00Z");
      await letters().cancel(workspaceId, MENTEE, seen);
      await runAt("2026-01-13T18:00:05Z");
      expect(dmsTo(WRITER)).toEqual([
        expect.stringContaining("Mia Mentee asks: can you write a strong letter"),
        expect.stringContaining("Mia Mentee no longer needs the school application letter."),
      ]);
    });
  });

  describe("privacy", () => {
    it("a letter belongs to its two people: others, coordinators included, can't see or touch it", async () => {
      const letterId = await asked();
      const ids = Object.values(await targetIds(letterId));
      for (const outsider of [OTHER, COORD, PAST]) {
        await expect(letters().view(workspaceId, outsider, letterId)).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          letters().answer(workspaceId, outsider, letterId, { answer: "accept" }),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(letters().markSubmitted(workspaceId, outsider, letterId, ids)).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await expect(letters().packetForm(workspaceId, outsider, letterId)).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await expect(letters().cancel(workspaceId, outsider, letterId)).rejects.toBeInstanceOf(NotFoundError);
        const home = await letters().overview(workspaceId, outsider);
        expect([...home.asMentee, ...home.asWriter]).toEqual([]);
      }
      // Each person does only their own part.
      await expect(
        letters().answer(workspaceId, MENTEE, letterId, { answer: "accept" }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(letters().packetForm(workspaceId, WRITER, letterId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(letters().cancel(workspaceId, WRITER, letterId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(letters().thank(workspaceId, WRITER, letterId, "Hi")).rejects.toBeInstanceOf(
        NotFoundError,
      );
      // The same letter id in another workspace is nobody's.
      await expect(letters().view("another-workspace", MENTEE, letterId)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await prisma.letterRequest.findUniqueOrThrow({ where: { id: letterId } })).toMatchObject({
        status: "ASKED",
      });
    });

    it("the writer never sees a draft", async () => {
      const { letterId } = await draft();
      await expect(letters().view(workspaceId, WRITER, letterId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        letters().answer(workspaceId, WRITER, letterId, { answer: "accept" }),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect((await letters().overview(workspaceId, WRITER)).asWriter).toEqual([]);
      await send(letterId);
      expect((await letters().view(workspaceId, WRITER, letterId)).viewer).toBe("writer");
    });
  });

  describe("Home", () => {
    it("lists the letters for both people: the mentee's asks, the writer's letters to write", async () => {
      const draftId = (await draft({ targets: "Mayo Clinic" })).letterId;
      const askedId = await asked({
        purpose: "RESIDENCY",
        deadline: "2026-04-01",
        targets: "Hopkins Medicine",
      });
      const mia = await letters().overview(workspaceId, MENTEE);
      expect(mia).toMatchObject({ canAsk: true, asWriter: [], moreAsMentee: 0 });
      expect(mia.asMentee.map((v) => [v.id, v.status, v.viewer, v.writerName, v.daysLeft])).toEqual([
        [draftId, "DRAFT", "mentee", "Walt Writer", 51],
        [askedId, "ASKED", "mentee", "Walt Writer", 78],
      ]);
      const walt = await letters().overview(workspaceId, WRITER);
      expect(walt).toMatchObject({ canAsk: false, asMentee: [], moreAsWriter: 0 });
      // 02:00 in Los Angeles is still the 13th there.
      expect(walt.asWriter.map((v) => [v.id, v.status, v.viewer, v.menteeName, v.daysLeft])).toEqual([
        [askedId, "ASKED", "writer", "Mia Mentee", 78],
      ]);
      expect(await letters().peopleOf(askedId)).toEqual([MENTEE, WRITER]);
    });

    it("lists open letters first, keeps finished ones for 60 days (a submitted one until its outcome is shared), and counts the rest", async () => {
      const declinedId = await asked({ targets: "Mayo Clinic" });
      await letters().answer(workspaceId, WRITER, declinedId, { answer: "decline" });
      const cancelledId = await asked({ targets: "Yale" });
      await letters().cancel(workspaceId, MENTEE, cancelledId);
      const { letterId: doneId } = await accepted({ targets: "Hopkins Medicine" });
      at("2026-02-10T18:00:00Z");
      await letters().markSubmitted(workspaceId, WRITER, doneId, Object.values(await targetIds(doneId)));
      for (const target of ["A", "B", "C", "D"]) await draft({ targets: target });

      // Four drafts, the submitted letter and the declined one: the open ones first, two more.
      const mia = await letters().overview(workspaceId, MENTEE);
      expect(mia.asMentee.map((v) => v.status)).toEqual(["DRAFT", "DRAFT", "DRAFT", "DRAFT"]);
      expect(mia.moreAsMentee).toBe(2);
      const walt = await letters().overview(workspaceId, WRITER);
      expect(walt.asWriter.map((v) => [v.id, v.status])).toEqual([[doneId, "SUBMITTED"]]);
      // With room, the finished ones follow.
      for (const d of await prisma.letterRequest.findMany({ where: { status: "DRAFT" }, take: 3 })) {
        await letters().cancel(workspaceId, MENTEE, d.id);
      }
      const roomy = await letters().overview(workspaceId, MENTEE);
      expect(roomy.asMentee.map((v) => v.status).sort()).toEqual(["DECLINED", "DRAFT", "SUBMITTED"]);
      expect(roomy.asMentee[0]?.status).toBe("DRAFT");

      // 60 days later the decline and the writer's copy are gone; the submitted letter waits
      // in the mentee's Home for its outcome.
      at("2026-04-12T18:00:00Z");
      const later = await letters().overview(workspaceId, MENTEE);
      expect(later.asMentee.map((v) => v.status)).toEqual(["DRAFT", "SUBMITTED"]);
      expect(later.moreAsMentee).toBe(0);
      expect((await letters().overview(workspaceId, WRITER)).asWriter).toEqual([]);

      // Once the outcome is shared, it leaves 60 days after that.
      await letters().shareOutcome(workspaceId, MENTEE, doneId, "I matched at Hopkins!");
      at("2026-06-12T18:00:00Z");
      expect((await letters().overview(workspaceId, MENTEE)).asMentee.map((v) => v.status)).toEqual([
        "DRAFT",
      ]);
    });
  });

  it("refuses a second answer with what happened", async () => {
    const { letterId } = await accepted();
    await expect(letters().answer(workspaceId, WRITER, letterId, { answer: "accept" })).rejects.toThrow(
      "You've already said yes to this letter.",
    );
    await expect(
      letters().answer(workspaceId, WRITER, letterId, { answer: "more_info", question: "?" }),
    ).rejects.toBeInstanceOf(UserError);
  });
});
