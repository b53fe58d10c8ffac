// Session summaries with AI, end to end: the real Tandem over HTTP with OPENAI_API_KEY pointing at
// a local OpenAI-compatible server. Mia (mentee) types notes in the session log and clicks
// "Suggest takeaways and action items": the click is acked before the (slow) model answers, then
// the modal fills in with the AI's suggestions, labelled, everything she typed kept; she edits one
// and saves; Raj reads the takeaways in "Our sessions"; and the coordinator's dashboard counts the
// AI request for the workspace. Without Raj's consent the notes are never sent.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Answer, fillModal } from "../support/modal-filler.ts";
import { OpenAiStandIn } from "../support/openai-stand-in.ts";
import {
  click,
  defaultProgram,
  eventually,
  homeSince,
  seedMentorship,
  shownAnswers,
  type,
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
const ADA = { id: "U0ADA", name: "ada", real_name: "Ada Coordinator", tz: "Europe/London", is_admin: true };
const SUGGEST = "Suggest takeaways and action items";
const SCHEMA = "session_summary";

const NOTES =
  "Raj said the aims page decides the grant.\n" +
  "- Learned that reviewers read the first paragraph most closely\n" +
  "- I will send the aims page to Raj by Friday";

describe("session summaries with AI", () => {
  let t: TestTandem;
  let openai: OpenAiStandIn;
  let pair: string;
  // Thursday 4 June 2026, 10:00 UTC (11:00 in Lisbon).
  const clock = new Date("2026-06-04T10:00:00Z");
  const prisma = () => t.tandem.database.prisma;

  /** Types `answers` into the open session log and clicks "Suggest…"; returns the click's HTTP status. */
  const clickSuggest = async (view: StoredView, answers: Record<string, Answer>) =>
    (await click(t, MIA.id, { view: { ...view, state: { values: fillModal(view, answers) } } }, SUGGEST))
      .status;
  const updated = (view: StoredView) =>
    vi.waitFor(
      () => {
        const now = t.slackApi.viewById(view.id) as StoredView;
        if (now.hash === view.hash) throw new Error("not updated yet");
        return structuredClone(now);
      },
      { timeout: 5000 },
    );

  beforeAll(async () => {
    openai = await OpenAiStandIn.start();
    t = await startTestTandem({ users: [MIA, RAJ, ADA], env: openai.env(), now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE");
    await joinViaModal(t, RAJ.id, "MENTOR");
    const { workspaceId, programId } = await defaultProgram(t);
    await t.tandem.services.members.resolve(workspaceId, ADA.id);
    pair = (await seedMentorship(t, RAJ.id, MIA.id)).id;
    await prisma().mentorship.update({
      where: { id: pair },
      data: { startedAt: new Date("2026-05-01T10:00:00Z") },
    });
    await prisma().program.update({ where: { id: programId }, data: { aiAllowed: true } });
    await prisma().member.updateMany({
      where: { slackUserId: { in: [MIA.id, RAJ.id] } },
      data: { aiOptIn: true },
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

  it("Raj hasn't opted in: the notes stay in Tandem, and the modal says why", async () => {
    await prisma().member.updateMany({ where: { slackUserId: RAJ.id }, data: { aiOptIn: false } });
    const modal = await (await type(t, MIA.id, "log")).modal();
    await clickSuggest(modal, { "Private notes": NOTES });
    const filled = await updated(modal);
    expect(visibleText(filled.blocks)).toContain(
      "*Suggested by Tandem from your notes (no AI: Raj Patel hasn't turned on AI suggestions) — check and edit before saving.*",
    );
    expect(openai.chats).toHaveLength(0);
    await prisma().member.updateMany({ where: { slackUserId: RAJ.id }, data: { aiOptIn: true } });
  });

  it("acks at once, fills the log with the AI's suggestions, labelled; edited and saved, Raj reads them", async () => {
    let release = () => {};
    const thinking = new Promise<void>((resolve) => {
      release = resolve;
    });
    openai.answerOnce(SCHEMA, {
      waitFor: thinking,
      // biome-ignore lint/suspicious/noThenProperty: the stand-in's "answer once released" shape
      then: {
        json: {
          takeaways: ["The aims page decides the grant", "Reviewers read the first paragraph most closely"],
          actionItems: [
            { text: "Send the aims page to [mentor]", owner: "mentee", dueInDays: 1 },
            { text: "Share two funded grants", owner: "mentor", dueInDays: 7 },
          ],
        },
        usage: { prompt: 420, completion: 80 },
      },
    });
    const modal = await (await type(t, MIA.id, "log")).modal();
    const typed = { "How long?": "45 minutes", "Agenda covered": "Grant timeline", "Private notes": NOTES };
    expect(await clickSuggest(modal, typed)).toBe(200);
    // Acked while the model is still thinking: the modal hasn't changed yet.
    await eventually(async () => openai.chatsFor(SCHEMA).length > 0);
    expect(t.slackApi.viewById(modal.id)?.hash).toBe(modal.hash);
    release();
    const filled = await updated(modal);
    expect(visibleText(filled.blocks)).toContain(
      ":sparkles: *Suggested by AI — check and edit before saving.* Added 2 takeaways and 2 action items below.",
    );
    expect(shownAnswers(filled)).toMatchObject({
      "When did you meet?": "2026-06-04",
      "How long?": "45 minutes",
      "Agenda covered": "Grant timeline",
      "Private notes": NOTES,
      "Key takeaways": "The aims page decides the grant\nReviewers read the first paragraph most closely",
      "Action item 1": "Send the aims page to Raj Patel",
      "Who owns item 1?": "Me",
      "Due date for item 1": "2026-06-05",
      "Action item 2": "Share two funded grants",
      "Who owns item 2?": "Raj Patel",
      "Due date for item 2": "2026-06-11",
    });
    // What went out: the notes as data, with roles for names, and no emails or names anywhere.
    const [request] = openai.chatsFor(SCHEMA);
    expect(JSON.stringify(request?.body)).not.toMatch(/Mia|Santos|Raj|Patel/i);
    expect(request?.messages[1]?.content).toContain("[mentor] said the aims page decides the grant");

    const ok = await submitModal(t, MIA.id, filled, {
      "Key takeaways":
        "The aims page decides the whole grant\nReviewers read the first paragraph most closely",
    });
    expect(ok.errors).toBeUndefined();
    const session = await prisma().mentoringSession.findFirstOrThrow({ where: { mentorshipId: pair } });
    expect(session).toMatchObject({
      takeaways: ["The aims page decides the whole grant", "Reviewers read the first paragraph most closely"],
      aiSummaryUsed: true,
    });

    const home = await vi.waitFor(() => {
      const h = t.slackApi.homeOf(RAJ.id);
      if (!h || !visibleText(h.blocks).includes("Share two funded grants"))
        throw new Error("Home not refreshed");
      return h;
    });
    const ours = buttonsIn(home.blocks).find((b) => b.label === "Our sessions");
    const since = Date.now();
    await t.slack.blockAction(
      RAJ.id,
      { actionId: ours?.actionId ?? "", ...(ours?.blockId ? { blockId: ours.blockId } : {}), value: pair },
      { view: home },
    );
    const call = await t.slackApi.waitFor(
      "views.open",
      (args, c) =>
        c.at >= since && (args.view as { title?: { text?: string } }).title?.text === "Our sessions",
    );
    const history = visibleText((call.args.view as { blocks?: unknown }).blocks);
    expect(history).toContain("The aims page decides the whole grant");
    expect(history).toContain("Reviewers read the first paragraph most closely");
  });

  it("the coordinator's dashboard counts the workspace's AI requests and today's tokens", async () => {
    const since = Date.now();
    await t.slack.event({ type: "app_home_opened", user: ADA.id, channel: `D${ADA.id}`, tab: "home" });
    const home = await homeSince(t, ADA.id, since, (text) => text.includes("Program health"));
    expect(home.text).toContain(
      "*AI suggestions* (workspace-wide, 30 days): 1 request, 500 tokens · 0 fell back to local suggestions · " +
        "Session summaries 1 · today 500 of 200,000 tokens (0%).",
    );
  });
});
