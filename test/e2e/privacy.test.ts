// Privacy and directory hygiene: /mentor export sends a member their own data (and nobody else's
// private notes) as a file in DM; /mentor delete-my-data asks first, erases everything and tells
// partners; a deactivated Slack account ends its mentorships politely; and deleted accounts,
// guests and bots are never messaged: their jobs are cancelled with the reason on record.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { errorsByLabel, inputLabels } from "../support/modal-filler.ts";
import {
  ask,
  auditEntries,
  click,
  defaultProgram,
  directoryEvent,
  eventually,
  memberRow,
  optionsOf,
  requireMember,
  seedMentorship,
  triedToMessage,
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

const EVA = { id: "U0EVA", name: "eva", real_name: "Eva Lind", tz: "Europe/Stockholm" };
const MARK = { id: "U0MARK", name: "mark", real_name: "Mark Osei", tz: "Africa/Accra" };
const DORA = { id: "U0DORA", name: "dora", real_name: "Dora Vance", tz: "Europe/Rome" };
const PETE = { id: "U0PETE", name: "pete", real_name: "Pete Sand", tz: "Europe/Rome" };
const DEL = { id: "U0DEL", name: "del", real_name: "Del Quit", tz: "America/Denver" };
const PAUL = { id: "U0PAUL", name: "paul", real_name: "Paul Stay", tz: "America/Denver" };
const LEX = { id: "U0LEX", name: "lex", real_name: "Lex Lone", tz: "Europe/London" };
const GUEST = { id: "U0GUEST2", name: "guest", real_name: "Gina Guest", is_restricted: true };
const BOT = { id: "U0BOT2", name: "helperbot", real_name: "Helper Bot", is_bot: true };
const GONE = { id: "U0GONE2", name: "gone", real_name: "Gale Gone" };
const STRANGER = { id: "U0STRANGE", name: "stranger", real_name: "Stan Ger" };

describe("privacy and directory hygiene", () => {
  let t: TestTandem;
  beforeAll(async () => {
    t = await startTestTandem({ users: [EVA, MARK, DORA, PETE, DEL, PAUL, LEX, GUEST, BOT, GONE, STRANGER] });
    for (const [user, role] of [
      [EVA, "MENTEE"],
      [MARK, "MENTOR"],
      [DORA, "MENTEE"],
      [PETE, "MENTOR"],
      [DEL, "MENTOR"],
      [PAUL, "MENTEE"],
      [LEX, "MENTOR"],
    ] as const) {
      const ack = await joinViaModal(t, user.id, role, {
        "Your goals, in your own words": `${user.real_name}'s goals`,
        Department: `${user.real_name}'s department`,
      });
      expect(ack.view?.title?.text).toBe("Welcome to Tandem");
    }
  });
  afterAll(async () => t?.stop());
  afterEach(() => {
    expect(t.slackApi.violations).toEqual([]);
  });

  describe("/mentor export", () => {
    it("uploads the member's own data as JSON to their DM, without the partner's private notes", async () => {
      const prisma = t.tandem.database.prisma;
      const mentorship = await seedMentorship(t, MARK.id, EVA.id);
      const eva = await requireMember(t, EVA.id);
      const mark = await requireMember(t, MARK.id);
      await prisma.journalEntry.create({
        data: {
          memberId: eva.id,
          mentorshipId: mentorship.id,
          body: "Eva's own reflection: more confident.",
        },
      });
      await prisma.journalEntry.create({
        data: { memberId: mark.id, mentorshipId: mentorship.id, body: "Mark's private note about Eva." },
      });
      await prisma.feedback.create({
        data: {
          mentorshipId: mentorship.id,
          authorId: mark.id,
          subjectId: eva.id,
          context: "SESSION",
          rating: 3,
          comment: "Mark's unshared feedback on Eva.",
        },
      });

      const reply = await ask(t, EVA.id, "export");
      expect(reply.responseType).toBe("ephemeral");
      expect(reply.visible).toBe("Done: your data is in your DMs with Tandem, as `tandem-my-data.json`.");
      const file = t.slackApi.files.find((f) => f.filename === "tandem-my-data.json");
      expect(file).toBeDefined();
      expect(file?.channelId).toBe(t.slackApi.dmChannelOf(EVA.id));
      expect(file?.title).toBe("Your Tandem data");
      expect(file?.initialComment).toBe(
        "Here is everything Tandem keeps about you. It's private to this conversation.",
      );
      const raw = file?.content.toString("utf8") ?? "";
      const data = JSON.parse(raw) as { exportedAt: string; member: Record<string, unknown> };
      expect(new Date(data.exportedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(data.member).toMatchObject({
        slackUserId: EVA.id,
        realName: "Eva Lind",
        role: "MENTEE",
        careerStage: "TRAINEE",
        interests: ["Grant writing"],
        goalsText: "Eva Lind's goals",
        department: "Eva Lind's department",
        tz: "Europe/Stockholm",
      });
      expect(data.member.journal).toEqual([
        expect.objectContaining({ body: "Eva's own reflection: more confident." }),
      ]);
      expect(data.member.enrollments).toEqual([
        expect.objectContaining({ role: "MENTEE", status: "ACTIVE" }),
      ]);
      expect(data.member.menteeships).toEqual([
        expect.objectContaining({
          id: mentorship.id,
          mentor: { slackUserId: MARK.id, realName: "Mark Osei" },
        }),
      ]);
      expect(raw).not.toContain("Mark's private note");
      expect(raw).not.toContain("Mark's unshared feedback");
      // Nothing of the partner's own profile either.
      expect(raw).not.toContain("Mark Osei's goals");
      expect(raw).not.toContain("Mark Osei's department");
      expect(raw).not.toContain("workspaceId");
    });

    it("the partner's export has their own note, and not Eva's reflection", async () => {
      await ask(t, MARK.id, "export");
      const file = t.slackApi.files.filter((f) => f.channelId === t.slackApi.dmChannelOf(MARK.id)).at(-1);
      const raw = file?.content.toString("utf8") ?? "";
      expect(raw).toContain("Mark's private note about Eva.");
      expect(raw).toContain("Mark's unshared feedback on Eva.");
      expect(raw).not.toContain("Eva's own reflection");
      expect(raw).not.toContain("Eva Lind's goals");
    });

    it("someone Tandem knows nothing about is told so", async () => {
      const reply = await ask(t, STRANGER.id, "export");
      expect(reply.visible).toBe("Tandem has no data about you.");
      expect(t.slackApi.files.filter((f) => f.channelId === t.slackApi.dmChannelOf(STRANGER.id))).toEqual([]);
    });
  });

  describe("/mentor delete-my-data", () => {
    it("asks for confirmation in a modal; submitting without ticking is refused inline and erases nothing", async () => {
      await seedMentorship(t, PETE.id, DORA.id);
      const modal = await (await type(t, DORA.id, "delete-my-data")).modal();
      expect(modal.title).toMatchObject({ text: "Delete my data" });
      expect(modal.submit).toMatchObject({ text: "Delete my data" });
      expect(modal.close).toMatchObject({ text: "Cancel" });
      const text = visibleText(modal.blocks);
      expect(text).toContain("This erases everything Tandem keeps about you");
      expect(text).toContain("Your active mentorship ends, and partners are told.");
      expect(text).toContain("It can't be undone. To keep a copy first, cancel and use `/mentor export`.");
      expect(inputLabels(modal)).toEqual(["Confirm"]);
      expect(optionsOf(modal, "Confirm")).toEqual(["I understand my data will be erased for good"]);

      const ack = await submitModal(t, DORA.id, modal, {});
      expect(ack.response_action).toBe("errors");
      expect(errorsByLabel(modal, ack.errors)).toEqual({
        Confirm: "Tick the box to confirm, or cancel to keep your data.",
      });
      expect(await memberRow(t, DORA.id)).not.toBeNull();
      expect(await auditEntries(t, "member.data_deleted")).toEqual([]);
    });

    it("ticking the box erases the member, tells the partner by DM, and audits without personal data", async () => {
      const prisma = t.tandem.database.prisma;
      const dora = await requireMember(t, DORA.id);
      await prisma.journalEntry.create({ data: { memberId: dora.id, body: "Dora's journal." } });
      const modal = await (await type(t, DORA.id, "delete-my-data")).modal();
      const ack = await submitModal(t, DORA.id, modal, {
        Confirm: ["I understand my data will be erased for good"],
      });
      expect(ack.response_action).toBe("update");
      expect(ack.view?.title?.text).toBe("Data deleted");
      expect(visibleText(ack.view?.blocks)).toBe(
        "Everything Tandem kept about you is erased. Your partners have been told your mentorship ended. " +
          "If you ever want to take part again, type `/mentor join`.",
      );

      expect(await memberRow(t, DORA.id)).toBeNull();
      expect(await prisma.journalEntry.count({ where: { memberId: dora.id } })).toBe(0);
      expect(await prisma.enrollment.count({ where: { memberId: dora.id } })).toBe(0);

      const dm = await waitForDm(t, PETE.id, "has ended");
      expect(visibleText(dm.blocks)).toBe(
        "Your mentorship with *Dora Vance* in *Open mentoring* has ended because they removed their data from Tandem. " +
          "Thank you for the time you gave each other. You can find a new match any time.",
      );
      expect(triedToMessage(t, DORA.id)).toBe(false);

      const [entry, ...more] = await auditEntries(t, "member.data_deleted");
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ actorSlackId: null, subjectId: null, data: { mentorshipsEnded: 1 } });
      const recorded = JSON.stringify(entry);
      for (const personal of [DORA.id, dora.id, "Dora", "dora@tandem.example", "Dora Vance's"]) {
        expect(recorded).not.toContain(personal);
      }

      const after = await ask(t, DORA.id, "export");
      expect(after.visible).toBe("Tandem has no data about you.");
    });

    it("stays erased: Slack's later profile changes don't bring the data back, and no log names her", async () => {
      await directoryEvent(t, "user_change", DORA.id);
      await t.tandem.jobs.idle();
      expect(await memberRow(t, DORA.id)).toBeNull();
      const prisma = t.tandem.database.prisma;
      expect(await prisma.auditEntry.count({ where: { actorSlackId: DORA.id } })).toBe(0);
      expect(await prisma.delivery.count({ where: { recipient: DORA.id } })).toBe(0);
    });

    it("without mentorships the modal doesn't mention partners", async () => {
      const modal = await (await type(t, STRANGER.id, "delete-my-data")).modal();
      expect(visibleText(modal.blocks)).not.toContain("mentorship");
    });
  });

  describe("deactivated accounts, guests and bots", () => {
    it("a Slack account deactivated (user_change, deleted: true) ends its mentorships and the partner is told", async () => {
      const prisma = t.tandem.database.prisma;
      const mentorship = await seedMentorship(t, DEL.id, PAUL.id);
      t.slackApi.addUser({ ...DEL, deleted: true });
      await directoryEvent(t, "user_change", DEL.id);

      const dm = await waitForDm(t, PAUL.id, "has ended");
      expect(visibleText(dm.blocks)).toBe(
        "Your mentorship with *Del Quit* in *Open mentoring* has ended because their Slack account was deactivated. " +
          "Thank you for the time you gave each other. You can find a new match any time.",
      );
      expect(await prisma.mentorship.findUniqueOrThrow({ where: { id: mentorship.id } })).toMatchObject({
        status: "COMPLETED",
        endReason: "partner account_deactivated",
      });
      const del = await requireMember(t, DEL.id);
      expect(del.isDeleted).toBe(true);
      const audit = (await auditEntries(t, "member.deactivated")).filter((e) => e.subjectId === del.id);
      expect(audit.map((e) => [e.actorSlackId, e.data])).toEqual([
        [null, { mentorshipsEnded: 1, lettersClosed: 0 }],
      ]);
      expect(triedToMessage(t, DEL.id)).toBe(false);

      // The same event again (Slack re-sends user_change often) ends nothing twice.
      await directoryEvent(t, "user_change", DEL.id);
      await t.tandem.jobs.idle();
      expect(
        t.slackApi.messagesIn(t.slackApi.dmChannelOf(PAUL.id)).filter((m) => m.text.includes("has ended")),
      ).toHaveLength(1);
    });

    it("partners who are deactivated, guests or bots are never messaged: their jobs are cancelled with the reason", async () => {
      const prisma = t.tandem.database.prisma;
      // They are known to Tandem (as when they once used it); directory events only refresh them.
      const { workspaceId } = await defaultProgram(t);
      for (const user of [GUEST, BOT, GONE]) await t.tandem.services.members.resolve(workspaceId, user.id);
      t.slackApi.addUser({ ...GONE, deleted: true });
      await directoryEvent(t, "user_change", GONE.id);
      await eventually(async () => (await memberRow(t, GONE.id))?.isDeleted === true);
      await eventually(async () => (await memberRow(t, BOT.id))?.isBot === true);
      await eventually(async () => (await memberRow(t, GUEST.id))?.isGuest === true);
      const withGuest = await seedMentorship(t, LEX.id, GUEST.id);
      const withBot = await seedMentorship(t, LEX.id, BOT.id);
      const withGone = await seedMentorship(t, LEX.id, GONE.id);

      const reply = await ask(t, LEX.id, "leave");
      expect(reply.visible).toContain(
        "This ends your 3 active mentorships, and each partner is told politely.",
      );
      const left = await (await click(t, LEX.id, { reply }, "Leave Tandem")).reply();
      expect(left.visible).toContain("You've left Tandem. 3 mentorships have ended");
      await t.tandem.jobs.idle();

      const expected: Array<[string, string, string]> = [
        [withGuest.id, GUEST.id, "recipient is guest"],
        [withBot.id, BOT.id, "recipient is bot"],
        [withGone.id, GONE.id, "recipient is deleted"],
      ];
      for (const [mentorshipId, recipient, reason] of expected) {
        const job = await prisma.scheduledJob.findFirstOrThrow({
          where: { idempotencyKey: `partner_left:${mentorshipId}:${recipient}` },
        });
        expect(job).toMatchObject({ status: "CANCELLED", cancelReason: reason });
        const deliveries = await prisma.delivery.findMany({ where: { jobId: job.id } });
        expect(deliveries.map((d) => [d.status, d.recipient, d.error])).toEqual([
          ["SKIPPED", recipient, reason],
        ]);
        expect(triedToMessage(t, recipient), recipient).toBe(false);
        expect((await prisma.mentorship.findUniqueOrThrow({ where: { id: mentorshipId } })).status).toBe(
          "COMPLETED",
        );
      }
    });

    it("guests and bots can't join, and are told plainly, with no form opened", async () => {
      const guest = await type(t, GUEST.id, "join mentee");
      expect((await guest.reply()).visible).toBe(
        "Guest accounts can't join Tandem's mentorship programs. Ask a coordinator if you think this is a mistake.",
      );
      const bot = await type(t, BOT.id, "join");
      expect((await bot.reply()).visible).toBe("This account can't join Tandem.");
      const opened = t.slackApi
        .callsTo("views.open")
        .filter((c) => c.args.trigger_id === guest.triggerId || c.args.trigger_id === bot.triggerId);
      expect(opened).toEqual([]);
    });
  });
});
