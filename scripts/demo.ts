// `npm run demo`: the real Tandem app against a local stand-in for the Slack Web API, driven by
// requests signed as Slack signs them. Plays a scenario and prints it as a conversation.
// Nothing here talks to Slack or the internet; the database is an in-memory PGlite.
import { Writable } from "node:stream";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { startTandem } from "../src/server.ts";
import { type Answer, fillModal } from "../test/support/modal-filler.ts";
import { SlackApiStandIn, type StoredView } from "../test/support/slack-api-stand-in.ts";
import { SlackRequestDriver } from "../test/support/slack-signer.ts";
import { buttonsIn, visibleText } from "../test/support/tandem.ts";
import { ana, ben, cohort, coordinator } from "./demo/cast.ts";
import { renderBlocks } from "./demo/render.ts";

const BOT_TOKEN = "xoxb-demo-token";
const SIGNING_SECRET = "demo-signing-secret";
const RESIDENTS_CHANNEL = "C0RESIDENTS";

const say = (who: string, what: string) => console.log(`\n${who} › ${what}`);
const show = (heading: string, blocks: unknown) => {
  console.log(heading);
  console.log(renderBlocks(blocks));
};

let offsetMs = 0;
const slackApi = await SlackApiStandIn.start({ botToken: BOT_TOKEN, teamId: "T0DEMO" });
for (const p of [coordinator, ana, ben, ...cohort]) slackApi.addUser(p);
const logs: string[] = [];
const logSink = new Writable({
  write(chunk, _encoding, done) {
    logs.push(String(chunk));
    done();
  },
});
const tandem = await startTandem(
  loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    PORT: "0",
    DATA_DIR: "memory://",
  }),
  // The demo's clock can jump ahead ("two weeks later"); Tandem reads time only through it.
  { logger: createLogger("info", logSink), now: () => new Date(Date.now() + offsetMs) },
);
const slack = new SlackRequestDriver({
  url: `${tandem.url}/slack/events`,
  signingSecret: SIGNING_SECRET,
  teamId: "T0DEMO",
  responseUrlBase: slackApi.baseUrl,
});

/** Runs `act` and returns the modal it made Tandem open. */
async function modalOpenedBy(act: () => Promise<unknown>): Promise<StoredView> {
  const before = slackApi.calls.length;
  await act();
  const call = await slackApi.waitFor("views.open", (_a, c) => slackApi.calls.indexOf(c) >= before);
  const view = slackApi.viewById((call.response.view as { id: string }).id);
  if (!view) throw new Error("a modal was opened but not kept");
  return view;
}

async function submit(userId: string, view: StoredView, answers: Record<string, Answer>) {
  const res = await slack.viewSubmission(userId, {
    id: view.id,
    callbackId: String(view.callback_id),
    privateMetadata: String(view.private_metadata ?? ""),
    values: fillModal(view, answers),
  });
  return (res.body ? res.json() : {}) as {
    response_action?: string;
    view?: { blocks?: unknown };
    errors?: Record<string, string>;
  };
}

let failed = false;
try {
  console.log("Tandem demo: the real app on an in-memory database, talking to a local stand-in for Slack.");

  // 1. A member asks for help and joins.
  say("Ana Ruiz", "/mentor help");
  show(
    "Tandem (only Ana sees this) ›",
    ((await slack.command(ana.id, "help")).json() as { blocks: unknown }).blocks,
  );

  say("Ana Ruiz", "/mentor join");
  const anaForm = await modalOpenedBy(() => slack.command(ana.id, "join"));
  show(`Tandem › opens the "${(anaForm.title as { text: string }).text}" form:`, anaForm.blocks);
  say("Ana Ruiz", "forgets to say what she wants help with, and clicks [ Join ]");
  const incomplete = await submit(ana.id, anaForm, {
    "How would you like to take part?": "Mentee: I'd like a mentor",
    "Career stage": "Trainee (resident, intern, apprentice)",
  });
  console.log(
    `Tandem › keeps the form open and marks the field: "${Object.values(incomplete.errors ?? {}).join('"; "')}"`,
  );
  say("Ana Ruiz", "adds Research methods and Grant writing, and clicks [ Join ] again");
  const anaJoined = await submit(ana.id, anaForm, {
    "How would you like to take part?": "Mentee: I'd like a mentor",
    "Career stage": "Trainee (resident, intern, apprentice)",
    Department: "Cardiology",
    "Areas you'd like help with": ["Research methods", "Grant writing"],
    "Your goals, in your own words": "Publish my first paper and plan a fellowship application.",
  });
  show("Tandem ›", anaJoined.view?.blocks);

  say("Ben Okafor", "/mentor join mentor, and fills in the form");
  const benForm = await modalOpenedBy(() => slack.command(ben.id, "join mentor"));
  show(
    "Tandem ›",
    (
      await submit(ben.id, benForm, {
        "Career stage": "Senior",
        Department: "Cardiology",
        "Expertise you can share": ["Research methods", "Leadership"],
        "Kinds of mentoring you offer": ["Research", "Career"],
      })
    ).view?.blocks,
  );

  // 2. A coordinator sets up a cohort and announces it.
  say("Dana Whitfield (workspace admin)", "/mentor program new");
  const programForm = await modalOpenedBy(() => slack.command(coordinator.id, "program new"));
  say(
    "Dana Whitfield",
    "fills in the program: Residents 2026, a cohort from 2027-01-04 to 2027-06-30, monthly check-ins",
  );
  const created = await submit(coordinator.id, programForm, {
    Name: "Residents 2026",
    Description: "Every first-year resident gets an attending mentor for the first six months.",
    Kind: "Cohort: fixed start and end dates",
    "Start date": { date: "2027-01-04" },
    "End date": { date: "2027-06-30" },
    "Check-in nudges": "Every month",
    Departments: "Prefer pairs across departments",
  });
  show("Tandem ›", created.view?.blocks);

  say("Dana Whitfield", `/mentor program announce Residents 2026 <#${RESIDENTS_CHANNEL}|residents>`);
  await slack.command(coordinator.id, `program announce Residents 2026 <#${RESIDENTS_CHANNEL}|residents>`);
  const card = await slackApi.waitFor("chat.postMessage", (args) => args.channel === RESIDENTS_CHANNEL);
  show("Tandem › posts in #residents:", card.args.blocks);
  const joinButton = buttonsIn(card.args.blocks).find((b) => b.label === "Join this program");
  if (!joinButton) throw new Error("the join card has no 'Join this program' button");
  const cardMessage = {
    ts: String(card.response.ts),
    channel: RESIDENTS_CHANNEL,
    blocks: card.args.blocks as unknown[],
  };

  // 3. Ten people join from the card.
  console.log("\nTen people click [ Join this program ] on the card and fill in their profiles:");
  for (const p of cohort) {
    const form = await modalOpenedBy(() =>
      slack.blockAction(
        p.id,
        { actionId: joinButton.actionId, blockId: joinButton.blockId, value: joinButton.value },
        { message: cardMessage },
      ),
    );
    const answers: Record<string, Answer> =
      p.role === "MENTEE"
        ? {
            "How would you like to take part?": "Mentee: I'd like a mentor",
            "Career stage": "Trainee (resident, intern, apprentice)",
            "Areas you'd like help with": ["Clinical skills", "Career planning"],
          }
        : {
            "How would you like to take part?": "Mentor: I'd like to help someone grow",
            "Career stage": "Senior",
            "Expertise you can share": ["Clinical skills", "Teaching"],
            "Kinds of mentoring you offer": ["Career", "Technical or clinical"],
            "How many mentees can you take at once?": "2",
          };
    const done = await submit(p.id, form, answers);
    console.log(
      `  ${p.real_name.padEnd(13)} (${p.profile.title}): ${visibleText(done.view?.blocks).split(".")[0]}.`,
    );
  }

  // 4. Finding a mentor: Ana asks, Ben accepts, Tandem introduces them.
  say("Ana Ruiz", "/mentor find");
  const before4 = slackApi.responses.length;
  await slack.command(ana.id, "find");
  const found = await slackApi.waitForResponse(
    (body, r) => slackApi.responses.indexOf(r) >= before4 && /fits? you|No mentor/.test(String(body.text)),
  );
  show("Tandem (only Ana sees this) ›", found.body.blocks);
  const askBen = buttonsIn(found.body.blocks).find((b) => b.label === "Ask Ben Okafor");
  if (!askBen) throw new Error("Ben is not among Ana's suggestions");
  say("Ana Ruiz", "clicks [ Ask Ben Okafor ] and writes a note");
  const askForm = await modalOpenedBy(() =>
    slack.blockAction(
      ana.id,
      { actionId: askBen.actionId, value: askBen.value },
      { message: { ts: "1.5", channel: "C0GENERAL", blocks: found.body.blocks as unknown[] } },
    ),
  );
  show(
    "Tandem ›",
    (await submit(ana.id, askForm, { "A short note": "I'd love help planning my first research project." }))
      .view?.blocks,
  );
  const request = await slackApi.waitFor("chat.postMessage", (args) =>
    visibleText(args.blocks).includes("would like you as their mentor"),
  );
  show("Tandem › DMs Ben:", request.args.blocks);
  const accept = buttonsIn(request.args.blocks).find((b) => b.label === "Accept");
  if (!accept) throw new Error("the request has no Accept button");
  say("Ben Okafor", "clicks [ Accept ]");
  await slack.blockAction(
    ben.id,
    { actionId: accept.actionId, value: accept.value },
    {
      message: {
        ts: String(request.response.ts),
        channel: String(request.args.channel),
        blocks: request.args.blocks as unknown[],
      },
    },
  );
  const intro = await slackApi.waitFor("chat.postMessage", (args) =>
    visibleText(args.blocks).includes("Meet your mentorship partner"),
  );
  show("Tandem › in a group DM with Ana and Ben:", intro.args.blocks);

  // 5. A coordinator matches the whole cohort at once, reviews the draft and publishes it.
  say("Dana Whitfield", "/mentor match Residents 2026");
  await slack.command(coordinator.id, "match Residents 2026");
  const ready = await slackApi.waitFor(
    "chat.postMessage",
    (args) => visibleText(args.blocks).includes("ready to review"),
    20_000,
  );
  show("Tandem › DMs Dana:", ready.args.blocks);
  const reviewButton = buttonsIn(ready.args.blocks).find((b) => b.label === "Review round");
  if (!reviewButton) throw new Error("no Review round button");
  say("Dana Whitfield", "clicks [ Review round ]");
  const reviewModal = await modalOpenedBy(() =>
    slack.blockAction(
      coordinator.id,
      { actionId: reviewButton.actionId, value: reviewButton.value },
      {
        message: {
          ts: String(ready.response.ts),
          channel: String(ready.args.channel),
          blocks: ready.args.blocks as unknown[],
        },
      },
    ),
  );
  show(`Tandem › opens "${(reviewModal.title as { text: string }).text}":`, reviewModal.blocks);
  const publish = buttonsIn(reviewModal.blocks).find((b) => b.label === "Publish round");
  if (!publish) throw new Error("no Publish round button");
  const introsBefore = slackApi
    .callsTo("chat.postMessage")
    .filter((c) => visibleText(c.args.blocks).includes("Meet your mentorship partner")).length;
  say("Dana Whitfield", "clicks [ Publish round ] and confirms");
  await slack.blockAction(
    coordinator.id,
    { actionId: publish.actionId, value: publish.value },
    { view: reviewModal },
  );
  const published = await slackApi.waitFor(
    "chat.postMessage",
    (args) => visibleText(args.blocks).includes("introductions sent"),
    20_000,
  );
  show("Tandem › DMs Dana:", published.args.blocks);
  const intros = slackApi
    .callsTo("chat.postMessage")
    .filter((c) => visibleText(c.args.blocks).includes("Meet your mentorship partner"));
  await tandem.jobs.idle();
  console.log(
    `\nTandem introduced the ${intros.length - introsBefore} pairs of the round in group DMs, each saying why they were matched.`,
  );

  // 6. Two weeks later, Tandem checks in with Ana at a good moment in her own working hours.
  const prisma = tandem.database.prisma;
  const jumpTo = async (at: Date) => {
    offsetMs = Math.max(offsetMs, at.getTime() - Date.now() + 1000);
    await tandem.jobs.runDue();
  };
  const pair = await prisma.mentorship.findFirstOrThrow({
    where: { mentee: { slackUserId: ana.id }, status: "ACTIVE" },
  });
  if (!pair.nextCheckinAt) throw new Error("no check-in planned for Ana and Ben");
  await jumpTo(pair.nextCheckinAt);
  const anaNudge = (
    await prisma.scheduledJob.findMany({ where: { kind: "checkin", status: "PENDING" } })
  ).find((j) => (j.payload as { memberId?: string }).memberId === pair.menteeId);
  if (anaNudge) await jumpTo(anaNudge.dueAt);
  const anaDm = slackApi.dmChannelOf(ana.id);
  const nudge = await slackApi.waitFor(
    "chat.postMessage",
    (args, c) => c.response.channel === anaDm && visibleText(args.blocks).includes("Have you met since"),
  );
  const localTime = new Date(Date.now() + offsetMs).toLocaleString("en-GB", {
    timeZone: ana.tz,
    weekday: "long",
    hour: "2-digit",
    minute: "2-digit",
  });
  console.log(`\n… two weeks later (${localTime} in Madrid) …`);
  show("Tandem › DMs Ana:", nudge.args.blocks);
  const met = buttonsIn(nudge.args.blocks).find((b) => b.label === "We met: log it");
  if (!met) throw new Error("the check-in has no 'We met: log it' button");
  say("Ana Ruiz", "clicks [ We met: log it ]");
  const nudgeMessage = {
    ts: String(nudge.response.ts),
    channel: String(nudge.response.channel),
    blocks: nudge.args.blocks as unknown[],
  };
  const logModal = await modalOpenedBy(() =>
    slack.blockAction(ana.id, { actionId: met.actionId, value: met.value }, { message: nudgeMessage }),
  );
  show(`Tandem › opens "${(logModal.title as { text: string }).text}":`, logModal.blocks);
  say("Ana Ruiz", "keeps today's date, picks 45 minutes, writes two takeaways and saves");
  const updatesBefore = slackApi.callsTo("chat.update").length;
  await submit(ana.id, logModal, {
    "How long?": "45 minutes",
    "Key takeaways": "Draft the research question in one sentence\nAsk Dr. Okafor's lab about data access",
  });
  const logged = await slackApi.waitFor(
    "chat.update",
    (_a, c) => slackApi.callsTo("chat.update").indexOf(c) >= updatesBefore,
  );
  show("Tandem › replaces the check-in:", logged.args.blocks);

  say("Dana Whitfield", "/mentor programs");
  await slack.command(coordinator.id, "programs");
  const list = await slackApi.waitForResponse((body) => String(body.text).includes("mentorship program"));
  show("Tandem (only Dana sees this) ›", list.body.blocks);

  say("Ana Ruiz", "opens Tandem's Home tab");
  const before = slackApi.calls.length;
  await slack.event({ type: "app_home_opened", user: ana.id, channel: "D0ANA", tab: "home" });
  const home = await slackApi.waitFor(
    "views.publish",
    (a, c) => a.user_id === ana.id && slackApi.calls.indexOf(c) >= before,
  );
  show("Tandem › Ana's Home tab:", (home.args.view as { blocks: unknown }).blocks);

  if (slackApi.violations.length) {
    failed = true;
    console.error(`\nSlack would have rejected: ${slackApi.violations.join("; ")}`);
  } else {
    console.log(
      `\nDone: ${slackApi.calls.length} Slack API calls, all accepted by the stand-in's Block Kit checks.`,
    );
  }
} catch (error) {
  failed = true;
  console.error("\nThe demo stopped:", error instanceof Error ? error.message : error);
  console.error(logs.filter((l) => l.includes('"level":50')).join(""));
} finally {
  await tandem.stop();
  await slackApi.stop();
}
process.exit(failed ? 1 : 0);
