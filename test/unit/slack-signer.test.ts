// Checks that test/support/slack-signer.ts signs exactly as Slack does (published test vector, Bolt's verifier)
// and that SlackRequestDriver sends the wire shapes Slack sends.

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel, verifySlackRequest } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import {
  forgedSlackHeaders,
  SlackRequestDriver,
  signSlackRequest,
  slackSignature,
} from "../support/slack-signer.ts";

const VECTOR = {
  secret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: 1531420618,
  body:
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&" +
    "channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&" +
    "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&" +
    "trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

const SECRET = "test-signing-secret";

function boltAccepts(headers: Record<string, string>, body: string, secret = SECRET): boolean {
  try {
    verifySlackRequest({
      signingSecret: secret,
      body,
      headers: {
        "x-slack-signature": headers["x-slack-signature"] ?? "",
        "x-slack-request-timestamp": Number(headers["x-slack-request-timestamp"]),
      },
    });
    return true;
  } catch {
    return false;
  }
}

describe("signSlackRequest", () => {
  it("reproduces Slack's published test vector", () => {
    const headers = signSlackRequest(VECTOR.secret, VECTOR.body, VECTOR.timestamp);
    expect(headers["x-slack-signature"]).toBe(VECTOR.signature);
    expect(headers["x-slack-request-timestamp"]).toBe("1531420618");
    expect(slackSignature(VECTOR.secret, VECTOR.body, VECTOR.timestamp)).toBe(VECTOR.signature);
  });

  it("produces headers Bolt's verifySlackRequest accepts", () => {
    const body = JSON.stringify({ type: "event_callback", event: { type: "app_home_opened" } });
    expect(boltAccepts(signSlackRequest(SECRET, body), body)).toBe(true);
  });

  it("uses the current time by default", () => {
    const ts = Number(signSlackRequest(SECRET, "x")["x-slack-request-timestamp"]);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(5);
  });

  it.each(["stale", "wrong-secret", "tampered"] as const)(
    "forged %s headers are rejected by Bolt's verifier",
    (kind) => {
      const body = "token=x&text=hello";
      expect(boltAccepts(forgedSlackHeaders(SECRET, body, kind), body)).toBe(false);
    },
  );

  it("a request just inside the five-minute window is still accepted", () => {
    const body = "a=1";
    expect(boltAccepts(forgedSlackHeaders(SECRET, body, "stale", 4 * 60), body)).toBe(true);
  });
});

interface Captured {
  headers: IncomingMessage["headers"];
  body: string;
}

describe("SlackRequestDriver", () => {
  const captured: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      captured.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"received":true}');
    });
  });
  let driver: SlackRequestDriver;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const { port } = server.address() as AddressInfo;
    driver = new SlackRequestDriver({
      url: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SECRET,
      teamId: "T0TEAM",
      apiAppId: "A0APP",
      responseUrlBase: "http://127.0.0.1:9/",
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const last = (): Captured => {
    const c = captured.at(-1);
    if (!c) throw new Error("nothing captured");
    return c;
  };
  const signedOk = (c: Captured) =>
    boltAccepts(
      {
        "x-slack-signature": String(c.headers["x-slack-signature"]),
        "x-slack-request-timestamp": String(c.headers["x-slack-request-timestamp"]),
      },
      c.body,
    );
  const payloadOf = (c: Captured): Record<string, unknown> =>
    JSON.parse(new URLSearchParams(c.body).get("payload") ?? "null") as Record<string, unknown>;

  it("sends a slash command with every field Slack sends, signed, as exact urlencoded", async () => {
    const res = await driver.command("U0ALICE", "join mentor", { channelId: "C0X" });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ received: true });
    const c = last();
    expect(c.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(signedOk(c)).toBe(true);
    const form = Object.fromEntries(new URLSearchParams(c.body));
    expect(Object.keys(form).sort()).toEqual(
      [
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
      ].sort(),
    );
    expect(form).toMatchObject({
      command: "/mentor",
      text: "join mentor",
      user_id: "U0ALICE",
      team_id: "T0TEAM",
    });
    expect(form.response_url).toMatch(/^http:\/\/127\.0\.0\.1:9\/commands\/.+/);
    expect(form.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
  });

  it("gives each command a unique response_url", async () => {
    await driver.command("U0ALICE", "a");
    await driver.command("U0ALICE", "b");
    const urls = captured.slice(-2).map((c) => new URLSearchParams(c.body).get("response_url"));
    expect(urls[0]).not.toBe(urls[1]);
  });

  it("sends a block action in a modal with the view and the element Slack would report", async () => {
    const view = {
      id: "V0MODAL",
      type: "modal",
      callback_id: "signup",
      blocks: [
        {
          type: "actions",
          block_id: "pick",
          elements: [
            {
              type: "static_select",
              action_id: "track",
              options: [{ text: { type: "plain_text", text: "Design" }, value: "design" }],
            },
          ],
        },
      ],
    };
    await driver.blockAction("U0BOB", { actionId: "track", selectedOption: "design" }, { view });
    const c = last();
    expect(signedOk(c)).toBe(true);
    const payload = payloadOf(c);
    expect(payload).toMatchObject({
      type: "block_actions",
      user: { id: "U0BOB", team_id: "T0TEAM" },
      team: { id: "T0TEAM" },
      api_app_id: "A0APP",
      container: { type: "view", view_id: "V0MODAL" },
      view: { id: "V0MODAL", callback_id: "signup", state: { values: {} } },
      actions: [
        {
          action_id: "track",
          block_id: "pick",
          type: "static_select",
          selected_option: { text: { type: "plain_text", text: "Design" }, value: "design" },
        },
      ],
    });
    expect(payload.response_url).toBeUndefined();
  });

  it("sends a button click in a message with response_url and message", async () => {
    const blocks = [
      {
        type: "actions",
        block_id: "b1",
        elements: [
          { type: "button", action_id: "accept", value: "m-1", text: { type: "plain_text", text: "Yes" } },
        ],
      },
    ];
    await driver.blockAction(
      "U0BOB",
      { actionId: "accept" },
      { message: { ts: "1.000001", channel: "D0X", blocks } },
    );
    const payload = payloadOf(last());
    expect(payload).toMatchObject({
      container: { type: "message", message_ts: "1.000001", channel_id: "D0X", is_ephemeral: false },
      channel: { id: "D0X" },
      message: { ts: "1.000001", blocks },
      actions: [{ action_id: "accept", block_id: "b1", type: "button", value: "m-1", text: { text: "Yes" } }],
    });
    expect(String(payload.response_url)).toMatch(/\/actions\//);
  });

  it("sends a view submission with state.values", async () => {
    const values = { goal: { goal_input: { type: "plain_text_input", value: "Learn SQL" } } };
    await driver.viewSubmission("U0CAROL", { callbackId: "goal", privateMetadata: "p1", values });
    const payload = payloadOf(last());
    expect(payload).toMatchObject({
      type: "view_submission",
      user: { id: "U0CAROL" },
      view: { type: "modal", callback_id: "goal", private_metadata: "p1", state: { values } },
      response_urls: [],
    });
  });

  it("sends an Events API callback as JSON, with retry headers when asked", async () => {
    await driver.event(
      { type: "app_home_opened", user: "U0DAN", tab: "home" },
      { eventId: "Ev1", retryNum: 1 },
    );
    const c = last();
    expect(c.headers["content-type"]).toBe("application/json");
    expect(c.headers["x-slack-retry-num"]).toBe("1");
    expect(c.headers["x-slack-retry-reason"]).toBe("http_timeout");
    expect(signedOk(c)).toBe(true);
    const body = JSON.parse(c.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: "event_callback",
      event_id: "Ev1",
      team_id: "T0TEAM",
      api_app_id: "A0APP",
      event: { type: "app_home_opened", user: "U0DAN", tab: "home" },
      authorizations: [{ team_id: "T0TEAM", is_bot: true, enterprise_id: null }],
    });
    expect(typeof body.event_time).toBe("number");
  });

  it("raw() sends exactly the given headers without signing", async () => {
    await driver.raw("not json", { "content-type": "application/json", "x-custom": "1" });
    const c = last();
    expect(c.body).toBe("not json");
    expect(c.headers["x-slack-signature"]).toBeUndefined();
    expect(c.headers["x-custom"]).toBe("1");
  });
});

describe("SlackRequestDriver against a real Bolt App (HTTPReceiver + SlackApiStandIn)", () => {
  let standIn: SlackApiStandIn;
  let receiver: HTTPReceiver;
  let driver: SlackRequestDriver;
  const goalModal = {
    type: "modal" as const,
    callback_id: "join",
    title: { type: "plain_text" as const, text: "Join" },
    submit: { type: "plain_text" as const, text: "Go" },
    blocks: [
      {
        type: "input" as const,
        block_id: "goal",
        label: { type: "plain_text" as const, text: "Goal" },
        element: { type: "plain_text_input" as const, action_id: "goal" },
      },
      {
        type: "actions" as const,
        block_id: "a",
        elements: [
          {
            type: "static_select" as const,
            action_id: "track",
            options: [{ text: { type: "plain_text" as const, text: "Design" }, value: "design" }],
          },
        ],
      },
    ],
  };

  beforeAll(async () => {
    standIn = await SlackApiStandIn.start();
    standIn.addUser({ id: "U0ALICE" });
    receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
    const app = new App({
      token: standIn.botToken,
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: standIn.apiUrl },
    });
    app.command("/mentor", async ({ ack, client, body, respond }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: goalModal });
      await respond({ response_type: "ephemeral", text: `got ${body.text}` });
    });
    app.action("track", async ({ ack, body, client }) => {
      await ack();
      const action = body.type === "block_actions" ? body.actions[0] : undefined;
      const picked = action?.type === "static_select" ? action.selected_option?.value : "none";
      await client.chat.postMessage({ channel: body.user.id, text: `picked ${picked}` });
    });
    app.view("join", async ({ ack, view }) => {
      const goal = view.state.values.goal?.goal?.value ?? "";
      await ack({ response_action: "errors", errors: { goal: `too short: ${goal}` } });
    });
    app.event("app_home_opened", async ({ event, client, context }) => {
      const text = `retry ${String(context.retryNum)}`;
      await client.views.publish({
        user_id: event.user,
        view: { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text } }] },
      });
    });
    const server = (await receiver.start(0)) as { address(): AddressInfo | string | null };
    const { port } = server.address() as AddressInfo;
    driver = new SlackRequestDriver({
      url: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SECRET,
      teamId: standIn.teamId,
      responseUrlBase: standIn.baseUrl,
    });
  });
  afterAll(async () => {
    await receiver.stop();
    await standIn.stop();
  });

  it("runs a command, a block action and a view submission through Bolt", async () => {
    expect((await driver.command("U0ALICE", "join")).status).toBe(200);
    await standIn.waitFor("views.open");
    expect((await standIn.waitForResponse()).body).toEqual({ response_type: "ephemeral", text: "got join" });
    const view = standIn.openViews[0];
    if (!view) throw new Error("no modal opened");

    await driver.blockAction("U0ALICE", { actionId: "track", selectedOption: "design" }, { view });
    const post = await standIn.waitFor("chat.postMessage");
    expect(post.args).toMatchObject({ channel: "U0ALICE", text: "picked design" });

    const values = { goal: { goal: { type: "plain_text_input", value: "hi" } } };
    const submitted = await driver.viewSubmission("U0ALICE", { id: view.id, callbackId: "join", values });
    expect(submitted.json()).toEqual({ response_action: "errors", errors: { goal: "too short: hi" } });
    expect(standIn.violations).toEqual([]);
  });

  it("delivers events with Slack's retry headers", async () => {
    const res = await driver.event(
      { type: "app_home_opened", user: "U0ALICE", channel: "D1", tab: "home" },
      { retryNum: 2 },
    );
    expect(res.status).toBe(200);
    await standIn.waitFor("views.publish");
    expect(JSON.stringify(standIn.homeOf("U0ALICE")?.blocks)).toContain("retry 2");
  });

  it("is refused by Bolt when stale or wrongly signed, and answers url_verification", async () => {
    const body = "token=x&command=%2Fmentor";
    const form = { "content-type": "application/x-www-form-urlencoded" };
    expect((await driver.raw(body, { ...form, ...forgedSlackHeaders(SECRET, body, "stale") })).status).toBe(
      401,
    );
    expect(
      (await driver.raw(body, { ...form, ...forgedSlackHeaders(SECRET, body, "wrong-secret") })).status,
    ).toBe(401);
    expect((await driver.urlVerification("abc")).json()).toEqual({ challenge: "abc" });
  });
});
