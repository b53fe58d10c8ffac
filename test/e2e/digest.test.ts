// The weekly digest as a coordinator lives it, through the real Bolt app and the Slack stand-in:
// on Monday at 09:00 their time, a DM with last week's figures, then the chart as a PNG uploaded
// into the same DM through Slack's external upload flow. "Stop weekly digests" stops them (next
// Monday brings nothing), "Send weekly digests again" brings them back. A regular member never
// gets one, and nothing private is in it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { click, dmsTo, requireMember, waitForDm } from "../support/person.ts";
import { joinViaModal, startTestTandem, type TestTandem, visibleText } from "../support/tandem.ts";

const TESS = { id: "U0TESS", name: "tess", real_name: "Tess Admin", tz: "Europe/London", is_admin: true };
const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/New_York" };
const SECRET = "SECRET-SESSION-NOTE-4410";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("weekly digest", () => {
  let t: TestTandem;
  // Wednesday 3 June 2026, 10:00 UTC.
  let clock = new Date("2026-06-03T10:00:00Z");
  const prisma = () => t.tandem.database.prisma;
  const runAt = async (iso: string) => {
    clock = new Date(iso);
    await t.tandem.jobs.runDue();
  };
  const digestsTo = (userId: string) => dmsTo(t, userId).filter((m) => m.text.startsWith("Your Tandem week"));
  const chartsTo = (userId: string) =>
    t.slackApi.files.filter(
      (f) => f.filename.startsWith("tandem-week-") && f.channelId === t.slackApi.dmChannelOf(userId),
    );

  beforeAll(async () => {
    t = await startTestTandem({ users: [TESS, MIA, RAJ], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    await joinViaModal(t, RAJ.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    const mia = await requireMember(t, MIA.id);
    const raj = await requireMember(t, RAJ.id);
    await t.tandem.services.members.resolve(mia.workspaceId, TESS.id);
    // Joining stamps the enrolment with the database's clock; this test's week is the test clock's.
    await prisma().enrollment.updateMany({ data: { enrolledAt: clock } });
    // A pair that started this week and met on Thursday, with a private note.
    const program = await prisma().program.findFirstOrThrow({ where: { isDefault: true } });
    const pair = await prisma().mentorship.create({
      data: {
        programId: program.id,
        mentorId: raj.id,
        menteeId: mia.id,
        status: "ACTIVE",
        origin: "COORDINATOR",
        startedAt: clock,
      },
    });
    await prisma().mentoringSession.create({
      data: { mentorshipId: pair.id, heldOn: new Date("2026-06-04T00:00:00Z"), privateNotes: SECRET },
    });
  });
  afterAll(async () => t.stop());
  afterEach(() => expect(t.slackApi.violations).toEqual([]));

  it("arrives on Monday at 09:00 the coordinator's time, with the chart as a PNG in the same DM", async () => {
    // 08:59 in London: the round has run, the digest waits for 09:00.
    await runAt("2026-06-08T07:59:00Z");
    expect(digestsTo(TESS.id)).toEqual([]);
    await runAt("2026-06-08T08:00:05Z");

    const digest = await waitForDm(t, TESS.id, "Your Tandem week");
    expect(digest.text).toBe("Your Tandem week (1–7 June): 1 session held, 1 new pair, 2 people joined.");
    const text = visibleText(digest.blocks);
    expect(text).toContain("Your Tandem week: 1–7 June");
    expect(text).toContain("*Open mentoring*\nNow: 1 active pair · 2 people enrolled · no pair at risk");
    expect(text).toContain("*Sessions held*\n*1*  (0 the week before)");
    expect(text).toContain("open Tandem's *Home* tab");

    // The chart went through Slack's external upload flow into the coordinator's DM.
    const charts = chartsTo(TESS.id);
    expect(charts.map((f) => f.filename)).toEqual(["tandem-week-2026-06-01.png"]);
    const chart = charts[0];
    expect(chart?.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chart?.content.readUInt32BE(16)).toBe(1000);
    expect(chart?.content.readUInt32BE(20)).toBe(520);
    expect(chart?.channelId).toBe(t.slackApi.dmChannelOf(TESS.id));
    expect(chart?.title).toBe("Tandem: all programs, the 12 weeks to 7 June");
    expect(chart?.initialComment).toContain("people enrolled and active pairs (lines), sessions held (bars)");
    expect(t.slackApi.callsTo("files.getUploadURLExternal")).toHaveLength(1);
    expect(t.slackApi.callsTo("files.completeUploadExternal")).toHaveLength(1);

    // Nothing private, and nothing for people who aren't coordinators.
    expect(JSON.stringify(digest)).not.toContain(SECRET);
    expect(chart?.content.includes(SECRET)).toBe(false);
    for (const person of [MIA.id, RAJ.id]) {
      expect(digestsTo(person)).toEqual([]);
      expect(chartsTo(person)).toEqual([]);
    }

    // Running the jobs again sends nothing twice.
    await runAt("2026-06-08T09:00:00Z");
    expect(digestsTo(TESS.id)).toHaveLength(1);
    expect(chartsTo(TESS.id)).toHaveLength(1);
  });

  it("'Stop weekly digests' stops them, and 'Send weekly digests again' brings them back", async () => {
    const [digest] = digestsTo(TESS.id);
    if (!digest) throw new Error("no digest to click on");
    const stopped = await (await click(t, TESS.id, { message: digest }, "Stop weekly digests")).reply();
    expect(stopped.text).toContain("Tandem won't send you the weekly digest any more.");
    expect(stopped.responseType).toBe("ephemeral");
    expect(stopped.buttons).toEqual(["Send weekly digests again"]);

    // Next Monday, 09:00 in London and later that day: nothing arrives.
    await runAt("2026-06-15T08:00:05Z");
    await runAt("2026-06-15T16:00:00Z");
    expect(digestsTo(TESS.id)).toHaveLength(1);
    expect(chartsTo(TESS.id)).toHaveLength(1);

    // A regular member clicking a copied "Send weekly digests again" is refused.
    const refused = await (await click(t, MIA.id, { reply: stopped }, "Send weekly digests again")).reply();
    expect(refused.text).toContain("Only coordinators can get the weekly digest.");

    const again = await (await click(t, TESS.id, { reply: stopped }, "Send weekly digests again")).reply();
    expect(again.text).toContain("your weekly digest will come again");
    expect(again.buttons).toEqual(["Stop weekly digests"]);
    await runAt("2026-06-22T08:00:05Z");
    const back = await waitForDm(t, TESS.id, "Your Tandem week (15–21 June)");
    expect(visibleText(back.blocks)).toContain("Stop weekly digests");
    expect(chartsTo(TESS.id).map((f) => f.filename)).toEqual([
      "tandem-week-2026-06-01.png",
      "tandem-week-2026-06-15.png",
    ]);
    for (const person of [MIA.id, RAJ.id]) expect(digestsTo(person)).toEqual([]);
  });
});
