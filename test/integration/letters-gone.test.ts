// A letter's mentee or writer gone from Tandem, on a real database: when one of them leaves,
// erases their data or loses their Slack account, the open request closes, its reminder and late
// note are cancelled, and the person who stays is told once, with what went in and what still has
// a deadline. Drafts and asks the writer never saw close quietly; finished letters are untouched.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import type { Services } from "../../src/services/index.ts";
import type { LetterDraftInput } from "../../src/services/letters.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";
import { buttonsIn, visibleText } from "../support/tandem.ts";

const MENTEE = "U0MIA"; // London
const WRITER = "U0WALT"; // Los Angeles
// Tuesday 13 January 2026, 10:00 UTC: 10:00 in London, 02:00 in Los Angeles.
const START = "2026-01-13T10:00:00Z";
/** 09:00 in Los Angeles, 17:00 in London: both people are in working hours. */
const BOTH_AT_WORK = "2026-01-13T17:00:05Z";

describe("a letter whose mentee or writer is gone", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let workspaces = 0;
  let clock = new Date(START);
  const messenger = new RecordingMessenger();

  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const runAt = async (iso: string) => {
    at(iso);
    await runner.runDue();
  };
  /** The letter DMs one person received, as they read them (the mentorship's end is told apart). */
  const lettersTo = (slackId: string) =>
    messenger.sent
      .filter((s) => s.to === slackId)
      .map((s) => `${s.message.text}\n${visibleText(s.message.blocks)}`.replace(/\*/g, ""))
      .filter((text) => text.includes("letter"));
  const jobsOf = (letterId: string) =>
    prisma.scheduledJob.findMany({
      where: { idempotencyKey: { contains: letterId } },
      orderBy: { idempotencyKey: "asc" },
    });

  /** A letter asked of Walt by Mia, for a school (5 March) and City Hospital (12 March). */
  const asked = async (over: Partial<LetterDraftInput> = {}) => {
    const writerMemberId = (await member(WRITER)).id;
    const { letterId } = await services.letters.saveDraft(workspaceId, MENTEE, {
      writerMemberId,
      purpose: "SCHOOL",
      deadline: "2026-03-05",
      targets: "Hopkins Medicine\nCity Hospital, 2026-03-12",
      howToSubmit: "Through the portal",
      ...over,
    });
    const form = await services.letters.packetForm(workspaceId, MENTEE, letterId);
    await services.letters.sendPacket(workspaceId, MENTEE, letterId, {
      cvUrl: "https://drive.example.com/mia-cv",
      shareSummary: true,
      summaryKey: form.summaryKey ?? undefined,
    });
    return letterId;
  };
  /** Asked, the ask delivered at 09:00 in Los Angeles, accepted at 09:30 there. */
  const accepted = async () => {
    const letterId = await asked();
    await runAt(BOTH_AT_WORK);
    at("2026-01-13T17:30:00Z");
    await services.letters.answer(workspaceId, WRITER, letterId, { answer: "accept" });
    await runAt("2026-01-13T17:30:05Z");
    return letterId;
  };
  const member = (slackUserId: string) =>
    prisma.member.findUniqueOrThrow({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } } });
  const statusOf = async (letterId: string) =>
    (await prisma.letterRequest.findUniqueOrThrow({ where: { id: letterId } })).status;

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services, runner } = testStack(prisma, { messenger, now: () => clock }));
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    // A workspace of their own per test: people leave and erase themselves here.
    messenger.sent = [];
    clock = new Date(START);
    workspaceId = (await services.workspaces.ensure(`T_GONE_${++workspaces}`)).id;
    const programId = (await prisma.program.create({ data: { workspaceId, name: "Residents" } })).id;
    const person = async (slackUserId: string, tz: string, realName: string) =>
      (
        await prisma.member.create({
          data: { workspaceId, slackUserId, tz, realName, joinedAt: new Date("2025-01-01T00:00:00Z") },
        })
      ).id;
    const menteeId = await person(MENTEE, "Europe/London", "Mia Mentee");
    const mentorId = await person(WRITER, "America/Los_Angeles", "Walt Writer");
    await prisma.mentorship.create({
      data: {
        programId,
        mentorId,
        menteeId,
        status: "ACTIVE",
        origin: "COORDINATOR",
        startedAt: new Date("2025-09-01T09:00:00Z"),
      },
    });
  });

  it("the writer leaves after saying yes: the mentee hears what went in and what is still due, and nothing more is planned", async () => {
    const letterId = await accepted();
    const ids = Object.fromEntries(
      (await services.letters.view(workspaceId, MENTEE, letterId)).targets.map((t) => [t.name, t.id]),
    );
    at("2026-01-20T18:00:00Z");
    await services.letters.markSubmitted(workspaceId, WRITER, letterId, [ids["Hopkins Medicine"] ?? ""]);
    await runAt("2026-01-20T18:00:05Z");
    messenger.sent = [];

    at("2026-01-21T18:00:00Z");
    await services.members.leave(workspaceId, WRITER);
    expect(await statusOf(letterId)).toBe("CANCELLED");
    const planned = (await jobsOf(letterId)).filter((j) =>
      ["letter_reminder", "letter_late"].includes(j.kind),
    );
    expect(planned.length).toBeGreaterThan(0);
    expect(
      planned.every((j) => j.status === "CANCELLED" && j.cancelReason === "the writer left Tandem"),
    ).toBe(true);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { workspaceId, action: "member.left" } });
    expect(audit.data).toEqual({ mentorshipsEnded: 1, lettersClosed: 1 });

    await runAt("2026-01-21T18:00:05Z");
    const toMia = lettersTo(MENTEE);
    expect(toMia).toHaveLength(1);
    expect(toMia[0]).toContain(
      "Walt Writer left Tandem, so Tandem closed your request for a letter for your school application, due Thursday 5 March 2026, and won't remind them about it.",
    );
    expect(toMia[0]).toContain(
      "They had agreed to write it: if they still plan to, check with them directly",
    );
    expect(toMia[0]).toContain("Already submitted: Hopkins Medicine");
    expect(toMia[0]).toContain("Still to go: City Hospital (due Thursday 12 March 2026)");
    const notice = messenger.sent.find((s) => s.to === MENTEE && s.message.text.includes("letter"));
    expect(buttonsIn(notice?.message.blocks).map((b) => b.label)).toEqual(["Ask someone else"]);

    // Past the reminder days and both deadlines: nobody hears of it again.
    messenger.sent = [];
    await runAt("2026-03-14T17:00:00Z");
    expect(messenger.sent.filter((s) => `${s.message.text}`.includes("letter"))).toEqual([]);
    // Closed letters leave Home: Mia has no mentor left to ask, so there's no letters section.
    const home = await services.letters.overview(workspaceId, MENTEE);
    expect(home.asMentee).toEqual([]);
  });

  it("the mentee leaves: the writer who saw the ask is told it's closed; a draft closes without a word", async () => {
    const letterId = await asked();
    await runAt(BOTH_AT_WORK);
    const { letterId: draftId } = await services.letters.saveDraft(workspaceId, MENTEE, {
      writerMemberId: (await member(WRITER)).id,
      purpose: "JOB",
      deadline: "2026-04-01",
      targets: "Acme",
    });
    messenger.sent = [];

    at("2026-01-13T18:00:00Z");
    await services.members.leave(workspaceId, MENTEE);
    expect(await statusOf(letterId)).toBe("CANCELLED");
    expect(await statusOf(draftId)).toBe("CANCELLED");
    await runAt("2026-01-13T18:00:05Z");
    expect(lettersTo(WRITER)).toHaveLength(1);
    expect(lettersTo(WRITER)[0]).toContain(
      "Mia Mentee left Tandem, so their request for a letter for their school application, due Thursday 5 March 2026, is closed in Tandem and you won't get reminders about it. There's nothing more for you to do in Tandem.",
    );
    expect(lettersTo(WRITER)[0]).not.toContain("job application");
    // The writer can no longer act on it, and is told why.
    await expect(
      services.letters.answer(workspaceId, WRITER, letterId, { answer: "accept" }),
    ).rejects.toThrow("Mia Mentee has left Tandem, so this request is closed: nothing more to do.");
  });

  it("the mentee leaves before the ask reached the writer: it is withdrawn unseen and the writer hears nothing", async () => {
    const letterId = await asked();
    // 02:00 in Los Angeles: the ask waits for 09:00 there.
    await runAt("2026-01-13T10:00:05Z");
    at("2026-01-13T11:00:00Z");
    await services.members.leave(workspaceId, MENTEE);
    const ask = (await jobsOf(letterId)).find((j) => j.kind === "letter_ask");
    expect(ask).toMatchObject({ status: "CANCELLED", cancelReason: "the mentee left Tandem" });
    await runAt("2026-01-14T17:00:05Z");
    expect(lettersTo(WRITER)).toEqual([]);
  });

  it("the writer erases their data: the letter is gone, and the mentee is told by the writer's name first", async () => {
    const letterId = await asked();
    await runAt(BOTH_AT_WORK);
    messenger.sent = [];
    at("2026-01-13T17:10:00Z");
    await services.members.deleteData(workspaceId, WRITER);
    expect(await prisma.letterRequest.findUnique({ where: { id: letterId } })).toBeNull();
    await runAt("2026-01-13T17:10:05Z");
    const toMia = lettersTo(MENTEE);
    expect(toMia).toHaveLength(1);
    expect(toMia[0]).toContain(
      "Walt Writer removed their data from Tandem, so Tandem closed your request for a letter for your school application",
    );
    expect(toMia[0]).toContain("They hadn't said yes yet. Ask someone else while there's still time.");
    expect(toMia[0]).toContain("Still to go: Hopkins Medicine, City Hospital (due Thursday 12 March 2026)");
  });

  it("the writer's Slack account is deactivated: the mentee is told why", async () => {
    await accepted();
    messenger.sent = [];
    at("2026-01-14T10:00:00Z");
    const { deactivated } = await services.members.applySlackFacts(workspaceId, {
      slackUserId: WRITER,
      teamId: undefined,
      realName: "Walt Writer",
      displayName: undefined,
      email: undefined,
      title: undefined,
      tz: "America/Los_Angeles",
      isAdmin: false,
      isOwner: false,
      isGuest: false,
      isBot: false,
      isDeleted: true,
      statusText: undefined,
      statusEmoji: undefined,
      statusExpiresAt: undefined,
    });
    expect(deactivated).toBe(true);
    await runAt("2026-01-14T10:00:05Z");
    // Walt's yes came after Mia's working day and waited for her morning; by then the request is
    // closed, so she reads only where it stood when it closed.
    const toMia = lettersTo(MENTEE);
    expect(toMia).toHaveLength(1);
    expect(toMia[0]).toContain(
      "Walt Writer no longer has a Slack account here, so Tandem closed your request",
    );
  });

  it("a draft naming a writer who leaves closes, and the mentee is told it was never sent", async () => {
    const { letterId } = await services.letters.saveDraft(workspaceId, MENTEE, {
      writerMemberId: (await member(WRITER)).id,
      purpose: "AWARD",
      deadline: "2026-04-01",
      targets: "Young Researcher Prize",
    });
    at("2026-01-13T11:00:00Z");
    // Walt never saw the draft: the leave confirmation doesn't count it.
    expect(await services.members.whatLeavingEnds(workspaceId, WRITER)).toEqual({
      mentorships: 1,
      letters: 0,
    });
    await services.members.leave(workspaceId, WRITER);
    expect(await statusOf(letterId)).toBe("CANCELLED");
    await runAt("2026-01-13T11:00:05Z");
    expect(lettersTo(MENTEE)).toEqual([
      expect.stringContaining(
        "Walt Writer left Tandem, so Tandem closed your draft request for a letter for your award or scholarship nomination, due Wednesday 1 April 2026. Ask someone else while there's still time.",
      ),
    ]);
    expect(lettersTo(WRITER)).toEqual([]);
  });

  it("a draft can't be sent to a writer who is no longer in Tandem", async () => {
    const { letterId } = await services.letters.saveDraft(workspaceId, MENTEE, {
      writerMemberId: (await member(WRITER)).id,
      purpose: "JOB",
      deadline: "2026-04-01",
      targets: "Acme",
    });
    // Gone by a path that doesn't close letters (e.g. data from before they did).
    await prisma.member.update({ where: { id: (await member(WRITER)).id }, data: { status: "LEFT" } });
    await expect(
      services.letters.sendPacket(workspaceId, MENTEE, letterId, { shareSummary: false }),
    ).rejects.toThrow("Walt Writer is no longer in Tandem, so they can't be asked here.");
    expect(await statusOf(letterId)).toBe("DRAFT");
  });

  it("finished letters stay as they are, and nobody is told about them", async () => {
    const submitted = await accepted();
    const view = await services.letters.view(workspaceId, WRITER, submitted);
    await services.letters.markSubmitted(
      workspaceId,
      WRITER,
      submitted,
      view.targets.map((t) => t.id),
    );
    const declined = await asked({ purpose: "AWARD", deadline: "2026-04-01", targets: "Prize" });
    await runAt("2026-01-13T17:40:05Z");
    await services.letters.answer(workspaceId, WRITER, declined, { answer: "decline" });
    await runAt("2026-01-13T17:45:05Z");
    messenger.sent = [];

    at("2026-01-13T18:00:00Z");
    await services.members.leave(workspaceId, WRITER);
    expect(await statusOf(submitted)).toBe("SUBMITTED");
    expect(await statusOf(declined)).toBe("DECLINED");
    await runAt("2026-01-13T18:00:05Z");
    expect(lettersTo(MENTEE)).toEqual([]);
  });
});
