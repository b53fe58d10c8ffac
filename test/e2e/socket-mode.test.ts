// The real Tandem in Socket Mode (SLACK_APP_TOKEN set): Bolt opens apps.connections.open on the Slack
// stand-in, connects to its WebSocket, and answers envelopes; /healthz is still served on PORT.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fillModal } from "../support/modal-filler.ts";
import { eventually } from "../support/person.ts";
import {
  buttonsIn,
  profileAnswers,
  startTestTandem,
  TEST_APP_TOKEN,
  TEST_BOT_TOKEN,
  type TestTandem,
  visibleText,
  waitForHome,
  waitForModal,
} from "../support/tandem.ts";

const ANA = { id: "U0ANA", name: "ana", real_name: "Ana Ruiz", tz: "Europe/Madrid" };
const BEN = { id: "U0BEN", name: "ben", real_name: "Ben Okafor", tz: "America/Chicago" };

describe("Tandem over Socket Mode", () => {
  let t: TestTandem;
  beforeAll(async () => {
    t = await startTestTandem({ users: [ANA, BEN], socketMode: true });
  });
  afterAll(async () => t?.stop());
  beforeEach(() => {
    expect(t.slackApi.violations).toEqual([]);
  });

  it("connects with the app-level token through the configured SLACK_API_URL", async () => {
    await t.slackApi.socketConnected(1000);
    expect(t.slackApi.openSocketCount).toBe(1);
    const [connect] = t.slackApi.callsTo("apps.connections.open");
    expect(connect).toMatchObject({ status: 200, response: { ok: true } });
  });

  it("/mentor help is answered in the ack: the ephemeral help", async () => {
    const ack = await t.socket.command(ANA.id, "help");
    const payload = ack.payload as { response_type: string; blocks: unknown[] };
    expect(payload.response_type).toBe("ephemeral");
    const text = visibleText(payload.blocks);
    expect(text).toContain("/mentor join");
    expect(text).toContain("/mentor help");
  });

  it("/mentor join mentor acks at once and opens the profile; the submission's ack carries the welcome", async () => {
    const since = Date.now();
    const ack = await t.socket.command(BEN.id, "join mentor");
    expect(ack.payload).toEqual({});
    const modal = await waitForModal(t, "Join Tandem", since);
    const submitted = await t.socket.viewSubmission(BEN.id, {
      id: modal.id,
      callbackId: String(modal.callback_id),
      privateMetadata: String(modal.private_metadata ?? ""),
      values: fillModal(modal, profileAnswers("MENTOR")),
      blocks: modal.blocks,
    });
    const payload = submitted.payload as { response_action?: string; view?: { blocks?: unknown } };
    expect(payload.response_action).toBe("update");
    expect(visibleText(payload.view?.blocks)).toContain("as a mentor");
    const home = await waitForHome(t, BEN.id, (text) => text.includes("You're in"));
    expect(home).toContain("You take part as a mentor");
  });

  it("replies after the ack go to the envelope's response_url", async () => {
    await t.socket.command(BEN.id, "join sensei");
    const sent = t.slackApi.envelopes.at(-1)?.payload as { response_url: string };
    expect(sent.response_url).toMatch(new RegExp(`^${t.slackApi.baseUrl}/commands/`));
    const reply = await t.slackApi.waitForResponse((body) => String(body.text).includes("sensei"));
    expect(reply.url).toBe(sent.response_url);
    expect(reply.body.response_type).toBe("ephemeral");
  });

  it("an app_home_opened events_api envelope publishes that user's Home", async () => {
    const ack = await t.socket.event({
      type: "app_home_opened",
      user: ANA.id,
      channel: "D0ANA",
      tab: "home",
    });
    expect(ack.payload).toEqual({});
    const home = await waitForHome(t, ANA.id, (text) => text.includes("You haven't joined yet"));
    expect(home).toContain("Hi Ana Ruiz!");
  });

  it("a button clicked in Home arrives as an interactive envelope", async () => {
    const home = t.slackApi.homeOf(ANA.id);
    const button = buttonsIn(home?.blocks).find((b) => b.label === "Join as a mentee");
    if (!home || !button) throw new Error("no 'Join as a mentee' button in Ana's Home");
    const since = Date.now();
    const ack = await t.socket.blockAction(
      ANA.id,
      { actionId: button.actionId, blockId: button.blockId, value: button.value },
      { view: home },
    );
    expect(ack.payload).toEqual({});
    const modal = await waitForModal(t, "Join Tandem", since);
    await t.socket.viewSubmission(ANA.id, {
      id: modal.id,
      callbackId: String(modal.callback_id),
      privateMetadata: String(modal.private_metadata ?? ""),
      values: fillModal(modal, profileAnswers("MENTEE")),
      blocks: modal.blocks,
    });
    const text = await waitForHome(t, ANA.id, (x) => x.includes("You're in"));
    expect(text).toContain("You take part as a mentee");
  });

  it("Slack's redelivery of an event (retry_attempt 1, same event_id) is processed once", async () => {
    const since = Date.now();
    const before = t.slackApi.callsTo("views.publish").length;
    const event = { type: "app_home_opened", user: BEN.id, channel: "D0BEN", tab: "home" };
    await t.socket.event(event, { eventId: "Ev0SOCKETRETRY" });
    await t.slackApi.waitFor("views.publish", (args, call) => args.user_id === BEN.id && call.at >= since);
    await t.socket.event(event, { eventId: "Ev0SOCKETRETRY", retryNum: 1 });
    await eventually(async () =>
      t.logs.some(
        (line) => line.includes("duplicate event delivery ignored") && line.includes("Ev0SOCKETRETRY"),
      ),
    );
    expect(t.slackApi.callsTo("views.publish").length).toBe(before + 1);
  });

  it("GET /healthz on PORT reports the database; there is no /slack/events", async () => {
    expect(t.tandem.port).toBeGreaterThan(0);
    const res = await fetch(`${t.tandem.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true } });
    const events = await fetch(`${t.tandem.url}/slack/events`, { method: "POST", body: "{}" });
    expect(events.status).toBe(404);
  });

  it("never writes a token to the log", () => {
    const all = t.logs.join("\n");
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(TEST_BOT_TOKEN);
    expect(all).not.toContain(TEST_APP_TOKEN);
  });

  it("stop() closes the socket and the health server, and resolves", async () => {
    await t.tandem.stop();
    await t.slackApi.socketClosed(2000);
    expect(t.slackApi.openSocketCount).toBe(0);
    await expect(fetch(`${t.tandem.url}/healthz`)).rejects.toThrow();
    expect(t.slackApi.violations).toEqual([]);
    expect(t.slackApi.warnings).toEqual([]);
  });
});
