// Letters of recommendation over Slack, the way a mentee in Lisbon and her mentor in Los Angeles
// live them: `/mentor letter` with inline errors, a timely ask whose packet carries Tandem's
// factual summary of their work, two late asks, a graceful "Not the right person", a "Need more
// information" answered with an updated packet, a deadline passing unanswered, and a "Yes,
// gladly" followed by the one reminder at 09:00 the writer's time, per-target submission, the
// thank-you and the outcome. Both Homes show where each letter stands; nobody else can touch one.
// When Raj leaves Tandem with a letter open, he is warned and Mia is told what is still due.
// Every DM arrives in its recipient's working hours (09:00-17:00 in Lisbon is 08:00-16:00 UTC in
// summer; in Los Angeles 16:00-24:00 UTC: the two never overlap).
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { errorsByLabel, inputLabels } from "../support/modal-filler.ts";
import {
  ask,
  click,
  defaultProgram,
  dmsTo,
  eventually,
  homeSince,
  optionsOf,
  requireMember,
  shownAnswers,
  type,
  waitForDm,
} from "../support/person.ts";
import type { StoredMessage, StoredView } from "../support/slack-api-stand-in.ts";
import {
  buttonsIn,
  clickInHome,
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
  waitForModal,
} from "../support/tandem.ts";

const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/Los_Angeles" };
const EVE = { id: "U0EVE", name: "eve", real_name: "Eve Outsider", tz: "Europe/Lisbon" };

const HOPKINS = "Johns Hopkins Bloomberg School of Public Health";
const LISBON = "University of Lisbon";
const HARVARD = "Harvard T.H. Chan School of Public Health";
const HOSPITAL = "Lisbon General Hospital";
const ASK = "Can you write a strong letter of recommendation for Mia Santos?";
const THREE_ANSWERS = ["Yes, gladly", "Not the right person", "Need more information"];

type Ack = Awaited<ReturnType<typeof submitModal>>;

describe("letters of recommendation", () => {
  let t: TestTandem;
  let clock = new Date("2026-05-18T10:00:00Z");
  /** The three letters, by their first target. */
  const letters: Record<string, string> = {};

  /**
   * Moves the clock once the jobs a click started have finished (a job prepared at the old time
   * but recorded at the new one would be deferred past it), then runs what is due.
   */
  const setClock = async (iso: string) => {
    await t.tandem.jobs.idle();
    clock = new Date(iso);
  };
  const at = async (iso: string) => {
    await setClock(iso);
    await t.tandem.jobs.runDue();
  };
  const prisma = () => t.tandem.database.prisma;
  const text = (m: { text: string; blocks: unknown[] }) => `${m.text}\n${visibleText(m.blocks)}`;
  /** DMs to a person with this phrase, as a Slack client holds them (copies). */
  const dmsWith = (userId: string, ...phrases: string[]): StoredMessage[] =>
    dmsTo(t, userId)
      .filter((m) => phrases.every((p) => text(m).includes(p)))
      .map((m) => structuredClone(m));
  const latest = (userId: string, ...phrases: string[]): StoredMessage => {
    const last = dmsWith(userId, ...phrases).at(-1);
    if (!last) throw new Error(`${userId} has no DM with ${phrases.join(" + ")}`);
    return last;
  };
  /** When the newest delivery of this kind reached the person, on their clock. */
  const deliveredAt = async (userId: string, kind: string) => {
    const d = await prisma().delivery.findFirstOrThrow({
      where: { recipient: userId, kind, status: "SENT" },
      orderBy: { createdAt: "desc" },
    });
    return DateTime.fromJSDate(d.createdAt, { zone: userId === RAJ.id ? RAJ.tz : MIA.tz }).toFormat(
      "cccc d LLLL HH:mm",
    );
  };
  /** The modal an ack replaced the submitted one with (same view id), ready to be submitted. */
  const updatedTo = (ack: Ack, from: StoredView): StoredView => {
    expect(ack.response_action).toBe("update");
    return { ...(ack.view as object), id: from.id, hash: from.hash } as StoredView;
  };
  const titleOf = (view: unknown) => (view as { title?: { text?: string } }).title?.text;
  const submitOf = (view: unknown) => (view as { submit?: { text?: string } }).submit?.text;
  const letterOf = (first: string) => {
    const id = letters[first];
    if (!id) throw new Error(`no letter for ${first}`);
    return prisma().letterRequest.findUniqueOrThrow({ where: { id }, include: { targets: true } });
  };

  /** Clicks the button with this label for this letter in the person's Home. */
  const clickFor = async (userId: string, label: string, letterId: string) => {
    const home = t.slackApi.homeOf(userId);
    const button = buttonsIn(home?.blocks).find((b) => b.label === label && b.value === letterId);
    if (!home || !button) throw new Error(`no "${label}" for ${letterId} in ${userId}'s Home`);
    const res = await t.slack.blockAction(
      userId,
      { actionId: button.actionId, value: letterId, ...(button.blockId ? { blockId: button.blockId } : {}) },
      { view: home },
    );
    expect(res.status).toBe(200);
  };

  /** Mia fills "Ask for a letter" and gets the packet modal. */
  const request = async (answers: Record<string, unknown>) => {
    const modal = await (await type(t, MIA.id, "letter")).modal();
    const ack = await submitModal(t, MIA.id, modal, answers as never);
    expect(ack.errors).toBeUndefined();
    return updatedTo(ack, modal);
  };

  beforeAll(async () => {
    t = await startTestTandem({ users: [MIA, RAJ, EVE], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    await joinViaModal(t, RAJ.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    await joinViaModal(t, EVE.id, "MENTEE");
    const s = t.tandem.services;
    const { workspaceId, programId } = await defaultProgram(t);
    // Eight hours apart with no shared working hour, matching wouldn't pair them: they were paired
    // before Tandem (mentorships come from matching, so the record is written directly).
    const m = await prisma().mentorship.create({
      data: {
        programId,
        mentorId: (await requireMember(t, RAJ.id)).id,
        menteeId: (await requireMember(t, MIA.id)).id,
        status: "ACTIVE",
        origin: "COORDINATOR",
        startedAt: clock,
      },
    });
    // Wednesday 27 May: a session, and a goal with its first milestone reached.
    await setClock("2026-05-27T10:00:00Z");
    await s.sessions.log(workspaceId, MIA.id, {
      mentorshipId: m.id,
      heldOn: "2026-05-27",
      minutes: 60,
      agenda: "Aims page for the MPH application\nand the interview",
      privateNotes: "Only mine",
    });
    const goal = await s.goals.addGoal(workspaceId, MIA.id, m.id, {
      title: "Get into an MPH program",
      kind: "PROFESSIONAL",
      milestones: [
        { title: "Draft the personal statement", targetDate: "2026-06-05" },
        { title: "Submit the applications", targetDate: "2026-09-17" },
      ],
    });
    const first = await prisma().milestone.findFirstOrThrow({
      where: { goalId: goal.goalId, title: "Draft the personal statement" },
    });
    await s.goals.markDone(workspaceId, MIA.id, first.id);
    // Monday 1 June, 10:00 UTC: 11:00 in Lisbon, 03:00 in Los Angeles.
    await at("2026-06-01T10:00:00Z");
  });
  afterAll(async () => t?.stop());
  afterEach(() => {
    expect(t.slackApi.violations).toEqual([]);
  });

  it("/mentor letter opens 'Ask for a letter'; problems show next to their field; no mentor, a plain sentence", async () => {
    const modal = await (await type(t, MIA.id, "letter")).modal();
    expect(titleOf(modal)).toBe("Ask for a letter");
    expect(submitOf(modal)).toBe("Next: the packet");
    expect(inputLabels(modal)).toEqual([
      "Who should write it?",
      "What is it for?",
      "Deadline",
      "Where does it go?",
      "How to submit",
    ]);
    const program = (await prisma().program.findFirstOrThrow({ where: { isDefault: true } })).name;
    expect(optionsOf(modal, "Who should write it?")).toEqual([`Raj Patel · ${program}`]);
    expect(shownAnswers(modal)["Who should write it?"]).toBe(`Raj Patel · ${program}`);
    expect(optionsOf(modal, "What is it for?")).toEqual([
      "School application",
      "Residency application",
      "Fellowship application",
      "Job application",
      "Promotion",
      "Award or scholarship",
      "Something else",
    ]);

    const empty = await submitModal(t, MIA.id, modal, { "How to submit": "The SOPHAS portal" });
    expect(empty.response_action).toBe("errors");
    expect(errorsByLabel(modal, empty.errors)).toEqual({
      "What is it for?": "Choose what the letter is for.",
      Deadline: "Pick the deadline.",
      "Where does it go?": "Name at least one program, school or employer.",
    });
    const past = await submitModal(t, MIA.id, modal, {
      "What is it for?": "School application",
      Deadline: { date: "2026-05-29" },
      "Where does it go?": HOPKINS,
    });
    expect(errorsByLabel(modal, past.errors)).toEqual({ Deadline: "Choose a deadline after today." });
    const earlier = await submitModal(t, MIA.id, modal, {
      "What is it for?": "School application",
      Deadline: { date: "2026-09-17" },
      "Where does it go?": `${HOPKINS}\n${LISBON}, 2026-09-01`,
    });
    expect(errorsByLabel(modal, earlier.errors)).toEqual({
      "Where does it go?": `${LISBON}'s date 2026-09-01 is before the deadline: make the earliest date the deadline.`,
    });
    const tooMany = await submitModal(t, MIA.id, modal, {
      "What is it for?": "School application",
      Deadline: { date: "2026-09-17" },
      "Where does it go?": Array.from({ length: 11 }, (_, i) => `School ${i + 1}`).join("\n"),
    });
    expect(errorsByLabel(modal, tooMany.errors)).toEqual({
      "Where does it go?": "List at most 10; ask for a second letter for the rest.",
    });
    // Refused submissions keep the modal as typed (Slack does) and save nothing.
    expect(await prisma().letterRequest.count()).toBe(0);

    const opened = t.slackApi.callsTo("views.open").length;
    const none = await ask(t, EVE.id, "letter");
    expect(none.visible).toContain(
      "Letters come from mentors who know your work, and you don't have a mentor in Tandem yet.",
    );
    expect(none.responseType).toBe("ephemeral");
    expect(t.slackApi.callsTo("views.open")).toHaveLength(opened);
  });

  it("a timely ask: the packet shows Tandem's facts, and the ask waits for 09:00 the writer's time", async () => {
    const packet = await request({
      "What is it for?": "School application",
      Deadline: { date: "2026-09-17" },
      "Where does it go?": `${HOPKINS}\n${LISBON}, 2026-10-01`,
      "How to submit": "SOPHAS emails you a link to upload it.",
    });
    expect(titleOf(packet)).toBe("Letter packet");
    expect(submitOf(packet)).toBe("Send the ask");
    const shown = visibleText(packet.blocks);
    expect(shown).toContain(
      "*School application* letter from *Raj Patel*, due Thursday 17 September 2026 (in 15 weeks).",
    );
    expect(shown).toContain(`For: ${HOPKINS}, ${LISBON}`);
    expect(shown).not.toContain("late ask");
    expect(shown).toContain("1 session logged, on 27 May 2026.");
    expect(shown).toContain("• 27 May 2026: Aims page for the MPH application");
    expect(shown).toContain(
      "Goal “Get into an MPH program”: in progress (1 of 2 milestones); milestones reached: Draft the personal statement (27 May 2026).",
    );
    expect(shown).not.toContain("Only mine");
    expect(inputLabels(packet)).toEqual([
      "Link to your CV",
      "Link to your personal statement",
      "Your goals",
      "Why this program",
      "The summary",
      "A note to Raj Patel",
    ]);
    expect(shownAnswers(packet)["The summary"]).toEqual(["Share this summary with Raj Patel"]);
    letters[HOPKINS] = (await prisma().letterRequest.findFirstOrThrow({ where: { status: "DRAFT" } })).id;

    const answers = {
      "Link to your CV": "https://drive.example.com/mia-cv",
      "Link to your personal statement": "https://drive.example.com/mia-statement",
      "Your goals": "Lead outbreak investigations in Lisbon.",
      "Why this program": "Its field epidemiology track.",
      "A note to Raj Patel": "You saw my aims page grow; I'd be honoured.",
    };
    const badLink = await submitModal(t, MIA.id, packet, { ...answers, "Link to your CV": "my cv" });
    expect(errorsByLabel(packet, badLink.errors)).toEqual({
      "Link to your CV":
        "Paste a link that starts with https://, e.g. a shared Drive, Box or Slack file link.",
    });
    expect((await letterOf(HOPKINS)).status).toBe("DRAFT");
    const sent = await submitModal(t, MIA.id, packet, answers);
    expect(sent.response_action).toBe("update");
    expect(titleOf(sent.view)).toBe("Ask sent");
    expect(visibleText(sent.view?.blocks)).toContain(
      "Your ask is on its way to Raj Patel: *can you write a strong letter?* You'll hear their answer here. " +
        "It reaches Raj Patel in their working hours: Monday 1 June at 09:00 their time.",
    );

    // 03:00 and 08:59 in Los Angeles: not yet.
    await t.tandem.jobs.runDue();
    await at("2026-06-01T15:59:00Z");
    expect(dmsWith(RAJ.id, ASK)).toEqual([]);
    await at("2026-06-01T16:00:05Z");
    const dm = await waitForDm(t, RAJ.id, ASK);
    expect(await deliveredAt(RAJ.id, "letter_ask")).toBe("Monday 1 June 09:00");
    const read = visibleText(dm.blocks);
    for (const part of [
      `*${ASK}*\nIt's for their school application, due *Thursday 17 September 2026* (in 15 weeks).`,
      "If you don't feel you can write a strong one, it's kinder to say so now.",
      "*Mia Santos's note*\n> You saw my aims page grow; I'd be honoured.",
      "*Deadline:* Thursday 17 September 2026 (in 15 weeks)",
      `*Where it goes*\n• ${HOPKINS}: pending\n• ${LISBON} (due Thursday 1 October 2026): pending`,
      "*How to submit:* SOPHAS emails you a link to upload it.",
      "<https://drive.example.com/mia-cv|CV> · <https://drive.example.com/mia-statement|Personal statement>",
      "*Goals*\n> Lead outbreak investigations in Lisbon.",
      "*Why this program*\n> Its field epidemiology track.",
      "*Your work together* (facts from Tandem's record)\nWork together with Mia Santos, from Tandem's record:",
      "1 session logged, on 27 May 2026.",
      "milestones reached: Draft the personal statement (27 May 2026)",
      "Tandem never drafts letters: the words are yours.",
    ]) {
      expect(read).toContain(part);
    }
    expect(read).not.toContain("late ask");
    expect(read).not.toContain("Only mine");
    expect(buttonsIn(dm.blocks).map((b) => b.label)).toEqual(THREE_ANSWERS);
    expect(dmsWith(RAJ.id, ASK)).toHaveLength(1);
  });

  it("late asks are warned about, sent with 'Ask anyway', and the writer is told they're late", async () => {
    // Monday 1 June, 16:30 UTC: 09:30 in Los Angeles, so the asks go at once.
    await setClock("2026-06-01T16:30:00Z");
    const school = await request({
      "What is it for?": "School application",
      Deadline: { date: "2026-06-29" },
      "Where does it go?": HARVARD,
    });
    expect(submitOf(school)).toBe("Ask anyway");
    expect(visibleText(school.blocks)).toContain(
      ":warning: *This is a late ask.* The deadline is 28 days away, and a school application letter needs at least 6 weeks (6 to 8 weeks is ideal). " +
        "You can still ask, with more care: acknowledge the short notice in your note",
    );
    letters[HARVARD] = (await prisma().letterRequest.findFirstOrThrow({ where: { status: "DRAFT" } })).id;
    // Mia keeps the summary to herself this time.
    const sent = await submitModal(t, MIA.id, school, {
      "Link to your CV": "https://drive.example.com/mia-cv",
      "The summary": [],
      "A note to Raj Patel": "Sorry for the short notice.",
    });
    expect(visibleText(sent.view?.blocks)).toContain("It's a late ask, so consider a backup writer too.");
    expect(visibleText(sent.view?.blocks)).not.toContain("working hours");
    const ask1 = await waitForDm(t, RAJ.id, HARVARD);
    const read = visibleText(ask1.blocks);
    expect(read).toContain(ASK);
    expect(read).toContain(
      ":hourglass: A late ask: Mia Santos asked 28 days before the deadline, and school application letters usually need 6 weeks.",
    );
    expect(read).toContain("Personal statement: not attached yet");
    expect(read).not.toContain("Your work together");
    expect(read).not.toContain("Aims page");
    expect(buttonsIn(ask1.blocks).map((b) => b.label)).toEqual(THREE_ANSWERS);

    const residency = await request({
      "What is it for?": "Residency application",
      Deadline: { date: "2026-07-13" },
      "Where does it go?": HOSPITAL,
      "How to submit": "ERAS",
    });
    expect(submitOf(residency)).toBe("Ask anyway");
    expect(visibleText(residency.blocks)).toContain(
      "The deadline is 42 days away, and a residency application letter needs at least 2 months (2 to 3 months is ideal).",
    );
    letters[HOSPITAL] = (await prisma().letterRequest.findFirstOrThrow({ where: { status: "DRAFT" } })).id;
    await submitModal(t, MIA.id, residency, { "Link to your CV": "https://drive.example.com/mia-cv" });
    const ask2 = await waitForDm(t, RAJ.id, HOSPITAL);
    expect(visibleText(ask2.blocks)).toContain(
      "A late ask: Mia Santos asked 42 days before the deadline, and residency application letters usually need 2 months.",
    );
    expect(visibleText(ask2.blocks)).toContain("*Your work together*");
  });

  it("'Not the right person' declines gracefully: the ask is replaced, Mia hears kindly, nothing more follows", async () => {
    await setClock("2026-06-01T17:00:00Z");
    const askDm = latest(RAJ.id, ASK, HARVARD);
    const since = Date.now();
    await click(t, RAJ.id, { message: askDm }, "Not the right person");
    const modal = await waitForModal(t, "Not the right person", since);
    expect(inputLabels(modal)).toEqual(["A note for Mia Santos"]);
    expect(submitOf(modal)).toBe("Decline kindly");
    const ack = await submitModal(t, RAJ.id, modal, {
      "A note for Mia Santos": "Dr Ng supervised your field work; her letter would be stronger.",
    });
    expect(titleOf(ack.view)).toBe("Declined");
    const replaced = await eventually(async () =>
      dmsTo(t, RAJ.id).find((m) => m.ts === askDm.ts && m.text.includes("not the right person")),
    );
    expect(replaced.text).toBe(
      "You said you're not the right person for Mia Santos's letter. Tandem has told them kindly.",
    );
    expect(buttonsIn(replaced.blocks)).toEqual([]);

    // 18:00 in Lisbon: Mia hears on Tuesday at 09:00.
    expect(dmsWith(MIA.id, "can't write your")).toEqual([]);
    await at("2026-06-02T08:00:05Z");
    const told = await waitForDm(t, MIA.id, "Raj Patel can't write your school application letter.");
    expect(await deliveredAt(MIA.id, "letter_update")).toBe("Tuesday 2 June 09:00");
    expect(visibleText(told.blocks)).toContain(
      "*Raj Patel isn't the right person for your school application letter.* It's better to know now",
    );
    expect(visibleText(told.blocks)).toContain(
      "*Raj Patel's note*\n> Dr Ng supervised your field work; her letter would be stronger.",
    );
    expect(buttonsIn(told.blocks).map((b) => b.label)).toEqual(["Ask someone else"]);
    const again = await click(t, MIA.id, { message: structuredClone(told) }, "Ask someone else");
    expect(titleOf(await again.modal())).toBe("Ask for a letter");

    // The stale ask can't be answered any more, and no late note is planned.
    const stale = await click(t, RAJ.id, { message: askDm }, "Yes, gladly");
    expect((await stale.reply()).text).toBe("You already declined this request.");
    expect((await letterOf(HARVARD)).status).toBe("DECLINED");
    const planned = await prisma().scheduledJob.findMany({
      where: { idempotencyKey: { startsWith: `letter_late:${letters[HARVARD]}:` } },
    });
    expect(planned.map((j) => j.status)).toEqual(["CANCELLED"]);
  });

  it("'Need more information' reaches Mia; her updated packet asks Raj again, with the three answers", async () => {
    // Tuesday 2 June, 16:30 UTC: 09:30 in Los Angeles.
    await setClock("2026-06-02T16:30:00Z");
    const askDm = latest(RAJ.id, ASK, HOSPITAL);
    const since = Date.now();
    await click(t, RAJ.id, { message: askDm }, "Need more information");
    const modal = await waitForModal(t, "Need more information", since);
    expect(inputLabels(modal)).toEqual(["What would help you?"]);
    const blank = await submitModal(t, RAJ.id, modal, {});
    expect(errorsByLabel(modal, blank.errors)).toEqual({
      "What would help you?": "Say what would help you.",
    });
    const ack = await submitModal(t, RAJ.id, modal, {
      "What would help you?": "Could you send the program's letter form and your rotation dates?",
    });
    expect(titleOf(ack.view)).toBe("Question sent");
    const replaced = await eventually(async () =>
      dmsTo(t, RAJ.id).find((m) => m.ts === askDm.ts && m.text.includes("more information")),
    );
    expect(buttonsIn(replaced.blocks)).toEqual([]);

    // Mia reads it on Wednesday at 09:00 in Lisbon.
    await at("2026-06-03T08:00:05Z");
    const question = await waitForDm(t, MIA.id, "needs more information");
    expect(await deliveredAt(MIA.id, "letter_update")).toBe("Wednesday 3 June 09:00");
    expect(visibleText(question.blocks)).toContain(
      "*Raj Patel needs more information* before answering about your residency application letter:\n> Could you send the program's letter form and your rotation dates?",
    );
    expect(buttonsIn(question.blocks).map((b) => b.label)).toEqual(["Update the packet"]);

    await setClock("2026-06-03T08:30:00Z");
    const opening = await click(t, MIA.id, { message: structuredClone(question) }, "Update the packet");
    const packet = await opening.modal();
    expect(titleOf(packet)).toBe("Letter packet");
    expect(submitOf(packet)).toBe("Send to Raj Patel");
    expect(visibleText(packet.blocks)).toContain(
      ":speech_balloon: *Raj Patel asked:*\n> Could you send the program's letter form and your rotation dates?",
    );
    expect(visibleText(packet.blocks)).not.toContain("late ask");
    expect(shownAnswers(packet)["Link to your CV"]).toBe("https://drive.example.com/mia-cv");
    const sent = await submitModal(t, MIA.id, packet, {
      "Link to your personal statement": "https://drive.example.com/eras-form-and-rotations",
      "A note to Raj Patel": "The form and my rotation dates are in the statement link.",
    });
    expect(visibleText(sent.view?.blocks)).toContain(
      "Sent. Tandem has asked Raj Patel again, with your answers. It reaches Raj Patel in their working hours: Wednesday 3 June at 09:00 their time.",
    );
    await at("2026-06-03T16:00:05Z");
    const askedAgain = await waitForDm(t, RAJ.id, "They've answered your question.");
    const read = visibleText(askedAgain.blocks);
    expect(read).toContain(`*${ASK}*\nThey've answered your question. It's for their residency application`);
    expect(read).toContain(
      "*Mia Santos's note*\n> The form and my rotation dates are in the statement link.",
    );
    expect(read).toContain("<https://drive.example.com/eras-form-and-rotations|Personal statement>");
    expect(buttonsIn(askedAgain.blocks).map((b) => b.label)).toEqual(THREE_ANSWERS);
    expect((await letterOf(HOSPITAL)).status).toBe("ASKED");
  });

  it("someone else clicking a letter's buttons is told it isn't theirs, and nothing changes", async () => {
    const before = {
      letters: JSON.stringify(await prisma().letterRequest.findMany({ orderBy: { id: "asc" } })),
      jobs: await prisma().scheduledJob.count(),
      opened: t.slackApi.callsTo("views.open").length,
    };
    const surfaces = [latest(RAJ.id, "They've answered your question."), latest(RAJ.id, ASK, HOPKINS)];
    for (const message of surfaces) {
      for (const b of buttonsIn(message.blocks)) {
        const responses = t.slackApi.responses.length;
        const res = await t.slack.blockAction(
          EVE.id,
          { actionId: b.actionId, ...(b.value ? { value: b.value } : {}) },
          {
            message: { ts: message.ts, channel: message.channel, text: message.text, blocks: message.blocks },
          },
        );
        expect(res.status).toBe(200);
        const reply = await eventually(async () => t.slackApi.responses.slice(responses)[0]);
        expect(reply.body.text, b.label).toBe(
          "That letter request isn't one of yours, or it no longer exists.",
        );
      }
    }
    // Mia's own buttons too.
    const forged = await click(
      t,
      EVE.id,
      { message: latest(MIA.id, "needs more information") },
      "Update the packet",
    );
    expect((await forged.reply()).text).toBe(
      "That letter request isn't one of yours, or it no longer exists.",
    );
    await t.tandem.jobs.runDue();
    expect(JSON.stringify(await prisma().letterRequest.findMany({ orderBy: { id: "asc" } }))).toBe(
      before.letters,
    );
    expect(await prisma().scheduledJob.count()).toBe(before.jobs);
    expect(t.slackApi.callsTo("views.open")).toHaveLength(before.opened);
    expect(dmsTo(t, EVE.id).some((m) => text(m).includes("Mia Santos"))).toBe(false);
  });

  it("a deadline passing unanswered: Mia hears the next working day, in her working hours", async () => {
    // The residency deadline is Monday 13 July; the note comes on Tuesday 14 July at 09:00 in Lisbon.
    await at("2026-07-14T07:59:00Z");
    expect(dmsWith(MIA.id, "passed")).toEqual([]);
    await at("2026-07-14T08:00:05Z");
    const late = await waitForDm(t, MIA.id, "its deadline has passed");
    expect(await deliveredAt(MIA.id, "letter_late")).toBe("Tuesday 14 July 09:00");
    expect(late.text).toBe(
      `Your letter from Raj Patel for ${HOSPITAL} isn't marked as submitted, and its deadline has passed.`,
    );
    expect(visibleText(late.blocks)).toContain(
      `:hourglass: *The deadline for your residency application letter to ${HOSPITAL} passed* on Monday 13 July 2026. Raj Patel hasn't answered your request yet.`,
    );
    expect(buttonsIn(late.blocks).map((b) => b.label)).toEqual(["Open the letter", "Ask someone else"]);
    const open = await click(t, MIA.id, { message: structuredClone(late) }, "Open the letter");
    const details = await open.modal();
    expect(titleOf(details)).toBe("Letter of recommendation");
    expect(visibleText(details.blocks)).toContain("*Status:* Asked, waiting for Raj Patel's answer");
    // The declined letter's deadline (29 June) passed without a word: it was declined.
    expect(dmsWith(MIA.id, "passed", HARVARD)).toEqual([]);
    expect(dmsWith(MIA.id, "passed")).toHaveLength(1);
  });

  it("'Yes, gladly': Mia hears; one reminder 10 days before at 09:00 Raj's time; submitted target by target", async () => {
    // Tuesday 14 July, 16:30 UTC: 09:30 in Los Angeles.
    await setClock("2026-07-14T16:30:00Z");
    const askDm = latest(RAJ.id, ASK, HOPKINS);
    const yes = await click(t, RAJ.id, { message: askDm }, "Yes, gladly");
    const reply = await yes.reply();
    expect(reply.replaceOriginal).toBe(true);
    expect(reply.visible).toContain(
      "*You said yes to Mia Santos's school application letter.* Tandem will remind you once before each deadline: on Monday 7 September and Monday 21 September.",
    );
    expect(reply.buttons).toEqual(["Mark as submitted"]);
    await at("2026-07-15T08:00:05Z");
    const accepted = await waitForDm(t, MIA.id, "Raj Patel said yes");
    expect(visibleText(accepted.blocks)).toContain(
      "they'll write your school application letter, due Thursday 17 September 2026.",
    );
    // Mia adds her final statement; Raj hears of it in his morning, and can still mark it submitted.
    await setClock("2026-07-15T08:30:00Z");
    const update = await (
      await click(t, MIA.id, { message: structuredClone(accepted) }, "Update the packet")
    ).modal();
    expect(submitOf(update)).toBe("Update the packet");
    const updated = await submitModal(t, MIA.id, update, {
      "Link to your personal statement": "https://drive.example.com/mia-statement-final",
    });
    expect(titleOf(updated.view)).toBe("Packet updated");
    await at("2026-07-15T16:00:05Z");
    const news = await waitForDm(t, RAJ.id, "Mia Santos updated the packet");
    expect(visibleText(news.blocks)).toContain(
      "<https://drive.example.com/mia-statement-final|Personal statement>",
    );
    expect(buttonsIn(news.blocks).map((b) => b.label)).toEqual(["Mark as submitted"]);

    // Monday 7 September: 08:59 in Los Angeles, then 09:00.
    await at("2026-09-07T15:59:00Z");
    expect(dmsWith(RAJ.id, "gentle reminder")).toEqual([]);
    await at("2026-09-07T16:00:05Z");
    const reminder = await waitForDm(t, RAJ.id, "A gentle reminder");
    const delivery = await prisma().delivery.findFirstOrThrow({
      where: { recipient: RAJ.id, kind: "letter_reminder", status: "SENT" },
    });
    const local = DateTime.fromJSDate(delivery.createdAt, { zone: RAJ.tz });
    expect(local.toFormat("cccc d LLLL HH:mm")).toBe("Monday 7 September 09:00");
    expect(local.hour).toBe(9);
    expect(local.plus({ days: 10 }).toISODate()).toBe("2026-09-17");
    expect(reminder.text).toBe("A gentle reminder: Mia Santos's letter is due Thursday 17 September 2026.");
    expect(visibleText(reminder.blocks)).toContain(
      `Mia Santos's school application letter for ${HOPKINS} is due *Thursday 17 September 2026* (in 10 days).`,
    );
    expect(visibleText(reminder.blocks)).toContain("*How to submit:* SOPHAS emails you a link to upload it.");
    expect(buttonsIn(reminder.blocks).map((b) => b.label)).toEqual(["Mark as submitted", "Open the packet"]);
    await at("2026-09-08T16:00:05Z");
    await at("2026-09-09T16:00:05Z");
    expect(dmsWith(RAJ.id, "gentle reminder")).toHaveLength(1);

    // Thursday 10 September: Raj marks Johns Hopkins only.
    await setClock("2026-09-10T17:00:00Z");
    const since = Date.now();
    await click(t, RAJ.id, { message: structuredClone(reminder) }, "Mark as submitted");
    const modal = await waitForModal(t, "Letter submitted", since);
    expect(optionsOf(modal, "Submitted to")).toEqual([HOPKINS, LISBON]);
    expect(shownAnswers(modal)["Submitted to"]).toEqual([HOPKINS, LISBON]);
    const none = await submitModal(t, RAJ.id, modal, { "Submitted to": [] });
    expect(errorsByLabel(modal, none.errors)).toEqual({
      "Submitted to": "Tick where you submitted the letter.",
    });
    const ack = await submitModal(t, RAJ.id, modal, { "Submitted to": [HOPKINS] });
    expect(titleOf(ack.view)).toBe("Thank you!");
    await at("2026-09-11T08:00:05Z");
    const partial = await waitForDm(t, MIA.id, "submitted your letter");
    expect(partial.text).toBe(`Raj Patel submitted your letter to ${HOPKINS}.`);
    expect(visibleText(partial.blocks)).toContain(`Still to go: ${LISBON}.`);
    expect(buttonsIn(partial.blocks).map((b) => b.label)).toEqual(["Send a thank-you", "Share the outcome"]);
  });

  it("both Homes show each letter with its status and each target's", async () => {
    // Friday 11 September, 08:30 UTC.
    await setClock("2026-09-11T08:30:00Z");
    const since = Date.now();
    for (const who of [MIA.id, RAJ.id]) {
      await t.slack.event({ type: "app_home_opened", user: who, channel: `D${who}`, tab: "home" });
    }
    const mia = await homeSince(t, MIA.id, since, (h) => h.includes("Letters of recommendation"));
    expect(mia.text).toContain("*Letters you asked for*");
    expect(mia.text).toContain(
      `*School application* · from Raj Patel · due Thursday 17 September (in 6 days)\nRaj Patel is writing it: submitted to 1 of 2\n• ${HOPKINS}: submitted Thursday 10 September\n• ${LISBON} (due Thursday 1 October 2026): pending`,
    );
    expect(mia.text).toContain(
      `*Residency application* · from Raj Patel · due Monday 13 July (60 days ago)\nAsked, waiting for Raj Patel's answer\n• ${HOSPITAL}: pending`,
    );
    expect(mia.buttons).toContain("Ask for a letter");
    expect(mia.buttons).toEqual(
      expect.arrayContaining(["Update the packet", "Open the letter", "Cancel the request"]),
    );

    const raj = await homeSince(t, RAJ.id, since, (h) => h.includes("Letters of recommendation"));
    expect(raj.text).toContain("*Letters you're writing*");
    expect(raj.text).toContain(
      `*Mia Santos* · school application · due Thursday 17 September (in 6 days)\nYou're writing it: submitted to 1 of 2\n• ${HOPKINS}: submitted Thursday 10 September`,
    );
    expect(raj.text).toContain(
      `*Mia Santos* · residency application · due Monday 13 July (60 days ago)\nWaiting for your answer`,
    );
    expect(raj.buttons).not.toContain("Ask for a letter");
    expect(raj.buttons).toEqual(
      expect.arrayContaining(["Mark as submitted", "Open the packet", ...THREE_ANSWERS]),
    );
  });

  it("the rest submitted from Home: Mia thanks Raj and shares the outcome; nothing more is sent", async () => {
    // Monday 14 September, 16:30 UTC: 09:30 in Los Angeles.
    await setClock("2026-09-14T16:30:00Z");
    const since = Date.now();
    await clickFor(RAJ.id, "Mark as submitted", letters[HOPKINS] ?? "");
    const modal = await waitForModal(t, "Letter submitted", since);
    expect(optionsOf(modal, "Submitted to")).toEqual([LISBON]);
    await submitModal(t, RAJ.id, modal, {});
    const done = await homeSince(t, RAJ.id, since, (h) => h.includes("Submitted everywhere"));
    expect(done.text).toContain(`• ${LISBON} (due Thursday 1 October 2026): submitted Monday 14 September`);
    expect((await letterOf(HOPKINS)).status).toBe("SUBMITTED");

    await at("2026-09-15T08:00:05Z");
    const told = await waitForDm(t, MIA.id, `submitted your letter to ${LISBON}`);
    expect(visibleText(told.blocks)).toContain(
      `:white_check_mark: *Raj Patel submitted your letter* to ${LISBON}. Writing a strong letter takes time: a thank-you means a lot.`,
    );
    expect(buttonsIn(told.blocks).map((b) => b.label)).toEqual(["Send a thank-you", "Share the outcome"]);

    await setClock("2026-09-15T08:30:00Z");
    const thanksModal = await (
      await click(t, MIA.id, { message: structuredClone(told) }, "Send a thank-you")
    ).modal();
    expect(titleOf(thanksModal)).toBe("Say thank you");
    const thanked = await submitModal(t, MIA.id, thanksModal, {
      "Your thank-you to Raj Patel": "Thank you for vouching for me, and for every Tuesday call.",
    });
    expect(titleOf(thanked.view)).toBe("Thanks sent");
    const twice = await submitModal(t, MIA.id, thanksModal, { "Your thank-you to Raj Patel": "Again!" });
    expect(errorsByLabel(thanksModal, twice.errors)).toEqual({
      "Your thank-you to Raj Patel": "You already thanked Raj Patel for this letter.",
    });
    const thankAgain = await click(t, MIA.id, { message: structuredClone(told) }, "Send a thank-you");
    expect((await thankAgain.reply()).text).toBe("You already thanked Raj Patel for this letter.");
    const outcomeModal = await (
      await click(t, MIA.id, { message: structuredClone(told) }, "Share the outcome")
    ).modal();
    expect(titleOf(outcomeModal)).toBe("Share the outcome");
    const shared = await submitModal(t, MIA.id, outcomeModal, {
      "How did it go?": `I matched at ${HOPKINS}!`,
    });
    expect(titleOf(shared.view)).toBe("Outcome shared");

    // Raj reads both at 09:00 in Los Angeles.
    await t.tandem.jobs.runDue();
    expect(dmsWith(RAJ.id, "A thank-you from Mia Santos")).toEqual([]);
    await at("2026-09-15T16:00:05Z");
    const thanks = await waitForDm(t, RAJ.id, "A thank-you from Mia Santos");
    expect(visibleText(thanks.blocks)).toContain(
      ":sparkling_heart: *A thank-you from Mia Santos* for the letter:\n> Thank you for vouching for me, and for every Tuesday call.",
    );
    const news = await waitForDm(t, RAJ.id, "News from Mia Santos");
    expect(visibleText(news.blocks)).toContain(`> I matched at ${HOPKINS}!`);

    // Past the second deadline: no reminder for it (all submitted), no late note.
    await at("2026-09-21T16:00:05Z");
    await at("2026-10-02T08:00:05Z");
    const sent = (kind: string) => prisma().delivery.count({ where: { kind, status: "SENT" } });
    expect(await sent("letter_reminder")).toBe(1);
    expect(await sent("letter_late")).toBe(1);
    expect(dmsWith(MIA.id, "passed")).toHaveLength(1);
  });

  it("a draft waits in Home to be edited or discarded; a cancelled ask thanks the writer", async () => {
    // Wednesday 16 September, 08:30 UTC: 09:30 in Lisbon.
    await setClock("2026-09-16T08:30:00Z");
    let since = Date.now();
    await clickInHome(t, MIA.id, "Ask for a letter");
    const modal = await waitForModal(t, "Ask for a letter", since);
    await submitModal(t, MIA.id, modal, {
      "What is it for?": "Fellowship application",
      Deadline: { date: "2027-03-01" },
      "Where does it go?": "Gulbenkian Fellowship",
    });
    // Mia closes the packet without sending: the draft waits in her Home, and only there.
    const draftHome = await homeSince(t, MIA.id, since, (h) => h.includes("Draft: not sent yet"));
    expect(draftHome.text).toContain(
      "*Fellowship application* · from Raj Patel · due Monday 1 March (in 24 weeks)\nDraft: not sent yet\n• Gulbenkian Fellowship: pending",
    );
    expect(draftHome.buttons).toEqual(expect.arrayContaining(["Finish and send", "Edit the details"]));
    const draft = await prisma().letterRequest.findFirstOrThrow({ where: { status: "DRAFT" } });
    const rajHome = await homeSince(t, RAJ.id, since);
    expect(rajHome.text).not.toContain("Fellowship");

    since = Date.now();
    await clickFor(MIA.id, "Edit the details", draft.id);
    const edit = await waitForModal(t, "Ask for a letter", since);
    expect(shownAnswers(edit)).toMatchObject({
      "What is it for?": "Fellowship application",
      Deadline: "2027-03-01",
      "Where does it go?": "Gulbenkian Fellowship",
    });
    const edited = updatedTo(await submitModal(t, MIA.id, edit, { Deadline: { date: "2027-04-01" } }), edit);
    expect(visibleText(edited.blocks)).toContain("due Thursday 1 April 2027");
    expect(await prisma().letterRequest.count({ where: { status: "DRAFT" } })).toBe(1);

    since = Date.now();
    await clickFor(MIA.id, "Cancel the request", draft.id);
    await waitForDm(t, MIA.id, "Draft discarded.");
    expect((await prisma().letterRequest.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe(
      "CANCELLED",
    );

    // The residency letter Raj never answered: Mia no longer needs it.
    await clickFor(MIA.id, "Cancel the request", letters[HOSPITAL] ?? "");
    await waitForDm(
      t,
      MIA.id,
      "Request cancelled. Tandem has told Raj Patel you no longer need the letter, and thanked them.",
    );
    const rajAfter = await homeSince(t, RAJ.id, since, (h) => !h.includes("residency application"));
    expect(rajAfter.text).toContain("Submitted everywhere");
    await at("2026-09-16T16:00:05Z");
    const cancelled = await waitForDm(t, RAJ.id, "no longer needs the residency application letter");
    expect(visibleText(cancelled.blocks)).toContain("Thank you for your time and support.");
    expect(dmsWith(RAJ.id, "Fellowship")).toEqual([]);

    // Someone with no mentor and no letters sees no letters in Home.
    since = Date.now();
    await t.slack.event({ type: "app_home_opened", user: EVE.id, channel: `D${EVE.id}`, tab: "home" });
    expect((await homeSince(t, EVE.id, since)).text).not.toContain("Letters of recommendation");
  });

  it("Raj leaves Tandem with a letter he said yes to: he is warned, and Mia hears at once what is still due", async () => {
    // Wednesday 16 September, 16:10 UTC: 09:10 in Los Angeles, after Mia's working day in Lisbon.
    await setClock("2026-09-16T16:10:00Z");
    const { workspaceId } = await defaultProgram(t);
    const s = t.tandem.services;
    const { letterId } = await s.letters.saveDraft(workspaceId, MIA.id, {
      writerMemberId: (await requireMember(t, RAJ.id)).id,
      purpose: "JOB",
      deadline: "2026-12-15",
      targets: "Lisbon Health Institute\nPorto Clinic, 2027-01-10",
    });
    const form = await s.letters.packetForm(workspaceId, MIA.id, letterId);
    await s.letters.sendPacket(workspaceId, MIA.id, letterId, {
      cvUrl: "https://drive.example.com/mia-cv",
      shareSummary: true,
      summaryKey: form.summaryKey ?? undefined,
    });
    await at("2026-09-16T16:10:05Z");
    const askDm = latest(RAJ.id, "Lisbon Health Institute");
    await (await click(t, RAJ.id, { message: askDm }, "Yes, gladly")).reply();

    const reply = await ask(t, RAJ.id, "leave");
    expect(reply.visible).toContain(
      "It also closes an open letter request, and whoever is waiting on it is told.",
    );
    const left = await (await click(t, RAJ.id, { reply }, "Leave Tandem")).reply();
    expect(left.visible).toContain("You've left Tandem.");
    expect((await prisma().letterRequest.findUniqueOrThrow({ where: { id: letterId } })).status).toBe(
      "CANCELLED",
    );
    // Like the end of their mentorship, told at once: a deadline may be near.
    await at("2026-09-16T16:20:05Z");
    await waitForDm(t, MIA.id, "Your mentorship with *Raj Patel*");
    const closed = await waitForDm(t, MIA.id, "Raj Patel left Tandem, so Tandem closed your request");
    expect(visibleText(closed.blocks)).toContain(
      "*Raj Patel left Tandem*, so Tandem closed your request for a letter for your job application, due Tuesday 15 December 2026, " +
        "and won't remind them about it. They had agreed to write it: if they still plan to, check with them directly where it stands.",
    );
    expect(visibleText(closed.blocks)).toContain(
      "*Still to go:* Lisbon Health Institute, Porto Clinic (due Sunday 10 January 2027)",
    );
    // Raj was her only mentor: asking someone else starts with finding one.
    const again = await (await click(t, MIA.id, { message: closed }, "Ask someone else")).reply();
    expect(again.visible).toContain("you don't have a mentor in Tandem yet");
    const opened = Date.now();
    await t.slack.event({ type: "app_home_opened", user: MIA.id, channel: `D${MIA.id}`, tab: "home" });
    expect((await homeSince(t, MIA.id, opened)).text).not.toContain("Lisbon Health Institute");
    // The reminders Raj would have had in December never go out.
    await at("2026-12-10T17:00:05Z");
    expect(dmsWith(RAJ.id, "Lisbon Health Institute")).toHaveLength(1);
  });
});
