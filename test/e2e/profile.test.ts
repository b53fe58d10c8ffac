// The profile, driven like a person would: /mentor join opens a modal that is read and filled by
// its visible labels, every invalid answer comes back as an error next to its field, /mentor
// profile shows exactly what was saved, and Slack's own facts (name, title, time zone) are shown,
// never typed, and stay fresh through user_change.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultTaxonomy } from "../../src/domain/profile.ts";
import { errorsByLabel, inputLabels } from "../support/modal-filler.ts";
import { OpenAiStandIn } from "../support/openai-stand-in.ts";
import {
  ask,
  auditEntries,
  click,
  directoryEvent,
  eventually,
  memberRow,
  optionsOf,
  requireMember,
  shownAnswers,
  triedToMessage,
  type,
} from "../support/person.ts";
import {
  joinViaModal,
  profileAnswers,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
  waitForHome,
  waitForModal,
} from "../support/tandem.ts";

const PIA = {
  id: "U0PIA",
  name: "pia",
  real_name: "Pia Lund",
  tz: "Europe/Madrid",
  profile: { title: "Cardiology fellow" },
};
const MAX = { id: "U0MAX", name: "max", real_name: "Max Berg", tz: "Europe/Madrid" };
const ERR = { id: "U0ERR", name: "erin", real_name: "Erin Vale", tz: "America/New_York" };
const FIX = { id: "U0FIX", name: "fix", real_name: "Fay Fix", tz: "Europe/Paris" };
const EDI = { id: "U0EDI", name: "edi", real_name: "Edi Brandt", tz: "Europe/Berlin" };
const TOM = {
  id: "U0TOM",
  name: "tom",
  real_name: "Tom Ito",
  tz: "Europe/London",
  profile: { title: "Junior doctor" },
};

/** Every input the profile modal asks for, in the order a person reads them. */
const PROFILE_INPUTS = [
  "How would you like to take part?",
  "Career stage",
  "Department",
  "Team",
  "Expertise you can share",
  "Other expertise",
  "Kinds of mentoring you offer",
  "How many mentees can you take at once?",
  "Areas you'd like help with",
  "Other areas",
  "Your goals, in your own words",
  "How often would you like to meet?",
  "Preferred way to meet",
  "Languages you can mentor in",
  "Your manager",
];

describe("the profile modal", () => {
  let t: TestTandem;
  beforeAll(async () => {
    t = await startTestTandem({ users: [PIA, MAX, ERR, FIX, EDI, TOM] });
  });
  afterAll(async () => t?.stop());
  afterEach(() => {
    expect(t.slackApi.violations).toEqual([]);
  });

  /** Opens the join modal for `userId` through /mentor join. */
  async function openJoin(userId: string, text = "join") {
    const typed = await type(t, userId, text);
    const modal = await typed.modal();
    expect(modal.title).toMatchObject({ text: "Join Tandem" });
    return modal;
  }

  it("/mentor join asks for every profile answer, shows Slack's name, title and time zone, and doesn't ask for them", async () => {
    const modal = await openJoin(PIA.id);
    // No "AI suggestions" checkbox: AI isn't set up here (no key).
    expect(inputLabels(modal)).toEqual(PROFILE_INPUTS);
    const text = visibleText(modal.blocks);
    expect(text).toContain(
      "From your Slack profile: *Pia Lund*, Cardiology fellow · time zone Europe/Madrid",
    );
    expect(text).toContain("Change these in Slack.");
    for (const label of inputLabels(modal)) expect(label).not.toMatch(/name|title|time ?zone/i);
    expect(optionsOf(modal, "How would you like to take part?")).toEqual([
      "Mentee: I'd like a mentor",
      "Mentor: I'd like to help someone grow",
      "Both",
    ]);
    expect(optionsOf(modal, "Kinds of mentoring you offer")).toEqual([
      "Career",
      "Technical or clinical",
      "Research",
      "Leadership",
      "Well-being and work-life",
    ]);
    expect(optionsOf(modal, "How many mentees can you take at once?")).toEqual(["1", "2", "3", "4", "5"]);
    // Before anyone configured a program, the default taxonomy is what people choose from.
    expect(optionsOf(modal, "Expertise you can share")).toEqual([...defaultTaxonomy]);
    expect(optionsOf(modal, "Areas you'd like help with")).toEqual([...defaultTaxonomy]);
    // Nothing is chosen for them, except harmless defaults.
    expect(shownAnswers(modal)).toMatchObject({
      "How would you like to take part?": null,
      "Career stage": null,
      "Expertise you can share": [],
      "Kinds of mentoring you offer": [],
      "Preferred way to meet": "No preference",
    });
    expect((await memberRow(t, PIA.id))?.joinedAt).toBeNull();
  });

  it("/mentor join mentee preselects the role", async () => {
    const modal = await openJoin(TOM.id, "join mentee");
    expect(shownAnswers(modal)["How would you like to take part?"]).toBe("Mentee: I'd like a mentor");
  });

  it("joining with every field filled saves every answer; taxonomy and free-text tags merge", async () => {
    const modal = await openJoin(PIA.id);
    const ack = await submitModal(t, PIA.id, modal, {
      "How would you like to take part?": "Both",
      "Career stage": "Mid career",
      Department: "Cardiology",
      Team: "Heart failure clinic",
      "Expertise you can share": ["Clinical skills", "Teaching"],
      "Other expertise": "Echocardiography, clinical skills,  Trial   design",
      "Kinds of mentoring you offer": ["Technical or clinical", "Research", "Well-being and work-life"],
      "How many mentees can you take at once?": "3",
      "Areas you'd like help with": ["Grant writing", "Leadership"],
      "Other areas": "Getting a first R01; Mentoring residents",
      "Your goals, in your own words": "Lead my first multi-site trial within two years.",
      "How often would you like to meet?": "Every month",
      "Preferred way to meet": "Video call",
      "Languages you can mentor in": "English, Spanish, english",
      "Your manager": { user: MAX.id },
    });
    expect(ack.response_action).toBe("update");
    expect(ack.view?.title?.text).toBe("Welcome to Tandem");
    expect(visibleText(ack.view?.blocks)).toContain(
      "You've joined *Open mentoring* as a mentee and a mentor. Tandem will look for a good match",
    );
    const pia = await requireMember(t, PIA.id);
    expect(pia).toMatchObject({
      role: "BOTH",
      careerStage: "MID_CAREER",
      department: "Cardiology",
      team: "Heart failure clinic",
      expertise: ["Clinical skills", "Teaching", "Echocardiography", "Trial design"],
      interests: ["Grant writing", "Leadership", "Getting a first R01", "Mentoring residents"],
      mentoringKinds: ["TECHNICAL", "RESEARCH", "WELLBEING"],
      mentorCapacity: 3,
      preferredCadenceDays: 30,
      meetingMode: "VIDEO",
      languages: ["English", "Spanish"],
      managerSlackId: MAX.id,
      goalsText: "Lead my first multi-site trial within two years.",
      title: "Cardiology fellow",
      tz: "Europe/Madrid",
      status: "ACTIVE",
    });
    expect(pia.joinedAt).not.toBeNull();
    const home = await waitForHome(t, PIA.id, (text) => text.includes("You're in"));
    expect(home).toContain("You take part as a mentee and a mentor");
    const joined = await auditEntries(t, "member.joined");
    expect(joined.some((e) => e.actorSlackId === PIA.id && e.subjectId === pia.id)).toBe(true);
  });

  it("/mentor profile shows every saved answer prefilled, free-text tags in the Other fields", async () => {
    const typed = await type(t, PIA.id, "profile");
    const modal = await typed.modal();
    expect(modal.title).toMatchObject({ text: "Your profile" });
    expect(modal.submit).toMatchObject({ text: "Save" });
    expect(shownAnswers(modal)).toEqual({
      "How would you like to take part?": "Both",
      "Career stage": "Mid career",
      Department: "Cardiology",
      Team: "Heart failure clinic",
      "Expertise you can share": ["Clinical skills", "Teaching"],
      "Other expertise": "Echocardiography, Trial design",
      "Kinds of mentoring you offer": ["Technical or clinical", "Research", "Well-being and work-life"],
      "How many mentees can you take at once?": "3",
      "Areas you'd like help with": ["Grant writing", "Leadership"],
      "Other areas": "Getting a first R01, Mentoring residents",
      "Your goals, in your own words": "Lead my first multi-site trial within two years.",
      "How often would you like to meet?": "Every month",
      "Preferred way to meet": "Video call",
      "Languages you can mentor in": "English, Spanish",
      "Your manager": MAX.id,
    });
    expect(visibleText(modal.blocks)).toContain("*Pia Lund*, Cardiology fellow · time zone Europe/Madrid");
  });

  it("saving the prefilled profile unchanged keeps every answer as it was", async () => {
    const before = await requireMember(t, PIA.id);
    const modal = await (await type(t, PIA.id, "profile")).modal();
    const ack = await submitModal(t, PIA.id, modal, {});
    expect(ack.view?.title?.text).toBe("Profile saved");
    expect(visibleText(ack.view?.blocks)).toContain(
      "Your profile is saved. You take part as a mentee and a mentor.",
    );
    const after = await requireMember(t, PIA.id);
    const profileFields = (m: typeof before) => ({
      role: m.role,
      careerStage: m.careerStage,
      department: m.department,
      team: m.team,
      expertise: m.expertise,
      interests: m.interests,
      mentoringKinds: m.mentoringKinds,
      goalsText: m.goalsText,
      mentorCapacity: m.mentorCapacity,
      preferredCadenceDays: m.preferredCadenceDays,
      meetingMode: m.meetingMode,
      languages: m.languages,
      managerSlackId: m.managerSlackId,
      joinedAt: m.joinedAt,
    });
    expect(profileFields(after)).toEqual(profileFields(before));
    expect((await auditEntries(t, "member.role_changed")).filter((e) => e.actorSlackId === PIA.id)).toEqual(
      [],
    );
  });

  describe("invalid answers come back next to their field, and nothing is saved", () => {
    async function submitJoin(
      answers: Record<string, string | string[] | { user: string }>,
      userId: string = ERR.id,
    ) {
      const modal = await openJoin(userId);
      const ack = await submitModal(t, userId, modal, answers);
      expect(ack.response_action).toBe("errors");
      expect(ack.view).toBeUndefined();
      return { modal, ack, errors: errorsByLabel(modal, ack.errors) };
    }

    afterEach(async () => {
      expect((await memberRow(t, ERR.id))?.joinedAt ?? null).toBeNull();
    });

    it("a mentor without expertise", async () => {
      const { errors, ack } = await submitJoin({
        "How would you like to take part?": "Mentor: I'd like to help someone grow",
        "Career stage": "Senior",
        "Kinds of mentoring you offer": ["Career"],
      });
      expect(errors).toEqual({ "Other expertise": "As a mentor, add at least one area you can help with." });
      expect(Object.keys(ack.errors ?? {})).toHaveLength(1);
    });

    it("a mentee without areas", async () => {
      const { errors } = await submitJoin({
        "How would you like to take part?": "Mentee: I'd like a mentor",
        "Career stage": "Student",
      });
      expect(errors).toEqual({ "Other areas": "As a mentee, add at least one area you'd like help with." });
    });

    it("a mentor without kinds of mentoring", async () => {
      const { errors } = await submitJoin({
        "How would you like to take part?": "Mentor: I'd like to help someone grow",
        "Career stage": "Senior",
        "Expertise you can share": ["Leadership"],
      });
      expect(errors).toEqual({
        "Kinds of mentoring you offer": "Choose at least one kind of mentoring you can offer.",
      });
    });

    it("'both' with nothing filled in gets all three problems at once", async () => {
      const { errors } = await submitJoin({
        "How would you like to take part?": "Both",
        "Career stage": "Early career",
      });
      expect(errors).toEqual({
        "Other expertise": "As a mentor, add at least one area you can help with.",
        "Kinds of mentoring you offer": "Choose at least one kind of mentoring you can offer.",
        "Other areas": "As a mentee, add at least one area you'd like help with.",
      });
    });

    it("no role and no career stage", async () => {
      const { errors } = await submitJoin({ "Areas you'd like help with": ["Teaching"] });
      expect(errors).toMatchObject({
        "How would you like to take part?": "Choose how you'd like to take part.",
        "Career stage": "Choose your career stage.",
      });
    });

    it("over-long goals, department and team", async () => {
      const { errors } = await submitJoin(
        profileAnswers("MENTEE", {
          Department: "D".repeat(81),
          Team: "T".repeat(81),
          "Your goals, in your own words": "g".repeat(1001),
        }) as Record<string, string | string[]>,
      );
      expect(errors).toEqual({
        Department: "Keep the department under 80 characters.",
        Team: "Keep the team under 80 characters.",
        "Your goals, in your own words": "Keep your goals under 1,000 characters.",
      });
    });

    it("too many areas, and an area that is too long", async () => {
      const many = Array.from({ length: 21 }, (_, i) => `Area ${i + 1}`).join(", ");
      const { errors } = await submitJoin({
        "How would you like to take part?": "Both",
        "Career stage": "Senior",
        "Kinds of mentoring you offer": ["Career"],
        "Other expertise": `Fine, ${"x".repeat(61)}`,
        "Other areas": many,
      });
      expect(errors).toEqual({
        "Other expertise": "Keep each area of expertise under 60 characters.",
        "Other areas": "Choose at most 20 areas.",
      });
    });

    it("too many expertise tags is refused next to Other expertise", async () => {
      const { errors } = await submitJoin({
        "How would you like to take part?": "Mentor: I'd like to help someone grow",
        "Career stage": "Senior",
        "Kinds of mentoring you offer": ["Career"],
        "Other expertise": Array.from({ length: 21 }, (_, i) => `Skill ${i + 1}`).join(", "),
      });
      expect(Object.keys(errors)).toEqual(["Other expertise"]);
      expect(errors["Other expertise"]).toMatch(/^Choose at most 20 /);
    });
    it("the too-many-expertise message is plain English", async () => {
      const { errors } = await submitJoin({
        "How would you like to take part?": "Mentor: I'd like to help someone grow",
        "Career stage": "Senior",
        "Kinds of mentoring you offer": ["Career"],
        "Other expertise": Array.from({ length: 21 }, (_, i) => `Skill ${i + 1}`).join(", "),
      });
      expect(errors["Other expertise"]).toBe("Choose at most 20 areas of expertise.");
    });

    it("too many languages, and a language name that is too long", async () => {
      const eleven = "English, Spanish, French, German, Italian, Dutch, Polish, Czech, Greek, Hindi, Urdu";
      const first = await submitJoin(
        profileAnswers("MENTEE", { "Languages you can mentor in": eleven }) as Record<string, string[]>,
      );
      expect(first.errors).toEqual({ "Languages you can mentor in": "List at most 10 languages." });
      const second = await submitJoin(
        profileAnswers("MENTEE", { "Languages you can mentor in": `English, ${"L".repeat(41)}` }) as Record<
          string,
          string[]
        >,
      );
      expect(second.errors).toEqual({
        "Languages you can mentor in": "Keep each language under 40 characters.",
      });
    });

    it("after an error, submitting the same form with the answer fixed joins", async () => {
      const answers = {
        "How would you like to take part?": "Mentor: I'd like to help someone grow",
        "Career stage": "Senior",
        Department: "Surgery",
        "Kinds of mentoring you offer": ["Career", "Leadership"],
        "Your goals, in your own words": "Help new surgeons find their feet.",
      };
      const { modal, errors } = await submitJoin(answers, FIX.id);
      expect(errors).toEqual({ "Other expertise": "As a mentor, add at least one area you can help with." });
      expect((await requireMember(t, FIX.id)).joinedAt).toBeNull();
      // The modal stays open with what was typed (Tandem answered "errors", not a new view).
      const fixed = await submitModal(t, FIX.id, modal, { ...answers, "Other expertise": "Robotic surgery" });
      expect(fixed.response_action).toBe("update");
      expect(fixed.view?.title?.text).toBe("Welcome to Tandem");
      const fixer = await requireMember(t, FIX.id);
      expect(fixer.joinedAt).not.toBeNull();
      expect(fixer).toMatchObject({
        role: "MENTOR",
        department: "Surgery",
        expertise: ["Robotic surgery"],
        mentoringKinds: ["CAREER", "LEADERSHIP"],
        goalsText: "Help new surgeons find their feet.",
      });
    });
  });

  describe("editing", () => {
    it("changes the role: the modal shows the old one, the new one is saved, Home and the audit log follow", async () => {
      const joined = await joinViaModal(t, EDI.id, "MENTEE");
      expect(joined.view?.title?.text).toBe("Welcome to Tandem");
      const modal = await (await type(t, EDI.id, "profile")).modal();
      expect(shownAnswers(modal)["How would you like to take part?"]).toBe("Mentee: I'd like a mentor");
      expect(shownAnswers(modal)["Areas you'd like help with"]).toEqual(["Grant writing"]);

      // A mentor needs expertise and kinds: first try without kinds.
      const refused = await submitModal(t, EDI.id, modal, {
        "How would you like to take part?": "Mentor: I'd like to help someone grow",
        "Expertise you can share": ["Teaching"],
      });
      expect(errorsByLabel(modal, refused.errors)).toEqual({
        "Kinds of mentoring you offer": "Choose at least one kind of mentoring you can offer.",
      });
      expect((await requireMember(t, EDI.id)).role).toBe("MENTEE");

      const saved = await submitModal(t, EDI.id, modal, {
        "How would you like to take part?": "Mentor: I'd like to help someone grow",
        "Expertise you can share": ["Teaching"],
        "Kinds of mentoring you offer": ["Career"],
        "How many mentees can you take at once?": "1",
      });
      expect(saved.view?.title?.text).toBe("Profile saved");
      expect(visibleText(saved.view?.blocks)).toContain("You take part as a mentor.");
      const edi = await requireMember(t, EDI.id);
      expect(edi).toMatchObject({ role: "MENTOR", expertise: ["Teaching"], mentorCapacity: 1 });
      const home = await waitForHome(t, EDI.id, (text) => text.includes("You take part as a mentor"));
      expect(home).toContain("Open mentoring: a mentor");
      const changes = (await auditEntries(t, "member.role_changed")).filter((e) => e.subjectId === edi.id);
      expect(changes.map((e) => e.data)).toEqual([{ from: "MENTEE", to: "MENTOR" }]);
      expect(changes[0]?.actorSlackId).toBe(EDI.id);

      const reopened = await (await type(t, EDI.id, "profile")).modal();
      expect(shownAnswers(reopened)).toMatchObject({
        "How would you like to take part?": "Mentor: I'd like to help someone grow",
        "Expertise you can share": ["Teaching"],
        "How many mentees can you take at once?": "1",
      });
    });

    it("Home's 'Edit my profile' opens the same prefilled modal", async () => {
      await t.slack.event({ type: "app_home_opened", user: EDI.id, channel: "D0EDI", tab: "home" });
      await waitForHome(t, EDI.id, (text) => text.includes("You're in"));
      const clicked = await click(t, EDI.id, { home: true }, "Edit my profile");
      const modal = await clicked.modal();
      expect(modal.title).toMatchObject({ text: "Your profile" });
      expect(shownAnswers(modal)["How would you like to take part?"]).toBe(
        "Mentor: I'd like to help someone grow",
      );
    });
  });

  describe("Slack's facts stay fresh", () => {
    it("a user_change with a new title and time zone shows in the modal and Home the next time", async () => {
      await joinViaModal(t, TOM.id, "MENTEE");
      const before = await (await type(t, TOM.id, "profile")).modal();
      expect(visibleText(before.blocks)).toContain("*Tom Ito*, Junior doctor · time zone Europe/London");

      t.slackApi.addUser({
        ...TOM,
        real_name: "Tom Ito-Sato",
        tz: "Asia/Tokyo",
        profile: { title: "Registrar" },
      });
      await directoryEvent(t, "user_change", TOM.id);
      await eventually(async () => (await memberRow(t, TOM.id))?.title === "Registrar");
      expect(await requireMember(t, TOM.id)).toMatchObject({
        title: "Registrar",
        tz: "Asia/Tokyo",
        realName: "Tom Ito-Sato",
        // The profile itself is untouched by Slack's changes.
        role: "MENTEE",
        interests: ["Grant writing"],
      });

      const after = await (await type(t, TOM.id, "profile")).modal();
      const text = visibleText(after.blocks);
      expect(text).toContain("*Tom Ito-Sato*, Registrar · time zone Asia/Tokyo");
      expect(text).not.toContain("Junior doctor");
      expect(text).not.toContain("Europe/London");

      await t.slack.event({ type: "app_home_opened", user: TOM.id, channel: "D0TOM", tab: "home" });
      const home = await waitForHome(t, TOM.id, (h) => h.includes("Asia/Tokyo"));
      expect(home).toContain("Hi Tom Ito-Sato!");
    });

    it("team_join stores nothing about someone who hasn't joined, and messages no one; Slack's facts appear when they do", async () => {
      const nia = t.slackApi.addUser({
        id: "U0NIA",
        name: "nia",
        real_name: "Nia Park",
        tz: "Australia/Sydney",
        profile: { title: "Nurse educator" },
      });
      await directoryEvent(t, "team_join", nia.id);
      await t.tandem.jobs.idle();
      expect(await memberRow(t, nia.id)).toBeNull();
      expect(triedToMessage(t, nia.id)).toBe(false);
      const modal = await openJoin(nia.id);
      expect(visibleText(modal.blocks)).toContain("*Nia Park*, Nurse educator · time zone Australia/Sydney");
    });

    it("a display name set in Slack is the name shown", async () => {
      t.slackApi.addUser({ ...MAX, profile: { display_name: "Maxi" } });
      await directoryEvent(t, "user_change", MAX.id);
      const modal = await openJoin(MAX.id);
      expect(visibleText(modal.blocks)).toContain(
        "From your Slack profile: *Maxi* · time zone Europe/Madrid",
      );
    });
  });

  it("/mentor profile before joining opens the join form", async () => {
    const reply = await ask(t, "U0PIA", "help");
    expect(reply.visible).toContain("/mentor profile");
    const newcomer = t.slackApi.addUser({ id: "U0NEWP", name: "newp", real_name: "New Person" });
    const modal = await (await type(t, newcomer.id, "profile")).modal();
    expect(modal.title).toMatchObject({ text: "Join Tandem" });
    expect(modal.submit).toMatchObject({ text: "Join" });
  });
});

describe("the profile modal's AI opt-in", () => {
  let t: TestTandem;
  let openai: OpenAiStandIn;
  const ANA = { id: "U0ANA", name: "ana", real_name: "Ana Ruiz", tz: "Europe/Madrid" };
  beforeAll(async () => {
    openai = await OpenAiStandIn.start();
    t = await startTestTandem({ users: [ANA], env: openai.env() });
  });
  afterAll(async () => {
    await t?.stop();
    await openai?.stop();
  });
  afterEach(() => {
    expect(t.slackApi.violations).toEqual([]);
    expect(openai.unexpected).toEqual([]);
  });

  it("with a key the checkbox is offered, off, and says what goes out and what never does", async () => {
    const modal = await (await type(t, ANA.id, "join")).modal();
    expect(inputLabels(modal)).toEqual([...PROFILE_INPUTS, "AI suggestions"]);
    expect(optionsOf(modal, "AI suggestions")).toEqual(["Turn on AI suggestions for me"]);
    expect(shownAnswers(modal)["AI suggestions"]).toEqual([]);
    const text = visibleText(modal.blocks);
    expect(text).toContain("your profile text and goals");
    expect(text).toContain("session notes, only when both of you turned this on");
    expect(text).toContain("Never your name or email");
    expect(text).toContain("turn it off here any time");
  });

  it("turning it on is saved and shown checked; turning it off again is saved too", async () => {
    const since = Date.now();
    await t.slack.command(ANA.id, "join");
    const modal = await waitForModal(t, "Join Tandem", since);
    const ack = await submitModal(
      t,
      ANA.id,
      modal,
      profileAnswers("MENTEE", { "AI suggestions": ["Turn on AI suggestions for me"] }),
    );
    expect(ack.response_action).toBe("update");
    expect((await requireMember(t, ANA.id)).aiOptIn).toBe(true);
    expect(await auditEntries(t, "member.ai_on")).toHaveLength(1);

    const again = await (await type(t, ANA.id, "profile")).modal();
    expect(shownAnswers(again)["AI suggestions"]).toEqual(["Turn on AI suggestions for me"]);
    await submitModal(t, ANA.id, again, { "AI suggestions": [] });
    expect((await requireMember(t, ANA.id)).aiOptIn).toBe(false);
    expect(await auditEntries(t, "member.ai_off")).toHaveLength(1);
  });
});
