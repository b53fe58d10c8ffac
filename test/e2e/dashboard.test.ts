// The coordinator dashboard and the member's Home over HTTP, as people use them: a coordinator
// picks a program and reads its health, pages through the pairs at risk, announces the program;
// a member never sees any of it (forged clicks included); a member pauses from Home; and a Home
// refreshes by itself when a job introduces a new pair.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackIds } from "../../src/slack/ids.ts";
import {
  click,
  defaultProgram,
  dmsTo,
  eventually,
  homeSince,
  requireMember,
  seedMentorship,
  waitForDm,
} from "../support/person.ts";
import {
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
  waitForModal,
} from "../support/tandem.ts";

const ADA = { id: "U0ADA", name: "ada", real_name: "Ada Coordinator", tz: "Europe/London", is_admin: true };
const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Mentor", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Mentee", tz: "America/New_York" };
const SAM = { id: "U0SAM", name: "sam", real_name: "Sam Member", tz: "Asia/Tokyo" };
const NURSES = "Nurses 2026";

describe("coordinator dashboard and Home", () => {
  let t: TestTandem;
  let nursesId: string;

  const openHome = async (user: string, predicate?: (text: string) => boolean) => {
    const since = Date.now();
    await t.slack.event({ type: "app_home_opened", user, channel: `D${user}`, tab: "home" });
    return homeSince(t, user, since, predicate);
  };

  beforeAll(async () => {
    t = await startTestTandem({ users: [ADA, MIA, RAJ, SAM] });
    await joinViaModal(t, MIA.id, "MENTOR");
    await joinViaModal(t, RAJ.id, "MENTEE");
    await joinViaModal(t, SAM.id, "MENTEE");
    const { workspaceId } = await defaultProgram(t);
    const prisma = t.tandem.database.prisma;
    nursesId = (await prisma.program.create({ data: { workspaceId, name: NURSES } })).id;
    // Seven pairs in Nurses that never met, started 60 days ago: all at risk.
    for (let i = 0; i < 7; i++) {
      const mentor = await prisma.member.create({
        data: { workspaceId, slackUserId: `U0NM${i}`, realName: `Nurse Mentor ${i}`, joinedAt: new Date() },
      });
      const mentee = await prisma.member.create({
        data: { workspaceId, slackUserId: `U0NE${i}`, realName: `Nurse Mentee ${i}`, joinedAt: new Date() },
      });
      await prisma.enrollment.createMany({
        data: [
          { programId: nursesId, memberId: mentor.id, role: "MENTOR" },
          { programId: nursesId, memberId: mentee.id, role: "MENTEE" },
        ],
      });
      await prisma.mentorship.create({
        data: {
          programId: nursesId,
          mentorId: mentor.id,
          menteeId: mentee.id,
          status: "ACTIVE",
          origin: "ROUND",
          startedAt: new Date(Date.now() - (60 + i) * 24 * 60 * 60 * 1000),
        },
      });
    }
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
  });

  it("a coordinator's Home shows program health with a picker, and remembers the program picked", async () => {
    const home = await openHome(ADA.id, (text) => text.includes("Program health"));
    expect(home.text).toContain("Open mentoring");
    expect(home.text).toContain("*Enrolled*\n2 mentees · 1 mentor");
    // No OPENAI_API_KEY here: one short line says so (the AI e2e is test/e2e/session-summary.test.ts).
    expect(home.text).toContain("*AI suggestions:* Tandem uses its local suggestions (AI not set up).");
    expect(home.buttons).toEqual(
      expect.arrayContaining([
        "Run matching round",
        "Announce",
        "Export CSV",
        "Edit program",
        "Create a program",
      ]),
    );

    const since = Date.now();
    const view = t.slackApi.homeOf(ADA.id);
    if (!view) throw new Error("no Home");
    const res = await t.slack.blockAction(
      ADA.id,
      { actionId: "dashboard_program", blockId: "dashboard_picker", selectedOption: nursesId },
      { view },
    );
    expect(res.status).toBe(200);
    const nurses = await homeSince(t, ADA.id, since, (text) => text.includes("*Pairs at risk: 7*"));
    expect(nurses.text).toContain("*Enrolled*\n7 mentees · 7 mentors");
    expect(nurses.text).toContain("7 of 7 mentees (100%)");
    expect(nurses.text).toContain("Showing 1–5, most reasons first.");
    expect(nurses.text).toContain("no session since the start, 66 days ago");

    // Reopening Home later shows Nurses again.
    const again = await openHome(ADA.id, (text) => text.includes("Program health"));
    expect(again.text).toContain("*Pairs at risk: 7*");
  });

  it("pages through the pairs at risk with 'Next pairs at risk'", async () => {
    const since = Date.now();
    await click(t, ADA.id, { home: true }, "Next pairs at risk");
    const page = await homeSince(t, ADA.id, since, (text) => text.includes("Showing 6–7"));
    expect(page.buttons).toContain("Previous pairs at risk");
    expect(page.buttons).not.toContain("Next pairs at risk");
  });

  it("'Announce' posts the program's join card in the channel picked", async () => {
    const since = Date.now();
    await click(t, ADA.id, { home: true }, "Announce");
    const modal = await waitForModal(t, "Announce a program", since);
    t.slackApi.failNext("chat.postMessage", { error: "not_in_channel" });
    const refused = await submitModal(t, ADA.id, modal, { Channel: { conversation: "C0PRIVATE" } });
    expect(refused.response_action).toBe("errors");
    expect(Object.values(refused.errors ?? {})).toEqual([
      "Tandem isn't in that channel: invite it with /invite @Tandem, then post again.",
    ]);
    const ok = await submitModal(t, ADA.id, modal, { Channel: { conversation: "C0NURSES" } });
    expect(ok.response_action).toBeUndefined();
    const card = t.slackApi.messagesIn("C0NURSES").at(-1);
    expect(visibleText(card?.blocks)).toContain(NURSES);
    await waitForDm(t, ADA.id, `Posted a join card for *${NURSES}* in <#C0NURSES>.`);
  });

  it("a member sees no dashboard, and forged dashboard clicks are refused", async () => {
    const home = await openHome(SAM.id, (text) => text.includes("You're in"));
    expect(home.text).not.toContain("Program health");
    expect(home.buttons).not.toContain("Export CSV");

    const before = Date.now();
    const view = t.slackApi.homeOf(SAM.id);
    if (!view) throw new Error("no Home");
    for (const action of [
      { actionId: "dashboard_program", blockId: "dashboard_picker", selectedOption: nursesId },
      { actionId: "at_risk_page_next", blockId: "at_risk_pages", value: `${nursesId}:1` },
      { actionId: "announce_program", blockId: "dashboard_actions", value: nursesId },
    ]) {
      const res = await t.slack.blockAction(SAM.id, action, { view });
      expect(res.status).toBe(200);
    }
    await waitForDm(t, SAM.id, "Only coordinators can announce programs");
    await waitForDm(t, SAM.id, "Only coordinators can see program health");
    // The two refusals are sent after each click's ack, so the second may still be on its way.
    const refusals = () =>
      dmsTo(t, SAM.id).filter((m) => m.text.includes("Only coordinators can see program health"));
    await eventually(async () => refusals().length >= 2);
    await t.tandem.jobs.idle();
    const published = t.slackApi
      .callsTo("views.publish")
      .filter((c) => c.args.user_id === SAM.id && c.at >= before);
    expect(published.some((c) => JSON.stringify(c.args).includes("Program health"))).toBe(false);
    expect(refusals()).toHaveLength(2);
    expect(
      t.slackApi
        .callsTo("views.open")
        .some((c) => JSON.stringify(c.args).includes(callbackIds.announceProgram) && c.at >= before),
    ).toBe(false);
  });

  it("a member pauses from Home: a date in the past is refused inline, a good one pauses them", async () => {
    const since = Date.now();
    await click(t, SAM.id, { home: true }, "Pause");
    const modal = await waitForModal(t, "Pause Tandem", since);
    const bad = await submitModal(t, SAM.id, modal, { "Pause until": { date: "2020-01-01" } });
    expect(bad.response_action).toBe("errors");
    expect(Object.values(bad.errors ?? {})).toEqual(["Choose a date after today."]);
    const day = new Date(Date.now() + 20 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const ok = await submitModal(t, SAM.id, modal, { "Pause until": { date: day } });
    expect(ok.response_action).toBeUndefined();
    const home = await homeSince(t, SAM.id, since, (text) => text.includes("You're paused"));
    expect(home.buttons).toContain("Resume now");
    expect((await requireMember(t, SAM.id)).status).toBe("PAUSED");
  });

  it("a new pair's Homes refresh by themselves when the introduction goes out", async () => {
    await openHome(RAJ.id, (text) => text.includes("You're in"));
    const since = Date.now();
    const m = await seedMentorship(t, MIA.id, RAJ.id);
    const { workspaceId } = await defaultProgram(t);
    await t.tandem.database.prisma.scheduledJob.create({
      data: {
        workspaceId,
        kind: "intro",
        dueAt: new Date(),
        payload: { mentorshipId: m.id },
        idempotencyKey: `intro:${m.id}`,
      },
    });
    t.tandem.jobs.kick();
    const raj = await homeSince(t, RAJ.id, since, (text) => text.includes("Your mentorships"));
    expect(raj.text).toContain("*Mia Mentor*, your mentor");
    const mia = await homeSince(t, MIA.id, since, (text) => text.includes("Your mentorships"));
    expect(mia.text).toContain("*Raj Mentee*, your mentee");
  });
});
