// Drives test/support/slack-api-stand-in.ts with the real @slack/web-api WebClient (via Bolt's re-export) to prove
// it answers like Slack: recording, directory, Block Kit rejection, rate limits, unknown methods, file uploads;
// and drives its Socket Mode endpoint with Bolt's own Socket Mode client (@slack/socket-mode via App).

import { App, type Logger, LogLevel, SocketModeReceiver, webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { SlackPayloads, SlackRequestDriver } from "../support/slack-signer.ts";

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

let standIn: SlackApiStandIn;
let client: webApi.WebClient;

const errorCode = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return "no error";
  } catch (error) {
    const data = (error as { data?: { error?: string } }).data;
    return data?.error ?? String(error);
  }
};

beforeAll(async () => {
  standIn = await SlackApiStandIn.start({ botToken: "xoxb-unit" });
  client = new webApi.WebClient("xoxb-unit", { slackApiUrl: standIn.apiUrl, logger: silent });
});
afterEach(() => {
  standIn.reset();
});
afterAll(async () => {
  await standIn.stop();
});

describe("SlackApiStandIn", () => {
  it("serves the API under apiUrl ending with /api/ and answers auth.test", async () => {
    expect(standIn.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const res = await client.auth.test();
    expect(res).toMatchObject({
      ok: true,
      team_id: "T0TANDEM1",
      user_id: "U0TANDEMBOT",
      bot_id: "B0TANDEMBOT",
    });
  });

  it("records chat.postMessage with decoded blocks and answers like Slack", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "Hi *Alice*" } }];
    const res = await client.chat.postMessage({ channel: "C0GENERAL1", text: "Hi Alice", blocks });
    expect(res).toMatchObject({ ok: true, channel: "C0GENERAL1", message: { text: "Hi Alice", blocks } });
    expect(res.ts).toMatch(/^\d+\.\d{6}$/);
    const call = await standIn.waitFor("chat.postMessage", (args) => args.channel === "C0GENERAL1");
    expect(call.args.blocks).toEqual(blocks);
    expect(standIn.messagesIn("C0GENERAL1")).toHaveLength(1);
    expect(standIn.violations).toEqual([]);
    expect(standIn.warnings).toEqual([]);
  });

  it("warns (but accepts) blocks without fallback text", async () => {
    await client.chat.postMessage({ channel: "C1", blocks: [{ type: "divider" }] });
    expect(standIn.warnings).toHaveLength(1);
    expect(standIn.violations).toEqual([]);
  });

  it("rejects a Bearer token it does not know", async () => {
    const stranger = new webApi.WebClient("xoxb-wrong", { slackApiUrl: standIn.apiUrl, logger: silent });
    expect(await errorCode(stranger.auth.test())).toBe("invalid_auth");
    expect(standIn.violations.join()).toMatch(/wrong token/);
  });

  it("returns users added to the directory with realistic defaults", async () => {
    standIn.addUser({ id: "U0ALICE", real_name: "Alice Smith", profile: { title: "Staff Engineer" } });
    const res = await client.users.info({ user: "U0ALICE" });
    expect(res.user).toMatchObject({
      id: "U0ALICE",
      real_name: "Alice Smith",
      tz: "Europe/London",
      is_bot: false,
      deleted: false,
      profile: { title: "Staff Engineer", real_name: "Alice Smith" },
    });
    expect(await errorCode(client.users.info({ user: "U0NOBODY" }))).toBe("user_not_found");
  });

  it("paginates users.list with cursors (including the bot and Slackbot)", async () => {
    for (const id of ["U1", "U2", "U3"]) standIn.addUser({ id });
    const ids: string[] = [];
    for await (const page of client.paginate("users.list", { limit: 2 })) {
      const members = (page as { members?: Array<{ id?: string }> }).members ?? [];
      ids.push(...members.map((m) => m.id ?? ""));
    }
    expect(ids).toEqual(expect.arrayContaining(["U0TANDEMBOT", "USLACKBOT", "U1", "U2", "U3"]));
    expect(standIn.callsTo("users.list").length).toBeGreaterThan(1);
  });

  it("opens stable DM ids and refuses unknown or deactivated users", async () => {
    standIn.addUser({ id: "U0BOB" });
    standIn.addUser({ id: "U0GONE", deleted: true });
    const first = await client.conversations.open({ users: "U0BOB" });
    const again = await client.conversations.open({ users: "U0BOB" });
    expect(first.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(first.channel?.id);
    standIn.addUser({ id: "U0CAROL" });
    const group = await client.conversations.open({ users: "U0BOB,U0CAROL" });
    expect(group.channel?.id).toMatch(/^G/);
    expect(await errorCode(client.conversations.open({ users: "U0NOPE" }))).toBe("user_not_found");
    expect(await errorCode(client.conversations.open({ users: "U0GONE" }))).toBe("user_disabled");
  });

  it("rejects invalid blocks like Slack and records the violation", async () => {
    const blocks = [{ type: "header", text: { type: "plain_text", text: "x".repeat(151) } }];
    const error = await client.chat
      .postMessage({ channel: "C1", text: "t", blocks })
      .catch((e: unknown) => e);
    const data = (error as { data?: { error?: string; errors?: string[] } }).data;
    expect(data?.error).toBe("invalid_blocks");
    expect(data?.errors?.[0]).toMatch(
      /header text text must be at most 150.*json-pointer:\/blocks\/0\/text\/text/,
    );
    expect(standIn.violations).toHaveLength(1);
    expect(standIn.messages).toHaveLength(0);
  });

  it("rejects invalid views with invalid_arguments and keeps valid ones readable", async () => {
    const triggerId = "12345.67890.0123456789abcdef0123456789abcdef";
    const bad = { type: "modal", title: { type: "plain_text", text: "x".repeat(25) }, blocks: [] };
    expect(await errorCode(client.views.open({ trigger_id: triggerId, view: bad as never }))).toBe(
      "invalid_arguments",
    );
    expect(standIn.violations).toHaveLength(1);
    standIn.reset();

    const view = {
      type: "modal" as const,
      callback_id: "goal",
      title: { type: "plain_text" as const, text: "Your goal" },
      submit: { type: "plain_text" as const, text: "Save" },
      blocks: [
        {
          type: "input" as const,
          block_id: "goal",
          label: { type: "plain_text" as const, text: "Goal" },
          element: { type: "plain_text_input" as const, action_id: "goal" },
        },
      ],
    };
    const opened = await client.views.open({ trigger_id: triggerId, view });
    const id = opened.view?.id ?? "";
    expect(standIn.viewById(id)).toMatchObject({ callback_id: "goal", blocks: view.blocks });
    expect(await errorCode(client.views.open({ trigger_id: triggerId, view }))).toBe("exchanged_trigger_id");
    const updated = await client.views.update({
      view_id: id,
      hash: opened.view?.hash,
      view: { ...view, callback_id: "goal2" },
    });
    expect(updated.view?.id).toBe(id);
    expect(standIn.openViews.map((v) => v.callback_id)).toEqual(["goal2"]);
    expect(await errorCode(client.views.update({ view_id: id, hash: "stale", view }))).toBe("hash_conflict");
  });

  it("keeps the latest Home tab per user", async () => {
    const home = (text: string) => ({
      type: "home" as const,
      blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text } }],
    });
    await client.views.publish({ user_id: "U0ALICE", view: home("one") });
    await client.views.publish({ user_id: "U0ALICE", view: home("two") });
    expect(standIn.homeOf("U0ALICE")?.blocks).toEqual(home("two").blocks);
  });

  it("answers 429 with Retry-After; WebClient waits and retries", async () => {
    standIn.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const started = Date.now();
    const res = await client.chat.postMessage({ channel: "C1", text: "after the limit" });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(standIn.callsTo("chat.postMessage").map((c) => c.status)).toEqual([429, 200]);
  });

  it("injects ok:false errors", async () => {
    standIn.failNext("chat.postMessage", { error: "channel_not_found" }, 2);
    expect(await errorCode(client.chat.postMessage({ channel: "C1", text: "a" }))).toBe("channel_not_found");
    expect(await errorCode(client.chat.postMessage({ channel: "C1", text: "b" }))).toBe("channel_not_found");
    expect((await client.chat.postMessage({ channel: "C1", text: "c" })).ok).toBe(true);
  });

  it("records unknown methods as violations", async () => {
    expect(await errorCode(client.apiCall("chat.postMessagez", { channel: "C1" }))).toBe("unknown_method");
    expect(standIn.violations).toEqual(["unknown method: chat.postMessagez"]);
  });

  it("uploads files end to end with filesUploadV2 and records their content", async () => {
    const res = await client.filesUploadV2({
      channel_id: "C0REPORTS",
      content: "mentor,mentee\nalice,bob\n",
      filename: "pairs.csv",
      title: "Pairs",
      initial_comment: "This month's pairs",
    });
    expect(res.ok).toBe(true);
    expect(standIn.files).toHaveLength(1);
    const file = standIn.files[0];
    expect(file).toMatchObject({ title: "Pairs", filename: "pairs.csv", channelId: "C0REPORTS" });
    expect(file?.initialComment).toBe("This month's pairs");
    expect(file?.content.toString("utf8")).toBe("mentor,mentee\nalice,bob\n");
    expect(standIn.violations).toEqual([]);
  });

  it("serves response_url posts made by the app and checks their blocks", async () => {
    const driver = new SlackRequestDriver({
      url: "http://127.0.0.1:9/slack/events",
      signingSecret: "s",
      responseUrlBase: standIn.baseUrl,
    });
    const url = driver.responseUrl("commands");
    const ok = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", text: "Done" }),
    });
    expect(ok.status).toBe(200);
    const recorded = await standIn.waitForResponse((body) => body.text === "Done");
    expect(recorded.kind).toBe("commands");
    const bad = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "x", blocks: [{ type: "bogus" }] }),
    });
    expect(bad.status).toBe(400);
    expect(standIn.violations).toHaveLength(1);
  });

  it("waitFor rejects with a list of what was called", async () => {
    await client.auth.test();
    await expect(standIn.waitFor("views.open", undefined, 50)).rejects.toThrow(/auth\.test → ok/);
  });
});

describe("SlackApiStandIn Socket Mode", () => {
  const BOT = "xoxb-socket-unit";
  const APP_TOKEN = "xapp-1-A0TANDEM1-1-unit";
  let slack: SlackApiStandIn;
  let payloads: SlackPayloads;
  let app: App;
  const seen: Array<{ kind: string; retryNum?: number; retryReason?: string }> = [];

  beforeAll(async () => {
    slack = await SlackApiStandIn.start({ botToken: BOT, appToken: APP_TOKEN, socketPingIntervalMs: 100 });
    payloads = new SlackPayloads({ responseUrlBase: slack.baseUrl });
    // Bolt's own Socket Mode path, configured only through App options, as src/slack/app.ts does.
    app = new App({
      token: BOT,
      appToken: APP_TOKEN,
      socketMode: true,
      logger: silent,
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    app.command("/mentor", async ({ ack, command }) => {
      if (command.text === "bad blocks") {
        await ack({ response_type: "ephemeral", text: "x", blocks: [{ type: "bogus" }] as never });
        return;
      }
      await ack({
        response_type: "ephemeral",
        text: `You said ${command.text}`,
        blocks: [{ type: "section", text: { type: "mrkdwn", text: `You said *${command.text}*` } }],
      });
    });
    app.command("/silent", async () => {});
    app.action("pick", async ({ ack }) => {
      seen.push({ kind: "action" });
      await ack();
    });
    app.event("app_home_opened", async ({ context }) => {
      seen.push({ kind: "event", retryNum: context.retryNum, retryReason: context.retryReason });
    });
    await app.start();
  });
  afterEach(() => {
    slack.reset();
    seen.length = 0;
  });
  afterAll(async () => {
    await app.stop();
    await slack.socketClosed();
    await slack.stop();
  });

  it("Bolt's App forwards clientOptions.slackApiUrl to apps.connections.open, called with the app token", async () => {
    await slack.socketConnected();
    expect(slack.openSocketCount).toBe(1);
    expect(slack.socketStats.opened).toBe(1);
    const [connect] = slack.callsTo("apps.connections.open");
    expect(connect).toMatchObject({ status: 200, response: { ok: true } });
    const viaAppToken = new webApi.WebClient(APP_TOKEN, { slackApiUrl: slack.apiUrl, logger: silent });
    const opened = await viaAppToken.apps.connections.open({});
    expect(opened.url).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(slack.baseUrl).port}/socket-mode/[0-9a-f]{32}$`),
    );
    expect(slack.violations).toEqual([]);
  });

  it("apps.connections.open refuses the bot token", async () => {
    const viaBotToken = new webApi.WebClient(BOT, { slackApiUrl: slack.apiUrl, logger: silent });
    expect(await errorCode(viaBotToken.apps.connections.open({}))).toBe("invalid_auth");
    expect(slack.violations).toEqual([
      "apps.connections.open: called with a wrong token (the bot token; it needs the app-level xapp- token)",
    ]);
  });

  it("other methods refuse the app-level token", async () => {
    const viaAppToken = new webApi.WebClient(APP_TOKEN, { slackApiUrl: slack.apiUrl, logger: silent });
    expect(await errorCode(viaAppToken.auth.test())).toBe("invalid_auth");
    expect(slack.violations.join()).toMatch(/app-level token; it needs the bot token/);
  });

  it("a slash command envelope carries the command fields as JSON and resolves with Bolt's ack", async () => {
    const fields = payloads.command("U0ALICE", "hello");
    const ack = await slack.sendEnvelope("slash_commands", fields);
    expect(ack.envelope_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ack.payload).toMatchObject({ response_type: "ephemeral", text: "You said hello" });
    expect(slack.envelopes).toHaveLength(1);
    expect(slack.envelopes[0]).toMatchObject({
      type: "slash_commands",
      accepts_response_payload: true,
      payload: { command: "/mentor", text: "hello", user_id: "U0ALICE" },
      ack,
    });
    expect(String(fields.response_url)).toMatch(new RegExp(`^${slack.baseUrl}/commands/`));
    expect(slack.violations).toEqual([]);
  });

  it("checks the blocks of an ack like any other message", async () => {
    const ack = await slack.sendEnvelope("slash_commands", payloads.command("U0ALICE", "bad blocks"));
    expect(ack.payload).toMatchObject({ text: "x" });
    expect(slack.violations).toHaveLength(1);
    expect(slack.violations[0]).toMatch(/^Socket Mode ack of slash_commands .*: /);
  });

  it("delivers interactive and events_api envelopes; an empty ack carries payload {}", async () => {
    const clicked = await slack.sendEnvelope(
      "interactive",
      payloads.blockAction("U0ALICE", { actionId: "pick", value: "1" }),
    );
    expect(clicked.payload).toEqual({});
    const event = await slack.sendEnvelope(
      "events_api",
      payloads.eventCallback({ type: "app_home_opened", user: "U0ALICE", channel: "D0ALICE", tab: "home" }),
      { retryAttempt: 2 },
    );
    expect(event.payload).toEqual({});
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([{ kind: "action" }, { kind: "event", retryNum: 2, retryReason: "timeout" }]);
    expect(slack.envelopes.map((e) => e.accepts_response_payload)).toEqual([false, false]);
    expect(slack.violations).toEqual([]);
  });

  it("rejects with a clear message when the app never acks", async () => {
    const silentCommand = payloads.command("U0ALICE", "", { command: "/silent" });
    await expect(slack.sendEnvelope("slash_commands", silentCommand, { timeoutMs: 200 })).rejects.toThrow(
      /no ack for slash_commands envelope .* within 200ms/,
    );
  });

  it("pings every connection; the client answers with pongs", async () => {
    await vi.waitFor(() => expect(slack.socketStats.pongs).toBeGreaterThan(1), { timeout: 2000 });
  });

  it("a WebSocket URL works once: reusing its ticket is refused", async () => {
    const viaAppToken = new webApi.WebClient(APP_TOKEN, { slackApiUrl: slack.apiUrl, logger: silent });
    const { url } = await viaAppToken.apps.connections.open({});
    const first = new WebSocket(String(url));
    const hello = await new Promise<unknown>((resolve, reject) => {
      first.once("message", (data) => resolve(JSON.parse(String(data))));
      first.once("error", reject);
    });
    expect(hello).toMatchObject({
      type: "hello",
      num_connections: 2,
      debug_info: { host: expect.any(String) },
      connection_info: { app_id: "A0TANDEM1" },
    });
    const second = new WebSocket(String(url));
    const status = await new Promise<number>((resolve) => {
      second.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      second.once("open", () => resolve(101));
    });
    expect(status).toBe(401);
    expect(slack.violations.join()).toMatch(/unknown or already used ticket/);
    const closed = new Promise<number>((resolve) => first.once("close", (code) => resolve(code)));
    first.close(1000);
    expect(await closed).toBe(1000);
    await vi.waitFor(() => expect(slack.openSocketCount).toBe(1));
  });
});

describe("SlackApiStandIn Socket Mode: connection lifecycle", () => {
  it("rejects sendEnvelope while no client is connected", async () => {
    const slack = await SlackApiStandIn.start();
    await expect(slack.sendEnvelope("events_api", {})).rejects.toThrow(/no Socket Mode connection is open/);
    await expect(slack.socketConnected(50)).rejects.toThrow(/apps\.connections\.open calls: \(none\)/);
    await slack.stop();
  });

  it("a disconnect message makes the client reconnect with a fresh URL", async () => {
    const slack = await SlackApiStandIn.start({ botToken: "xoxb-r" });
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: silent,
      clientPingTimeout: 300,
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
    const app = new App({ token: "xoxb-r", receiver, logger: silent });
    await app.start();
    expect(slack.callsTo("apps.connections.open")).toHaveLength(1);
    slack.disconnectSockets("refresh_requested");
    await vi.waitFor(() => expect(slack.socketStats.opened).toBe(2), { timeout: 3000 });
    expect(slack.callsTo("apps.connections.open")).toHaveLength(2);
    await slack.socketConnected();
    await app.stop();
    await slack.socketClosed();
    expect(slack.violations).toEqual([]);
    await slack.stop();
  });

  it("stop() closes open connections with 1001 and pending acks reject", async () => {
    const slack = await SlackApiStandIn.start();
    const viaAppToken = new webApi.WebClient(slack.appToken, { slackApiUrl: slack.apiUrl, logger: silent });
    const { url } = await viaAppToken.apps.connections.open({});
    const ws = new WebSocket(String(url));
    await slack.socketConnected();
    const pending = slack.sendEnvelope("events_api", {});
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    await slack.stop();
    expect(await closed).toBe(1001);
    await expect(pending).rejects.toThrow(/closed before events_api envelope/);
  });
});
