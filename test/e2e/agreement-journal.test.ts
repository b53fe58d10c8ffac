// The kick-off agreement and the learning journal, the way a pair lives them: the intro offers
// the agreement, one fills it in, the other is told what changed and agrees by saving, its
// cadence re-plans the check-ins, and both Home tabs show it. The journal is browsed, searched,
// added to and exported, and nobody else can read either.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { click, homeSince, requireMember, waitForDm } from "../support/person.ts";
import type { StoredMessage, StoredView } from "../support/slack-api-stand-in.ts";
import {
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
  waitForHome,
  waitForModal,
} from "../support/tandem.ts";

const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/New_York" };
const ZOE = { id: "U0ZOE", name: "zoe", real_name: "Zoe Kim", tz: "Europe/Berlin" };
/** The group DM introducing the pair, as the pair sees it. */
async function introOf(t: TestTandem): Promise<StoredMessage> {
  const call = await t.slackApi.waitFor("chat.postMessage", (args) =>
    visibleText(args.blocks).includes("Meet your mentorship partner"),
  );
  const message = t.slackApi
    .messagesIn(String(call.response.channel))
    .find((m) => m.ts === String(call.response.ts));
  if (!message) throw new Error("the intro was not kept by the stand-in");
  return message;
}

/** The modal pushed on top of another, once Tandem has pushed it. */
async function pushedModal(t: TestTandem, title: string, since = 0): Promise<StoredView> {
  const call = await t.slackApi.waitFor(
    "views.push",
    (args, c) => c.at >= since && (args.view as { title?: { text?: string } }).title?.text === title,
  );
  const view = t.slackApi.viewById((call.response.view as { id: string }).id);
  if (!view) throw new Error("the pushed modal was not kept by the stand-in");
  return view;
}

const TESS = { id: "U0TESS", name: "tess", real_name: "Tess Admin", tz: "Europe/London", is_admin: true };

describe("kick-off agreement", () => {
  let t: TestTandem;
  // Monday 1 June 2026, 10:00 UTC.
  let clock = new Date("2026-06-01T10:00:00Z");
  let mentorshipId: string;
  const prisma = () => t.tandem.database.prisma;

  beforeAll(async () => {
    t = await startTestTandem({ users: [MIA, RAJ, ZOE, TESS], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    await joinViaModal(t, RAJ.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    await joinViaModal(t, ZOE.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    const { services } = t.tandem;
    const workspaceId = (await requireMember(t, MIA.id)).workspaceId;
    await services.members.resolve(workspaceId, TESS.id);
    const raj = await requireMember(t, RAJ.id);
    const program = await prisma().program.findFirstOrThrow({ where: { isDefault: true } });
    await services.matching.request(workspaceId, MIA.id, raj.id, program.id, "Hello!");
    const m = await prisma().mentorship.findFirstOrThrow({ where: { status: "REQUESTED" } });
    await services.matching.respond(workspaceId, RAJ.id, m.id, { accept: true });
    mentorshipId = m.id;
    await t.tandem.jobs.runDue();
  });
  afterAll(async () => t.stop());
  afterEach(() => expect(t.slackApi.violations).toEqual([]));

  it("the intro offers the agreement; a missing purpose and a past end date are refused inline", async () => {
    const intro = await introOf(t);
    const opened = await click(t, MIA.id, { message: intro }, "Fill in our kick-off agreement");
    const modal = await opened.modal();
    expect(modal.title).toMatchObject({ text: "Kick-off agreement" });
    expect(visibleText(modal.blocks)).toContain("Agree together with *Raj Patel*");

    const noPurpose = await submitModal(t, MIA.id, modal, { "Where we meet": "Video call" });
    expect(noPurpose.response_action).toBe("errors");
    expect(Object.values(noPurpose.errors ?? {})).toEqual([
      "Write a sentence about what this mentorship is for.",
    ]);

    const past = await submitModal(t, MIA.id, modal, {
      "Purpose of our mentorship": "Get my first paper published",
      "End date": { date: "2026-05-01" },
    });
    expect(Object.values(past.errors ?? {})).toEqual(["Choose an end date after today."]);
  });

  it("saving version 1 tells the partner, and its cadence re-plans the check-ins", async () => {
    const intro = await introOf(t);
    const modal = await (
      await click(t, MIA.id, { message: intro }, "Fill in our kick-off agreement")
    ).modal();
    const ack = await submitModal(t, MIA.id, modal, {
      "Purpose of our mentorship": "Get my first paper published",
      "What you hope to gain": "Confidence with research methods",
      "How often we meet": "Every week",
      "Where we meet": "Video call",
      "Topics we'll focus on": "Study design, writing",
      "End date": { date: "2026-12-18" },
    });
    expect(ack.response_action).toBeUndefined();
    await waitForDm(
      t,
      MIA.id,
      "Saved version 1 of your kick-off agreement. Raj Patel has been asked to look it over.",
    );
    const notice = await waitForDm(t, MIA.id, "Check-ins now follow your new rhythm");
    expect(notice.text).toContain("the next one is on Monday 8 June");

    const m = await prisma().mentorship.findUniqueOrThrow({ where: { id: mentorshipId } });
    expect(m.cadenceDays).toBe(7);
    expect(m.nextCheckinAt?.toISOString()).toBe("2026-06-08T10:00:00.000Z");
    const rounds = await prisma().scheduledJob.findMany({
      where: { kind: "checkin_round", status: "PENDING" },
    });
    expect(rounds.map((r) => r.dueAt.toISOString())).toContain("2026-06-08T10:00:00.000Z");
    // The end date plans the end-of-mentorship question for both.
    const ends = await prisma().scheduledJob.findMany({
      where: { kind: "checkin", idempotencyKey: { contains: ":end:2026-12-18:" } },
    });
    expect(ends).toHaveLength(2);

    await t.tandem.jobs.runDue();
    const told = await waitForDm(t, RAJ.id, "filled in your kick-off agreement");
    expect(told.blocks.length).toBeGreaterThan(0);
  });

  it("the partner revises it, is shown what changed, and the first agrees by saving", async () => {
    clock = new Date("2026-06-02T14:00:00Z");
    const told = await waitForDm(t, RAJ.id, "filled in your kick-off agreement");
    const modal = await (await click(t, RAJ.id, { message: told }, "Open our agreement")).modal();
    const shown = visibleText(modal.blocks);
    expect(shown).toContain("Version 1, last saved by Mia Santos");
    expect(shown).toContain("Mia Santos is waiting for you");
    await submitModal(t, RAJ.id, modal, {
      "Purpose of our mentorship": "Get my first paper published",
      "What Mia Santos hopes to gain": "Confidence with research methods",
      "What you hope to gain": "Fresh questions about my own field",
      "How often we meet": "Every two weeks",
      "Where we meet": "Video call",
      "Topics we'll focus on": "Study design, writing",
      "End date": { date: "2026-12-18" },
    });
    await t.tandem.jobs.runDue();
    const revised = await waitForDm(t, MIA.id, "revised your kick-off agreement");
    const text = visibleText(revised.blocks);
    expect(text).toContain("version 2");
    expect(text).toContain("How often: every week → every two weeks");
    expect(text).toContain("What the mentor hopes to gain: (none) → Fresh questions about my own field");

    const again = await (await click(t, MIA.id, { message: revised }, "Open our agreement")).modal();
    const ack = await submitModal(t, MIA.id, again, {});
    expect(ack.response_action).toBeUndefined();
    await waitForDm(t, MIA.id, "is agreed by you both (version 2)");
    // Version 1 was agreed by both too: wait for the Home that shows version 2's rhythm.
    const home = await waitForHome(t, RAJ.id, (h) =>
      h.includes("every two weeks · Video call · agreed by both"),
    );
    expect(home).toContain("*Mia Santos*, your mentee in");
    expect(home).toContain("every two weeks · Video call · agreed by both");
  });

  it("a third person and a coordinator cannot open or change the pair's agreement", async () => {
    const revised = await waitForDm(t, MIA.id, "revised your kick-off agreement");
    for (const outsider of [ZOE.id, TESS.id]) {
      const opens = t.slackApi.callsTo("views.open").length;
      const refusal = await (await click(t, outsider, { message: revised }, "Open our agreement")).reply();
      expect(refusal.text).toContain("That mentorship isn't one of yours");
      expect(refusal.visible).not.toContain("first paper");
      expect(t.slackApi.callsTo("views.open").length).toBe(opens);
    }
    const a = await prisma().agreement.findUniqueOrThrow({ where: { mentorshipId } });
    expect(a.revision).toBe(2);
  });

  it("/mentor agreement opens it for someone in one mentorship, and explains when there is none", async () => {
    const { ask, type } = await import("../support/person.ts");
    const opened = await type(t, MIA.id, "agreement");
    const modal = await opened.modal();
    expect(visibleText(modal.blocks)).toContain("You have both agreed to it.");
    const none = await ask(t, ZOE.id, "agreement");
    expect(none.text).toContain("You don't have a running mentorship yet");
  });
});

describe("learning journal", () => {
  let t: TestTandem;
  let clock = new Date("2026-06-01T10:00:00Z");

  beforeAll(async () => {
    t = await startTestTandem({ users: [MIA, ZOE], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    await joinViaModal(t, ZOE.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
  });
  afterAll(async () => t.stop());
  afterEach(() => expect(t.slackApi.violations).toEqual([]));

  it("starts empty, takes notes, searches, and exports as a file only its author gets", async () => {
    const { type } = await import("../support/person.ts");
    const opened = await type(t, MIA.id, "journal");
    const journal = await opened.modal();
    expect(visibleText(journal.blocks)).toContain("Your journal is empty.");

    await click(t, MIA.id, { view: journal }, "Add a note");
    const note = await pushedModal(t, "New journal note");
    expect(note.title).toMatchObject({ text: "New journal note" });
    const empty = await submitModal(t, MIA.id, note, { "Your note": " " });
    expect(empty.response_action).toBe("errors");
    await submitModal(t, MIA.id, note, { "Your note": "Ask Raj how he structures an abstract." });
    clock = new Date("2026-06-03T10:00:00Z");
    const since = Date.now();
    await click(t, MIA.id, { view: journal }, "Add a note");
    const second = await pushedModal(t, "New journal note", since);
    await submitModal(t, MIA.id, second, { "Your note": "Presented my poster: nervous, but it went well." });

    await t.slackApi.waitFor("views.update", (args) =>
      visibleText((args.view as { blocks?: unknown }).blocks).includes("Presented my poster"),
    );
    expect(visibleText(t.slackApi.viewById(journal.id)?.blocks)).toContain("2 entries, newest first.");

    const found = await submitModal(t, MIA.id, journal, { "Search your journal": "ABSTRACT" });
    expect(found.response_action).toBe("update");
    const text = visibleText(found.view?.blocks);
    expect(text).toContain("1 entry matches “ABSTRACT”");
    expect(text).toContain("Ask Raj how he structures an abstract.");
    expect(text).not.toContain("poster");
    const nothing = await submitModal(t, MIA.id, journal, { "Search your journal": "zebra" });
    expect(visibleText(nothing.view?.blocks)).toContain("Nothing in your journal matches “zebra”.");

    await click(t, MIA.id, { view: journal }, "Export as a file");
    const file = await (async () => {
      for (let i = 0; i < 100; i++) {
        const f = t.slackApi.files.find((x) => x.filename.startsWith("tandem-journal-"));
        if (f) return f;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("no journal file uploaded");
    })();
    const content = file.content.toString("utf8");
    expect(content).toContain("# Learning journal of Mia Santos");
    expect(content.indexOf("abstract")).toBeLessThan(content.indexOf("poster"));
    expect(file.channelId).toBe(t.slackApi.dmChannelOf(MIA.id));

    // Zoe's journal is her own: none of Mia's notes, by browsing or by searching.
    const zoes = await (await type(t, ZOE.id, "journal abstract")).modal();
    expect(visibleText(zoes.blocks)).toContain("Your journal is empty.");
  });

  it("Home shows the newest entries and opens the journal", async () => {
    const since = Date.now();
    await t.slack.event({ type: "app_home_opened", user: MIA.id, channel: "D0MIA", tab: "home" });
    const { text: home } = await homeSince(t, MIA.id, since, (h) =>
      h.includes("(2 entries, private to you)"),
    );
    expect(home).toContain("(2 entries, private to you)");
    expect(home).toContain("Presented my poster");
    await click(t, MIA.id, { home: true }, "Open my journal");
    const modal = await waitForModal(t, "Learning journal");
    expect(visibleText(modal.blocks)).toContain("2 entries, newest first.");
  });
});
