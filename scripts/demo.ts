// `npm run demo`: the real Tandem app against a local stand-in for the Slack Web API, driven by
// requests signed as Slack signs them. Plays a scenario and prints it as a conversation: people
// join, a coordinator runs a cohort, and one mentorship is followed from the request through its
// kick-off agreement, goals, sessions, feedback and milestones to its first periodic review.
// Nothing here talks to Slack or the internet; the database is an in-memory PGlite.
import { Writable } from "node:stream";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { startTandem } from "../src/server.ts";
import type { Answer } from "../test/support/modal-filler.ts";
import { SlackApiStandIn } from "../test/support/slack-api-stand-in.ts";
import { SlackRequestDriver } from "../test/support/slack-signer.ts";
import { buttonsIn, visibleText } from "../test/support/tandem.ts";
import {
  beforeNextSession,
  feedbackOnSession,
  homeAndJournal,
  kickOff,
  logFirstSession,
  periodicReview,
  secondSession,
} from "./demo/arc.ts";
import { ana, ben, cohort, coordinator } from "./demo/cast.ts";
import { letterOfRecommendation } from "./demo/letter.ts";
import { setNames } from "./demo/render.ts";
import { DemoClock, messageOf, narrate, Stage, say, show, titleOf } from "./demo/stage.ts";

const BOT_TOKEN = "xoxb-demo-token";
const SIGNING_SECRET = "demo-signing-secret";
const RESIDENTS_CHANNEL = "C0RESIDENTS";

const slackApi = await SlackApiStandIn.start({ botToken: BOT_TOKEN, teamId: "T0DEMO" });
for (const p of [coordinator, ana, ben, ...cohort]) slackApi.addUser(p);
setNames(Object.fromEntries([coordinator, ana, ben, ...cohort].map((p) => [p.id, p.real_name])));
const logs: string[] = [];
const logSink = new Writable({
  write(chunk, _encoding, done) {
    logs.push(String(chunk));
    done();
  },
});
// The demo's clock can jump ahead ("two weeks later"); Tandem reads time only through it.
const clock = new DemoClock();
const tandem = await startTandem(
  loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    PORT: "0",
    DATA_DIR: "memory://",
  }),
  { logger: createLogger("info", logSink), now: clock.now },
);
const slack = new SlackRequestDriver({
  url: `${tandem.url}/slack/events`,
  signingSecret: SIGNING_SECRET,
  teamId: "T0DEMO",
  responseUrlBase: slackApi.baseUrl,
});
const stage = new Stage(slackApi, slack, tandem, clock);
const modalOpenedBy = (act: () => Promise<unknown>) => stage.modalOpenedBy(act);
const submit = (userId: string, view: Parameters<Stage["submit"]>[1], answers: Record<string, Answer>) =>
  stage.submit(userId, view, answers, { refusalExpected: true });

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
  show(`Tandem › opens the "${titleOf(anaForm)}" form:`, anaForm.blocks);
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
  say("Ana Ruiz", "clicks [ Ask Ben Okafor ] and writes a note");
  // The suggestions are an ephemeral reply in the channel where Ana typed the command.
  const suggestions = { ts: "1.5", channel: "C0GENERAL", text: "", blocks: found.body.blocks as unknown[] };
  const askForm = await modalOpenedBy(() => stage.click(ana.id, { message: suggestions }, "Ask Ben Okafor"));
  show(
    "Tandem ›",
    (await submit(ana.id, askForm, { "A short note": "I'd love help planning my first research project." }))
      .view?.blocks,
  );
  const request = await slackApi.waitFor("chat.postMessage", (args) =>
    visibleText(args.blocks).includes("would like you as their mentor"),
  );
  show("Tandem › DMs Ben:", request.args.blocks);
  say("Ben Okafor", "clicks [ Accept ]");
  await stage.click(ben.id, { message: messageOf(request) }, "Accept");
  const intro = await slackApi.waitFor("chat.postMessage", (args) =>
    visibleText(args.blocks).includes("Meet your mentorship partner"),
  );
  show("Tandem › in a group DM with Ana and Ben:", intro.args.blocks);

  // 5. They write down how they'll work together, and Ana sets her first goal.
  const plan = await kickOff(stage, messageOf(intro));

  // 6. A coordinator matches the whole cohort at once, reviews the draft and publishes it.
  say("Dana Whitfield", "/mentor match Residents 2026");
  await slack.command(coordinator.id, "match Residents 2026");
  const ready = await slackApi.waitFor(
    "chat.postMessage",
    (args) => visibleText(args.blocks).includes("ready to review"),
    20_000,
  );
  show("Tandem › DMs Dana:", ready.args.blocks);
  say("Dana Whitfield", "clicks [ Review round ]");
  const reviewModal = await modalOpenedBy(() =>
    stage.click(coordinator.id, { message: messageOf(ready) }, "Review round"),
  );
  show(`Tandem › opens "${titleOf(reviewModal)}":`, reviewModal.blocks);
  const introMark = stage.mark();
  say("Dana Whitfield", "clicks [ Publish round ] and confirms");
  await stage.click(coordinator.id, { view: reviewModal }, "Publish round");
  const published = await slackApi.waitFor(
    "chat.postMessage",
    (args) => visibleText(args.blocks).includes("introductions sent"),
    20_000,
  );
  show("Tandem › DMs Dana:", published.args.blocks);
  await tandem.jobs.runDue();
  const intros = slackApi.calls
    .slice(introMark)
    .filter(
      (c) =>
        c.method === "chat.postMessage" &&
        visibleText(c.args.blocks).includes("Meet your mentorship partner"),
    );
  console.log(
    `\nTandem introduced the ${intros.length} pairs of the round in group DMs, each saying why they were matched.`,
  );

  say("Dana Whitfield", "/mentor programs");
  await slack.command(coordinator.id, "programs");
  const list = await slackApi.waitForResponse((body) => String(body.text).includes("mentorship program"));
  show("Tandem (only Dana sees this) ›", list.body.blocks);

  // 7. Two weeks later, Tandem checks in with Ana at a good moment in her own working hours.
  const prisma = tandem.database.prisma;
  const pair = await prisma.mentorship.findFirstOrThrow({
    where: { mentee: { slackUserId: ana.id }, status: "ACTIVE" },
    include: { program: true },
  });
  const nudge = await stage.untilDm(ana.id, "Have you met since", 21);
  narrate(`two weeks later (${stage.localTime(ana.tz)} in Madrid)`);
  show("Tandem › DMs Ana:", nudge.blocks);
  say("Ana Ruiz", "clicks [ We met: log it ]");
  const logModal = await modalOpenedBy(() => stage.click(ana.id, { message: nudge }, "We met: log it"));
  show(`Tandem › opens "${titleOf(logModal)}":`, logModal.blocks);
  await logFirstSession(stage, plan, logModal, nudge);

  // 8. Feedback on that session; the agenda before the next one; the action item's due date.
  await feedbackOnSession(stage);
  await beforeNextSession(stage);

  // 9. The second session, and the first milestone reached.
  await secondSession(stage, plan);

  // 10. The periodic review, every few weeks of the program (12 by default).
  await periodicReview(stage, plan, pair.program.reviewEveryWeeks);

  // 11. Ana asks Ben for a letter of recommendation; the reminder, the submission, her thanks.
  await letterOfRecommendation(stage);

  // 12. What Ana sees at the end: her Home tab and her journal.
  await homeAndJournal(stage);

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
