// Sessions end to end, the way a pair lives them: `/mentor log` with every field (and inline
// errors that keep what was typed), action item reminders on the due date at the owner's local
// morning with "Mark done", the agenda prompt the working day before a planned session, the
// pair's "Our sessions" with private notes for the two of them only, "We met: log it" from a
// check-in nudge turning the planned session into the held one, strangers (a third person, a
// coordinator) refused when they send someone else's button values, and "Suggest takeaways and
// action items" without a key: Tandem's own reading of the notes, filled in and labelled.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Answer, errorsByLabel, fillModal, inputLabels } from "../support/modal-filler.ts";
import {
  ask,
  click,
  defaultProgram,
  requireMember,
  seedMentorship,
  shownAnswers,
  type,
  waitForDm,
} from "../support/person.ts";
import type { StoredMessage, StoredView } from "../support/slack-api-stand-in.ts";
import {
  buttonsIn,
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
} from "../support/tandem.ts";

const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/New_York" };
const ZOE = { id: "U0ZOE", name: "zoe", real_name: "Zoe Kim", tz: "Europe/Lisbon" };
const TESS = { id: "U0TESS", name: "tess", real_name: "Tess Admin", tz: "Europe/London", is_admin: true };

const LOG_LABELS = [
  "When did you meet?",
  "How long?",
  "Agenda covered",
  "Private notes",
  "Key takeaways",
  "Action item 1",
  "Who owns item 1?",
  "Due date for item 1",
  "Action item 2",
  "Who owns item 2?",
  "Due date for item 2",
  "Action item 3",
  "Who owns item 3?",
  "Due date for item 3",
  "Next session",
  "Time of the next session",
];

// The messenger paces posts to one conversation about a second apart in wall-clock time; the
// scene moves the injected clock by days, so the wall clock moves with it (forward only).
let wallOffsetMs = 0;
const realNow = Date.now.bind(Date);
beforeAll(() => {
  vi.spyOn(Date, "now").mockImplementation(() => realNow() + wallOffsetMs);
});
afterAll(() => {
  vi.restoreAllMocks();
});

const SUGGEST = "Suggest takeaways and action items";
const titleOf = (view: object) => (view as { title?: { text?: string } }).title?.text;
const labelsOf = (m: { blocks: unknown[] }) => buttonsIn(m.blocks).map((b) => b.label);
describe("sessions", () => {
  let t: TestTandem;
  // Monday 1 June 2026, 10:00 UTC: 11:00 in Lisbon, 06:00 in New York.
  let clock = new Date("2026-06-01T10:00:00Z");
  let pair: string; // Mia (mentee) and Raj (mentor)
  let zoePair: string; // Zoe (mentee) and Raj

  const prisma = () => t.tandem.database.prisma;
  const moveClock = (to: Date) => {
    if (to > clock) wallOffsetMs += to.getTime() - clock.getTime();
    clock = to;
  };
  /** Lets time pass until `iso`, each job running at its own due moment. */
  const runUntil = async (iso: string) => {
    const end = new Date(iso);
    for (let step = 0; step < 500; step++) {
      await t.tandem.jobs.idle();
      const next = await prisma().scheduledJob.findFirst({
        where: { status: "PENDING", dueAt: { lte: end } },
        orderBy: { dueAt: "asc" },
      });
      if (!next) break;
      if (next.dueAt > clock) moveClock(next.dueAt);
      await t.tandem.jobs.runDue();
    }
    moveClock(end);
    await t.tandem.jobs.runDue();
    await t.tandem.jobs.idle();
  };
  /** The newest DM to the person containing `phrase`, as a copy (a Slack client holds one). */
  const latest = (userId: string, phrase: string): StoredMessage => {
    const found = t.slackApi
      .messagesIn(t.slackApi.dmChannelOf(userId))
      .filter((m) => m.text.includes(phrase) || visibleText(m.blocks).includes(phrase));
    const last = found.at(-1);
    if (!last) throw new Error(`${userId} has no DM with "${phrase}"`);
    return structuredClone(last);
  };
  const dmsWith = (userId: string, phrase: string) =>
    t.slackApi
      .messagesIn(t.slackApi.dmChannelOf(userId))
      .filter((m) => m.text.includes(phrase) || visibleText(m.blocks).includes(phrase));
  const stored = (channel: string, ts: string) =>
    t.slackApi.messagesIn(channel).find((m) => m.ts === ts) as StoredMessage;
  /** Types `answers` into the open session log, clicks "Suggest…", and returns the updated modal. */
  const suggestIn = async (userId: string, view: StoredView, answers: Record<string, Answer>) => {
    const before = view.hash;
    await click(t, userId, { view: { ...view, state: { values: fillModal(view, answers) } } }, SUGGEST);
    return vi.waitFor(() => {
      const now = t.slackApi.viewById(view.id) as StoredView;
      if (now.hash === before) throw new Error("not updated yet");
      return structuredClone(now);
    });
  };

  beforeAll(async () => {
    t = await startTestTandem({ users: [MIA, RAJ, ZOE, TESS], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    await joinViaModal(t, RAJ.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    await joinViaModal(t, ZOE.id, "MENTEE");
    const { workspaceId, programId } = await defaultProgram(t);
    await t.tandem.services.members.resolve(workspaceId, TESS.id);
    const raj = await requireMember(t, RAJ.id);
    await t.tandem.services.matching.request(workspaceId, MIA.id, raj.id, programId, "Hello!");
    const m = await prisma().mentorship.findFirstOrThrow({ where: { status: "REQUESTED" } });
    await t.tandem.services.matching.respond(workspaceId, RAJ.id, m.id, { accept: true });
    pair = m.id;
    zoePair = (await seedMentorship(t, RAJ.id, ZOE.id)).id;
    await runUntil("2026-06-01T10:00:30Z");
  });
  afterAll(async () => t?.stop());
  afterEach(() => expect(t.slackApi.violations).toEqual([]));

  it("/mentor log: no mentorship yet is said plainly; with two, 'which one?' comes first", async () => {
    await runUntil("2026-06-04T15:00:00Z"); // Thursday: 16:00 in Lisbon, 11:00 in New York
    const none = await ask(t, TESS.id, "log");
    expect(none.visible).toContain("You don't have a running mentorship yet");

    const picker = await (await type(t, RAJ.id, "log")).modal();
    expect(titleOf(picker)).toBe("Log a session");
    expect(inputLabels(picker)).toEqual(["Which mentorship is this session for?"]);
    const empty = await submitModal(t, RAJ.id, picker, {});
    expect(errorsByLabel(picker, empty.errors)).toEqual({
      "Which mentorship is this session for?": "Choose a mentorship.",
    });
    const chosen = await submitModal(t, RAJ.id, picker, {
      "Which mentorship is this session for?": "Zoe Kim (your mentee, Open mentoring)",
    });
    expect(chosen.response_action).toBe("update");
    expect(titleOf(chosen.view ?? {})).toBe("Log a session");
    expect(visibleText(chosen.view?.blocks)).toContain("Your session with *Zoe Kim*");
    expect(inputLabels(chosen.view ?? {})).toEqual(LOG_LABELS);
    expect(JSON.parse(String((chosen.view as { private_metadata?: string }).private_metadata))).toEqual({
      mentorship: zoePair,
    });
  });

  it("/mentor log with every field: problems show inline with nothing typed lost, then it's saved", async () => {
    const modal = await (await type(t, MIA.id, "log")).modal();
    expect(titleOf(modal)).toBe("Log a session");
    expect(inputLabels(modal)).toEqual(LOG_LABELS);
    expect(visibleText(modal.blocks)).toContain("Only you and Raj Patel can read them");
    const time = modal.blocks.find((b) => (b as { block_id?: string }).block_id === "next_time");
    expect(visibleText([time])).toContain("07:00");
    expect(visibleText([time])).toContain("20:00");
    expect(visibleText([time])).toContain("In your time zone (Europe/Lisbon)");

    const answers = {
      "When did you meet?": { date: "2026-06-04" },
      "How long?": "1 hour",
      "Agenda covered": "Grant timeline\nWhich journal first",
      "Private notes": "Nervous about the committee.",
      "Key takeaways": "Draft the aims page first\nAsk two colleagues to review",
      "Action item 1": "Send the aims page to Raj",
      "Who owns item 1?": "Me",
      "Due date for item 1": { date: "2026-06-09" },
      "Action item 2": "Share two funded grants",
      "Who owns item 2?": "Raj Patel",
      "Due date for item 2": { date: "2026-06-09" },
      "Action item 3": "Book a room for the practice talk",
      "Who owns item 3?": "Raj Patel",
      "Next session": { date: "2026-06-11" },
      "Time of the next session": "15:00",
    } as const;
    const bad = await submitModal(t, MIA.id, modal, {
      ...answers,
      "When did you meet?": { date: "2026-06-05" },
      "Action item 2": "",
      "Due date for item 3": { date: "2026-06-01" },
      "Next session": { date: "2026-06-03" },
    });
    // Errors, not a new view: Slack keeps everything the person typed in the open modal.
    expect(bad.response_action).toBe("errors");
    expect(bad.view).toBeUndefined();
    expect(errorsByLabel(modal, bad.errors)).toEqual({
      "When did you meet?": "That date is in the future. Choose the day you met.",
      "Action item 2": "Write what needs doing, or clear this item's owner and due date.",
      "Due date for item 3": "That date has passed. Choose today or a later date.",
      "Next session": "That date has passed. Choose today or a later date.",
    });
    expect(await prisma().mentoringSession.count({ where: { mentorshipId: pair } })).toBe(0);

    const ok = await submitModal(t, MIA.id, modal, answers);
    expect(ok.response_action).toBe("update");
    expect(titleOf(ok.view ?? {})).toBe("Session logged");
    const said = visibleText(ok.view?.blocks);
    expect(said).toContain("Logged: you met Raj Patel on Thursday 4 June (60 min).");
    expect(said).toContain("3 action items saved.");
    expect(said).toContain("Next session: Thursday 11 June at 15:00 (your time).");

    const sessions = await prisma().mentoringSession.findMany({
      where: { mentorshipId: pair },
      orderBy: { heldOn: "asc" },
    });
    expect(sessions.map((s) => [s.status, s.heldOn.toISOString()])).toEqual([
      ["HELD", "2026-06-04T00:00:00.000Z"],
      ["PLANNED", "2026-06-11T14:00:00.000Z"], // 15:00 in Lisbon
    ]);
    expect(sessions[0]).toMatchObject({
      durationMinutes: 60,
      agenda: "Grant timeline\nWhich journal first",
      privateNotes: "Nervous about the committee.",
      takeaways: ["Draft the aims page first", "Ask two colleagues to review"],
    });
    const items = await prisma().actionItem.findMany({
      where: { mentorshipId: pair },
      include: { owner: true },
      orderBy: { createdAt: "asc" },
    });
    expect(
      items.map((i) => [i.text, i.owner.slackUserId, i.dueOn?.toISOString().slice(0, 10) ?? null]),
    ).toEqual([
      ["Send the aims page to Raj", MIA.id, "2026-06-09"],
      ["Share two funded grants", RAJ.id, "2026-06-09"],
      ["Book a room for the practice talk", RAJ.id, null],
    ]);
  });

  it("an action item is reminded on its due date at the owner's local morning, and 'Mark done' ticks it off", async () => {
    // Tuesday 9 June: 9:00 in Lisbon is 08:00 UTC, 9:00 in New York is 13:00 UTC.
    await runUntil("2026-06-09T08:00:30Z");
    const mias = await waitForDm(t, MIA.id, "Due today: Send the aims page to Raj");
    expect(visibleText(mias.blocks)).toContain(
      "You agreed to this with Raj Patel in your session on Thursday 4 June.",
    );
    expect(labelsOf(mias)).toEqual(["Mark done", "Our sessions"]);
    expect(dmsWith(RAJ.id, "Due today")).toHaveLength(0);
    await runUntil("2026-06-09T12:59:00Z");
    expect(dmsWith(RAJ.id, "Due today")).toHaveLength(0);
    await runUntil("2026-06-09T13:00:30Z");
    const reminder = latest(RAJ.id, "Due today: Share two funded grants");

    await click(t, RAJ.id, { message: reminder }, "Mark done");
    await t.tandem.jobs.idle();
    const updated = await vi.waitFor(() => {
      const now = stored(reminder.channel, reminder.ts);
      if (labelsOf(now).includes("Mark done")) throw new Error("not updated yet");
      return now;
    });
    expect(visibleText(updated.blocks)).toContain("~Share two funded grants~ · You · done");
    expect(labelsOf(updated)).toEqual(["Our sessions"]);
    const item = await prisma().actionItem.findFirstOrThrow({ where: { text: "Share two funded grants" } });
    expect(item.status).toBe("DONE");
  });

  it("the working day before the planned session each person gets an agenda with open items and last takeaways", async () => {
    // Thursday 11 June at 14:00 UTC: 15:00 in Lisbon, 10:00 in New York. Prompts on Wednesday at 9:00.
    await runUntil("2026-06-10T07:59:00Z");
    expect(dmsWith(MIA.id, "you meet")).toHaveLength(0);
    await runUntil("2026-06-10T08:00:30Z");
    const prompt = latest(MIA.id, "Tomorrow at 15:00 (your time) you meet Raj Patel");
    const text = visibleText(prompt.blocks);
    expect(text).toContain("Send the aims page to Raj");
    expect(text).toContain("Book a room for the practice talk · *Raj Patel*");
    expect(text).not.toContain("Share two funded grants"); // done
    expect(text).toContain("Draft the aims page first");
    expect(text).toContain("A short personal update");
    expect(labelsOf(prompt)).toEqual(["Mark done", "Log the session", "Our sessions"]);
    expect(dmsWith(RAJ.id, "you meet")).toHaveLength(0);

    // Mia ticks her own item off right in the prompt: it reads done, the rest stays.
    await click(t, MIA.id, { message: prompt }, "Mark done");
    const updated = await vi.waitFor(() => {
      const now = stored(prompt.channel, prompt.ts);
      if (labelsOf(now).includes("Mark done")) throw new Error("not updated yet");
      return now;
    });
    expect(visibleText(updated.blocks)).toContain("~Send the aims page to Raj~ · You · done");
    expect(labelsOf(updated)).toEqual(["Log the session", "Our sessions"]);

    await runUntil("2026-06-10T13:00:30Z");
    const rajs = latest(RAJ.id, "Tomorrow at 10:00 (your time) you meet Mia Santos");
    expect(visibleText(rajs.blocks)).toContain("Book a room for the practice talk · *You*");
    expect(visibleText(rajs.blocks)).not.toContain("Send the aims page to Raj"); // Mia ticked it off
    expect(labelsOf(rajs)).toEqual(["Mark done", "Log the session", "Our sessions"]);
  });

  it("'Our sessions' shows the private notes to both people, and 'Mark done' updates the modal", async () => {
    const mias = await (
      await click(t, MIA.id, { message: latest(MIA.id, "you meet") }, "Our sessions")
    ).modal();
    expect(titleOf(mias)).toBe("Our sessions");
    const miaText = visibleText(mias.blocks);
    expect(miaText).toContain("Next session:* Thursday 11 June at 15:00 (your time)");
    expect(miaText).toContain("Thursday 4 June 2026* · 1 hour · logged by you");
    expect(miaText).toContain("Nervous about the committee.");
    expect(miaText).toContain("Private notes* (only you and Raj Patel)");

    const modal = await (
      await click(t, RAJ.id, { message: latest(RAJ.id, "you meet") }, "Our sessions")
    ).modal();
    const rajText = visibleText(modal.blocks);
    expect(rajText).toContain("Next session:* Thursday 11 June at 10:00 (your time)");
    expect(rajText).toContain("logged by Mia Santos");
    expect(rajText).toContain("Nervous about the committee.");
    expect(rajText).toContain("~Share two funded grants~ · You · done");
    expect(labelsOf({ blocks: modal.blocks })).toEqual(["Log a session", "Mark done"]);

    await click(t, RAJ.id, { view: modal }, "Mark done");
    const refreshed = await vi.waitFor(() => {
      const now = t.slackApi.viewById(modal.id) as StoredView;
      if (labelsOf({ blocks: now.blocks }).includes("Mark done")) throw new Error("not updated yet");
      return now;
    });
    expect(visibleText(refreshed.blocks)).toContain("~Book a room for the practice talk~ · You · done");
  });

  it("a third person and a coordinator sending the pair's button values are refused", async () => {
    const prompt = latest(MIA.id, "you meet");
    const opened = t.slackApi.callsTo("views.open").length;
    for (const stranger of [ZOE, TESS]) {
      for (const label of ["Our sessions", "Log the session"]) {
        const reply = await (await click(t, stranger.id, { message: prompt }, label)).reply();
        expect(reply.visible, `${stranger.name}: ${label}`).toContain("That mentorship isn't one of yours");
        expect(reply.visible).not.toContain("Nervous");
      }
    }
    expect(t.slackApi.callsTo("views.open").length).toBe(opened);

    // An open item of the pair, ticked off with a forged button by each stranger: refused.
    const open = await prisma().actionItem.create({
      data: {
        mentorshipId: pair,
        ownerId: (await requireMember(t, MIA.id)).id,
        text: "Rehearse the talk",
      },
    });
    for (const stranger of [ZOE, TESS]) {
      const forged = await t.slack.blockAction(
        stranger.id,
        { actionId: "action_item_done", value: open.id },
        { message: { ts: prompt.ts, channel: prompt.channel, blocks: prompt.blocks } },
      );
      expect(forged.status).toBe(200);
    }
    await vi.waitFor(() => {
      const refusals = t.slackApi.responses.filter((r) =>
        visibleText((r.body as { blocks?: unknown }).blocks).includes("That action item isn't one of yours"),
      );
      if (refusals.length < 2) throw new Error("not refused yet");
    });
    expect((await prisma().actionItem.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("OPEN");
    expect(stored(prompt.channel, prompt.ts).blocks).toEqual(prompt.blocks);
  });

  it("'We met: log it' from a nudge logs the planned session as held; the partner's log joins it", async () => {
    // The first check-in: Monday 15 June, 10:00 UTC (Mia at 11:00 Lisbon, Raj at 9:00 New York).
    await runUntil("2026-06-15T13:00:30Z");
    const nudge = latest(MIA.id, "Have you met since the last check-in?");
    const modal = await (await click(t, MIA.id, { message: nudge }, "We met: log it")).modal();
    expect(titleOf(modal)).toBe("Log a session");
    expect(inputLabels(modal)).toEqual(LOG_LABELS);
    const ok = await submitModal(t, MIA.id, modal, {
      "When did you meet?": { date: "2026-06-11" },
      "How long?": "45 minutes",
      "Private notes": "Felt calmer this time.",
      "Key takeaways": "Practice talk went well",
    });
    expect(ok.errors).toBeUndefined();
    const planned = await prisma().mentoringSession.findFirstOrThrow({
      where: { mentorshipId: pair, heldOn: { gte: new Date("2026-06-11T00:00:00Z") } },
    });
    expect(planned).toMatchObject({
      status: "HELD",
      durationMinutes: 45,
      takeaways: ["Practice talk went well"],
    });
    expect(planned.heldOn.toISOString()).toBe("2026-06-11T00:00:00.000Z");
    expect(await prisma().mentoringSession.count({ where: { mentorshipId: pair, status: "PLANNED" } })).toBe(
      0,
    );
    const updated = await vi.waitFor(() => {
      const now = stored(nudge.channel, nudge.ts);
      if (!now.text.includes("Logged")) throw new Error("not updated yet");
      return now;
    });
    expect(updated.text).toContain("Logged: you met Raj Patel on Thursday 11 June (45 min).");
    expect(updated.text).toContain("Next check-in:");
    const checkIn = await prisma().checkIn.findFirstOrThrow({ where: { member: { slackUserId: MIA.id } } });
    expect(checkIn.answer).toBe("MET");

    const rajNudge = latest(RAJ.id, "Have you met since the last check-in?");
    const rajLog = await (await click(t, RAJ.id, { message: rajNudge }, "We met: log it")).modal();
    await submitModal(t, RAJ.id, rajLog, {
      "When did you meet?": { date: "2026-06-11" },
      "Private notes": "Mia is ready for the committee.",
    });
    const rajUpdated = await vi.waitFor(() => {
      const now = stored(rajNudge.channel, rajNudge.ts);
      if (!now.text.includes("Logged")) throw new Error("not updated yet");
      return now;
    });
    expect(rajUpdated.text).toContain("Mia Santos had already logged your session on Thursday 11 June");
    const merged = await prisma().mentoringSession.findUniqueOrThrow({ where: { id: planned.id } });
    expect(merged.privateNotes).toBe(
      "Mia Santos: Felt calmer this time.\n\nRaj Patel: Mia is ready for the committee.",
    );
    expect(
      await prisma().scheduledJob.count({
        where: { kind: "feedback_request", idempotencyKey: { contains: planned.id } },
      }),
    ).toBe(2);

    const history = await (
      await click(t, RAJ.id, { message: latest(RAJ.id, "you meet") }, "Our sessions")
    ).modal();
    const text = visibleText(history.blocks);
    expect(text.indexOf("Thursday 11 June 2026")).toBeLessThan(text.indexOf("Thursday 4 June 2026"));
    expect(text).toContain("Raj Patel: Mia is ready for the committee.");
    expect(text).toContain("No next session planned yet");
  });

  it("'Suggest takeaways' without a key: Tandem reads the notes, fills the form, labelled; edited and saved, Raj sees them", async () => {
    // Monday 15 June in Lisbon. Zoe (mentee) and Raj (mentor), paired on 1 June, haven't logged yet.
    await prisma().mentorship.update({
      where: { id: zoePair },
      data: { startedAt: new Date("2026-06-01T10:00:00Z") },
    });
    const modal = await (await type(t, ZOE.id, "log")).modal();
    expect(buttonsIn(modal.blocks).map((b) => b.label)).toContain(SUGGEST);

    // Nothing typed yet: a hint, and nothing lost.
    const hinted = await suggestIn(ZOE.id, modal, { "How long?": "45 minutes", "Key takeaways": "Mine" });
    expect(visibleText(hinted.blocks)).toContain(
      "Write what you talked about in *Agenda covered* or *Private notes* first",
    );
    expect(shownAnswers(hinted)).toMatchObject({
      "When did you meet?": "2026-06-15",
      "How long?": "45 minutes",
      "Key takeaways": "Mine",
    });

    const notes =
      "Raj thinks the first paragraph decides the application.\n" +
      "- Learned that the panel reads the budget last\n" +
      "- I will send Raj the draft by Friday\n" +
      "- Raj to introduce me to last year's winner next week";
    const filled = await suggestIn(ZOE.id, hinted, {
      "How long?": "45 minutes",
      "Agenda covered": "Fellowship application",
      "Private notes": notes,
      "Key takeaways": "",
    });
    expect(visibleText(filled.blocks)).toContain(
      "*Suggested by Tandem from your notes (no AI: AI isn't set up in this workspace) — check and edit before saving.* " +
        "Added 2 takeaways and 2 action items below.",
    );
    expect(shownAnswers(filled)).toMatchObject({
      "When did you meet?": "2026-06-15",
      "How long?": "45 minutes",
      "Agenda covered": "Fellowship application",
      "Private notes": notes,
      "Key takeaways":
        "Raj thinks the first paragraph decides the application\nLearned that the panel reads the budget last",
      "Action item 1": "Send Raj the draft by Friday",
      "Who owns item 1?": "Me",
      "Due date for item 1": "2026-06-19",
      "Action item 2": "Introduce me to last year's winner next week",
      "Who owns item 2?": "Raj Patel",
      "Due date for item 2": "2026-06-22",
      "Action item 3": "",
    });
    expect(inputLabels(filled)).toEqual(LOG_LABELS);

    // Zoe edits a takeaway and an item, then saves.
    const ok = await submitModal(t, ZOE.id, filled, {
      "Key takeaways":
        "The first paragraph decides the application\nLearned that the panel reads the budget last",
      "Action item 2": "Introduce me to last year's fellowship winner",
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.response_action).toBe("update");
    expect(visibleText(ok.view?.blocks)).toContain("2 action items saved.");
    const session = await prisma().mentoringSession.findFirstOrThrow({ where: { mentorshipId: zoePair } });
    expect(session).toMatchObject({
      takeaways: [
        "The first paragraph decides the application",
        "Learned that the panel reads the budget last",
      ],
      aiSummaryUsed: false,
    });
    const items = await prisma().actionItem.findMany({
      where: { mentorshipId: zoePair },
      include: { owner: true },
      orderBy: { createdAt: "asc" },
    });
    expect(items.map((i) => [i.text, i.owner.slackUserId, i.dueOn?.toISOString().slice(0, 10)])).toEqual([
      ["Send Raj the draft by Friday", ZOE.id, "2026-06-19"],
      ["Introduce me to last year's fellowship winner", RAJ.id, "2026-06-22"],
    ]);

    // Raj opens "Our sessions" for this pair from his Home and reads the takeaways.
    const home = await vi.waitFor(() => {
      const h = t.slackApi.homeOf(RAJ.id);
      if (!h || !visibleText(h.blocks).includes("fellowship winner")) throw new Error("Home not refreshed");
      return h;
    });
    const ours = buttonsIn(home.blocks).find((b) => b.label === "Our sessions" && b.value === zoePair);
    const since = Date.now();
    const res = await t.slack.blockAction(
      RAJ.id,
      { actionId: ours?.actionId ?? "", ...(ours?.blockId ? { blockId: ours.blockId } : {}), value: zoePair },
      { view: home },
    );
    expect(res.status).toBe(200);
    const call = await t.slackApi.waitFor(
      "views.open",
      (args, c) => c.at >= since && titleOf(args.view as object) === "Our sessions",
    );
    const text = visibleText((call.args.view as { blocks?: unknown }).blocks);
    expect(text).toContain("The first paragraph decides the application");
    expect(text).toContain("Learned that the panel reads the budget last");
  });
});
