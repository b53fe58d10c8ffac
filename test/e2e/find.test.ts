// /mentor find → ask → the mentor accepts → the pair is introduced; declines are kind; an
// unanswered request moves to the next choice after three days.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buttonsIn,
  joinViaModal,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
  waitForModal,
} from "../support/tandem.ts";

const MENTEE = {
  id: "U0MIA",
  name: "mia",
  real_name: "Mia Santos",
  tz: "Europe/Lisbon",
  profile: { title: "PhD student" },
};
const MENTORS = [
  {
    id: "U0RAJ",
    name: "raj",
    real_name: "Raj Patel",
    tz: "Europe/London",
    profile: { title: "Professor of cardiology" },
  },
  {
    id: "U0EVA",
    name: "eva",
    real_name: "Eva Novak",
    tz: "Europe/Prague",
    profile: { title: "Research lead" },
  },
  {
    id: "U0KAI",
    name: "kai",
    real_name: "Kai Tanaka",
    tz: "Asia/Tokyo",
    profile: { title: "Staff engineer" },
  },
];

describe("/mentor find and requests", () => {
  let t: TestTandem;
  let clock = new Date("2026-06-01T10:00:00Z");
  beforeAll(async () => {
    t = await startTestTandem({ users: [MENTEE, ...MENTORS], now: () => clock });
    await joinViaModal(t, "U0MIA", "MENTEE", {
      "Areas you'd like help with": ["Research methods", "Grant writing"],
      Department: "Cardiology",
    });
    await joinViaModal(t, "U0RAJ", "MENTOR", {
      "Expertise you can share": ["Research methods", "Grant writing"],
      Department: "Surgery",
    });
    await joinViaModal(t, "U0EVA", "MENTOR", {
      "Expertise you can share": ["Research methods"],
      Department: "Oncology",
    });
    // Kai works in Tokyo: too little shared working time with Lisbon, so never suggested.
    await joinViaModal(t, "U0KAI", "MENTOR", {
      "Expertise you can share": ["Research methods", "Grant writing"],
    });
  });
  afterAll(async () => t.stop());

  /** Runs /mentor find and returns the reply to this very command (it names the query it answers). */
  async function findFor(userId: string, text = "") {
    const before = t.slackApi.responses.length;
    await t.slack.command(userId, `find ${text}`.trim());
    const answers = (body: Record<string, unknown>) => {
      const shown = visibleText(body.blocks);
      return text
        ? shown.includes(`Mentors for "${text}"`) || shown.includes(`offers "${text}"`)
        : shown.includes("Mentors who fit you") || shown.startsWith("No mentor with free places fits you");
    };
    return t.slackApi.waitForResponse(
      (body, response) => t.slackApi.responses.indexOf(response) >= before && answers(body),
    );
  }

  it("lists fitting mentors best first, with reasons and free places, and leaves out who can't fit", async () => {
    const reply = await findFor("U0MIA");
    const text = visibleText(reply.body.blocks);
    expect(text.indexOf("Raj Patel")).toBeLessThan(text.indexOf("Eva Novak"));
    expect(text).toContain("both in research methods and grant writing");
    expect(text).toContain("h working overlap");
    expect(text).toMatch(/2 of 2 places free/);
    expect(text).not.toContain("Kai Tanaka");
    expect(buttonsIn(reply.body.blocks).map((b) => b.label)).toEqual(["Ask Raj Patel", "Ask Eva Novak"]);
  });

  it("filters by topic, and says so plainly when no one offers it", async () => {
    const grants = visibleText((await findFor("U0MIA", "grant")).body.blocks);
    expect(grants).toContain("Raj Patel");
    expect(grants).not.toContain("Eva Novak");
    const none = await findFor("U0MIA", "astrophysics");
    expect(String(none.body.text)).toContain('No mentor with free places offers "astrophysics"');
  });

  it("a mentor can't look for a mentor", async () => {
    await t.slack.command("U0RAJ", "find");
    const reply = await t.slackApi.waitForResponse((body) =>
      String(body.text).includes("You take part as a mentor"),
    );
    expect(reply.body.response_type).toBe("ephemeral");
  });

  it("asking sends the mentor a DM within seconds, with the mentee's goals and Accept / Decline", async () => {
    const reply = await findFor("U0MIA");
    const ask = buttonsIn(reply.body.blocks).find((b) => b.label === "Ask Raj Patel");
    if (!ask) throw new Error("no Ask Raj Patel button");
    const since = Date.now();
    await t.slack.blockAction(
      "U0MIA",
      { actionId: ask.actionId, value: ask.value },
      { message: { ts: "1.2", channel: "C0X", blocks: reply.body.blocks as unknown[], isEphemeral: true } },
    );
    const modal = await waitForModal(t, "Ask a mentor", since);
    const ack = await submitModal(t, "U0MIA", modal, {
      "A short note": "I loved your talk on trial design.",
    });
    expect(visibleText(ack.view?.blocks)).toContain("Tandem has asked *Raj Patel*");
    const dm = await t.slackApi.waitFor("chat.postMessage", (args) =>
      visibleText(args.blocks).includes("would like you as their mentor"),
    );
    expect(dm.response.channel).toBe(t.slackApi.dmChannelOf("U0RAJ"));
    const text = visibleText(dm.args.blocks);
    expect(text).toContain("*Mia Santos* would like you as their mentor");
    expect(text).toContain("I loved your talk on trial design.");
    expect(text).toContain("Research methods, Grant writing");
    expect(buttonsIn(dm.args.blocks).map((b) => b.label)).toEqual(["Accept", "Decline"]);
  });

  it("the same mentor can't be asked twice while a request waits", async () => {
    const text = visibleText((await findFor("U0MIA")).body.blocks);
    expect(text).not.toContain("Raj Patel");
  });

  it("accepting starts the mentorship and introduces the pair in a group DM with the reasons", async () => {
    const dm = await t.slackApi.waitFor("chat.postMessage", (args) =>
      visibleText(args.blocks).includes("would like you as their mentor"),
    );
    const accept = buttonsIn(dm.args.blocks).find((b) => b.label === "Accept");
    if (!accept) throw new Error("no Accept button");
    await t.slack.blockAction(
      "U0RAJ",
      { actionId: accept.actionId, value: accept.value },
      {
        message: {
          ts: String(dm.response.ts),
          channel: String(dm.response.channel),
          blocks: dm.args.blocks as unknown[],
        },
      },
    );
    const intro = await t.slackApi.waitFor("chat.postMessage", (args) =>
      visibleText(args.blocks).includes("Meet your mentorship partner"),
    );
    const open = t.slackApi
      .callsTo("conversations.open")
      .find((c) => String(c.args.users).split(",").sort().join() === "U0MIA,U0RAJ");
    if (!open) throw new Error("no group DM was opened for the pair");
    const groupId = (open.response.channel as { id: string }).id;
    expect(intro.args.channel).toBe(groupId);
    const text = visibleText(intro.args.blocks);
    expect(text).toContain("<@U0RAJ>, meet <@U0MIA>!");
    expect(text).toContain("Why you were matched:");
    expect(text).toContain("kick-off conversation");
    const reply = await t.slackApi.waitForResponse((body) => String(body.text).includes("You accepted"));
    expect(reply.body.replace_original).toBe(true);
    await t.tandem.jobs.idle();
    const row = await t.tandem.database.prisma.mentorship.findFirstOrThrow({
      where: { mentor: { slackUserId: "U0RAJ" } },
    });
    expect(row).toMatchObject({
      status: "ACTIVE",
      introChannelId: groupId,
    });
  });

  it("a mentor who declines picks a kind reason; the mentee is told and offered other mentors", async () => {
    t.slackApi.addUser({ id: "U0LEO", name: "leo", real_name: "Leo Brandt", tz: "Europe/Berlin" });
    await joinViaModal(t, "U0LEO", "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    const reply = await findFor("U0LEO");
    const ask = buttonsIn(reply.body.blocks).find((b) => b.label === "Ask Eva Novak");
    if (!ask) throw new Error(`no Ask Eva Novak button: ${visibleText(reply.body.blocks)}`);
    const since = Date.now();
    await t.slack.blockAction(
      "U0LEO",
      { actionId: ask.actionId, value: ask.value },
      { message: { ts: "1.3", channel: "C0X", blocks: reply.body.blocks as unknown[] } },
    );
    await submitModal(t, "U0LEO", await waitForModal(t, "Ask a mentor", since), {});
    const dm = await t.slackApi.waitFor("chat.postMessage", (args) =>
      visibleText(args.blocks).includes("*Leo Brandt* would like you"),
    );
    const decline = buttonsIn(dm.args.blocks).find((b) => b.label === "Decline");
    if (!decline) throw new Error("no Decline button");
    const since2 = Date.now();
    await t.slack.blockAction(
      "U0EVA",
      { actionId: decline.actionId, value: decline.value },
      {
        message: {
          ts: String(dm.response.ts),
          channel: String(dm.response.channel),
          blocks: dm.args.blocks as unknown[],
        },
      },
    );
    const modal = await waitForModal(t, "Decline request", since2);
    const noReason = await submitModal(t, "U0EVA", modal, {});
    expect(Object.values(noReason.errors ?? {})).toEqual(["Choose a reason; the mentee sees it."]);
    await submitModal(t, "U0EVA", modal, {
      Reason: "My plate is full right now",
      "A note for them": "Try Raj, he's great.",
    });
    const told = await t.slackApi.waitFor(
      "chat.postMessage",
      (args, c) =>
        c.response.channel === t.slackApi.dmChannelOf("U0LEO") &&
        visibleText(args.blocks).includes("can't be your mentor"),
    );
    const text = visibleText(told.args.blocks);
    expect(text).toContain("(my plate is full right now)");
    expect(text).toContain("Try Raj, he's great.");
    expect(buttonsIn(told.args.blocks).map((b) => b.label)).toEqual(["See other mentors"]);
  });

  it("an unanswered request moves to the next choice after three days, and both people are told", async () => {
    t.slackApi.addUser({ id: "U0ZIA", name: "zia", real_name: "Zia Khan", tz: "Europe/Paris" });
    t.slackApi.addUser({ id: "U0OLA", name: "ola", real_name: "Ola Berg", tz: "Europe/Oslo" });
    await joinViaModal(t, "U0OLA", "MENTOR", {
      "Expertise you can share": ["Grant writing", "Research methods"],
    });
    await joinViaModal(t, "U0ZIA", "MENTEE", { "Areas you'd like help with": ["Grant writing"] });
    const reply = await findFor("U0ZIA");
    const first = buttonsIn(reply.body.blocks)[0];
    if (!first) throw new Error("no suggestions");
    const firstName = first.label.replace("Ask ", "");
    const since = Date.now();
    await t.slack.blockAction(
      "U0ZIA",
      { actionId: first.actionId, value: first.value },
      { message: { ts: "1.4", channel: "C0X", blocks: reply.body.blocks as unknown[] } },
    );
    await submitModal(t, "U0ZIA", await waitForModal(t, "Ask a mentor", since), {});
    await t.tandem.jobs.idle();

    clock = new Date(clock.getTime() + 3 * 24 * 60 * 60 * 1000 + 60_000);
    await t.tandem.jobs.runDue();
    const toMentee = await t.slackApi.waitFor(
      "chat.postMessage",
      (args, c) =>
        c.response.channel === t.slackApi.dmChannelOf("U0ZIA") &&
        visibleText(args.blocks).includes("didn't answer"),
    );
    expect(visibleText(toMentee.args.blocks)).toContain(
      `*${firstName}* didn't answer your request within 3 days. Tandem has asked your next choice`,
    );
    const requests = await t.tandem.database.prisma.mentorship.findMany({
      where: { mentee: { slackUserId: "U0ZIA" } },
      orderBy: { createdAt: "asc" },
    });
    expect(requests.map((r) => [r.status, r.requestRank])).toEqual([
      ["CANCELLED", 1],
      ["REQUESTED", 2],
    ]);
    expect(t.slackApi.violations).toEqual([]);
  });
});

describe("/mentor find and what people wrote", () => {
  const LEA = { id: "U0LEA", name: "lea", real_name: "Lea Moreau", tz: "Europe/Paris" };
  // Same tags, stage, kinds and hours: only their job titles differ. Dan joins first, so on a tie
  // he would be listed first.
  const DAN = {
    id: "U0DAN",
    name: "dan",
    real_name: "Dan Weiss",
    tz: "Europe/Paris",
    profile: { title: "Head of estates and facilities" },
  };
  const BEN = {
    id: "U0BEN",
    name: "ben",
    real_name: "Ben Okafor",
    tz: "Europe/Paris",
    profile: { title: "Consultant in oncology clinical trials" },
  };
  let t: TestTandem;
  beforeAll(async () => {
    t = await startTestTandem({ users: [LEA, DAN, BEN] });
    await joinViaModal(t, DAN.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    await joinViaModal(t, BEN.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    await joinViaModal(t, LEA.id, "MENTEE", {
      "Areas you'd like help with": ["Research methods"],
      "Your goals, in your own words": "Design and run my first oncology clinical trial.",
    });
  });
  afterAll(async () => t.stop());

  it("ranks the mentor whose expertise reads closer to the mentee's goals first, and says why (no AI)", async () => {
    await t.slack.command(LEA.id, "find");
    const reply = await t.slackApi.waitForResponse((body) =>
      visibleText(body.blocks).includes("Mentors who fit you"),
    );
    const text = visibleText(reply.body.blocks);
    expect(text.indexOf("Ben Okafor")).toBeGreaterThan(-1);
    expect(text.indexOf("Ben Okafor")).toBeLessThan(text.indexOf("Dan Weiss"));
    expect(text).toContain("similar goals and expertise (oncology, clinical)");
    expect(buttonsIn(reply.body.blocks).map((b) => b.label)).toEqual(["Ask Ben Okafor", "Ask Dan Weiss"]);
  });
});
