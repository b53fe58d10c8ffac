// Sessions on a real database: a full log (agenda, private notes, takeaways, action items, the
// next session), two people logging the same day making one session, action item reminders on
// the due date in the owner's hours (skipped once done or re-dated, held back by a pause), the
// planned session and each person's agenda prompt the working day before in their own hours,
// prompts falling silent when the plan moves or the session is logged, feedback requested once
// per session, and only the pair reading or ticking what belongs to it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { NotFoundError } from "../../src/services/errors.ts";
import type { Services } from "../../src/services/index.ts";
import { FormErrors, type SessionLogInput } from "../../src/services/sessions.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";

const BERTA = "U0BERLIN"; // the mentor, Europe/Berlin (UTC+2 in October)
const LOU = "U0LA"; // the mentee, America/Los_Angeles (UTC-7 in October)
const THEO = "U0THIRD"; // someone else in the workspace

describe("sessions", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let services: Services;
  let runner: JobRunner;
  let workspaceId: string;
  let programId: string;
  let mentorId: string;
  let menteeId: string;
  let mentorshipId: string;
  // Monday 5 October 2026, 17:00 UTC: 19:00 in Berlin, 10:00 in Los Angeles.
  let clock = new Date("2026-10-05T17:00:00Z");
  const messenger = new RecordingMessenger();

  /** What Tandem told a person about sessions (feedback requests and the like are left out). */
  const said = (slackId: string) =>
    messenger.textsTo(slackId).filter((t) => /you meet|^Due |^Was due /.test(t));
  const runAt = async (iso: string) => {
    clock = new Date(iso);
    await runner.runDue();
  };
  const log = (slackUserId: string, input: Partial<SessionLogInput>) =>
    services.sessions.log(workspaceId, slackUserId, {
      mentorshipId,
      heldOn: "2026-10-05",
      minutes: 60,
      ...input,
    });
  const jobs = (kind: string) =>
    prisma.scheduledJob.findMany({ where: { kind }, orderBy: [{ dueAt: "asc" }, { idempotencyKey: "asc" }] });
  const formErrors = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FormErrors);
    return Object.fromEntries((error as FormErrors).errors.map((e) => [e.field, e.message]));
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    ({ services, runner } = testStack(prisma, { messenger, now: () => clock }));
    workspaceId = (await services.workspaces.ensure("T_SESSIONS")).id;
    programId = (
      await prisma.program.create({ data: { workspaceId, name: "Residents", checkinCadenceDays: 14 } })
    ).id;
    const member = (slackUserId: string, tz: string, realName: string) =>
      prisma.member.create({ data: { workspaceId, slackUserId, tz, realName, joinedAt: clock } });
    mentorId = (await member(BERTA, "Europe/Berlin", "Berta Berlin")).id;
    menteeId = (await member(LOU, "America/Los_Angeles", "Lou Angeles")).id;
    await member(THEO, "UTC", "Theo Third");
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    clock = new Date("2026-10-05T17:00:00Z");
    messenger.sent = [];
    await prisma.mentorship.deleteMany();
    await prisma.journalEntry.deleteMany();
    await prisma.scheduledJob.deleteMany();
    await prisma.delivery.deleteMany();
    mentorshipId = (
      await prisma.mentorship.create({
        data: {
          programId,
          mentorId,
          menteeId,
          status: "ACTIVE",
          origin: "COORDINATOR",
          startedAt: new Date("2026-09-01T12:00:00Z"),
          unansweredCheckins: 2,
          atRiskReason: "no session since the start, 34 days ago",
        },
      })
    ).id;
  });

  it("saves a full log: the held session, action items, takeaways in the journal, the pair's rhythm", async () => {
    const logged = await log(LOU, {
      minutes: 45,
      agenda: "Grant timeline\nWhich journal first",
      privateNotes: "Feeling stretched this month.",
      takeaways: "- Draft the aims page first\n• Ask two colleagues to review\n\n",
      actionItems: [
        { text: "Send the aims page to Berta", dueOn: "2026-10-08" },
        { text: "Share two example grants", owner: "partner", dueOn: "2026-10-07" },
        { text: "Book the writing retreat" },
      ],
    });
    expect(logged).toMatchObject({
      partnerName: "Berta Berlin",
      heldOn: "Monday 5 October",
      minutes: 45,
      merged: false,
      actionItems: 3,
      nextSession: null,
    });
    const session = await prisma.mentoringSession.findUniqueOrThrow({ where: { id: logged.sessionId } });
    expect(session).toMatchObject({
      status: "HELD",
      durationMinutes: 45,
      agenda: "Grant timeline\nWhich journal first",
      privateNotes: "Feeling stretched this month.",
      takeaways: ["Draft the aims page first", "Ask two colleagues to review"],
      loggedById: menteeId,
    });
    expect(session.heldOn.toISOString()).toBe("2026-10-05T00:00:00.000Z");
    const items = await prisma.actionItem.findMany({
      where: { mentorshipId },
      orderBy: { createdAt: "asc" },
    });
    expect(
      items.map((i) => [i.text, i.ownerId, i.dueOn?.toISOString().slice(0, 10) ?? null, i.sessionId]),
    ).toEqual([
      ["Send the aims page to Berta", menteeId, "2026-10-08", session.id],
      ["Share two example grants", mentorId, "2026-10-07", session.id],
      ["Book the writing retreat", menteeId, null, session.id],
    ]);
    const journal = await prisma.journalEntry.findMany({
      where: { memberId: menteeId },
      orderBy: { createdAt: "asc" },
    });
    expect(journal.map((j) => [j.kind, j.body])).toEqual([
      ["TAKEAWAY", "Draft the aims page first"],
      ["TAKEAWAY", "Ask two colleagues to review"],
    ]);
    const m = await prisma.mentorship.findUniqueOrThrow({ where: { id: mentorshipId } });
    expect(m).toMatchObject({ unansweredCheckins: 0, atRiskReason: null });
    expect(m.lastSessionAt?.toISOString()).toBe("2026-10-05T00:00:00.000Z");
  });

  it("two people logging the same day make one session; feedback is asked once per person", async () => {
    const first = await log(LOU, {
      agenda: "Grant timeline",
      privateNotes: "Feeling stretched.",
      takeaways: "Draft the aims page first",
    });
    clock = new Date("2026-10-05T17:30:00Z");
    const second = await log(BERTA, {
      minutes: 90,
      agenda: "Grant timeline\n\nConference abstract",
      privateNotes: "Lou seems tired; check in next time.",
      takeaways: "Draft the aims page first\nSubmit the abstract by Friday",
      actionItems: [{ text: "Find a co-author", owner: "partner" }],
    });
    expect(second).toMatchObject({ sessionId: first.sessionId, merged: true });
    const sessions = await prisma.mentoringSession.findMany({ where: { mentorshipId } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      durationMinutes: 60,
      agenda: "Grant timeline\n\nConference abstract",
      privateNotes: "Lou Angeles: Feeling stretched.\n\nBerta Berlin: Lou seems tired; check in next time.",
      takeaways: ["Draft the aims page first", "Submit the abstract by Friday"],
      loggedById: menteeId,
    });
    const item = await prisma.actionItem.findFirstOrThrow({ where: { mentorshipId } });
    expect(item).toMatchObject({ ownerId: menteeId, sessionId: first.sessionId });

    const feedback = await jobs("feedback_request");
    expect(feedback.map((j) => j.idempotencyKey).sort()).toEqual(
      [menteeId, mentorId]
        .map((id) => `feedback_request:${mentorshipId}:session:${first.sessionId}:${id}`)
        .sort(),
    );
    const byMember = Object.fromEntries(
      feedback.map((j) => [(j.payload as { memberId: string }).memberId, j]),
    );
    expect(byMember[menteeId]?.payload).toEqual({
      mentorshipId,
      memberId: menteeId,
      context: "SESSION",
      sessionId: first.sessionId,
    });
    // Two hours after the first log: 12:00 in Los Angeles; Berlin's 21:00 waits for 9:00 Tuesday.
    expect(byMember[menteeId]?.dueAt.toISOString()).toBe("2026-10-05T19:00:00.000Z");
    expect(byMember[mentorId]?.dueAt.toISOString()).toBe("2026-10-06T07:00:00.000Z");
  });

  it("reminds an action item's owner on the due date at 9:00 their time, with the session it came from", async () => {
    await log(LOU, {
      actionItems: [
        { text: "Share two example grants", owner: "partner", dueOn: "2026-10-08" },
        { text: "Send the aims page", dueOn: "2026-10-10" }, // a Saturday: reminded on Friday
      ],
    });
    const reminders = await jobs("action_item_due");
    expect(reminders.map((j) => j.dueAt.toISOString())).toEqual([
      "2026-10-08T07:00:00.000Z", // Thursday 9:00 Berlin
      "2026-10-09T16:00:00.000Z", // Friday 9:00 Los Angeles
    ]);
    const [berlin] = reminders;
    const item = await prisma.actionItem.findFirstOrThrow({ where: { ownerId: mentorId } });
    expect(berlin?.idempotencyKey).toBe(`action_item_due:${mentorshipId}:${item.id}:2026-10-08`);

    await runAt("2026-10-08T06:59:00Z");
    expect(said(BERTA)).toEqual([]);
    await runAt("2026-10-08T07:00:30Z");
    expect(said(BERTA)).toEqual(["Due today: Share two example grants"]);
    const dm = messenger.sent.find((s) => s.to === BERTA && s.message.text.startsWith("Due"))?.message;
    expect(JSON.stringify(dm?.blocks)).toContain("in your session on Monday 5 October");
    expect(JSON.stringify(dm?.blocks)).toContain("Mark done");

    await runAt("2026-10-09T16:00:30Z");
    expect(said(LOU)).toEqual(["Due tomorrow: Send the aims page"]);
  });

  it("a reminder is skipped once its item is done or re-dated", async () => {
    await log(LOU, {
      actionItems: [
        { text: "Send the aims page", dueOn: "2026-10-08" },
        { text: "Book the retreat", dueOn: "2026-10-08" },
      ],
    });
    const [aims, retreat] = await prisma.actionItem.findMany({
      where: { mentorshipId },
      orderBy: { text: "desc" },
    });
    // Berta ticks Lou's item off; the reminder is cancelled at once.
    const done = await services.sessions.completeActionItem(workspaceId, BERTA, aims?.id ?? "");
    expect(done).toMatchObject({ ownerName: "Lou Angeles", already: false });
    expect((await services.sessions.completeActionItem(workspaceId, LOU, aims?.id ?? "")).already).toBe(true);
    await prisma.actionItem.update({
      where: { id: retreat?.id ?? "" },
      data: { dueOn: new Date("2026-10-20T00:00:00Z") },
    });
    await runAt("2026-10-08T16:00:30Z");
    expect(said(LOU)).toEqual([]);
    const outcomes = (await jobs("action_item_due")).map((j) => [j.status, j.cancelReason]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        ["CANCELLED", "the action item is done"],
        ["CANCELLED", "the action item's due date changed"],
      ]),
    );
  });

  it("a reminder due during a pause waits for the pause to end, then arrives in working hours", async () => {
    await log(LOU, { actionItems: [{ text: "Send the aims page", dueOn: "2026-10-08" }] });
    await prisma.mentorship.update({
      where: { id: mentorshipId },
      data: { status: "PAUSED", pausedUntil: new Date("2026-10-19T08:00:00Z") },
    });
    await runAt("2026-10-08T16:00:30Z");
    expect(said(LOU)).toEqual([]);
    const waiting = (await jobs("action_item_due"))[0];
    expect(waiting?.status).toBe("PENDING");
    // Monday 19 October, 9:00 in Los Angeles.
    expect(waiting?.dueAt.toISOString()).toBe("2026-10-19T16:00:00.000Z");
    await prisma.mentorship.update({
      where: { id: mentorshipId },
      data: { status: "ACTIVE", pausedUntil: null },
    });
    await runAt("2026-10-19T16:00:30Z");
    expect(said(LOU)).toEqual(["Was due Thursday 8 October: Send the aims page"]);
  });

  it("plans the next session and sends each person an agenda the working day before, in their own hours", async () => {
    await log(LOU, {
      takeaways: "Draft the aims page first",
      actionItems: [
        { text: "Send the aims page", dueOn: "2026-10-16" },
        { text: "Share two example grants", owner: "partner" },
      ],
      // Monday 12 October at 08:00 in Los Angeles = 15:00 UTC = 17:00 in Berlin.
      nextOn: "2026-10-12",
      nextTime: "08:00",
    });
    const planned = await prisma.mentoringSession.findFirstOrThrow({
      where: { mentorshipId, status: "PLANNED" },
    });
    expect(planned.heldOn.toISOString()).toBe("2026-10-12T15:00:00.000Z");
    const prompts = await jobs("agenda_prompt");
    // The day before is a Sunday: both hear on Friday, at 9:00 their time.
    expect(prompts.map((j) => [j.idempotencyKey, j.dueAt.toISOString()])).toEqual([
      [`agenda_prompt:${mentorshipId}:${planned.id}:${mentorId}`, "2026-10-09T07:00:00.000Z"],
      [`agenda_prompt:${mentorshipId}:${planned.id}:${menteeId}`, "2026-10-09T16:00:00.000Z"],
    ]);
    expect(prompts[0]?.payload).toMatchObject({
      plannedFor: "2026-10-12T15:00:00.000Z",
      sessionId: planned.id,
    });

    await runAt("2026-10-09T07:00:30Z");
    expect(said(BERTA)).toEqual(["On Monday 12 October at 17:00 (your time) you meet Lou Angeles"]);
    expect(said(LOU)).toEqual([]);
    await runAt("2026-10-09T16:00:30Z");
    expect(said(LOU)).toEqual(["On Monday 12 October at 08:00 (your time) you meet Berta Berlin"]);
    const prompt = JSON.stringify(
      messenger.sent.find((s) => s.to === LOU && s.message.text.includes("you meet"))?.message.blocks,
    );
    expect(prompt).toContain("Send the aims page");
    expect(prompt).toContain("due Friday 16 October");
    expect(prompt).toContain("Share two example grants");
    expect(prompt).toContain("Draft the aims page first");
    expect(prompt).toContain("A short personal update");
    expect(prompt).toContain("Log the session");
    // Only Lou's own item carries a "Mark done" button in Lou's prompt.
    expect(prompt.match(/Mark done/g)).toHaveLength(1);
  });

  it("a prompt lands 'Tomorrow' on a weekday, and falls silent when the plan moves", async () => {
    // Wednesday 14 October at 10:00 Berlin time, planned by Berta.
    await log(BERTA, { nextOn: "2026-10-14", nextTime: "10:00" });
    const first = await prisma.mentoringSession.findFirstOrThrow({
      where: { mentorshipId, status: "PLANNED" },
    });
    expect(first.heldOn.toISOString()).toBe("2026-10-14T08:00:00.000Z");
    expect((await jobs("agenda_prompt")).map((j) => j.dueAt.toISOString())).toEqual([
      "2026-10-13T07:00:00.000Z", // Tuesday 9:00 Berlin
      "2026-10-13T16:00:00.000Z", // Tuesday 9:00 Los Angeles (the session is at 1:00 Wednesday there)
    ]);

    // Lou logs a short call on Wednesday 7 October and moves the next session to Thursday 15.
    await runAt("2026-10-07T17:00:00Z");
    await log(LOU, { heldOn: "2026-10-07", minutes: 15, nextOn: "2026-10-15", nextTime: "09:00" });
    const sessions = await prisma.mentoringSession.findMany({
      where: { mentorshipId, status: { in: ["PLANNED", "CANCELLED"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(sessions.map((s) => [s.status, s.heldOn.toISOString()])).toEqual([
      ["CANCELLED", "2026-10-14T08:00:00.000Z"],
      ["PLANNED", "2026-10-15T16:00:00.000Z"],
    ]);
    const prompts = await jobs("agenda_prompt");
    expect(prompts.filter((j) => j.status === "CANCELLED")).toHaveLength(2);
    const pending = prompts.filter((j) => j.status === "PENDING");
    expect(pending.map((j) => j.dueAt.toISOString())).toEqual([
      "2026-10-14T07:00:00.000Z",
      "2026-10-14T16:00:00.000Z",
    ]);

    // A plan changed behind the job's back (e.g. by a later edit) is stale too.
    const next = sessions[1];
    await prisma.mentoringSession.update({
      where: { id: next?.id ?? "" },
      data: { heldOn: new Date("2026-10-16T16:00:00Z") },
    });
    await runAt("2026-10-14T07:00:30Z");
    expect(said(BERTA)).toEqual([]);
    expect(
      (await jobs("agenda_prompt")).filter((j) => j.cancelReason === "the planned session was moved"),
    ).toHaveLength(1);
  });

  it("the prompt says 'Tomorrow' the day before", async () => {
    await log(LOU, { nextOn: "2026-10-07", nextTime: "15:00" });
    await runAt("2026-10-06T16:00:30Z");
    expect(said(LOU)).toEqual(["Tomorrow at 15:00 (your time) you meet Berta Berlin"]);
  });

  it("logging on the planned day turns the plan into the held session and silences its prompts", async () => {
    await log(LOU, { nextOn: "2026-10-14", nextTime: "08:00" });
    const planned = await prisma.mentoringSession.findFirstOrThrow({
      where: { mentorshipId, status: "PLANNED" },
    });
    // Lou logs it on the day, an hour after it began.
    await runAt("2026-10-14T16:00:00Z");
    await log(LOU, { heldOn: "2026-10-14", minutes: 45, takeaways: "Less perfectionism" });
    const after = await prisma.mentoringSession.findUniqueOrThrow({ where: { id: planned.id } });
    expect(after).toMatchObject({ status: "HELD", durationMinutes: 45, takeaways: ["Less perfectionism"] });
    expect(after.heldOn.toISOString()).toBe("2026-10-14T00:00:00.000Z");
    expect(await prisma.mentoringSession.count({ where: { mentorshipId, status: "PLANNED" } })).toBe(0);
    // Berta logs the same day: it joins the same session.
    const berta = await log(BERTA, { heldOn: "2026-10-14", takeaways: "Lou is ready to submit" });
    expect(berta).toMatchObject({ sessionId: planned.id, merged: true });
    // The feedback for that session is asked once per person, however many logs.
    const feedback = (await jobs("feedback_request")).filter(
      (j) => (j.payload as { sessionId: string }).sessionId === planned.id,
    );
    expect(feedback).toHaveLength(2);
  });

  it("checks every field and reports every problem at once", async () => {
    const errors = await formErrors(
      log(LOU, {
        heldOn: "2026-10-06", // tomorrow in Los Angeles
        minutes: undefined,
        actionItems: [
          { owner: "partner", dueOn: "2026-10-09" },
          { text: "Send the aims page", dueOn: "2026-10-01" },
        ],
        nextTime: "15:00",
      }),
    );
    expect(errors).toEqual({
      held_on: "That date is in the future. Choose the day you met.",
      minutes: "Choose how long you met.",
      item_1: "Write what needs doing, or clear this item's owner and due date.",
      item_2_due: "That date has passed. Choose today or a later date.",
      next_on: "Choose the date of the next session, or clear its time.",
    });
    expect(await formErrors(log(LOU, { heldOn: "2026-08-30" }))).toEqual({
      held_on: "Your mentorship started on 1 September 2026. Choose a date from then on.",
    });
    expect(await formErrors(log(LOU, { nextOn: "2026-10-05", nextTime: "09:00" }))).toEqual({
      next_time: "That time has passed. Choose a later time.",
    });
    expect(await formErrors(log(LOU, { nextOn: "2026-10-04", nextTime: "09:00" }))).toEqual({
      next_on: "That date has passed. Choose today or a later date.",
    });
    expect(await formErrors(log(LOU, { nextOn: "2026-10-09" }))).toEqual({
      next_time: "Choose the time you'll meet (your time).",
    });
    expect(await prisma.mentoringSession.count({ where: { mentorshipId } })).toBe(0);
  });

  it("only the two people read the history or tick items off", async () => {
    await log(LOU, {
      privateNotes: "Feeling stretched.",
      actionItems: [{ text: "Share two example grants", owner: "partner", dueOn: "2026-10-08" }],
      nextOn: "2026-10-14",
      nextTime: "08:00",
    });
    for (const viewer of [LOU, BERTA]) {
      const history = await services.sessions.history(workspaceId, viewer, mentorshipId);
      expect(history.sessions[0]?.privateNotes).toBe("Feeling stretched.");
      expect(history.sessions[0]?.actionItems[0]).toMatchObject({
        ownerName: viewer === BERTA ? "You" : "Berta Berlin",
        status: "OPEN",
        dueOn: "Thursday 8 October",
      });
    }
    expect((await services.sessions.history(workspaceId, BERTA, mentorshipId)).nextSession).toBe(
      "Wednesday 14 October at 17:00",
    );
    await expect(services.sessions.history(workspaceId, THEO, mentorshipId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const item = await prisma.actionItem.findFirstOrThrow({ where: { mentorshipId } });
    await expect(services.sessions.completeActionItem(workspaceId, THEO, item.id)).rejects.toThrow(
      "That action item isn't one of yours",
    );
    await expect(services.sessions.form(workspaceId, THEO, mentorshipId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(log(THEO, {})).rejects.toBeInstanceOf(NotFoundError);
    expect((await prisma.actionItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("OPEN");
  });
});
