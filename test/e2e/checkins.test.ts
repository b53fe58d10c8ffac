// The scheduler keeps a pair going: after a request is accepted, check-in nudges arrive every
// cadence in each person's own working hours (never at night, weekends skipped, time zones and
// daylight saving respected), answers are stored, and a reflection prompt lands in the journal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { click, dmsTo, eventually, requireMember, waitForDm } from "../support/person.ts";
import {
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
  waitForModal,
} from "../support/tandem.ts";

const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/New_York" };

describe("check-in nudges", () => {
  let t: TestTandem;
  // Monday 1 June 2026, 10:00 UTC: 11:00 in Lisbon, 06:00 in New York.
  let clock = new Date("2026-06-01T10:00:00Z");
  let mentorshipId: string;

  const at = async (iso: string) => {
    clock = new Date(iso);
    await t.tandem.jobs.runDue();
  };
  const jobsOf = (kind: string) =>
    t.tandem.database.prisma.scheduledJob.findMany({ where: { kind }, orderBy: { dueAt: "asc" } });

  beforeAll(async () => {
    t = await startTestTandem({ users: [MIA, RAJ], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    await joinViaModal(t, RAJ.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    const { services } = t.tandem;
    const workspaceId = (await requireMember(t, MIA.id)).workspaceId;
    const raj = await requireMember(t, RAJ.id);
    const program = await t.tandem.database.prisma.program.findFirstOrThrow({ where: { isDefault: true } });
    await services.matching.request(workspaceId, MIA.id, raj.id, program.id, "Hello!");
    const m = await t.tandem.database.prisma.mentorship.findFirstOrThrow({ where: { status: "REQUESTED" } });
    await services.matching.respond(workspaceId, RAJ.id, m.id, { accept: true });
    mentorshipId = m.id;
    await t.tandem.jobs.runDue();
  });
  afterAll(async () => t.stop());

  it("plans the first check-in one cadence (14 days) after the start", async () => {
    const rounds = await jobsOf("checkin_round");
    expect(rounds).toHaveLength(1);
    expect(rounds[0]?.dueAt.toISOString()).toBe("2026-06-15T10:00:00.000Z");
    const m = await t.tandem.database.prisma.mentorship.findUniqueOrThrow({ where: { id: mentorshipId } });
    expect(m.nextCheckinAt?.toISOString()).toBe("2026-06-15T10:00:00.000Z");
  });

  it("nudges each person inside their own working hours", async () => {
    await at("2026-06-15T10:00:30Z");
    // 11:00 in Lisbon: Mia now. 06:00 in New York: Raj waits for 9:00 his time (13:00 UTC).
    const nudge = await waitForDm(t, MIA.id, "Have you met since the last check-in?");
    expect(visibleText(nudge.blocks)).toContain("Check-in: you and Raj Patel");
    expect(dmsTo(t, RAJ.id).some((m) => m.text.includes("Check-in"))).toBe(false);
    const rajJob = (await jobsOf("checkin")).find(
      (j) => (j.payload as { memberId: string }).memberId !== undefined && j.status === "PENDING",
    );
    expect(rajJob?.dueAt.toISOString()).toBe("2026-06-15T13:00:00.000Z");

    await at("2026-06-15T12:59:00Z");
    expect(dmsTo(t, RAJ.id).some((m) => m.text.includes("Check-in"))).toBe(false);
    await at("2026-06-15T13:00:10Z");
    await waitForDm(t, RAJ.id, "Have you met since the last check-in?");
  });

  it("'We rescheduled' replaces the nudge with what was recorded", async () => {
    const nudge = await waitForDm(t, MIA.id, "Have you met since the last check-in?");
    const clicked = await click(t, MIA.id, { message: nudge }, "We rescheduled");
    const reply = await clicked.reply();
    expect(reply.text).toContain("Noted: you and Raj Patel rescheduled");
    const checkIn = await t.tandem.database.prisma.checkIn.findFirstOrThrow({
      where: { member: { slackUserId: MIA.id } },
    });
    expect(checkIn.answer).toBe("RESCHEDULED");
  });

  it("'We met: log it' opens a session log that refuses a future date and saves a real one", async () => {
    const nudge = await waitForDm(t, RAJ.id, "Have you met since the last check-in?");
    const since = Date.now();
    await click(t, RAJ.id, { message: nudge }, "We met: log it");
    const modal = await waitForModal(t, "Log a session", since);
    const future = await submitModal(t, RAJ.id, modal, {
      "When did you meet?": { date: "2026-06-20" },
      "How long?": "45 minutes",
    });
    expect(future.errors?.held_on).toContain("in the future");
    const ok = await submitModal(t, RAJ.id, modal, {
      "When did you meet?": { date: "2026-06-12" },
      "How long?": "45 minutes",
      "Key takeaways": "Write the aims page first\nAsk two colleagues to review",
    });
    expect(ok.errors).toBeUndefined();
    const session = await t.tandem.database.prisma.mentoringSession.findFirstOrThrow({
      where: { mentorshipId },
    });
    expect(session).toMatchObject({
      durationMinutes: 45,
      takeaways: ["Write the aims page first", "Ask two colleagues to review"],
    });
    const updated = await eventually(async () =>
      t.slackApi.messagesIn(nudge.channel).find((m) => m.ts === nudge.ts && m.text.includes("Logged")),
    );
    expect(updated.text).toContain("you met Mia Santos on Friday 12 June (45 min)");
  });

  it("sends the mentee a reflection prompt two days later, saved to the journal", async () => {
    // Wednesday 17 June, 10:00 UTC = 11:00 Lisbon.
    await at("2026-06-17T10:00:30Z");
    const prompt = await waitForDm(t, MIA.id, "A question to reflect on");
    const since = Date.now();
    await click(t, MIA.id, { message: prompt }, "Write my reflection");
    const modal = await waitForModal(t, "Reflection", since);
    const empty = await submitModal(t, MIA.id, modal, { "Your reflection": " " });
    expect(Object.values(empty.errors ?? {}).join()).toMatch(/sentence or two|required|Your reflection/i);
    await submitModal(t, MIA.id, modal, { "Your reflection": "Less perfectionism, more drafts." });
    const entry = await t.tandem.database.prisma.journalEntry.findFirstOrThrow({
      where: { kind: "REFLECTION", member: { slackUserId: MIA.id } },
    });
    expect(entry.body).toBe("Less perfectionism, more drafts.");
    expect(entry.prompt).toBeTruthy();
  });
});
