// `npm run demo`: the real Tandem app against a local stand-in for the Slack Web API, driven by
// requests signed as Slack signs them. Plays a short scenario and prints it as a conversation.
// Nothing here talks to Slack or the internet; the database is an in-memory PGlite.
import { Writable } from "node:stream";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { startTandem } from "../src/server.ts";
import { fillModal } from "../test/support/modal-filler.ts";
import { SlackApiStandIn } from "../test/support/slack-api-stand-in.ts";
import { SlackRequestDriver } from "../test/support/slack-signer.ts";
import { renderBlocks } from "./demo/render.ts";

const BOT_TOKEN = "xoxb-demo-token";
const SIGNING_SECRET = "demo-signing-secret";
const people = {
  ana: {
    id: "U0ANA",
    name: "ana",
    real_name: "Ana Ruiz",
    tz: "Europe/Madrid",
    profile: { title: "Resident, cardiology" },
  },
  ben: {
    id: "U0BEN",
    name: "ben",
    real_name: "Ben Okafor",
    tz: "America/Chicago",
    profile: { title: "Attending physician" },
  },
};

const say = (who: string, what: string) => console.log(`\n${who} › ${what}`);
const tandemSays = (to: string, blocks: unknown) => {
  console.log(`Tandem (only ${to} sees this) ›`);
  console.log(renderBlocks(blocks));
};

const slackApi = await SlackApiStandIn.start({ botToken: BOT_TOKEN, teamId: "T0DEMO" });
for (const person of Object.values(people)) slackApi.addUser(person);
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
  { logger: createLogger("info", logSink) },
);
const slack = new SlackRequestDriver({
  url: `${tandem.url}/slack/events`,
  signingSecret: SIGNING_SECRET,
  teamId: "T0DEMO",
  responseUrlBase: slackApi.baseUrl,
});

let failed = false;
try {
  console.log("Tandem demo: the real app on an in-memory database, talking to a local stand-in for Slack.");

  say("Ana Ruiz", "/mentor help");
  tandemSays("Ana", ((await slack.command(people.ana.id, "help")).json() as { blocks: unknown }).blocks);

  say("Ana Ruiz", "/mentor join");
  const opened = slackApi.calls.length;
  await slack.command(people.ana.id, "join");
  const modalCall = await slackApi.waitFor(
    "views.open",
    (_args, call) => slackApi.calls.indexOf(call) >= opened,
  );
  const modal = slackApi.viewById((modalCall.response.view as { id: string }).id);
  if (!modal) throw new Error("the profile modal did not open");
  console.log(`Tandem › opens the "${(modal.title as { text: string }).text}" form:`);
  console.log(renderBlocks(modal.blocks));
  const anaAnswers = {
    "How would you like to take part?": "Mentee: I'd like a mentor",
    "Career stage": "Trainee (resident, intern, apprentice)",
    Department: "Cardiology",
    "Areas you'd like help with": ["Research methods", "Grant writing"],
    "Your goals, in your own words": "Publish my first paper and plan a fellowship application.",
  };
  say("Ana Ruiz", `fills it in (${Object.keys(anaAnswers).join(", ")}) and clicks [ Join ]`);
  const joined = (
    await slack.viewSubmission(people.ana.id, {
      id: modal.id,
      callbackId: String(modal.callback_id),
      privateMetadata: String(modal.private_metadata ?? ""),
      values: fillModal(modal, anaAnswers),
    })
  ).json() as { view?: { blocks?: unknown } };
  tandemSays("Ana", joined.view?.blocks);

  say("Ben Okafor", "/mentor join mentor, then fills in the form the same way");
  const benOpened = slackApi.calls.length;
  await slack.command(people.ben.id, "join mentor");
  const benCall = await slackApi.waitFor(
    "views.open",
    (_args, call) => slackApi.calls.indexOf(call) >= benOpened,
  );
  const benModal = slackApi.viewById((benCall.response.view as { id: string }).id);
  if (!benModal) throw new Error("Ben's profile modal did not open");
  const benJoined = (
    await slack.viewSubmission(people.ben.id, {
      id: benModal.id,
      callbackId: String(benModal.callback_id),
      privateMetadata: String(benModal.private_metadata ?? ""),
      values: fillModal(benModal, {
        "Career stage": "Senior",
        Department: "Cardiology",
        "Expertise you can share": ["Research methods", "Leadership"],
        "Kinds of mentoring you offer": ["Research", "Career"],
      }),
    })
  ).json() as { view?: { blocks?: unknown } };
  tandemSays("Ben", benJoined.view?.blocks);

  say("Ana Ruiz", "opens Tandem's Home tab");
  const since = slackApi.calls.length;
  await slack.event({ type: "app_home_opened", user: people.ana.id, channel: "D0ANA", tab: "home" });
  const home = await slackApi.waitFor(
    "views.publish",
    (args, call) => args.user_id === people.ana.id && slackApi.calls.indexOf(call) >= since,
  );
  console.log("Tandem › Ana's Home tab:");
  console.log(renderBlocks((home.args.view as { blocks: unknown }).blocks));

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
