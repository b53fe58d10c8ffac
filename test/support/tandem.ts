// Starts the real Tandem (Bolt over HTTP, real database) in-process, wired to a local Slack Web
// API stand-in, and hands a test a signed-request driver plus everything it needs to assert on.
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { type RunningTandem, startTandem } from "../../src/server.ts";
import { openTestDatabase } from "./db.ts";
import { type NewSlackUser, SlackApiStandIn } from "./slack-api-stand-in.ts";
import { SlackRequestDriver } from "./slack-signer.ts";

export const TEST_TEAM_ID = "T0TANDEM";
export const TEST_BOT_TOKEN = "xoxb-test-0000-tandem-bot-token";
export const TEST_SIGNING_SECRET = "test-signing-secret-7f3a9c";

export interface TestTandem {
  tandem: RunningTandem;
  slackApi: SlackApiStandIn;
  slack: SlackRequestDriver;
  /** Every log line Tandem wrote, as raw JSON text. */
  logs: string[];
  stop(): Promise<void>;
}

export async function startTestTandem(
  options: { users?: NewSlackUser[]; now?: () => Date } = {},
): Promise<TestTandem> {
  const slackApi = await SlackApiStandIn.start({ botToken: TEST_BOT_TOKEN, teamId: TEST_TEAM_ID });
  for (const user of options.users ?? []) slackApi.addUser(user);
  const testDb = await openTestDatabase();
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    PORT: "0",
    LOG_LEVEL: "debug",
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const tandem = await startTandem(config, {
    database: testDb.database,
    logger: createLogger("debug", sink),
    ...(options.now ? { now: options.now } : {}),
  });
  const slack = new SlackRequestDriver({
    url: `${tandem.url}/slack/events`,
    signingSecret: TEST_SIGNING_SECRET,
    teamId: TEST_TEAM_ID,
    responseUrlBase: slackApi.baseUrl,
  });
  return {
    tandem,
    slackApi,
    slack,
    logs,
    async stop() {
      await tandem.stop();
      await testDb.dispose().catch(() => {});
      await slackApi.stop();
    },
  };
}

/** Plain text of every text object in a Block Kit payload: what a person would read. */
export function visibleText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if ((record.type === "mrkdwn" || record.type === "plain_text") && typeof record.text === "string") {
        out.push(record.text);
      }
      for (const value of Object.values(record)) if (typeof value === "object") walk(value);
    }
  };
  walk(blocks);
  return out.join("\n");
}

/** The buttons in a Block Kit payload by their visible label, as a person finds them. */
export function buttonsIn(
  blocks: unknown,
): Array<{ label: string; actionId: string; blockId?: string; value?: string }> {
  const found: Array<{ label: string; actionId: string; blockId?: string; value?: string }> = [];
  for (const block of Array.isArray(blocks) ? blocks : []) {
    const b = block as { block_id?: string; elements?: unknown[]; accessory?: unknown };
    for (const el of [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]) {
      const e = el as { type?: string; text?: { text?: string }; action_id?: string; value?: string };
      if (e.type === "button" && e.text?.text && e.action_id) {
        found.push({
          label: e.text.text,
          actionId: e.action_id,
          ...(b.block_id ? { blockId: b.block_id } : {}),
          ...(e.value ? { value: e.value } : {}),
        });
      }
    }
  }
  return found;
}

/** Clicks the button with this visible label in the user's Home tab, as a person would. */
export async function clickInHome(t: TestTandem, userId: string, label: string) {
  const home = t.slackApi.homeOf(userId);
  if (!home) throw new Error(`no Home tab published for ${userId}`);
  const button = buttonsIn(home.blocks).find((b) => b.label === label);
  if (!button) {
    throw new Error(
      `no "${label}" button in Home; found: ${buttonsIn(home.blocks)
        .map((b) => b.label)
        .join(", ")}`,
    );
  }
  return t.slack.blockAction(
    userId,
    { actionId: button.actionId, blockId: button.blockId, value: button.value },
    { view: home },
  );
}

/** Waits until a Home tab for the user has been published that satisfies the predicate. */
export async function waitForHome(t: TestTandem, userId: string, predicate: (text: string) => boolean) {
  const call = await t.slackApi.waitFor(
    "views.publish",
    (args) => args.user_id === userId && predicate(visibleText((args.view as { blocks?: unknown }).blocks)),
  );
  return visibleText((call.args.view as { blocks?: unknown }).blocks);
}
