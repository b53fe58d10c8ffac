// Goals over HTTP, as the pair uses them: the mentee adds a goal from `/mentor goals` (with inline
// errors for what's wrong), the mentor sees it, the milestone reminder lands in the mentee's
// working hours and "Mark done" on it celebrates in the pair's group DM, a recalibration keeps
// its reason, the last milestone achieves the goal, and nobody else can touch any of it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { errorsByLabel } from "../support/modal-filler.ts";
import {
  ask,
  click,
  dmsTo,
  eventually,
  type Interaction,
  optionsOf,
  requireMember,
  seedMentorship,
  type,
  waitForDm,
} from "../support/person.ts";
import type { StoredView } from "../support/slack-api-stand-in.ts";
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
const OTTO = { id: "U0OTTO", name: "otto", real_name: "Otto Other", tz: "UTC" };

describe("goals and milestones", () => {
  let t: TestTandem;
  // Monday 1 June 2026, 10:00 UTC: 11:00 in Lisbon, 06:00 in New York.
  let clock = new Date("2026-06-01T10:00:00Z");
  let mentorshipId: string;
  let groupDm: string;

  const at = async (iso: string) => {
    clock = new Date(iso);
    await t.tandem.jobs.runDue();
  };
  const prisma = () => t.tandem.database.prisma;
  /** The modal a click pushed on top of the one it was in. */
  const pushed = async (i: Interaction): Promise<StoredView> => {
    const call = await t.slackApi.waitFor(
      "views.push",
      (args, c) => args.trigger_id === i.triggerId && c.status === 200,
    );
    const view = t.slackApi.viewById((call.response.view as { id: string }).id);
    if (!view) throw new Error("pushed modal not kept");
    return view;
  };
  const current = (view: StoredView) => t.slackApi.viewById(view.id) as StoredView;
  const goalsOf = async (user: string) => (await type(t, user, "goals")).modal();

  beforeAll(async () => {
    t = await startTestTandem({ users: [MIA, RAJ, OTTO], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    await joinViaModal(t, RAJ.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    await joinViaModal(t, OTTO.id, "MENTOR");
    const { services } = t.tandem;
    const workspaceId = (await requireMember(t, MIA.id)).workspaceId;
    const raj = await requireMember(t, RAJ.id);
    const program = await prisma().program.findFirstOrThrow({ where: { isDefault: true } });
    await services.matching.request(workspaceId, MIA.id, raj.id, program.id, "Hello!");
    const m = await prisma().mentorship.findFirstOrThrow({ where: { status: "REQUESTED" } });
    await services.matching.respond(workspaceId, RAJ.id, m.id, { accept: true });
    mentorshipId = m.id;
    await t.tandem.jobs.runDue();
    const intro = await eventually(
      async () => (await prisma().mentorship.findUniqueOrThrow({ where: { id: m.id } })).introChannelId,
    );
    groupDm = intro;
  });
  afterAll(async () => t.stop());
  afterEach(() => expect(t.slackApi.violations).toEqual([]));

  it("the mentee adds a goal from /mentor goals, with inline errors first", async () => {
    const goals = await goalsOf(MIA.id);
    expect(visibleText(goals.blocks)).toContain("You haven't set any goals yet");
    const add = await click(t, MIA.id, { view: goals }, "Add a goal");
    const form = await pushed(add);
    expect((form.title as { text: string }).text).toBe("Add a goal");

    const bad = await submitModal(t, MIA.id, form, {
      Goal: "Publish my first paper",
      "Milestone 1": "Draft the methods section",
      "Target date for milestone 1": { date: "2026-05-29" },
    });
    expect(errorsByLabel(form, bad.errors)).toEqual({
      "Target date for milestone 1": "That date is in the past. Choose today or a later date.",
    });
    const noTitle = await submitModal(t, MIA.id, form, {
      Goal: "Publish my first paper",
      "Milestone 1": "Draft the methods section",
      "Target date for milestone 2": { date: "2026-07-15" },
    });
    expect(errorsByLabel(form, noTitle.errors)).toEqual({
      "Milestone 2": "Give milestone 2 a title, or clear its date.",
    });

    const ok = await submitModal(t, MIA.id, form, {
      Goal: "Publish my first paper",
      "Kind of goal": "Professional growth",
      "Why it matters": "It opens the fellowship door",
      "Milestone 1": "Draft the methods section",
      "Target date for milestone 1": { date: "2026-06-12" },
      "Milestone 2": "Submit to a journal",
      "Target date for milestone 2": { date: "2026-07-15" },
    });
    expect(ok.errors).toBeUndefined();
    // The goals modal underneath now shows it.
    const refreshed = await eventually(async () => {
      const text = visibleText(current(goals).blocks);
      return text.includes("Publish my first paper") ? text : null;
    });
    expect(refreshed).toContain("Professional growth · 0 of 2 milestones done");
    expect(refreshed).toContain("Draft the methods section · by Fri 12 Jun");
    expect(buttonsIn(current(goals).blocks).map((b) => b.label)).toEqual([
      "Mark done",
      "Mark done",
      "Recalibrate",
      "Add a goal",
    ]);
  });

  it("the mentor sees the goal and may mark milestones done, not recalibrate", async () => {
    const goals = await goalsOf(RAJ.id);
    const text = visibleText(goals.blocks);
    expect(text).toContain("Mia Santos's goals");
    expect(text).toContain("1. Publish my first paper");
    expect(text).toContain("It opens the fellowship door");
    expect(buttonsIn(goals.blocks).map((b) => b.label)).toEqual(["Mark done", "Mark done"]);
  });

  it("a third person's forged click is refused and changes nothing", async () => {
    const milestone = await prisma().milestone.findFirstOrThrow({
      where: { title: "Draft the methods section" },
    });
    const forged = await click(
      t,
      OTTO.id,
      {
        reply: {
          text: "",
          blocks: [
            {
              type: "actions",
              elements: [
                {
                  type: "button",
                  action_id: "milestone_done",
                  text: { type: "plain_text", text: "Mark done" },
                  value: milestone.id,
                },
              ],
            },
          ],
          visible: "",
          buttons: ["Mark done"],
          body: {},
          responseType: undefined,
          replaceOriginal: undefined,
        },
      },
      "Mark done",
    );
    expect((await forged.reply()).text).toBe("That mentorship isn't one of yours, or it no longer exists.");
    expect((await prisma().milestone.findUniqueOrThrow({ where: { id: milestone.id } })).status).toBe("OPEN");
    expect((await ask(t, OTTO.id, "goals")).text).toContain("You don't have a running mentorship yet");
  });

  it("the reminder lands at 9:00 in Lisbon three days before; Mark done celebrates in the group DM", async () => {
    // Friday 12 June: three days before is Tuesday 9 June, 9:00 in Lisbon (08:00 UTC).
    await at("2026-06-09T07:59:00Z");
    expect(dmsTo(t, MIA.id).some((m) => m.text.startsWith("Milestone reminder"))).toBe(false);
    await at("2026-06-09T08:00:05Z");
    const reminder = await waitForDm(t, MIA.id, "Milestone reminder");
    expect(reminder.text).toBe(
      "Milestone reminder: Draft the methods section (goal: Publish my first paper) is due on Friday 12 June.",
    );
    expect(buttonsIn(reminder.blocks).map((b) => b.label)).toEqual(["Mark done", "Recalibrate"]);
    expect(dmsTo(t, RAJ.id).some((m) => m.text.startsWith("Milestone reminder"))).toBe(false);

    const done = await click(t, MIA.id, { message: reminder }, "Mark done");
    const reply = await done.reply();
    expect(reply.replaceOriginal).toBe(true);
    expect(reply.text).toContain(
      "Done: *Draft the methods section* (Publish my first paper, 1 of 2 milestones done)",
    );
    await t.tandem.jobs.runDue();
    const celebration = await eventually(async () =>
      t.slackApi.messagesIn(groupDm).find((m) => m.text.startsWith("Milestone reached")),
    );
    expect(celebration.text).toBe(
      "Milestone reached: Mia Santos completed “Draft the methods section” (Publish my first paper).",
    );
    expect(buttonsIn(celebration.blocks).map((b) => b.label)).toEqual(["See goals"]);
    const feedback = await prisma().scheduledJob.findMany({
      where: { kind: "feedback_request", idempotencyKey: { contains: ":milestone:" } },
    });
    expect(feedback.map((j) => (j.payload as { context: string }).context)).toEqual([
      "MILESTONE",
      "MILESTONE",
    ]);

    // Clicking again is harmless: no second celebration.
    const again = await click(t, MIA.id, { message: reminder }, "Mark done");
    expect((await again.reply()).text).toContain("was already marked done");
    await t.tandem.jobs.runDue();
    expect(t.slackApi.messagesIn(groupDm).filter((m) => m.text.startsWith("Milestone reached"))).toHaveLength(
      1,
    );

    // "See goals" from the group DM opens the goals modal with the tick.
    const see = await click(t, RAJ.id, { message: celebration }, "See goals");
    expect(visibleText((await see.modal()).blocks)).toContain("1 of 2 milestones done");
  });

  it("recalibrating asks why, and both see the latest reason", async () => {
    const goals = await goalsOf(MIA.id);
    const form = await pushed(await click(t, MIA.id, { view: goals }, "Recalibrate"));
    expect((form.title as { text: string }).text).toBe("Recalibrate a goal");
    const text = visibleText(form.blocks);
    expect(text).toContain("Milestone 1: :white_check_mark: Draft the methods section (done 9 Jun)");
    const noReason = await submitModal(t, MIA.id, form, {
      "Target date for milestone 2": { date: "2026-07-31" },
    });
    expect(Object.keys(errorsByLabel(form, noReason.errors))).toEqual(["Why the change?"]);
    const ok = await submitModal(t, MIA.id, form, {
      "Target date for milestone 2": { date: "2026-07-31" },
      "Why the change?": "The journal's special issue deadline moved",
    });
    expect(ok.errors).toBeUndefined();
    const shown = await eventually(async () => {
      const v = visibleText(current(goals).blocks);
      return v.includes("Recalibrated on") ? v : null;
    });
    expect(shown).toContain("Recalibrated on 9 Jun: The journal's special issue deadline moved");
    expect(shown).toContain("Submit to a journal · by Fri 31 Jul");
    const mentorView = visibleText((await goalsOf(RAJ.id)).blocks);
    expect(mentorView).toContain("Recalibrated on 9 Jun: The journal's special issue deadline moved");
    const revision = await prisma().goalRevision.findFirstOrThrow();
    expect(revision.reason).toBe("The journal's special issue deadline moved");
  });

  it("the mentor marks the last milestone done in the modal: goal achieved, bigger celebration", async () => {
    const goals = await goalsOf(RAJ.id);
    await click(t, RAJ.id, { view: goals }, "Mark done");
    const updated = await eventually(async () => {
      const v = visibleText(current(goals).blocks);
      return v.includes("Achieved") ? v : null;
    });
    expect(updated).toContain("Publish my first paper (9 Jun) · 2 of 2 milestones done");
    expect(buttonsIn(current(goals).blocks)).toEqual([]);
    await t.tandem.jobs.runDue();
    const big = await eventually(async () =>
      t.slackApi.messagesIn(groupDm).find((m) => m.text.startsWith("Goal achieved")),
    );
    expect(visibleText(big.blocks)).toContain(":trophy: Goal achieved!");
    expect(visibleText(big.blocks)).toContain("Mia Santos* achieved *Publish my first paper*");
    const goal = await prisma().goal.findFirstOrThrow({ where: { mentorshipId } });
    expect(goal.status).toBe("ACHIEVED");
  });
  it("someone in two mentorships is asked whose goals first", async () => {
    await seedMentorship(t, RAJ.id, OTTO.id);
    const picker = await goalsOf(RAJ.id);
    const choices = optionsOf(picker, "Which mentorship?");
    expect(choices).toHaveLength(2);
    const mia = choices.find((c) => c.startsWith("Mia Santos (your mentee"));
    if (!mia) throw new Error(`no choice for Mia: ${choices.join(", ")}`);
    const shown = await submitModal(t, RAJ.id, picker, { "Which mentorship?": mia });
    expect(shown.response_action).toBe("update");
    expect(shown.view?.title?.text).toBe("Goals");
    expect(visibleText(shown.view?.blocks)).toContain("Mia Santos's goals");
    expect(visibleText(shown.view?.blocks)).toContain("Publish my first paper");
  });
});
