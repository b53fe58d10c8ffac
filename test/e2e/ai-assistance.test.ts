// The whole AI consent journey, end to end: the real Tandem over signed HTTP with its AI pointed at
// a local OpenAI-compatible server. A coordinator allows AI in the program modal; the mentee and the
// mentor each turn it on in their own profile modal. The scheduler's reflection prompt then reaches
// the mentee tailored by AI and labelled, and what went out names nobody. The mentor turns AI off:
// the next prompt is the library's, the session summary stays local and says why, and nothing goes
// out. The workspace's small daily budget runs out after one suggestion and comes back the next UTC
// day. The coordinator's dashboard counts the requests made.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Answer, fillModal } from "../support/modal-filler.ts";
import { OpenAiStandIn } from "../support/openai-stand-in.ts";
import {
  click,
  defaultProgram,
  dmsTo,
  eventually,
  homeSince,
  requireMember,
  shownAnswers,
  type,
  waitForDm,
} from "../support/person.ts";
import type { StoredMessage, StoredView } from "../support/slack-api-stand-in.ts";
import {
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
} from "../support/tandem.ts";

const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/New_York" };
const ADA = { id: "U0ADA", name: "ada", real_name: "Ada Coordinator", tz: "Europe/London", is_admin: true };

const AI_ON = "Turn on AI suggestions for me";
const TAILORED = "A question tailored by AI from your goals and last takeaways.";
const REFLECTION = "A question to reflect on";
const NUDGE = "Have you met since the last check-in?";
/** Small enough that one big suggestion spends most of a day. */
const BUDGET = 4000;
/** What may never travel to the model: the pair's names and their Slack emails. */
const PERSONAL = /Mia|Santos|Raj|Patel|tandem\.example/i;

describe("AI assistance, from consent to budget", () => {
  let t: TestTandem;
  let openai: OpenAiStandIn;
  // Monday 1 June 2026, 10:00 UTC: 11:00 in Lisbon.
  let clock = new Date("2026-06-01T10:00:00Z");
  const prisma = () => t.tandem.database.prisma;

  /** Moves the clock once the jobs a click started have finished, then runs what is due. */
  const at = async (iso: string) => {
    await t.tandem.jobs.idle();
    clock = new Date(iso);
    await t.tandem.jobs.runDue();
  };
  const dmsWith = (userId: string, phrase: string): StoredMessage[] =>
    dmsTo(t, userId).filter((m) => `${m.text}\n${visibleText(m.blocks)}`.includes(phrase));
  /** The `count`-th DM to the person with this phrase, once it has arrived. */
  const nthDm = (userId: string, phrase: string, count: number) =>
    eventually(async () => {
      const found = dmsWith(userId, phrase);
      return found.length >= count ? found[count - 1] : undefined;
    });

  /** Opens the person's profile modal, sets the AI checkbox, saves. */
  const setAiInProfile = async (userId: string, on: boolean) => {
    const modal = await (await type(t, userId, "profile")).modal();
    expect(modal.title).toMatchObject({ text: "Your profile" });
    const ack = await submitModal(t, userId, modal, { "AI suggestions": on ? [AI_ON] : [] });
    expect(ack.errors).toBeUndefined();
    const again = await (await type(t, userId, "profile")).modal();
    expect(shownAnswers(again)["AI suggestions"]).toEqual(on ? [AI_ON] : []);
  };

  /** The goal form, pushed on top of Mia's goals modal. */
  const openGoalForm = async (): Promise<StoredView> => {
    const goals = await (await type(t, MIA.id, "goals")).modal();
    const add = await click(t, MIA.id, { view: goals }, "Add a goal");
    const call = await t.slackApi.waitFor(
      "views.push",
      (args, c) => args.trigger_id === add.triggerId && c.status === 200,
    );
    const form = t.slackApi.viewById((call.response.view as { id: string }).id);
    if (!form) throw new Error("goal form not kept");
    return form;
  };

  /** Types `answers` into a modal, clicks `label` in it, and returns the modal once redrawn. */
  const typeAndClick = async (
    userId: string,
    view: StoredView,
    answers: Record<string, Answer>,
    label: string,
  ): Promise<StoredView> => {
    const hash = view.hash;
    const typed = { ...view, state: { values: fillModal(view, answers) } };
    expect((await click(t, userId, { view: typed }, label)).status).toBe(200);
    return eventually(async () => {
      const now = t.slackApi.viewById(view.id);
      return now && now.hash !== hash ? structuredClone(now) : undefined;
    });
  };

  beforeAll(async () => {
    openai = await OpenAiStandIn.start();
    t = await startTestTandem({
      users: [MIA, RAJ, ADA],
      env: openai.env({ AI_DAILY_TOKEN_BUDGET: String(BUDGET) }),
      now: () => clock,
    });
  });
  afterEach(() => {
    expect(t.slackApi.violations).toEqual([]);
    expect(openai.unexpected).toEqual([]);
  });
  afterAll(async () => {
    await t?.stop();
    await openai?.stop();
  });

  it("the coordinator allows AI in the program; mentee and mentor each turn it on in their profile", async () => {
    const program = await (await type(t, ADA.id, "program edit Open mentoring")).modal();
    expect(program.title).toMatchObject({ text: "Edit program" });
    expect(shownAnswers(program)["AI assistance"]).toEqual([]);
    const saved = await submitModal(t, ADA.id, program, {
      "AI assistance": ["Allow optional AI suggestions in this program"],
    });
    expect(saved.errors).toBeUndefined();
    expect(saved.view?.title?.text).toBe("Program saved");
    const reopened = await (await type(t, ADA.id, "program edit Open mentoring")).modal();
    expect(shownAnswers(reopened)["AI assistance"]).toEqual([
      "Allow optional AI suggestions in this program",
    ]);

    // Mia turns it on as she joins; Raj joins first and turns it on in his profile afterwards.
    await joinViaModal(t, MIA.id, "MENTEE", {
      "Areas you'd like help with": ["Research methods"],
      "AI suggestions": [AI_ON],
    });
    await joinViaModal(t, RAJ.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    const rajJoined = await (await type(t, RAJ.id, "profile")).modal();
    expect(shownAnswers(rajJoined)["AI suggestions"]).toEqual([]);
    await setAiInProfile(RAJ.id, true);
    const miaNow = await (await type(t, MIA.id, "profile")).modal();
    expect(shownAnswers(miaNow)["AI suggestions"]).toEqual([AI_ON]);

    // The pair starts (matching is another file's journey).
    const { workspaceId, programId } = await defaultProgram(t);
    const raj = await requireMember(t, RAJ.id);
    await t.tandem.services.matching.request(workspaceId, MIA.id, raj.id, programId, "Hello!");
    const m = await prisma().mentorship.findFirstOrThrow({ where: { status: "REQUESTED" } });
    await t.tandem.services.matching.respond(workspaceId, RAJ.id, m.id, { accept: true });
    await t.tandem.jobs.runDue();
    // Semantic matching embedded both profiles (both opted in), and only their profile text.
    expect(openai.embeddings.flatMap((e) => e.input).sort()).toEqual([
      "Can help with: Research methods.",
      "Wants help with: Research methods.",
    ]);
  });

  it("with both opted in, the reflection prompt after a check-in is tailored by AI, labelled, and names nobody", async () => {
    // Mia's goal and the pair's takeaways both mention the two of them.
    const form = await openGoalForm();
    const goal = await submitModal(t, MIA.id, form, {
      Goal: "Present my aims page to Raj Patel at lab meeting",
      "Kind of goal": "Personal growth",
      "Milestone 1": "Send the slides to mia@tandem.example for a dry run",
    });
    expect(goal.errors).toBeUndefined();
    const log = await (await type(t, RAJ.id, "log")).modal();
    const logged = await submitModal(t, RAJ.id, log, {
      "How long?": "45 minutes",
      "Key takeaways": "Mia Santos presents best with a story first\nMail drafts to raj@tandem.example",
    });
    expect(logged.errors).toBeUndefined();

    const question =
      "What would make your next presentation of the aims page feel like a story you enjoy telling?";
    openai.answerOnce("reflection_prompt", { json: { question }, usage: { prompt: 300, completion: 20 } });
    // The check-in nudge two weeks after the start (11:00 in Lisbon), the reflection two days later.
    await at("2026-06-15T10:00:30Z");
    await waitForDm(t, MIA.id, NUDGE);
    expect(dmsWith(MIA.id, REFLECTION)).toHaveLength(0);
    await at("2026-06-17T10:00:30Z");
    const prompt = await nthDm(MIA.id, REFLECTION, 1);
    const text = visibleText(prompt.blocks);
    expect(text).toContain(question);
    expect(text).toContain(TAILORED);
    expect(prompt.text).toBe(`${REFLECTION}: ${question}`);

    const [request, ...more] = openai.chatsFor("reflection_prompt");
    expect(more).toEqual([]);
    expect(JSON.stringify(request?.body)).not.toMatch(PERSONAL);
    // The goal and takeaways did go, as data, with the people in them left out.
    const data = request?.messages.find((msg) => msg.role === "user")?.content ?? "";
    expect(JSON.parse(data)).toEqual({
      audience: "mentee",
      menteeGoals: ["Present my aims page to [name] at lab meeting"],
      lastTakeaways: ["[name] presents best with a story first", "Mail drafts to [email]"],
    });
  });

  it("the mentor turns AI off: the next prompt is the library's, and the session summary stays local, saying why", async () => {
    await setAiInProfile(RAJ.id, false);
    const sentBefore = openai.chats.length;
    const embeddedBefore = openai.embeddings.length;

    // The next cycle's nudge, then its reflection.
    await at("2026-06-29T10:00:30Z");
    await nthDm(MIA.id, NUDGE, 2);
    await at("2026-07-01T10:00:30Z");
    const prompt = await nthDm(MIA.id, REFLECTION, 2);
    expect(visibleText(prompt.blocks)).not.toContain(TAILORED);
    expect(visibleText(prompt.blocks)).toContain("Write my reflection");
    expect(openai.chatsFor("reflection_prompt")).toHaveLength(1);

    const log = await (await type(t, MIA.id, "log")).modal();
    const filled = await typeAndClick(
      MIA.id,
      log,
      {
        "Private notes":
          "Raj Patel said the story goes first.\n- I will send the slides to raj@tandem.example by Friday",
      },
      "Suggest takeaways and action items",
    );
    expect(visibleText(filled.blocks)).toContain(
      "Suggested by Tandem from your notes (no AI: Raj Patel hasn't turned on AI suggestions) — check and edit before saving.",
    );
    expect(shownAnswers(filled)["Action item 1"]).toMatch(/send the slides/i);
    expect(openai.chatsFor("session_summary")).toHaveLength(0);
    expect(openai.chats.slice(sentBefore)).toEqual([]);
    expect(openai.embeddings).toHaveLength(embeddedBefore);
  });

  it("the daily budget: after one big suggestion the next falls back saying so; the next UTC day AI is back", async () => {
    const VAGUE = { Goal: "get better at presenting", "Why it matters": "I freeze in lab meetings" };
    const milestones = (title: string) => ({
      json: {
        milestones: [
          {
            title: `${title}: agree 3 signs of a good talk with your mentor`,
            weeksFromNow: 2,
            dueDate: null,
          },
          { title: `${title}: give a 5-minute update at lab meeting`, weeksFromNow: 6, dueDate: null },
        ],
      },
    });
    // Thursday 2 July, 11:00 in Lisbon.
    await at("2026-07-02T10:00:00Z");
    openai.answerOnce("goal_milestones", {
      ...milestones("First"),
      usage: { prompt: 3500, completion: 200 },
    });
    const first = await typeAndClick(MIA.id, await openGoalForm(), VAGUE, "Suggest milestones");
    expect(visibleText(first.blocks)).toContain("Suggested by AI — edit or clear any of them before saving.");
    expect(shownAnswers(first)["Milestone 1"]).toBe("First: agree 3 signs of a good talk with your mentor");

    const spent = await typeAndClick(MIA.id, await openGoalForm(), VAGUE, "Suggest milestones");
    expect(visibleText(spent.blocks)).toContain(
      "Suggested by Tandem (no AI: today's AI budget is spent) — edit or clear any of them.",
    );
    expect(shownAnswers(spent)["Milestone 1"]).toMatch(
      /^Define what done looks like for “get better at presenting”/,
    );
    expect(openai.chatsFor("goal_milestones")).toHaveLength(1);

    // 23:30 UTC is already Friday in Lisbon, but the budget's day is the UTC day: still spent.
    await at("2026-07-02T23:30:00Z");
    const stillSpent = await typeAndClick(MIA.id, await openGoalForm(), VAGUE, "Suggest milestones");
    expect(visibleText(stillSpent.blocks)).toContain("(no AI: today's AI budget is spent)");
    expect(openai.chatsFor("goal_milestones")).toHaveLength(1);

    // Friday 3 July in UTC: a new day, a new budget.
    await at("2026-07-03T00:05:00Z");
    openai.answerOnce("goal_milestones", { ...milestones("Again"), usage: { prompt: 600, completion: 150 } });
    const back = await typeAndClick(MIA.id, await openGoalForm(), VAGUE, "Suggest milestones");
    expect(visibleText(back.blocks)).toContain("Suggested by AI — edit or clear any of them before saving.");
    expect(shownAnswers(back)["Milestone 1"]).toBe("Again: agree 3 signs of a good talk with your mentor");
    expect(openai.chatsFor("goal_milestones")).toHaveLength(2);
    for (const request of openai.chats) expect(JSON.stringify(request.body)).not.toMatch(PERSONAL);
  });

  it("the coordinator's dashboard shows the AI requests made and today's share of the budget", async () => {
    await t.tandem.jobs.idle();
    const since = Date.now();
    await t.slack.event({ type: "app_home_opened", user: ADA.id, channel: `D${ADA.id}`, tab: "home" });
    const home = await homeSince(t, ADA.id, since, (text) => text.includes("Program health"));
    expect(home.text).toContain(
      "*AI suggestions* (workspace-wide, 30 days): 3 requests, 4,770 tokens · 2 fell back to local suggestions · " +
        "Goal coaching 2 (2 fell back), Reflection prompts 1 · today 750 of 4,000 tokens (19%).",
    );
  });
});
