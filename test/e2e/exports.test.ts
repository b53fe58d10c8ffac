// A coordinator exports a program's pairs as a CSV, the way they would in Slack: "Export CSV" on
// the dashboard in Home, a word that it's coming, and the file in their DM once the job ran. A
// member sending the same button (forged) is refused and gets nothing; the file never carries a
// private note.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { actionIds } from "../../src/slack/ids.ts";
import { parseCsv } from "../support/csv.ts";
import { click, defaultProgram, homeSince, seedMentorship, type } from "../support/person.ts";
import { buttonsIn, joinViaModal, startTestTandem, type TestTandem, visibleText } from "../support/tandem.ts";

const TESS = { id: "U0TESS", name: "tess", real_name: "Tess Admin", tz: "Europe/London", is_admin: true };
const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/New_York" };
const NOTE_MARKER = "PRIVATE-NOTE-7f3a";

describe("program CSV export", () => {
  let t: TestTandem;
  // Tuesday 3 March 2026, 10:00 UTC.
  const clock = new Date("2026-03-03T10:00:00Z");
  let programId: string;
  const prisma = () => t.tandem.database.prisma;

  /** The coordinator's Home dashboard, opened as Slack opens it. */
  async function openHome(userId: string) {
    const since = Date.now();
    await t.slack.event({ type: "app_home_opened", user: userId, channel: `D${userId}`, tab: "home" });
    // Events are acked before they're handled: wait for this opening's Home, not an earlier one.
    await homeSince(t, userId, since);
    const home = t.slackApi.homeOf(userId);
    if (!home) throw new Error(`no Home tab published for ${userId}`);
    return home;
  }

  beforeAll(async () => {
    t = await startTestTandem({ users: [TESS, MIA, RAJ], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE");
    await joinViaModal(t, RAJ.id, "MENTOR");
    const program = await defaultProgram(t);
    programId = program.programId;
    await t.tandem.services.members.resolve(program.workspaceId, TESS.id);
    const m = await seedMentorship(t, RAJ.id, MIA.id);
    await prisma().mentorship.update({
      where: { id: m.id },
      data: { startedAt: new Date("2026-02-02T09:00:00Z") },
    });
    await prisma().mentoringSession.create({
      data: {
        mentorshipId: m.id,
        heldOn: new Date("2026-02-16T00:00:00Z"),
        privateNotes: `${NOTE_MARKER}: Mia is thinking of leaving`,
        takeaways: [`${NOTE_MARKER} takeaway`],
      },
    });
    await t.tandem.jobs.runDue();
  });
  afterAll(async () => t.stop());
  afterEach(() => expect(t.slackApi.violations).toEqual([]));

  it("a coordinator clicks Export CSV and gets the file in their DM", async () => {
    await openHome(TESS.id);
    const clicked = await click(t, TESS.id, { home: true }, "Export CSV");
    expect(clicked.status).toBe(200);
    const told = await t.slackApi.waitFor(
      "chat.postMessage",
      (args) =>
        args.channel === TESS.id &&
        visibleText(args.blocks).includes(
          "Preparing the CSV of *Open mentoring*: it arrives in your DM in a moment.",
        ),
    );
    expect(told.status).toBe(200);

    await t.tandem.jobs.runDue();
    const files = t.slackApi.files.filter((f) => f.filename.endsWith(".csv"));
    expect(files).toHaveLength(1);
    const file = files[0];
    expect(file?.filename).toBe("open-mentoring-pairs-2026-03-03.csv");
    expect(file?.channelId).toBe(t.slackApi.dmChannelOf(TESS.id));
    expect(file?.initialComment).toContain("Not included, on purpose: private session notes");
    const bytes = file?.content ?? Buffer.alloc(0);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).not.toContain(NOTE_MARKER);
    const [header, ...rows] = parseCsv(text);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries((header ?? []).map((h, i) => [h, rows[0]?.[i]]));
    expect(row).toMatchObject({
      Mentor: "Raj Patel",
      Mentee: "Mia Santos",
      Status: "active",
      Started: "2026-02-02",
      "Sessions held": "1",
      "Last session": "2026-02-16",
      "Check-ins sent": "0",
      "Check-in response rate": "",
    });
  });

  it("a member who forges the button is refused, and nothing is queued or sent", async () => {
    // Mia's Home has no dashboard and no export button: she can only forge the click.
    const home = await openHome(MIA.id);
    expect(buttonsIn(home.blocks).map((b) => b.label)).not.toContain("Export CSV");
    const before = t.slackApi.files.length;
    const jobs = await prisma().scheduledJob.count({ where: { kind: "program_export" } });
    const res = await t.slack.blockAction(
      MIA.id,
      { actionId: actionIds.exportProgram, value: programId },
      { view: { id: "V0FORGED", type: "home", blocks: [] } },
    );
    expect(res.status).toBe(200);
    const refusal = await t.slackApi.waitFor(
      "chat.postMessage",
      (args) => args.channel === MIA.id && visibleText(args.blocks).includes("Only coordinators can export"),
    );
    expect(visibleText(refusal.args.blocks)).toContain("Ask a coordinator (Tess Admin)");
    await t.tandem.jobs.runDue();
    expect(await prisma().scheduledJob.count({ where: { kind: "program_export" } })).toBe(jobs);
    expect(t.slackApi.files.length).toBe(before);
    expect(t.slackApi.files.some((f) => f.channelId === t.slackApi.dmChannelOf(MIA.id))).toBe(false);
  });

  it("/mentor program export <name> does the same for a coordinator, and refuses a member", async () => {
    const member = await type(t, MIA.id, "program export Open mentoring");
    expect((await member.reply()).visible).toContain("Only coordinators can export program data.");

    await prisma().scheduledJob.deleteMany({ where: { kind: "program_export" } });
    const before = t.slackApi.files.length;
    const typed = await type(t, TESS.id, "program export open mentoring");
    expect((await typed.reply()).visible).toContain("Preparing the CSV of *Open mentoring*");
    await t.tandem.jobs.runDue();
    expect(t.slackApi.files.length).toBe(before + 1);
    expect(t.slackApi.files.at(-1)?.channelId).toBe(t.slackApi.dmChannelOf(TESS.id));

    const unknown = await type(t, TESS.id, "program export Nope");
    expect((await unknown.reply()).visible).toContain(`There's no program called "Nope"`);
  });
});
