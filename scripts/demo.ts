// `npm run demo`: the real Tandem app against a local stand-in for the Slack Web API, driven by
// requests signed as Slack signs them. Plays a short scenario and prints it as a conversation.
// Nothing here talks to Slack or the internet; the database is an in-memory PGlite.
import { Writable } from "node:stream";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { startTandem } from "../src/server.ts";
import { SlackApiStandIn } from "../test/support/slack-api-stand-in.ts";
import { SlackRequestDriver } from "../test/support/slack-signer.ts";
import { buttonsIn } from "../test/support/tandem.ts";
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
  const prompt = (await slack.command(people.ana.id, "join")).json() as { blocks: unknown[] };
  tandemSays("Ana", prompt.blocks);

  const button = buttonsIn(prompt.blocks).find((b) => b.label === "Join as a mentee");
  if (!button) throw new Error("the join reply has no 'Join as a mentee' button");
  say("Ana Ruiz", `clicks [ ${button.label} ]`);
  await slack.blockAction(
    people.ana.id,
    { actionId: button.actionId, blockId: button.blockId, value: button.value },
    { message: { ts: "1700000000.000100", channel: "C0GENERAL", blocks: prompt.blocks, isEphemeral: true } },
  );
  const welcome = await slackApi.waitForResponse((body) => String(body.text).includes("Welcome"));
  tandemSays("Ana", welcome.body.blocks);

  say("Ben Okafor", "/mentor join mentor");
  await slack.command(people.ben.id, "join mentor");
  const benWelcome = await slackApi.waitForResponse((body) => String(body.text).includes("as a mentor"));
  tandemSays("Ben", benWelcome.body.blocks);

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
