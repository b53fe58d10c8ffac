// Programs, as coordinators and members use them: creating and editing a program in its modal
// (with every invalid answer refused next to its field), listing, announcing a join card in a
// channel and joining from it, closing a program, naming and removing coordinators, and
// importing a roster whose result lists every line that could not be enrolled.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultTaxonomy } from "../../src/domain/profile.ts";
import { errorsByLabel, inputLabels } from "../support/modal-filler.ts";
import {
  ask,
  auditEntries,
  click,
  defaultProgram,
  dmsTo,
  homeSince,
  type Interaction,
  optionsOf,
  type Reply,
  requireMember,
  shownAnswers,
  triedToMessage,
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

const ADA = { id: "U0ADA", name: "ada", real_name: "Ada Admin", is_admin: true, tz: "Europe/Dublin" };
const CORA = { id: "U0CORA", name: "cora", real_name: "Cora Coord", tz: "Europe/Dublin" };
const NOVA = { id: "U0NOVA", name: "nova", real_name: "Nova Member", tz: "Europe/Dublin" };
const PAT = { id: "U0PAT", name: "pat", real_name: "Pat Profile", tz: "Europe/Dublin" };
const QUIN = { id: "U0QUIN", name: "quin", real_name: "Quin Late", tz: "Europe/Dublin" };
const NEWT = { id: "U0NEWT", name: "newt", real_name: "Newt Fresh", tz: "Europe/Dublin" };
const ZED = { id: "U0ZED", name: "zed", real_name: "Zed Nobody", tz: "Europe/Dublin" };
const JOY = { id: "U0JOY", name: "joy", real_name: "Joy Closed", tz: "Europe/Dublin" };
const GUS = { id: "U0GUS", name: "gus", real_name: "Gus Guest", is_restricted: true };
const BOTU = { id: "U0BOTU", name: "botty", real_name: "Botty", is_bot: true };
// Roster people.
const ROS1 = { id: "U0ROS1", name: "rhea", real_name: "Rhea One" };
const RAFA = { id: "U0RAFA", name: "rafa", real_name: "Rafa Two" };
const ROS5 = { id: "U0ROS5", name: "remy", real_name: "Remy Five" };
const VAL = { id: "U0VAL", name: "val", real_name: "Val Joined" };
const GONE = { id: "U0GONE", name: "gone", real_name: "Gone Person", deleted: true };

const RESIDENTS = "Residents 2026";
const RESIDENTS_TAXONOMY = ["Clinical skills", "Research methods", "Surgery", "Handover", "Night shifts"];

const PROGRAM_INPUTS = [
  "Name",
  "Description",
  "Kind",
  "Start date",
  "End date",
  "Status",
  "Check-in nudges",
  "Pulse",
  "Periodic review every",
  "Messages from",
  "Messages until",
  "Departments",
  "Reporting line",
  "No repeat pairs within (months)",
  "Minimum shared working hours",
  "Most mentees per mentor",
  "Areas of expertise people can choose",
  "AI assistance",
];

describe("programs and coordinators", () => {
  let t: TestTandem;
  beforeAll(async () => {
    t = await startTestTandem({
      users: [ADA, CORA, NOVA, PAT, QUIN, NEWT, ZED, JOY, GUS, BOTU, ROS1, RAFA, ROS5, VAL, GONE],
    });
    // Ada has used Tandem before, so refusals can name her.
    await ask(t, ADA.id, "programs");
    for (const person of [PAT, QUIN, VAL]) {
      const ack = await joinViaModal(t, person.id, "MENTEE");
      expect(ack.view?.title?.text).toBe("Welcome to Tandem");
    }
  });
  afterAll(async () => t?.stop());
  afterEach(() => {
    expect(t.slackApi.violations).toEqual([]);
  });

  const program = (name: string) =>
    t.tandem.database.prisma.program.findFirstOrThrow({
      where: { name: { equals: name, mode: "insensitive" } },
    });

  async function openNewProgram(userId = ADA.id): Promise<StoredView> {
    const modal = await (await type(t, userId, "program new")).modal();
    expect(modal.title).toMatchObject({ text: "New program" });
    return modal;
  }

  async function submitProgram(
    modal: StoredView,
    answers: Parameters<typeof submitModal>[3],
    userId = ADA.id,
  ) {
    const ack = await submitModal(t, userId, modal, answers);
    return { ack, errors: errorsByLabel(modal, ack.errors) };
  }

  describe("creating a program", () => {
    it("non-coordinators are refused with the names of coordinators to ask", async () => {
      for (const [command, doing] of [
        ["program new", "create programs"],
        [`program edit ${RESIDENTS}`, "edit programs"],
        [`program roster ${RESIDENTS}`, "import rosters"],
        [`program announce ${RESIDENTS} <#C0RESID|residents>`, "announce programs"],
      ] as const) {
        const typed = await type(t, NOVA.id, command);
        const reply = await typed.reply();
        expect(reply.responseType).toBe("ephemeral");
        expect(reply.visible).toBe(
          `Only coordinators can ${doing}. Ask a coordinator (Ada Admin) if you need this.`,
        );
      }
      expect(t.slackApi.callsTo("views.open").filter((c) => String(c.args.view).includes("program"))).toEqual(
        [],
      );
    });

    it("/mentor program new opens a modal with sensible defaults", async () => {
      const modal = await openNewProgram();
      expect(inputLabels(modal)).toEqual(PROGRAM_INPUTS);
      expect(modal.submit).toMatchObject({ text: "Create" });
      expect(shownAnswers(modal)).toEqual({
        Name: "",
        Description: "",
        Kind: "Evergreen: always running",
        "Start date": null,
        "End date": null,
        Status: "Open: people can join",
        "Check-in nudges": "Every two weeks",
        Pulse: [],
        "Periodic review every": "12 weeks",
        "Messages from": "09:00",
        "Messages until": "17:00",
        Departments: "Prefer pairs across departments",
        "Reporting line": ["Never pair someone with their manager or their manager's reports"],
        "No repeat pairs within (months)": "12",
        "Minimum shared working hours": "2",
        "Most mentees per mentor": "3",
        "Areas of expertise people can choose": defaultTaxonomy.join("\n"),
        "AI assistance": [],
      });
      expect(optionsOf(modal, "Periodic review every")).toEqual([
        "4 weeks",
        "6 weeks",
        "8 weeks",
        "12 weeks",
        "26 weeks",
      ]);
      const hours = Array.from({ length: 16 }, (_, i) => `${String(6 + i).padStart(2, "0")}:00`);
      expect(optionsOf(modal, "Messages from")).toEqual(hours);
      expect(optionsOf(modal, "Messages until")).toEqual(hours);
      expect(optionsOf(modal, "Departments")).toEqual([
        "Departments don't matter",
        "Prefer pairs across departments",
        "Only pair across departments",
      ]);
    });

    it("a cohort without dates, or ending before it starts, is refused next to the dates", async () => {
      const modal = await openNewProgram();
      const cohort = { Name: "Cohort X", Kind: "Cohort: fixed start and end dates" };
      const noDates = await submitProgram(modal, cohort);
      expect(noDates.ack.response_action).toBe("errors");
      expect(noDates.errors).toEqual({
        "Start date": "A cohort needs a start date.",
        "End date": "A cohort needs an end date.",
      });
      const onlyStart = await submitProgram(modal, { ...cohort, "Start date": { date: "2027-03-01" } });
      expect(onlyStart.errors).toEqual({ "End date": "A cohort needs an end date." });
      const backwards = await submitProgram(modal, {
        ...cohort,
        "Start date": { date: "2027-03-01" },
        "End date": { date: "2027-02-01" },
      });
      expect(backwards.errors).toEqual({ "End date": "The end date must be after the start date." });
      const sameDay = await submitProgram(modal, {
        ...cohort,
        "Start date": { date: "2027-03-01" },
        "End date": { date: "2027-03-01" },
      });
      expect(sameDay.errors).toEqual({ "End date": "The end date must be after the start date." });
      expect(await t.tandem.database.prisma.program.count({ where: { name: "Cohort X" } })).toBe(0);
    });

    it("numbers out of range or not whole are refused next to each number", async () => {
      const modal = await openNewProgram();
      const high = await submitProgram(modal, {
        Name: "Numbers",
        "No repeat pairs within (months)": "61",
        "Minimum shared working hours": "9",
        "Most mentees per mentor": "6",
      });
      expect(high.errors).toEqual({
        "No repeat pairs within (months)": "The repeat-pair cooldown in months must be at most 60.",
        "Minimum shared working hours": "The working-hours overlap must be at most 8.",
        "Most mentees per mentor": "The mentor capacity cap must be at most 5.",
      });
      const low = await submitProgram(modal, {
        Name: "Numbers",
        "No repeat pairs within (months)": "-1",
        "Minimum shared working hours": "2.5",
        "Most mentees per mentor": "0",
      });
      expect(low.errors).toEqual({
        "No repeat pairs within (months)": "The repeat-pair cooldown in months must be at least 0.",
        "Minimum shared working hours": "Enter the working-hours overlap as a whole number.",
        "Most mentees per mentor": "The mentor capacity cap must be at least 1.",
      });
      const junk = await submitProgram(modal, { Name: "Numbers", "Most mentees per mentor": "lots" });
      expect(junk.errors).toEqual({
        "Most mentees per mentor": "Enter the mentor capacity cap as a whole number.",
      });
    });

    it("messages must end after they start: refused next to 'Messages until', nothing saved", async () => {
      const modal = await openNewProgram();
      for (const until of ["09:00", "07:00"]) {
        const { ack, errors } = await submitProgram(modal, {
          Name: "Early birds",
          "Messages from": "09:00",
          "Messages until": until,
        });
        expect(ack.response_action).toBe("errors");
        expect(errors).toEqual({ "Messages until": "Choose a time after 09:00, when messages start." });
      }
      expect(await t.tandem.database.prisma.program.count({ where: { name: "Early birds" } })).toBe(0);
    });

    it("a blank or over-long name, and too many or too long areas, are refused", async () => {
      const modal = await openNewProgram();
      const blank = await submitProgram(modal, { Name: "   " });
      expect(blank.errors).toEqual({ Name: "Give the program a name." });
      const long = await submitProgram(modal, { Name: "N".repeat(81) });
      expect(long.errors).toEqual({ Name: "Keep the name under 80 characters." });
      const many = await submitProgram(modal, {
        Name: "Areas",
        "Areas of expertise people can choose": Array.from({ length: 101 }, (_, i) => `Area ${i}`).join("\n"),
      });
      expect(many.errors).toEqual({ "Areas of expertise people can choose": "List at most 100 areas." });
      const longArea = await submitProgram(modal, {
        Name: "Areas",
        "Areas of expertise people can choose": `Fine\n${"a".repeat(76)}`,
      });
      expect(longArea.errors).toEqual({
        "Areas of expertise people can choose": "Keep each area under 75 characters.",
      });
    });

    it("a valid cohort is created with every setting; its name can't be taken twice", async () => {
      const modal = await openNewProgram();
      const { ack } = await submitProgram(modal, {
        Name: RESIDENTS,
        Description: "For first-year residents & their mentors.",
        Kind: "Cohort: fixed start and end dates",
        "Start date": { date: "2027-01-10" },
        "End date": { date: "2027-12-15" },
        "Check-in nudges": "Every week",
        Pulse: true,
        "Periodic review every": "8 weeks",
        "Messages from": "08:00",
        "Messages until": "18:00",
        Departments: "Only pair across departments",
        "Reporting line": false,
        "No repeat pairs within (months)": "6",
        "Minimum shared working hours": "3",
        "Most mentees per mentor": "2",
        "Areas of expertise people can choose":
          "Clinical skills\nResearch methods\nSurgery, Handover\n\nsurgery\n   Night   shifts  ",
        "AI assistance": true,
      });
      expect(ack.response_action).toBe("update");
      expect(ack.view?.title?.text).toBe("Program created");
      expect(visibleText(ack.view?.blocks)).toContain(`*${RESIDENTS}* is ready.`);
      const saved = await program(RESIDENTS);
      expect(saved).toMatchObject({
        name: RESIDENTS,
        description: "For first-year residents & their mentors.",
        kind: "COHORT",
        status: "OPEN",
        checkinCadenceDays: 7,
        midCadencePulse: true,
        reviewEveryWeeks: 8,
        workdayStartMinute: 480,
        workdayEndMinute: 1080,
        departmentRule: "REQUIRED",
        avoidSameReportingLine: false,
        repeatCooldownMonths: 6,
        minOverlapHours: 3,
        mentorCapacityCap: 2,
        taxonomy: RESIDENTS_TAXONOMY,
        aiAllowed: true,
        isDefault: false,
      });
      expect(saved.startsOn?.toISOString().slice(0, 10)).toBe("2027-01-10");
      expect(saved.endsOn?.toISOString().slice(0, 10)).toBe("2027-12-15");
      const created = await auditEntries(t, "program.created");
      expect(created.map((e) => [e.actorSlackId, e.subjectId])).toContainEqual([ADA.id, saved.id]);

      const again = await openNewProgram();
      const duplicate = await submitProgram(again, { Name: "residents 2026" });
      expect(duplicate.errors).toEqual({ Name: `There is already a program called "${RESIDENTS}".` });
      const defaultClash = await submitProgram(again, { Name: "OPEN MENTORING" });
      expect(defaultClash.errors).toEqual({ Name: 'There is already a program called "Open mentoring".' });
      expect(await t.tandem.database.prisma.program.count()).toBe(2);
    });
  });

  describe("listing and editing", () => {
    it("/mentor programs lists every program; members get join buttons, coordinators also manage", async () => {
      const member = await ask(t, NOVA.id, "programs");
      expect(member.responseType).toBe("ephemeral");
      expect(member.visible).toContain("Mentorship programs");
      expect(member.visible).toContain("*Open mentoring* (open)\nAlways open · 3 mentees, 0 mentors");
      expect(member.visible).toContain(
        `*${RESIDENTS}* (open)\n2027-01-10 to 2027-12-15 · 0 mentees, 0 mentors\nFor first-year residents &amp; their mentors.`,
      );
      expect(member.buttons).toEqual(["Join this program", "Join this program"]);

      const coordinator = await ask(t, ADA.id, "programs");
      expect(coordinator.buttons).toEqual([
        "Join this program",
        "Edit program",
        "Import a roster",
        "Join this program",
        "Edit program",
        "Import a roster",
        "Create a program",
      ]);
      expect(coordinator.visible).toContain("/mentor program announce #channel");
    });

    it("'Edit program' in the list and /mentor program edit <name> open the program prefilled", async () => {
      const list = await ask(t, ADA.id, "programs");
      // The second "Edit program" is the Residents program's.
      const residentsBlock = list.blocks.findIndex((b) => visibleText(b).includes(RESIDENTS));
      const residentsOnly: Reply = { ...list, blocks: list.blocks.slice(residentsBlock, residentsBlock + 2) };
      const fromList = await (await click(t, ADA.id, { reply: residentsOnly }, "Edit program")).modal();
      const typed = await (await type(t, ADA.id, "program edit residents 2026")).modal();
      for (const modal of [fromList, typed]) {
        expect(modal.title).toMatchObject({ text: "Edit program" });
        expect(modal.submit).toMatchObject({ text: "Save" });
        expect(shownAnswers(modal)).toEqual({
          Name: RESIDENTS,
          Description: "For first-year residents & their mentors.",
          Kind: "Cohort: fixed start and end dates",
          "Start date": "2027-01-10",
          "End date": "2027-12-15",
          Status: "Open: people can join",
          "Check-in nudges": "Every week",
          Pulse: ["Also send a short how-are-you pulse between check-ins"],
          "Periodic review every": "8 weeks",
          "Messages from": "08:00",
          "Messages until": "18:00",
          Departments: "Only pair across departments",
          "Reporting line": [],
          "No repeat pairs within (months)": "6",
          "Minimum shared working hours": "3",
          "Most mentees per mentor": "2",
          "Areas of expertise people can choose": RESIDENTS_TAXONOMY.join("\n"),
          "AI assistance": ["Allow optional AI suggestions in this program"],
        });
      }
      const { ack } = await submitProgram(typed, {
        Description: "For first-year residents and the people who guide them.",
        "Most mentees per mentor": "3",
      });
      expect(ack.view?.title?.text).toBe("Program saved");
      expect(visibleText(ack.view?.blocks)).toContain(`*${RESIDENTS}* is saved.`);
      const saved = await program(RESIDENTS);
      expect(saved.description).toBe("For first-year residents and the people who guide them.");
      expect(saved.mentorCapacityCap).toBe(3);
      expect(saved.taxonomy).toEqual(RESIDENTS_TAXONOMY);
      const updated = (await auditEntries(t, "program.updated")).filter((e) => e.subjectId === saved.id);
      expect(updated.at(-1)?.data).toEqual({ changed: ["description", "mentorCapacityCap"] });
    });

    it("/mentor program edit with an unknown name lists the programs there are", async () => {
      const reply = await ask(t, ADA.id, "program edit Nope");
      expect(reply.visible).toBe(
        `There's no program called "Nope". Programs: "Open mentoring", "${RESIDENTS}".`,
      );
      const bare = await ask(t, ADA.id, "program");
      expect(bare.visible).toContain("Use `/mentor program new`");
    });

    it("'Create a program' in Home opens the new-program modal for coordinators", async () => {
      const since = Date.now();
      await t.slack.event({ type: "app_home_opened", user: ADA.id, channel: "D0ADA", tab: "home" });
      const home = await homeSince(t, ADA.id, since);
      expect(home.text).toContain("Program health");
      expect(home.text).toContain(RESIDENTS);
      expect(home.buttons).toContain("Create a program");
      const modal = await (await click(t, ADA.id, { home: true }, "Create a program")).modal();
      expect(modal.title).toMatchObject({ text: "New program" });
    });
  });

  describe("announcing and joining", () => {
    let card: StoredMessage;

    it("/mentor program announce posts a join card in the channel", async () => {
      const reply = await ask(t, ADA.id, `program announce ${RESIDENTS} <#C0RESID|residents>`);
      expect(reply.visible).toBe(`Posted a join card for *${RESIDENTS}* in <#C0RESID>.`);
      const posted = t.slackApi.messagesIn("C0RESID");
      expect(posted).toHaveLength(1);
      card = posted[0] as StoredMessage;
      const text = visibleText(card.blocks);
      expect(card.text).toBe(`Join ${RESIDENTS}, a mentorship program on Tandem`);
      expect(text).toContain(`Join ${RESIDENTS}`);
      expect(text).toContain("For first-year residents and the people who guide them.");
      expect(text).toContain("*When:* 2027-01-10 to 2027-12-15");
      expect(text).toContain("*Check-ins:* every 7 days, in your own time zone");
      expect(card.blocks.length).toBeGreaterThan(0);
      expect((await program(RESIDENTS)).announceChannelId).toBe("C0RESID");
      const announced = await auditEntries(t, "program.announced");
      expect(announced.at(-1)?.data).toEqual({ channel: "C0RESID" });
    });

    it("announce without a channel, for an unknown program, or where Tandem isn't invited says what to do", async () => {
      const noChannel = await ask(t, ADA.id, `program announce ${RESIDENTS}`);
      expect(noChannel.visible).toBe(
        "Name the channel to post in, picked from Slack's suggestions: `/mentor program announce <name> #channel`.",
      );
      const unknown = await ask(t, ADA.id, "program announce Nope <#C0RESID|residents>");
      expect(unknown.visible).toContain('There\'s no program called "Nope".');
      const ambiguous = await ask(t, ADA.id, "program announce <#C0RESID|residents>");
      expect(ambiguous.visible).toContain("Which program?");
      await t.tandem.jobs.idle();
      t.slackApi.failNext("chat.postMessage", { error: "not_in_channel" });
      const notIn = await ask(t, ADA.id, `program announce ${RESIDENTS} <#C0PRIV|private>`);
      expect(notIn.visible).toBe(
        "Tandem can't post in <#C0PRIV>: invite it first with `/invite @Tandem`, then try again.",
      );
      expect(t.slackApi.messagesIn("C0PRIV")).toEqual([]);
    });

    it("'Join this program' by someone without a profile opens the profile for that program", async () => {
      const clicked = await click(t, NEWT.id, { message: card }, "Join this program");
      const modal = await clicked.modal();
      expect(modal.title).toMatchObject({ text: "Join Tandem" });
      expect(visibleText(modal.blocks)).toContain(`Joining *${RESIDENTS}*.`);
      expect(optionsOf(modal, "Expertise you can share")).toEqual(RESIDENTS_TAXONOMY);
      expect(optionsOf(modal, "Areas you'd like help with")).toEqual(RESIDENTS_TAXONOMY);
      const since = Date.now();
      const ack = await submitModal(t, NEWT.id, modal, {
        "How would you like to take part?": "Mentee: I'd like a mentor",
        "Career stage": "Trainee (resident, intern, apprentice)",
        "Areas you'd like help with": ["Surgery", "Night shifts"],
      });
      expect(ack.view?.title?.text).toBe("Welcome to Tandem");
      expect(visibleText(ack.view?.blocks)).toContain(`You've joined *${RESIDENTS}* as a mentee.`);
      const newt = await requireMember(t, NEWT.id);
      const enrolments = await t.tandem.database.prisma.enrollment.findMany({
        where: { memberId: newt.id },
        include: { program: true },
      });
      expect(enrolments.map((e) => [e.program.name, e.role, e.status, e.source])).toEqual([
        [RESIDENTS, "MENTEE", "ACTIVE", "SELF"],
      ]);
      const home = await homeSince(t, NEWT.id, since, (text) => text.includes("You're in"));
      expect(home.text).toContain(`• ${RESIDENTS}: a mentee`);
      expect(home.text).not.toContain("Open mentoring");
    });
    it("editing the profile later doesn't add the member to Open mentoring", async () => {
      const modal = await (await type(t, NEWT.id, "profile")).modal();
      const ack = await submitModal(t, NEWT.id, modal, {});
      expect(ack.view?.title?.text).toBe("Profile saved");
      const newt = await requireMember(t, NEWT.id);
      const enrolments = await t.tandem.database.prisma.enrollment.findMany({
        where: { memberId: newt.id, status: "ACTIVE" },
        include: { program: true },
      });
      expect(enrolments.map((e) => e.program.name)).toEqual([RESIDENTS]);
    });

    it("'Join this program' by someone with a profile enrols them at once, and says so privately", async () => {
      const clicked = await click(t, PAT.id, { message: card }, "Join this program");
      const reply = await clicked.reply();
      expect(reply.responseType).toBe("ephemeral");
      expect(reply.replaceOriginal).toBe(false);
      expect(reply.visible).toBe(
        `You've joined *${RESIDENTS}* as a mentee. To change your role, use \`/mentor profile\`.`,
      );
      const pat = await requireMember(t, PAT.id);
      const enrolment = await t.tandem.database.prisma.enrollment.findFirstOrThrow({
        where: { memberId: pat.id, program: { name: RESIDENTS } },
      });
      expect(enrolment).toMatchObject({ role: "MENTEE", status: "ACTIVE" });
      const again = await (await click(t, PAT.id, { message: card }, "Join this program")).reply();
      expect(again.visible).toBe(`You're already in *${RESIDENTS}*.`);
      const enrolled = (await auditEntries(t, "program.enrolled")).filter(
        (e) => e.actorSlackId === PAT.id && e.subjectId === enrolment.programId,
      );
      expect(enrolled).toHaveLength(1);
    });

    it("a closed program refuses joining and announcing, and drops its join button from the list", async () => {
      const edit = await (await type(t, ADA.id, `program edit ${RESIDENTS}`)).modal();
      const { ack } = await submitProgram(edit, { Status: "Closed to new members" });
      expect(ack.view?.title?.text).toBe("Program saved");

      const refused = await (await click(t, QUIN.id, { message: card }, "Join this program")).reply();
      expect(refused.visible).toBe(`"${RESIDENTS}" isn't open for joining right now.`);
      const quin = await requireMember(t, QUIN.id);
      expect(
        await t.tandem.database.prisma.enrollment.count({
          where: { memberId: quin.id, program: { name: RESIDENTS } },
        }),
      ).toBe(0);

      const announce = await ask(t, ADA.id, `program announce ${RESIDENTS} <#C0RESID|residents>`);
      expect(announce.visible).toBe(`"${RESIDENTS}" is closed to new members: reopen it before announcing.`);
      expect(t.slackApi.messagesIn("C0RESID")).toHaveLength(1);

      const list = await ask(t, NOVA.id, "programs");
      expect(list.visible).toContain(`*${RESIDENTS}* (closed to new members)`);
      expect(list.buttons).toEqual(["Join this program"]);
    });
    it("a closed program's card refuses someone without a profile at once, without a form to fill", async () => {
      const clicked: Interaction = await click(t, ZED.id, { message: card }, "Join this program");
      const outcome = await Promise.race([
        clicked
          .reply(3000)
          .then((reply) => ({ reply }))
          .catch(() => ({ reply: undefined })),
        clicked
          .modal(3000)
          .then((modal) => ({ modal }))
          .catch(() => ({ modal: undefined })),
      ]);
      expect(outcome).not.toHaveProperty("modal");
      expect((outcome as { reply?: Reply }).reply?.visible).toBe(
        `"${RESIDENTS}" isn't open for joining right now.`,
      );
    });

    it("a program that closes while someone fills in its form gets the refusal next to the form", async () => {
      const reopen = await (await type(t, ADA.id, `program edit ${RESIDENTS}`)).modal();
      await submitProgram(reopen, { Status: "Open: people can join" });
      const modal = await (await click(t, JOY.id, { message: card }, "Join this program")).modal();
      const close = await (await type(t, ADA.id, `program edit ${RESIDENTS}`)).modal();
      await submitProgram(close, { Status: "Closed to new members" });
      const ack = await submitModal(t, JOY.id, modal, {
        "How would you like to take part?": "Mentee: I'd like a mentor",
        "Career stage": "Student",
        "Areas you'd like help with": ["Surgery"],
      });
      expect(errorsByLabel(modal, ack.errors)).toEqual({
        "How would you like to take part?": `"${RESIDENTS}" isn't open for joining right now.`,
      });
      expect((await requireMember(t, JOY.id)).joinedAt).toBeNull();
      // Reopen for what follows.
      const edit = await (await type(t, ADA.id, `program edit ${RESIDENTS}`)).modal();
      await submitProgram(edit, { Status: "Open: people can join" });
      expect((await program(RESIDENTS)).status).toBe("OPEN");
    });
    it("when a coordinator closes Open mentoring, /mentor join doesn't enrol anyone in it", async () => {
      const edit = await (await type(t, ADA.id, "program edit Open mentoring")).modal();
      await submitProgram(edit, { Status: "Closed to new members" });
      try {
        await joinViaModal(t, JOY.id, "MENTEE");
        const joy = await requireMember(t, JOY.id);
        const { programId } = await defaultProgram(t);
        expect(
          await t.tandem.database.prisma.enrollment.count({
            where: { memberId: joy.id, programId, status: "ACTIVE" },
          }),
        ).toBe(0);
      } finally {
        const reopen = await (await type(t, ADA.id, "program edit Open mentoring")).modal();
        await submitProgram(reopen, { Status: "Open: people can join" });
      }
    });

    it("the default program can be closed but not archived", async () => {
      const edit = await (await type(t, ADA.id, "program edit Open mentoring")).modal();
      const { errors } = await submitProgram(edit, { Status: "Archived" });
      expect(errors).toEqual({ Status: "The always-open default program can be closed, but not archived." });
      const { programId } = await defaultProgram(t);
      expect(
        (await t.tandem.database.prisma.program.findUniqueOrThrow({ where: { id: programId } })).status,
      ).toBe("OPEN");
    });
  });

  describe("coordinators", () => {
    let coraModal: StoredView;

    it("an admin names a coordinator, who is told by DM and can then create programs", async () => {
      const listed = await ask(t, ADA.id, "coordinators");
      expect(listed.visible).toContain("*Coordinators*\n• <@U0ADA> (workspace admin)");

      const reply = await ask(t, ADA.id, "coordinators add <@U0CORA|cora>");
      expect(reply.visible).toBe("<@U0CORA> is now a coordinator.");
      const dm = await waitForDm(t, CORA.id, "made you a Tandem coordinator");
      expect(visibleText(dm.blocks)).toBe(
        "Ada Admin made you a Tandem coordinator. You can now create programs (`/mentor program new`), " +
          "announce them, import rosters and add other coordinators.",
      );
      coraModal = await openNewProgram(CORA.id);
      const after = await ask(t, ADA.id, "coordinators");
      expect(after.visible).toContain("• <@U0ADA> (workspace admin)\n• <@U0CORA>");
      const again = await ask(t, ADA.id, "coordinators add <@U0CORA|cora>");
      expect(again.visible).toBe("<@U0CORA> already is a coordinator.");
      const cora = await requireMember(t, CORA.id);
      const added = (await auditEntries(t, "role.coordinator_added")).filter((e) => e.subjectId === cora.id);
      expect(added.map((e) => e.actorSlackId)).toEqual([ADA.id]);
    });

    it("refuses what coordinators can't do: non-coordinators adding, guests, bots, no one mentioned, removing an admin", async () => {
      const byMember = await ask(t, NOVA.id, "coordinators add <@U0NOVA|nova>");
      expect(byMember.visible).toBe(
        "Only coordinators can add coordinators. Ask a coordinator (Ada Admin, Cora Coord) if you need this.",
      );
      const guest = await ask(t, ADA.id, "coordinators add <@U0GUS|gus>");
      expect(guest.visible).toBe(
        "Gus Guest can't be a coordinator: guests, bots and deactivated accounts can't.",
      );
      const bot = await ask(t, ADA.id, "coordinators add <@U0BOTU|botty>");
      expect(bot.visible).toBe("Botty can't be a coordinator: guests, bots and deactivated accounts can't.");
      const nobody = await ask(t, ADA.id, "coordinators add cora");
      expect(nobody.visible).toBe(
        "Mention the person, picked from Slack's suggestions: `/mentor coordinators add @person`.",
      );
      const admin = await ask(t, CORA.id, "coordinators remove <@U0ADA|ada>");
      expect(admin.visible).toBe(
        "Ada Admin is a workspace admin or owner, and they are always coordinators.",
      );
      const notOne = await ask(t, ADA.id, "coordinators remove <@U0NOVA|nova>");
      expect(notOne.visible).toBe("<@U0NOVA> wasn't a coordinator.");
      await t.tandem.jobs.idle();
      expect(triedToMessage(t, GUS.id)).toBe(false);
      expect(triedToMessage(t, BOTU.id)).toBe(false);
    });

    it("removing a coordinator takes the right away, even from a form they had open", async () => {
      const reply = await ask(t, ADA.id, "coordinators remove <@U0CORA|cora>");
      expect(reply.visible).toBe("<@U0CORA> is no longer a coordinator.");
      const refused = await ask(t, CORA.id, "program new");
      expect(refused.visible).toBe(
        "Only coordinators can create programs. Ask a coordinator (Ada Admin) if you need this.",
      );
      const { ack, errors } = await submitProgram(coraModal, { Name: "Cora's program" }, CORA.id);
      expect(ack.response_action).toBe("errors");
      expect(errors).toEqual({
        Name: "Only coordinators can create programs. Ask a coordinator (Ada Admin) if you need this.",
      });
      expect(await t.tandem.database.prisma.program.count({ where: { name: "Cora's program" } })).toBe(0);
      const cora = await requireMember(t, CORA.id);
      const removed = (await auditEntries(t, "role.coordinator_removed")).filter(
        (e) => e.subjectId === cora.id,
      );
      expect(removed.map((e) => e.actorSlackId)).toEqual([ADA.id]);
    });
  });

  describe("roster import", () => {
    const ROSTER = [
      "Email or Slack ID, Role",
      "U0ROS1, mentee",
      "rafa@tandem.example; mentor",
      "not a person, mentee",
      "U0GUS, mentee",
      "U0BOTU, mentor",
      "nobody@nowhere.example, mentee",
      "<@U0ROS1|rhea>, mentor",
      '"val@tandem.example",both',
      "U0ROS3, sensei",
      "U0ROS4",
      "U0GONE, mentee",
      "U0NOPE, mentee",
      "",
      "U0ROS5\tmentee",
    ].join("\n");

    async function importRoster(text: string) {
      const modal = await (await type(t, ADA.id, `program roster ${RESIDENTS}`)).modal();
      expect(modal.title).toMatchObject({ text: "Import a roster" });
      expect(inputLabels(modal)).toEqual(["People"]);
      expect(visibleText(modal.blocks)).toContain(`Enrol people in *${RESIDENTS}*.`);
      const since = Date.now();
      const ack = await submitModal(t, ADA.id, modal, { People: text });
      return { modal, ack, since };
    }

    async function resultOf(modal: StoredView, since: number) {
      const call = await t.slackApi.waitFor(
        "views.update",
        (args, c) =>
          c.at >= since &&
          args.view_id === modal.id &&
          (args.view as { title?: { text?: string } }).title?.text === "Roster imported",
        10_000,
      );
      return visibleText((call.args.view as { blocks: unknown }).blocks);
    }

    it("enrols the right people and lists every other line with its number and the reason", async () => {
      const { modal, ack, since } = await importRoster(ROSTER);
      expect(ack.response_action).toBe("update");
      expect(visibleText(ack.view?.blocks)).toContain("Importing 9 people…");
      const result = await resultOf(modal, since);
      expect(result).toContain(`*${RESIDENTS}*: 4 enrolled, 0 already enrolled, 9 not enrolled.`);
      expect(result).toContain(
        "Everyone newly enrolled got a DM; those without a profile were asked to fill one in.",
      );
      const problems = result.split("\n").filter((line) => line.startsWith("• "));
      expect(problems).toEqual([
        "• Line 4 (not a person, mentee): Not a Slack member id (U…) or an email address.",
        "• Line 5 (U0GUS): Gus Guest is a guest account: not enrolled.",
        "• Line 6 (U0BOTU): Botty is a bot account: not enrolled.",
        "• Line 7 (nobody@nowhere.example): No one in this Slack workspace matches.",
        "• Line 8 (&lt;@U0ROS1|rhea&gt;, mentor): The same person is on line 2.",
        '• Line 10 (U0ROS3, sensei): "sensei" isn\'t a role: use mentee, mentor or both.',
        "• Line 11 (U0ROS4): Add a role: mentee, mentor or both.",
        "• Line 12 (U0GONE): Gone Person is a deactivated account: not enrolled.",
        "• Line 13 (U0NOPE): No one in this Slack workspace matches.",
      ]);

      const residents = await program(RESIDENTS);
      const enrolments = await t.tandem.database.prisma.enrollment.findMany({
        where: { programId: residents.id, source: "ROSTER" },
        include: { member: true },
      });
      expect(
        enrolments
          .map((e) => [e.member.slackUserId, e.role, e.status])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ).toEqual([
        [RAFA.id, "MENTOR", "ACTIVE"],
        [ROS1.id, "MENTEE", "ACTIVE"],
        [ROS5.id, "MENTEE", "ACTIVE"],
        [VAL.id, "BOTH", "ACTIVE"],
      ]);
      const roster = (await auditEntries(t, "program.enrolled")).filter(
        (e) => e.subjectId === residents.id && (e.data as { source?: string }).source === "roster",
      );
      expect(roster).toHaveLength(4);
      expect(roster.every((e) => e.actorSlackId === ADA.id)).toBe(true);
    });

    it("each newly enrolled person gets a DM; those without a profile get 'Fill in my profile'; no one unreachable is messaged", async () => {
      await t.tandem.jobs.idle();
      const rhea = await waitForDm(t, ROS1.id, "You've been enrolled");
      expect(visibleText(rhea.blocks)).toContain(
        `You've been enrolled in *${RESIDENTS}* as a mentee. Tell Tandem a little about yourself so it can find you a good match.`,
      );
      expect(rhea.blocks.length).toBeGreaterThan(1);
      const rafa = await waitForDm(t, RAFA.id, "You've been enrolled");
      expect(visibleText(rafa.blocks)).toContain(`as a mentor.`);
      const val = await waitForDm(t, VAL.id, "You've been enrolled");
      expect(visibleText(val.blocks)).toBe(
        `You've been enrolled in *${RESIDENTS}* as a mentee and a mentor.`,
      );
      expect(buttonsIn(rhea.blocks).map((b) => b.label)).toEqual(["Fill in my profile"]);
      expect(buttonsIn(rafa.blocks).map((b) => b.label)).toEqual(["Fill in my profile"]);
      expect(buttonsIn(val.blocks)).toEqual([]);
      for (const unreachable of [GUS.id, BOTU.id, GONE.id])
        expect(triedToMessage(t, unreachable)).toBe(false);
    });

    it("'Fill in my profile' in that DM opens the profile modal, and filling it in joins", async () => {
      const dm = dmsTo(t, ROS1.id).find((m) => m.text.includes("You've been enrolled")) as StoredMessage;
      const modal = await (await click(t, ROS1.id, { message: dm }, "Fill in my profile")).modal();
      expect(modal.title).toMatchObject({ text: "Join Tandem" });
      const ack = await submitModal(t, ROS1.id, modal, {
        "How would you like to take part?": "Mentee: I'd like a mentor",
        "Career stage": "Trainee (resident, intern, apprentice)",
        "Areas you'd like help with": ["Surgery"],
      });
      expect(ack.view?.title?.text).toBe("Welcome to Tandem");
      const rhea = await requireMember(t, ROS1.id);
      expect(rhea.joinedAt).not.toBeNull();
      const residents = await program(RESIDENTS);
      expect(
        await t.tandem.database.prisma.enrollment.findFirst({
          where: { memberId: rhea.id, programId: residents.id, status: "ACTIVE" },
        }),
      ).not.toBeNull();
    });
    it("the profile opened from the roster DM is for the roster's program", async () => {
      const dm = dmsTo(t, ROS5.id).find((m) => m.text.includes("You've been enrolled")) as StoredMessage;
      const modal = await (await click(t, ROS5.id, { message: dm }, "Fill in my profile")).modal();
      expect(visibleText(modal.blocks)).toContain(`Joining *${RESIDENTS}*.`);
      const ack = await submitModal(t, ROS5.id, modal, {
        "How would you like to take part?": "Mentee: I'd like a mentor",
        "Career stage": "Student",
        "Areas you'd like help with": ["Surgery"],
      });
      expect(visibleText(ack.view?.blocks)).toContain(`You've joined *${RESIDENTS}*`);
      const remy = await requireMember(t, ROS5.id);
      const { programId } = await defaultProgram(t);
      expect(
        await t.tandem.database.prisma.enrollment.count({ where: { memberId: remy.id, programId } }),
      ).toBe(0);
    });
    it("the profile opened from the roster DM has the roster's role already chosen", async () => {
      const dm = dmsTo(t, RAFA.id).find((m) => m.text.includes("You've been enrolled")) as StoredMessage;
      const modal = await (await click(t, RAFA.id, { message: dm }, "Fill in my profile")).modal();
      expect(shownAnswers(modal)["How would you like to take part?"]).toBe(
        "Mentor: I'd like to help someone grow",
      );
    });

    it("importing the same people again enrols no one twice and sends no new DMs", async () => {
      await t.tandem.jobs.idle();
      const dmsBefore = t.slackApi.callsTo("chat.postMessage").length;
      const { modal, since } = await importRoster("U0ROS1, mentee\nrafa@tandem.example, mentor");
      const result = await resultOf(modal, since);
      expect(result).toContain(`*${RESIDENTS}*: 0 enrolled, 2 already enrolled.`);
      expect(result).not.toContain("Not enrolled");
      await t.tandem.jobs.idle();
      expect(t.slackApi.callsTo("chat.postMessage").length).toBe(dmsBefore);
    });

    it("a roster with no usable line is refused inline, naming the first bad line", async () => {
      const bad = await importRoster("hello\nworld, mentee");
      expect(errorsByLabel(bad.modal, bad.ack.errors)).toEqual({
        People: "Line 1: Not a Slack member id (U…) or an email address. (and 1 more lines)",
      });
      const headerOnly = await importRoster("email,role");
      expect(errorsByLabel(headerOnly.modal, headerOnly.ack.errors)).toEqual({
        People: "Add at least one person: a Slack member id or an email, then a role.",
      });
    });
  });
});
