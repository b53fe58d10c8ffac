// Pausing, resuming and leaving, as a person does it: typed commands with clear ephemeral answers,
// the Home tab showing the pause with a working "Resume now", a two-button confirmation before
// leaving, and partners told by DM (through the job runner) when a mentorship ends.
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ask,
  auditEntries,
  click,
  defaultProgram,
  dmsTo,
  homeSince,
  requireMember,
  seedMentorship,
  shownAnswers,
  type,
  waitForDm,
} from "../support/person.ts";
import {
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
} from "../support/tandem.ts";

const LEA = { id: "U0LEA", name: "lea", real_name: "Lea Moreau", tz: "America/Bogota" };
const SAM = { id: "U0SAM", name: "sam", real_name: "Sam Reyes", tz: "America/Los_Angeles" };
const KIRI = { id: "U0KIRI", name: "kiri", real_name: "Kiri Tane", tz: "Pacific/Auckland" };
const LEO = { id: "U0LEO", name: "leo", real_name: "Leo Brandt", tz: "Europe/Berlin" };
const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Chen", tz: "Asia/Singapore" };
const NED = { id: "U0NED", name: "ned", real_name: "Ned Park", tz: "Europe/London" };
const STAY = { id: "U0STAY", name: "stay", real_name: "Stacy Stay", tz: "Europe/London" };
const NEWBIE = { id: "U0NEWB", name: "newbie", real_name: "Nora New" };

/** A day `days` from today in `tz`, as YYYY-MM-DD. */
const dayFromToday = (tz: string, days: number) =>
  DateTime.now().setZone(tz).startOf("day").plus({ days }).toISODate() ?? "";

describe("pause, resume and leave", () => {
  let t: TestTandem;
  let offsetMs = 0;
  beforeAll(async () => {
    t = await startTestTandem({
      users: [LEA, SAM, KIRI, LEO, MIA, NED, STAY, NEWBIE],
      now: () => new Date(Date.now() + offsetMs),
    });
    for (const [user, role] of [
      [LEA, "MENTEE"],
      [SAM, "MENTEE"],
      [KIRI, "MENTEE"],
      [LEO, "MENTOR"],
      [MIA, "MENTEE"],
      [NED, "MENTEE"],
      [STAY, "MENTEE"],
    ] as const) {
      const ack = await joinViaModal(t, user.id, role);
      expect(ack.view?.title?.text).toBe("Welcome to Tandem");
    }
  });
  afterAll(async () => t?.stop());
  afterEach(() => {
    offsetMs = 0;
    expect(t.slackApi.violations).toEqual([]);
  });

  it("someone who hasn't joined is told how to join, for pause, resume and leave", async () => {
    for (const command of ["pause 3 weeks", "resume", "leave"]) {
      const reply = await ask(t, NEWBIE.id, command);
      expect(reply.responseType).toBe("ephemeral");
      expect(reply.visible).toBe("You haven't joined Tandem yet. Type `/mentor join` to start.");
    }
  });

  describe("/mentor pause", () => {
    it("until a date: a clear answer with 'Resume now', the pause saved, Home showing it", async () => {
      const day = dayFromToday(LEA.tz, 10);
      const since = Date.now();
      const reply = await ask(t, LEA.id, `pause until ${day}`);
      expect(reply.responseType).toBe("ephemeral");
      expect(reply.text).toBe(`You're paused until ${day}.`);
      expect(reply.visible).toContain(
        `You're paused until ${day}. Tandem won't match you, send you check-ins or pass on requests until then.`,
      );
      expect(reply.visible).toContain("Your mentorships stay as they are.");
      expect(reply.buttons).toEqual(["Resume now"]);

      const lea = await requireMember(t, LEA.id);
      expect(lea.status).toBe("PAUSED");
      expect(lea.pausedUntil?.toISOString()).toBe(DateTime.fromISO(day, { zone: LEA.tz }).toUTC().toISO());
      const home = await homeSince(t, LEA.id, since, (text) => text.includes("You're paused"));
      expect(home.text).toContain(`You're paused until ${day}: no matches or check-ins until then.`);
      expect(home.buttons).toEqual(["Edit my profile", "Resume now", "Open my journal", "Add a note"]);
      const paused = (await auditEntries(t, "member.paused")).filter((e) => e.actorSlackId === LEA.id);
      expect(paused.at(-1)?.data).toEqual({ until: lea.pausedUntil?.toISOString() });
    });

    it("'Resume now' in Home ends the pause, says so in a DM and refreshes Home", async () => {
      const since = Date.now();
      await click(t, LEA.id, { home: true }, "Resume now");
      const dm = await waitForDm(t, LEA.id, "Welcome back!");
      expect(visibleText(dm.blocks)).toBe("Welcome back! Matching and check-ins are on again.");
      const home = await homeSince(t, LEA.id, since, (text) => !text.includes("paused"));
      expect(home.text).toContain("*You're in.*");
      expect(home.buttons).toEqual([
        "Edit my profile",
        "Find a mentor",
        "Pause",
        "Open my journal",
        "Add a note",
      ]);
      expect(await requireMember(t, LEA.id)).toMatchObject({ status: "ACTIVE", pausedUntil: null });
      const resumed = await auditEntries(t, "member.resumed");
      expect(resumed.some((e) => e.actorSlackId === LEA.id)).toBe(true);
    });

    it("'3 weeks' pauses until the day three weeks from today in the member's time zone", async () => {
      const day = dayFromToday(SAM.tz, 21);
      const reply = await ask(t, SAM.id, "pause 3 weeks");
      expect(reply.text).toBe(`You're paused until ${day}.`);
      expect((await requireMember(t, SAM.id)).pausedUntil?.toISOString()).toBe(
        DateTime.fromISO(day, { zone: SAM.tz }).toUTC().toISO(),
      );
      // "Resume now" right in that reply works too, and replaces it.
      const resumed = await (await click(t, SAM.id, { reply }, "Resume now")).reply();
      expect(resumed.visible).toBe("Welcome back! Matching and check-ins are on again.");
      expect(resumed.replaceOriginal).toBe(true);
      expect((await requireMember(t, SAM.id)).status).toBe("ACTIVE");
    });

    it("with no date pauses until resumed; /mentor resume ends it, and says so when there was none", async () => {
      const since = Date.now();
      const reply = await ask(t, SAM.id, "pause");
      expect(reply.text).toBe("You're paused until you resume.");
      expect(await requireMember(t, SAM.id)).toMatchObject({ status: "PAUSED", pausedUntil: null });
      // The previous test's "Resume now" may still be re-publishing its own Home (the dated pause):
      // wait for the one this pause publishes.
      const home = await homeSince(t, SAM.id, since, (text) =>
        text.includes("You're paused: no matches or check-ins until then."),
      );
      expect(home.buttons).toContain("Resume now");

      const resumed = await ask(t, SAM.id, "resume");
      expect(resumed.visible).toBe("Welcome back! Matching and check-ins are on again.");
      expect((await requireMember(t, SAM.id)).status).toBe("ACTIVE");
      const again = await ask(t, SAM.id, "resume");
      expect(again.visible).toBe("You weren't paused, so nothing changed.");
    });

    it("dates Tandem can't use get a clear answer, and nothing changes", async () => {
      const tz = SAM.tz;
      const cases: Array<[string, string]> = [
        [
          "pause next tuesday",
          "Tandem couldn't read that date. Try `/mentor pause until 2026-12-01` or `/mentor pause 3 weeks`.",
        ],
        [
          "pause 2 years",
          "Tandem couldn't read that date. Try `/mentor pause until 2026-12-01` or `/mentor pause 3 weeks`.",
        ],
        ["pause until 2026-02-30", "2026-02-30 isn't a real date."],
        [`pause until ${dayFromToday(tz, -1)}`, "Choose a date after today."],
        [`pause until ${dayFromToday(tz, 0)}`, "Choose a date after today."],
        ["pause 0 days", "Choose a date after today."],
        ["pause 13 months", "Pauses can last up to a year. Choose an earlier date."],
        [`pause until ${dayFromToday(tz, 400)}`, "Pauses can last up to a year. Choose an earlier date."],
      ];
      for (const [command, answer] of cases) {
        const reply = await ask(t, SAM.id, command);
        expect(reply.responseType, command).toBe("ephemeral");
        expect(reply.visible, command).toBe(answer);
        expect(reply.buttons, command).toEqual([]);
      }
      expect(await requireMember(t, SAM.id)).toMatchObject({ status: "ACTIVE", pausedUntil: null });
      // A year away is still fine.
      const ok = await ask(t, SAM.id, "pause 12 months");
      expect(ok.text).toMatch(/^You're paused until \d{4}-\d{2}-\d{2}\.$/);
      await ask(t, SAM.id, "resume");
    });

    it("a pause ends by itself once its date has passed, with a welcome-back DM", async () => {
      await ask(t, NED.id, "pause 2 days");
      expect((await requireMember(t, NED.id)).status).toBe("PAUSED");
      // A week later (past the date, and past the next working morning even over a weekend).
      offsetMs = 7 * 24 * 60 * 60 * 1000;
      const since = Date.now();
      await t.slack.event({ type: "app_home_opened", user: NED.id, channel: "D0NED", tab: "home" });
      const home = await homeSince(t, NED.id, since, (text) => !text.includes("paused"));
      expect(home.text).toContain("*You're in.*");
      expect(home.text).not.toContain("paused");
      expect(home.buttons).toEqual([
        "Edit my profile",
        "Find a mentor",
        "Pause",
        "Open my journal",
        "Add a note",
      ]);
      expect((await requireMember(t, NED.id)).status).toBe("ACTIVE");
      t.tandem.jobs.kick();
      await t.tandem.jobs.idle();
      const dm = await waitForDm(t, NED.id, "Welcome back");
      expect(visibleText(dm.blocks)).toContain("your pause in Tandem is over");
    });
    it("Home shows the pause's end date in the member's own time zone (east of UTC too)", async () => {
      const day = dayFromToday(KIRI.tz, 10);
      const since = Date.now();
      const reply = await ask(t, KIRI.id, `pause until ${day}`);
      expect(reply.text).toBe(`You're paused until ${day}.`);
      const home = await homeSince(t, KIRI.id, since, (text) => text.includes("You're paused"));
      expect(home.text).toContain(`You're paused until ${day}`);
    });
  });

  describe("/mentor leave", () => {
    it("asks first, with 'Leave Tandem' and 'Stay in Tandem'; staying changes nothing", async () => {
      const reply = await ask(t, STAY.id, "leave");
      expect(reply.responseType).toBe("ephemeral");
      expect(reply.visible).toContain(
        "Leave Tandem? You have no active mentorships. Your profile is kept, so you can come back with `/mentor join`.",
      );
      expect(reply.buttons).toEqual(["Leave Tandem", "Stay in Tandem"]);
      // Slack asks once more before the destructive button acts.
      expect(JSON.stringify(reply.blocks)).toContain('"confirm":{"type":"plain_text","text":"Leave"');

      const stayed = await (await click(t, STAY.id, { reply }, "Stay in Tandem")).reply();
      expect(stayed.visible).toBe("Glad you're staying. Nothing changed.");
      expect(stayed.replaceOriginal).toBe(true);
      const stacy = await requireMember(t, STAY.id);
      expect(stacy.status).toBe("ACTIVE");
      expect(stacy.joinedAt).not.toBeNull();
      const enrolments = await t.tandem.database.prisma.enrollment.findMany({
        where: { memberId: stacy.id },
      });
      expect(enrolments.map((e) => e.status)).toEqual(["ACTIVE"]);
      expect((await auditEntries(t, "member.left")).filter((e) => e.actorSlackId === STAY.id)).toEqual([]);
    });

    it("with an active mentorship: it ends, the partner gets a polite DM, pending requests are withdrawn, the audit log has it", async () => {
      const prisma = t.tandem.database.prisma;
      const active = await seedMentorship(t, LEO.id, MIA.id);
      const pending = await prisma.mentorship.create({
        data: {
          programId: (await defaultProgram(t)).programId,
          mentorId: (await requireMember(t, LEO.id)).id,
          menteeId: (await requireMember(t, NED.id)).id,
          status: "REQUESTED",
          origin: "REQUEST",
        },
      });

      const since = Date.now();
      const reply = await ask(t, LEO.id, "leave");
      expect(reply.visible).toContain(
        "Leave Tandem? This ends your active mentorship, and your partner is told politely.",
      );
      const left = await (await click(t, LEO.id, { reply }, "Leave Tandem")).reply();
      expect(left.replaceOriginal).toBe(true);
      expect(left.visible).toContain("You've left Tandem. Your mentorship has ended");
      expect(left.visible).toContain("Type `/mentor join` whenever you want to come back.");

      const dm = await waitForDm(t, MIA.id, "has ended");
      expect(visibleText(dm.blocks)).toBe(
        "Your mentorship with *Leo Brandt* in *Open mentoring* has ended because they left Tandem. " +
          "Thank you for the time you gave each other. You can find a new match any time.",
      );
      await t.tandem.jobs.idle();
      // Ned only had a pending request: it is withdrawn without a message.
      expect(dmsTo(t, NED.id).filter((m) => m.text.includes("has ended"))).toEqual([]);

      expect(await prisma.mentorship.findUniqueOrThrow({ where: { id: active.id } })).toMatchObject({
        status: "COMPLETED",
        endReason: "partner left",
      });
      expect(
        (await prisma.mentorship.findUniqueOrThrow({ where: { id: active.id } })).endedAt,
      ).not.toBeNull();
      expect((await prisma.mentorship.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe(
        "CANCELLED",
      );
      const leo = await requireMember(t, LEO.id);
      expect(leo).toMatchObject({ status: "LEFT", joinedAt: null });
      expect(leo.leftAt).not.toBeNull();
      const enrolments = await prisma.enrollment.findMany({ where: { memberId: leo.id } });
      expect(enrolments.map((e) => e.status)).toEqual(["WITHDRAWN"]);
      const audit = (await auditEntries(t, "member.left")).filter((e) => e.actorSlackId === LEO.id);
      expect(audit.map((e) => ({ subjectId: e.subjectId, data: e.data }))).toEqual([
        { subjectId: leo.id, data: { mentorshipsEnded: 1, lettersClosed: 0 } },
      ]);
      const job = await prisma.scheduledJob.findFirstOrThrow({
        where: { idempotencyKey: `partner_left:${active.id}:${MIA.id}` },
      });
      expect(job.status).toBe("DONE");
      const delivery = await prisma.delivery.findFirstOrThrow({ where: { jobId: job.id } });
      expect(delivery).toMatchObject({ status: "SENT", recipient: MIA.id });
      // Home for Leo invites them back; Mia's own standing is untouched.
      const home = await homeSince(t, LEO.id, since, (text) => text.includes("You haven't joined yet"));
      expect(home.buttons).toContain("Join as a mentee");
      expect((await requireMember(t, MIA.id)).status).toBe("ACTIVE");
    });

    it("a stale 'Leave Tandem' clicked again after leaving says they aren't in Tandem", async () => {
      const reply = await ask(t, LEA.id, "leave");
      await (await click(t, LEA.id, { reply }, "Leave Tandem")).reply();
      const again = await (await click(t, LEA.id, { reply }, "Leave Tandem")).reply();
      expect(again.visible).toBe("You haven't joined Tandem yet. Type `/mentor join` to start.");
    });

    it("leaving then joining again works, with the old answers prefilled", async () => {
      const typed = await type(t, LEO.id, "join");
      const modal = await typed.modal();
      expect(modal.title).toMatchObject({ text: "Join Tandem" });
      expect(shownAnswers(modal)).toMatchObject({
        "How would you like to take part?": "Mentor: I'd like to help someone grow",
        "Career stage": "Senior",
        "Expertise you can share": ["Research methods", "Leadership"],
      });
      const since = Date.now();
      const ack = await submitModal(t, LEO.id, modal, {});
      expect(ack.view?.title?.text).toBe("Welcome to Tandem");
      expect(visibleText(ack.view?.blocks)).toContain("You've joined *Open mentoring* as a mentor.");
      const leo = await requireMember(t, LEO.id);
      expect(leo.status).toBe("ACTIVE");
      expect(leo.joinedAt).not.toBeNull();
      expect(leo.leftAt).toBeNull();
      const enrolments = await t.tandem.database.prisma.enrollment.findMany({ where: { memberId: leo.id } });
      expect(enrolments.map((e) => e.status)).toEqual(["ACTIVE"]);
      const home = await homeSince(t, LEO.id, since, (text) => text.includes("You're in"));
      expect(home.text).toContain("*You're in.* You take part as a mentor.");
      const joins = (await auditEntries(t, "member.joined")).filter((e) => e.actorSlackId === LEO.id);
      expect(joins).toHaveLength(2);
    });

    it("leaving while paused clears the pause; joining again is not paused", async () => {
      await ask(t, SAM.id, "pause 1 week");
      const reply = await ask(t, SAM.id, "leave");
      await (await click(t, SAM.id, { reply }, "Leave Tandem")).reply();
      expect(await requireMember(t, SAM.id)).toMatchObject({ status: "LEFT", pausedUntil: null });
      const modal = await (await type(t, SAM.id, "join")).modal();
      await submitModal(t, SAM.id, modal, {});
      expect(await requireMember(t, SAM.id)).toMatchObject({ status: "ACTIVE", pausedUntil: null });
    });
  });
});
