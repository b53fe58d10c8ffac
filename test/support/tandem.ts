// Starts the real Tandem (Bolt over HTTP, or over Socket Mode with `socketMode: true`; real database)
// in-process, wired to a local Slack Web API stand-in, and hands a test a signed-request driver, a
// Socket Mode driver, and everything it needs to assert on.
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { type RunningTandem, startTandem } from "../../src/server.ts";
import { openTestDatabase } from "./db.ts";
import { type Answer, fillModal } from "./modal-filler.ts";
import { type NewSlackUser, SlackApiStandIn, type StoredView } from "./slack-api-stand-in.ts";
import { SlackRequestDriver, SocketModeDriver } from "./slack-signer.ts";

export const TEST_TEAM_ID = "T0TANDEM";
export const TEST_BOT_TOKEN = "xoxb-test-0000-tandem-bot-token";
export const TEST_SIGNING_SECRET = "test-signing-secret-7f3a9c";
export const TEST_APP_TOKEN = "xapp-1-A0TANDEM1-1-test-app-token-5e2d";

export interface TestTandem {
  tandem: RunningTandem;
  slackApi: SlackApiStandIn;
  /** Signed HTTP requests to /slack/events (HTTP mode). */
  slack: SlackRequestDriver;
  /** Envelopes over the stand-in's Socket Mode connection (socket mode); each resolves with Tandem's ack. */
  socket: SocketModeDriver;
  /** Every log line Tandem wrote, as raw JSON text. */
  logs: string[];
  stop(): Promise<void>;
}

export async function startTestTandem(
  options: {
    users?: NewSlackUser[];
    now?: () => Date;
    /** Connect to the stand-in over Socket Mode (SLACK_APP_TOKEN, no signing secret) instead of HTTP. */
    socketMode?: boolean;
    /** More environment, e.g. OPENAI_API_KEY and OPENAI_BASE_URL pointing at an OpenAiStandIn. */
    env?: Record<string, string>;
  } = {},
): Promise<TestTandem> {
  const slackApi = await SlackApiStandIn.start({
    botToken: TEST_BOT_TOKEN,
    teamId: TEST_TEAM_ID,
    appToken: TEST_APP_TOKEN,
  });
  for (const user of options.users ?? []) slackApi.addUser(user);
  const testDb = await openTestDatabase();
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    ...(options.socketMode
      ? { SLACK_APP_TOKEN: TEST_APP_TOKEN }
      : { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET }),
    SLACK_API_URL: slackApi.apiUrl,
    PORT: "0",
    LOG_LEVEL: "debug",
    ...options.env,
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
  const socket = new SocketModeDriver((type, payload, opts) => slackApi.sendEnvelope(type, payload, opts), {
    teamId: TEST_TEAM_ID,
    responseUrlBase: slackApi.baseUrl,
  });
  return {
    tandem,
    slackApi,
    slack,
    socket,
    logs,
    async stop() {
      await tandem.stop();
      // Bolt's SocketModeReceiver.stop() starts the close handshake without waiting for it.
      if (options.socketMode) await slackApi.socketClosed().catch(() => {});
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

/** The modal most recently opened for this user (views.open with the user's trigger), after `since`. */
export async function waitForModal(t: TestTandem, title: string, since = 0): Promise<StoredView> {
  const call = await t.slackApi.waitFor(
    "views.open",
    (args, c) =>
      c.at >= since && c.status === 200 && (args.view as { title?: { text?: string } }).title?.text === title,
  );
  const id = (call.response.view as { id: string }).id;
  const view = t.slackApi.viewById(id);
  if (!view) throw new Error(`modal ${id} was not kept by the stand-in`);
  return view;
}

/** Submits a modal with answers by label; returns Tandem's ack body (errors, update, or empty). */
export async function submitModal(
  t: TestTandem,
  userId: string,
  view: StoredView,
  answers: Record<string, Answer>,
): Promise<{
  response_action?: string;
  errors?: Record<string, string>;
  view?: { title?: { text?: string }; blocks?: unknown };
}> {
  const res = await t.slack.viewSubmission(userId, {
    id: view.id,
    callbackId: String(view.callback_id),
    privateMetadata: String(view.private_metadata ?? ""),
    values: fillModal(view, answers),
    blocks: view.blocks,
  });
  if (res.status !== 200) throw new Error(`view submission got HTTP ${res.status}: ${res.body}`);
  return res.body ? (res.json() as never) : {};
}

export const roleAnswer = {
  MENTEE: "Mentee: I'd like a mentor",
  MENTOR: "Mentor: I'd like to help someone grow",
  BOTH: "Both",
} as const;

/** A complete, valid profile for the role, as answers by label. */
export function profileAnswers(
  role: keyof typeof roleAnswer,
  extra: Record<string, Answer> = {},
): Record<string, Answer> {
  return {
    "How would you like to take part?": roleAnswer[role],
    "Career stage": role === "MENTEE" ? "Trainee (resident, intern, apprentice)" : "Senior",
    ...(role !== "MENTEE"
      ? {
          "Expertise you can share": ["Research methods", "Leadership"],
          "Kinds of mentoring you offer": ["Research", "Career"],
        }
      : {}),
    ...(role !== "MENTOR" ? { "Areas you'd like help with": ["Grant writing"] } : {}),
    ...extra,
  };
}

/** Types /mentor join, fills the profile modal and submits it; returns Tandem's ack body. */
export async function joinViaModal(
  t: TestTandem,
  userId: string,
  role: keyof typeof roleAnswer,
  extra: Record<string, Answer> = {},
) {
  const since = Date.now();
  const res = await t.slack.command(userId, "join");
  if (res.status !== 200) throw new Error(`/mentor join got HTTP ${res.status}`);
  const modal = await waitForModal(t, "Join Tandem", since);
  return submitModal(t, userId, modal, profileAnswers(role, extra));
}
