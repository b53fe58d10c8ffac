// "Suggest milestones" over HTTP, as the mentee uses it: the goal form, a vague goal typed, the
// button pressed, the form redrawn with everything typed kept and two or three dated milestones
// in the inputs under a line saying who suggested them; one is edited, the goal saved, and the
// goals modal shows it. With an AI key (answers from a local OpenAI-compatible server) and without.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../support/modal-filler.ts";
import { fillModal } from "../support/modal-filler.ts";
import { OpenAiStandIn } from "../support/openai-stand-in.ts";
import {
  click,
  dmsTo,
  eventually,
  type Interaction,
  seedMentorship,
  shownAnswers,
  type,
} from "../support/person.ts";
import type { StoredView } from "../support/slack-api-stand-in.ts";
import {
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
} from "../support/tandem.ts";

const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/New_York" };
// Monday 1 June 2026, 10:00 UTC: 11:00 in Lisbon.
const clock = new Date("2026-06-01T10:00:00Z");

/** A Tandem with Mia (mentee) and Raj (mentor) in a running mentorship, AI allowed and opted in. */
async function pairedTandem(env: Record<string, string> = {}): Promise<TestTandem> {
  const t = await startTestTandem({ users: [MIA, RAJ], now: () => clock, env });
  await joinViaModal(t, MIA.id, "MENTEE");
  await joinViaModal(t, RAJ.id, "MENTOR");
  const m = await seedMentorship(t, RAJ.id, MIA.id);
  const prisma = t.tandem.database.prisma;
  await prisma.program.update({ where: { id: m.programId }, data: { aiAllowed: true } });
  await prisma.member.updateMany({ data: { aiOptIn: true } });
  return t;
}

/** The goal form, pushed on top of Mia's goals modal. */
async function openGoalForm(t: TestTandem): Promise<{ goals: StoredView; form: StoredView }> {
  const goals = await (await type(t, MIA.id, "goals")).modal();
  const add: Interaction = await click(t, MIA.id, { view: goals }, "Add a goal");
  const call = await t.slackApi.waitFor(
    "views.push",
    (args, c) => args.trigger_id === add.triggerId && c.status === 200,
  );
  const form = t.slackApi.viewById((call.response.view as { id: string }).id);
  if (!form) throw new Error("goal form not kept");
  return { goals, form };
}

/** Types `answers` into the form and presses "Suggest milestones"; returns the form as redrawn. */
async function suggest(
  t: TestTandem,
  form: StoredView,
  answers: Record<string, Answer>,
): Promise<StoredView> {
  const before = t.slackApi.calls.filter((c) => c.method === "views.update").length;
  const typed = { ...form, state: { values: fillModal(form, answers) } };
  await click(t, MIA.id, { view: typed }, "Suggest milestones");
  await eventually(
    async () =>
      t.slackApi.calls.filter((c) => c.method === "views.update" && c.status === 200).length > before,
  );
  const redrawn = t.slackApi.viewById(form.id);
  if (!redrawn) throw new Error("form gone");
  return redrawn;
}

const VAGUE = { Goal: "get better at presenting", "Why it matters": "I freeze in lab meetings" };

describe("Suggest milestones, with an AI key", () => {
  let t: TestTandem;
  let openai: OpenAiStandIn;

  beforeAll(async () => {
    openai = await OpenAiStandIn.start();
    t = await pairedTandem(openai.env());
  });
  afterAll(async () => {
    await t.stop();
    await openai.stop();
  });
  afterEach(() => {
    expect(t.slackApi.violations).toEqual([]);
    expect(openai.unexpected).toEqual([]);
  });

  it("fills the milestones from AI, labelled; an edited one and the rest are saved with the goal", async () => {
    openai.answerOnce("goal_milestones", {
      json: {
        milestones: [
          {
            title: "Agree with your mentor on 3 signs of a good presentation",
            weeksFromNow: 2,
            dueDate: null,
          },
          {
            title: "Give a 5-minute update at lab meeting and ask 2 people for feedback",
            weeksFromNow: null,
            dueDate: "2026-07-10",
          },
          {
            title: "Present your project for 15 minutes at journal club",
            weeksFromNow: null,
            dueDate: "2026-08-21",
          },
        ],
      },
    });
    const { goals, form } = await openGoalForm(t);
    const filled = await suggest(t, form, { ...VAGUE, "Kind of goal": "Personal growth" });
    const shown = shownAnswers(filled);
    expect(shown).toMatchObject({
      Goal: "get better at presenting",
      "Kind of goal": "Personal growth",
      "Why it matters": "I freeze in lab meetings",
      "Milestone 1": "Agree with your mentor on 3 signs of a good presentation",
      "Target date for milestone 1": "2026-06-15",
      "Milestone 2": "Give a 5-minute update at lab meeting and ask 2 people for feedback",
      "Target date for milestone 2": "2026-07-10",
      "Milestone 3": "Present your project for 15 minutes at journal club",
      "Target date for milestone 3": "2026-08-21",
    });
    expect(visibleText(filled.blocks)).toContain(
      "Suggested by AI — edit or clear any of them before saving.",
    );
    // What went to the model: the goal, no names.
    const [request] = openai.chatsFor("goal_milestones");
    expect(JSON.stringify(request?.body)).not.toMatch(/Mia|Santos|Raj|Patel/);

    const saved = await submitModal(t, MIA.id, filled, {
      "Milestone 2": "Give a 5-minute update at lab meeting",
      "Milestone 3": "",
      "Target date for milestone 3": { date: "" },
    });
    expect(saved.errors).toBeUndefined();
    const refreshed = await eventually(async () => {
      const text = visibleText(t.slackApi.viewById(goals.id)?.blocks);
      return text.includes("get better at presenting") ? text : null;
    });
    expect(refreshed).toContain("Personal growth · 0 of 2 milestones done · milestones drafted with AI");
    expect(refreshed).toContain("Agree with your mentor on 3 signs of a good presentation · by Mon 15 Jun");
    expect(refreshed).toContain("Give a 5-minute update at lab meeting · by Fri 10 Jul");
    const goal = await t.tandem.database.prisma.goal.findFirstOrThrow({ include: { milestones: true } });
    expect(goal.aiSuggested).toBe(true);
    const usage = await t.tandem.database.prisma.aiUsage.findMany();
    expect(usage).toEqual([expect.objectContaining({ feature: "goal_coaching", requests: 1, failed: 0 })]);
  });

  it("a slow or broken AI answer gives Tandem's own milestones, saying why; an empty goal gets a hint", async () => {
    await t.tandem.database.prisma.goal.deleteMany();
    const { form } = await openGoalForm(t);
    const hinted = await suggest(t, form, { "Why it matters": "so I stop freezing" });
    expect(visibleText(hinted.blocks)).toContain(
      "Type your goal above first, then press Suggest milestones.",
    );
    expect(shownAnswers(hinted)["Why it matters"]).toBe("so I stop freezing");
    expect(shownAnswers(hinted)["Milestone 1"]).toBeFalsy();

    openai.answerOnce("goal_milestones", { content: "Sure! 1. Practise 2. Present" });
    const local = await suggest(t, hinted, { ...VAGUE, "Why it matters": "so I stop freezing" });
    expect(visibleText(local.blocks)).toContain(
      "Suggested by Tandem (no AI: the AI answer wasn't usable) — edit or clear any of them.",
    );
    expect(shownAnswers(local)["Milestone 1"]).toBe(
      "Define what done looks like for “get better at presenting” and agree it with your mentor",
    );
    const saved = await submitModal(t, MIA.id, local, {});
    expect(saved.errors).toBeUndefined();
    const goal = await t.tandem.database.prisma.goal.findFirstOrThrow({ include: { milestones: true } });
    expect(goal.aiSuggested).toBe(false);
    expect(goal.milestones).toHaveLength(3);
  });
});

describe("Suggest milestones, without an AI key", () => {
  let t: TestTandem;

  beforeAll(async () => {
    t = await pairedTandem();
  });
  afterAll(async () => t.stop());
  afterEach(() => expect(t.slackApi.violations).toEqual([]));

  it("Tandem's own milestones, said so, edited and saved", async () => {
    const { goals, form } = await openGoalForm(t);
    const filled = await suggest(t, form, {
      ...VAGUE,
      "Target date for the goal": { date: "2026-06-30" },
      "Milestone 1": "Watch three talks I admire",
    });
    expect(visibleText(filled.blocks)).toContain(
      "Suggested by Tandem (no AI: AI isn't set up in this workspace) — edit or clear any of them.",
    );
    // The row Mia wrote is kept; the two free rows take Tandem's two steps (the goal is four weeks out).
    const shown = shownAnswers(filled);
    expect(shown["Milestone 1"]).toBe("Watch three talks I admire");
    expect(shown["Target date for the goal"]).toBe("2026-06-30");
    expect(shown["Milestone 2"]).toMatch(/^Define what done looks like for “get better at presenting”/);
    expect(shown["Milestone 3"]).toMatch(/^Complete a first concrete piece of work|^Review progress/);
    for (const label of ["Target date for milestone 2", "Target date for milestone 3"]) {
      expect(String(shown[label]) <= "2026-06-30").toBe(true);
    }
    const saved = await submitModal(t, MIA.id, filled, {
      "Milestone 2": "Agree with Raj what good looks like",
    });
    expect(saved.errors).toBeUndefined();
    const text = await eventually(async () => {
      const v = visibleText(t.slackApi.viewById(goals.id)?.blocks);
      return v.includes("get better at presenting") ? v : null;
    });
    expect(text).toContain("0 of 3 milestones done");
    expect(text).toContain("Agree with Raj what good looks like");
    expect(text).not.toContain("drafted with AI");
    const goal = await t.tandem.database.prisma.goal.findFirstOrThrow();
    expect(goal.targetDate?.toISOString().slice(0, 10)).toBe("2026-06-30");
    expect(await t.tandem.database.prisma.aiUsage.count()).toBe(0);
  });

  it("a milestone after the goal's date is refused next to the right input, typed values kept", async () => {
    await t.tandem.database.prisma.goal.deleteMany();
    const { form } = await openGoalForm(t);
    const filled = await suggest(t, form, { ...VAGUE, "Target date for the goal": { date: "2026-07-31" } });
    const bad = await submitModal(t, MIA.id, filled, {
      "Target date for milestone 1": { date: "2026-08-15" },
    });
    const [blockId] = Object.keys(bad.errors ?? {});
    const block = (filled.blocks as Array<{ block_id?: string; label?: { text: string } }>).find(
      (b) => b.block_id === blockId,
    );
    expect(block?.label?.text).toBe("Target date for milestone 1");
    expect(Object.values(bad.errors ?? {})[0]).toContain("after the goal's target date");
    expect(await t.tandem.database.prisma.goal.count()).toBe(0);
  });

  it("a second click on the form as it was is dropped quietly: the first answer stands, no error", async () => {
    const { form } = await openGoalForm(t);
    const filled = await suggest(t, form, VAGUE);
    const dmsBefore = dmsTo(t, MIA.id).length;
    // The same click again, from the form as it was before the first answer (a double click).
    const stale = { ...form, state: { values: fillModal(form, VAGUE) } };
    await click(t, MIA.id, { view: stale }, "Suggest milestones");
    await t.slackApi.waitFor("views.update", (args, c) => args.hash === form.hash && c.response.ok === false);
    await eventually(async () =>
      t.logs.some((l) => l.includes("an update superseded by a newer one was dropped")),
    );
    expect(t.slackApi.viewById(form.id)?.hash).toBe(filled.hash);
    expect(shownAnswers(t.slackApi.viewById(form.id) ?? filled)).toEqual(shownAnswers(filled));
    expect(dmsTo(t, MIA.id)).toHaveLength(dmsBefore);
  });
});
