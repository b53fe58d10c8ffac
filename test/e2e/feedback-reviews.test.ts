// Feedback and periodic reviews, the way a pair lives them over Slack: a feedback request after a
// session, given in its modal and shared with the partner; `/mentor feedback` any time; the
// 12-week review arriving in each person's own working hours, answered with "Close our
// mentorship": both thanked, the mentee invited to mentor in turn, everything planned cancelled.
// Someone outside the pair clicking their buttons is refused.
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { errorsByLabel, inputLabels } from "../support/modal-filler.ts";
import {
  ask,
  click,
  defaultProgram,
  dmsTo,
  eventually,
  optionsOf,
  requireMember,
  type,
  waitForDm,
} from "../support/person.ts";
import type { StoredMessage } from "../support/slack-api-stand-in.ts";
import {
  buttonsIn,
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
  waitForModal,
} from "../support/tandem.ts";

const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/New_York" };
const EVE = { id: "U0EVE", name: "eve", real_name: "Eve Outsider", tz: "Europe/Lisbon" };

describe("feedback and periodic reviews", () => {
  let t: TestTandem;
  // Monday 1 June 2026, 10:00 UTC: 11:00 in Lisbon, 06:00 in New York.
  let clock = new Date("2026-06-01T10:00:00Z");
  let mentorshipId: string;
  /** Mia's feedback request as it first arrived, before answering replaced it. */
  let miaRequest: StoredMessage;

  const at = async (iso: string) => {
    clock = new Date(iso);
    await t.tandem.jobs.runDue();
  };
  const prisma = () => t.tandem.database.prisma;
  /** The newest DM with this phrase, as a Slack client holds it (a copy). */
  const latest = (userId: string, phrase: string): StoredMessage => {
    const found = dmsTo(t, userId).filter(
      (m) => m.text.includes(phrase) || visibleText(m.blocks).includes(phrase),
    );
    const last = found.at(-1);
    if (!last) throw new Error(`${userId} has no DM with "${phrase}"`);
    return structuredClone(last);
  };
  const deliveredAt = async (userId: string, kind: string) => {
    const d = await prisma().delivery.findFirstOrThrow({
      where: { recipient: userId, kind, status: "SENT" },
      orderBy: { createdAt: "desc" },
    });
    return DateTime.fromJSDate(d.createdAt, { zone: userId === RAJ.id ? RAJ.tz : MIA.tz }).toFormat(
      "cccc d LLLL HH:mm",
    );
  };

  beforeAll(async () => {
    t = await startTestTandem({ users: [MIA, RAJ, EVE], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    await joinViaModal(t, RAJ.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    await joinViaModal(t, EVE.id, "MENTEE");
    const { workspaceId, programId } = await defaultProgram(t);
    const raj = await requireMember(t, RAJ.id);
    await t.tandem.services.matching.request(workspaceId, MIA.id, raj.id, programId, "Hello!");
    const m = await prisma().mentorship.findFirstOrThrow({ where: { status: "REQUESTED" } });
    await t.tandem.services.matching.respond(workspaceId, RAJ.id, m.id, { accept: true });
    mentorshipId = m.id;
    await t.tandem.jobs.runDue();
  });
  afterAll(async () => t?.stop());
  afterEach(() => {
    expect(t.slackApi.violations).toEqual([]);
  });

  it("after a logged session, 'Give feedback' opens the modal; shared feedback reaches the partner once", async () => {
    // The sessions slice logs a session and asks each person for feedback; here it is seeded.
    const session = await prisma().mentoringSession.create({
      data: { mentorshipId, heldOn: new Date("2026-06-05T00:00:00Z"), durationMinutes: 45 },
    });
    const { workspaceId, programId } = await defaultProgram(t);
    const mia = await requireMember(t, MIA.id);
    const raj = await requireMember(t, RAJ.id);
    for (const member of [mia, raj]) {
      await prisma().scheduledJob.create({
        data: {
          workspaceId,
          programId,
          kind: "feedback_request",
          idempotencyKey: `feedback_request:${mentorshipId}:${session.id}:${member.id}`,
          payload: { mentorshipId, memberId: member.id, context: "SESSION", sessionId: session.id },
          dueAt: new Date("2026-06-05T15:00:00Z"),
        },
      });
    }
    // Friday 5 June, 15:00 UTC: 16:00 in Lisbon, 11:00 in New York.
    await at("2026-06-05T15:00:05Z");
    const request = structuredClone(await waitForDm(t, MIA.id, "How was your session with Raj Patel"));
    miaRequest = request;
    expect(visibleText(request.blocks)).toContain("You met on Friday 5 June.");
    expect(buttonsIn(request.blocks).map((b) => b.label)).toEqual(["Give feedback"]);

    const since = Date.now();
    await click(t, MIA.id, { message: request }, "Give feedback");
    const modal = await waitForModal(t, "Give feedback", since);
    expect(inputLabels(modal)).toEqual(["How helpful was it?", "Anything specific?", "Who sees this"]);
    expect(optionsOf(modal, "How helpful was it?")).toEqual([
      "Very helpful",
      "Helpful",
      "Somewhat helpful",
      "Not helpful",
    ]);
    expect(optionsOf(modal, "Who sees this")).toEqual(["Share this with Raj Patel"]);
    expect(visibleText(modal.blocks)).toContain("Otherwise only your program's coordinators can see it.");
    const empty = await submitModal(t, MIA.id, modal, { "Anything specific?": "The aims-page trick" });
    expect(errorsByLabel(modal, empty.errors)).toEqual({
      "How helpful was it?": "Choose how helpful it was.",
    });
    const ok = await submitModal(t, MIA.id, modal, {
      "How helpful was it?": "Very helpful",
      "Anything specific?": "The aims-page trick saved my week.",
      "Who sees this": ["Share this with Raj Patel"],
    });
    expect(ok.errors).toBeUndefined();
    const updated = await eventually(async () =>
      dmsTo(t, MIA.id).find((m) => m.ts === request.ts && m.text.includes("Thanks for your feedback")),
    );
    expect(updated.text).toContain("(“Very helpful”). Shared with Raj Patel.");
    const shared = await waitForDm(t, RAJ.id, "shared feedback with you");
    expect(visibleText(shared.blocks)).toContain(
      "*Mia Santos* shared feedback with you after your session on Friday 5 June: *Very helpful*",
    );
    expect(visibleText(shared.blocks)).toContain("The aims-page trick saved my week.");

    // Raj answers his own request privately: Mia never hears of it.
    const rajRequest = structuredClone(await waitForDm(t, RAJ.id, "How was your session with Mia Santos"));
    const rajSince = Date.now();
    await click(t, RAJ.id, { message: rajRequest }, "Give feedback");
    const rajModal = await waitForModal(t, "Give feedback", rajSince);
    await submitModal(t, RAJ.id, rajModal, {
      "How helpful was it?": "Somewhat helpful",
      "Anything specific?": "Mia came without an agenda.",
    });
    const kept = await eventually(async () =>
      dmsTo(t, RAJ.id).find((m) => m.ts === rajRequest.ts && m.text.includes("Kept private")),
    );
    expect(kept.text).toContain("only your program's coordinators can see it, never Mia Santos");
    await t.tandem.jobs.runDue();
    expect(dmsTo(t, MIA.id).some((m) => m.text.includes("shared feedback"))).toBe(false);
    expect(dmsTo(t, MIA.id).some((m) => visibleText(m.blocks).includes("without an agenda"))).toBe(false);
    expect(dmsTo(t, RAJ.id).filter((m) => m.text.includes("shared feedback"))).toHaveLength(1);
  });

  it("/mentor feedback opens the same modal any time; someone with no mentorship is told how to get one", async () => {
    const modal = await (await type(t, MIA.id, "feedback")).modal();
    expect(modal.title).toMatchObject({ text: "Give feedback" });
    expect(visibleText(modal.blocks)).toContain("Your mentorship with *Raj Patel*");
    await submitModal(t, MIA.id, modal, { "How helpful was it?": "Helpful" });
    await waitForDm(t, MIA.id, "Thanks for your feedback (“Helpful”). Kept private");
    const none = await ask(t, EVE.id, "feedback");
    expect(none.visible).toContain("You don't have a running mentorship yet.");
  });

  it("someone outside the pair clicking the pair's buttons is refused", async () => {
    const opened = t.slackApi.callsTo("views.open").length;
    const forged = await click(t, EVE.id, { message: miaRequest }, "Give feedback");
    expect((await forged.reply()).text).toBe("That mentorship isn't one of yours, or it no longer exists.");
    expect(t.slackApi.callsTo("views.open")).toHaveLength(opened);
  });

  it("the 12-week review arrives in each person's working hours, with what the record shows", async () => {
    // Monday 24 August, 10:00 UTC: 11:00 in Lisbon, 06:00 in New York.
    await at("2026-08-24T10:00:30Z");
    const invite = await waitForDm(t, MIA.id, "Time to look back: 12 weeks with Raj Patel");
    expect(await deliveredAt(MIA.id, "review")).toBe("Monday 24 August 11:00");
    const text = visibleText(invite.blocks);
    expect(text).toContain("• *Sessions:* 1 held, the last on Friday 5 June");
    expect(text).toContain("• *Milestones completed:* none completed yet");
    expect(buttonsIn(invite.blocks).map((b) => b.label)).toEqual(["Start the review"]);
    expect(dmsTo(t, RAJ.id).some((m) => m.text.includes("Time to look back"))).toBe(false);
    await at("2026-08-24T13:00:10Z");
    await waitForDm(t, RAJ.id, "Time to look back: 12 weeks with Mia Santos");
    expect(await deliveredAt(RAJ.id, "review")).toBe("Monday 24 August 09:00");

    // Eve can't open their review either.
    const forged = await click(
      t,
      EVE.id,
      { message: latest(MIA.id, "Time to look back") },
      "Start the review",
    );
    expect((await forged.reply()).text).toBe("That mentorship isn't one of yours, or it no longer exists.");
  });

  it("'Close our mentorship' closes well: both thanked, the mentee invited to mentor, jobs cancelled", async () => {
    const invite = latest(MIA.id, "Time to look back");
    const since = Date.now();
    await click(t, MIA.id, { message: invite }, "Start the review");
    const modal = await waitForModal(t, "Periodic review", since);
    expect(inputLabels(modal)).toEqual([
      "Wins to celebrate",
      "What should change?",
      "What would you like to do next?",
      "A final reflection",
    ]);
    expect(optionsOf(modal, "What would you like to do next?")).toEqual([
      "Keep going as we are",
      "Change something",
      "Close our mentorship",
    ]);
    const change = await submitModal(t, MIA.id, modal, {
      "What would you like to do next?": "Change something",
    });
    expect(errorsByLabel(modal, change.errors)).toEqual({
      "What should change?": "Say what you'd like to change: a few words are enough.",
    });
    const closed = await submitModal(t, MIA.id, modal, {
      "Wins to celebrate": "My first grant draft",
      "What would you like to do next?": "Close our mentorship",
      "A final reflection": "Write the aims first; ask for help early.",
    });
    expect(closed.errors).toBeUndefined();
    const replaced = await eventually(async () =>
      dmsTo(t, MIA.id).find((m) => m.ts === invite.ts && m.text.includes("is closed")),
    );
    expect(replaced.text).toContain("Your mentorship with Raj Patel is closed, and they have been told.");
    expect(buttonsIn(replaced.blocks)).toEqual([]);

    const m = await prisma().mentorship.findUniqueOrThrow({ where: { id: mentorshipId } });
    expect(m.status).toBe("COMPLETED");
    const stillPlanned = await prisma().scheduledJob.findMany({
      where: { status: "PENDING", idempotencyKey: { contains: mentorshipId } },
    });
    // Only the goodbyes remain: nothing more for this mentorship is planned.
    expect(stillPlanned.every((j) => j.kind === "review" || j.kind === "dm")).toBe(true);

    const thanks = await waitForDm(t, MIA.id, "Thank you: your mentorship with Raj Patel is closed.");
    const thanksText = visibleText(thanks.blocks);
    expect(thanksText).toContain("Your final reflection is saved in your journal.");
    expect(thanksText).toContain("*Pay it forward?*");
    expect(buttonsIn(thanks.blocks).map((b) => b.label)).toEqual(["Become a mentor"]);
    const journal = await prisma().journalEntry.findFirstOrThrow({
      where: { kind: "REFLECTION", member: { slackUserId: MIA.id }, mentorshipId },
    });
    expect(journal.body).toBe("Write the aims first; ask for help early.");

    // 13:0x UTC is 9:0x in New York: Raj hears now.
    const ended = await waitForDm(t, RAJ.id, "Your mentorship with *Mia Santos*");
    expect(ended.text).toContain("has ended because they chose to close it at a periodic review.");
    const rajThanks = await waitForDm(
      t,
      RAJ.id,
      "Thank you: Mia Santos closed your mentorship at its review.",
    );
    expect(visibleText(rajThanks.blocks)).toContain(
      "Mia Santos closed your mentorship (Open mentoring) at your 12-week review.",
    );
    expect(buttonsIn(rajThanks.blocks).map((b) => b.label)).toEqual(["Write a final reflection"]);

    // Raj's final reflection, from the thanks.
    const rajSince = Date.now();
    await click(t, RAJ.id, { message: rajThanks }, "Write a final reflection");
    const reflection = await waitForModal(t, "Final reflection", rajSince);
    const saved = await submitModal(t, RAJ.id, reflection, {
      "A final reflection": "Mia taught me patience.",
    });
    expect(saved.view?.title?.text).toBe("Saved to your journal");

    // "Become a mentor" opens Mia's profile.
    const profileSince = Date.now();
    await click(t, MIA.id, { message: thanks }, "Become a mentor");
    const profile = await waitForModal(t, "Your profile", profileSince);
    expect(optionsOf(profile, "How would you like to take part?")).toContain("Both");

    // Months later, nothing more arrives for the closed pair.
    const before = dmsTo(t, MIA.id).length;
    await at("2026-11-16T10:00:30Z");
    expect(dmsTo(t, MIA.id)).toHaveLength(before);
  });
});
