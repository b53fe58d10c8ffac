// The real Bolt app over HTTP, with requests signed as Slack signs them and a local stand-in for
// the Slack Web API: help, unknown subcommands, joining, the Home tab, signatures, health.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inputLabels } from "../support/modal-filler.ts";
import { eventually } from "../support/person.ts";
import { forgedSlackHeaders } from "../support/slack-signer.ts";
import {
  buttonsIn,
  clickInHome,
  profileAnswers,
  startTestTandem,
  submitModal,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type TestTandem,
  visibleText,
  waitForHome,
  waitForModal,
} from "../support/tandem.ts";

const ANA = { id: "U0ANA", name: "ana", real_name: "Ana Ruiz", tz: "Europe/Madrid" };
const BEN = { id: "U0BEN", name: "ben", real_name: "Ben Okafor", tz: "America/Chicago" };
const GUEST = { id: "U0GUEST", name: "gus", real_name: "Gus Guest", is_restricted: true };

describe("Tandem over HTTP", () => {
  let t: TestTandem;
  beforeAll(async () => {
    t = await startTestTandem({ users: [ANA, BEN, GUEST] });
  });
  afterAll(async () => t.stop());
  beforeEach(() => {
    expect(t.slackApi.violations).toEqual([]);
  });

  describe("/mentor help", () => {
    it("answers privately with what Tandem can do", async () => {
      const res = await t.slack.command(ANA.id, "help");
      expect(res.status).toBe(200);
      const body = res.json() as { response_type: string; blocks: unknown[] };
      expect(body.response_type).toBe("ephemeral");
      const text = visibleText(body.blocks);
      expect(text).toContain("/mentor join");
      expect(text).toContain("/mentor help");
      expect(text).toMatch(/pairs mentees with mentors/);
    });

    it("an empty /mentor is the same as help", async () => {
      const res = await t.slack.command(ANA.id, "   ");
      expect(visibleText((res.json() as { blocks: unknown[] }).blocks)).toContain("/mentor join");
    });
  });

  describe("unknown subcommands", () => {
    it("suggest the closest command and point to help", async () => {
      const res = await t.slack.command(ANA.id, "jion mentee");
      const body = res.json() as { response_type: string; text: string };
      expect(body.response_type).toBe("ephemeral");
      expect(body.text).toContain("Tandem doesn't know `/mentor jion`");
      expect(body.text).toContain("Did you mean `/mentor join`?");
      expect(body.text).toContain("/mentor help");
    });

    it("say so plainly when nothing is close, and never echo markup", async () => {
      const res = await t.slack.command(ANA.id, "<!channel>");
      const body = res.json() as { text: string };
      expect(body.text).not.toContain("<!channel>");
      expect(body.text).not.toContain("Did you mean");
    });
  });

  describe("joining", () => {
    it("/mentor join opens the profile modal, with Slack's facts shown and not typed", async () => {
      const since = Date.now();
      await t.slack.command(BEN.id, "join");
      const modal = await waitForModal(t, "Join Tandem", since);
      expect(visibleText(modal.blocks)).toContain("Ben Okafor");
      expect(visibleText(modal.blocks)).toContain("America/Chicago");
      expect(inputLabels(modal)).toEqual(
        expect.arrayContaining(["How would you like to take part?", "Career stage"]),
      );
      expect(inputLabels(modal)).not.toContain("Time zone");
    });

    it("/mentor join with a role Tandem doesn't know says which ones it does", async () => {
      await t.slack.command(BEN.id, "join sensei");
      const reply = await t.slackApi.waitForResponse((body) => String(body.text).includes("sensei"));
      expect(reply.body.text).toMatch(/"sensei" isn't a role Tandem knows/);
      expect(buttonsIn(reply.body.blocks)).toHaveLength(3);
    });

    it("/mentor join mentor preselects the role; submitting welcomes and refreshes Home", async () => {
      const since = Date.now();
      await t.slack.command(BEN.id, "join mentor");
      const modal = await waitForModal(t, "Join Tandem", since);
      const ack = await submitModal(t, BEN.id, modal, {
        "Career stage": "Senior",
        "Expertise you can share": ["Research methods"],
        "Kinds of mentoring you offer": ["Research"],
      });
      expect(ack.response_action).toBe("update");
      expect(visibleText(ack.view?.blocks)).toContain("You've joined *Open mentoring* as a mentor");
      const home = await waitForHome(t, BEN.id, (text) => text.includes("You're in"));
      expect(home).toContain("You take part as a mentor");
      expect(home).toContain("Open mentoring");
    });

    it("clicking a role button in a reply opens the profile with that role chosen", async () => {
      await t.slack.command(ANA.id, "join sensei");
      const reply = await t.slackApi.waitForResponse((body) => String(body.text).includes("sensei"));
      const button = buttonsIn(reply.body.blocks).find((b) => b.label === "Join as both");
      if (!button) throw new Error("no Join as both button");
      const since = Date.now();
      await t.slack.blockAction(
        ANA.id,
        { actionId: button.actionId, blockId: button.blockId, value: button.value },
        {
          message: {
            ts: "1700000000.000100",
            channel: "C0GENERAL",
            blocks: reply.body.blocks as unknown[],
            isEphemeral: true,
          },
        },
      );
      const modal = await waitForModal(t, "Join Tandem", since);
      const ack = await submitModal(t, ANA.id, modal, profileAnswers("BOTH"));
      expect(visibleText(ack.view?.blocks)).toContain("as a mentee and a mentor");
    });

    it("a guest is told clearly that guests can't join", async () => {
      await t.slack.command(GUEST.id, "join mentee");
      const reply = await t.slackApi.waitForResponse((body) => String(body.text).includes("Guest accounts"));
      expect(reply.body.response_type).toBe("ephemeral");
      expect(JSON.stringify(reply.body)).not.toMatch(/Error|stack|at .*\.ts/);
    });
  });

  describe("App Home", () => {
    it("opening Home publishes it, with join buttons for someone new", async () => {
      const newcomer = t.slackApi.addUser({ id: "U0NEW", name: "nia", real_name: "Nia Park" });
      const res = await t.slack.event({
        type: "app_home_opened",
        user: newcomer.id,
        channel: "D0NEW",
        tab: "home",
      });
      expect(res.status).toBe(200);
      const home = await waitForHome(t, newcomer.id, (text) => text.includes("You haven't joined yet"));
      expect(home).toContain("Hi Nia Park!");
      expect(buttonsIn(t.slackApi.homeOf(newcomer.id)?.blocks).map((b) => b.label)).toContain(
        "Join as a mentee",
      );
    });

    it("clicking 'Join as a mentee' in Home opens the profile; joining re-publishes Home", async () => {
      const since = Date.now();
      await clickInHome(t, "U0NEW", "Join as a mentee");
      const modal = await waitForModal(t, "Join Tandem", since);
      await submitModal(t, "U0NEW", modal, profileAnswers("MENTEE"));
      const home = await waitForHome(t, "U0NEW", (text) => text.includes("You're in"));
      expect(home).toContain("You take part as a mentee");
      expect(buttonsIn(t.slackApi.homeOf("U0NEW")?.blocks).map((b) => b.label)).toEqual([
        "Edit my profile",
        "Find a mentor",
        "Pause",
        "Open my journal",
        "Add a note",
      ]);
    });

    it("a retried event delivery is processed once", async () => {
      const since = Date.now();
      const before = t.slackApi.callsTo("views.publish").length;
      const event = { type: "app_home_opened", user: ANA.id, channel: "D0ANA", tab: "home" };
      await t.slack.event(event, { eventId: "Ev0RETRY1" });
      // Events are acked before they're handled: wait for this delivery's Home, not an older one.
      await t.slackApi.waitFor("views.publish", (args, call) => args.user_id === ANA.id && call.at >= since);
      await t.slack.event(event, { eventId: "Ev0RETRY1", retryNum: 1 });
      await eventually(async () =>
        t.logs.some(
          (line) => line.includes("duplicate event delivery ignored") && line.includes("Ev0RETRY1"),
        ),
      );
      expect(t.slackApi.callsTo("views.publish").length).toBe(before + 1);
    });

    it("a rate-limited views.publish is retried after Retry-After", async () => {
      const since = Date.now();
      t.slackApi.failNext("views.publish", { status: 429, retryAfter: 1 });
      await t.slack.event({ type: "app_home_opened", user: BEN.id, channel: "D0BEN", tab: "home" });
      const ok = await t.slackApi.waitFor(
        "views.publish",
        (args, call) => args.user_id === BEN.id && call.status === 200 && call.at >= since,
        10_000,
      );
      expect(ok.response.ok).toBe(true);
      const limited = t.slackApi.calls.find(
        (c) => c.method === "views.publish" && c.status === 429 && c.at >= since,
      );
      expect(limited).toBeDefined();
      expect(ok.at - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    });
  });

  describe("request checks", () => {
    const body = "token=x&team_id=T0TANDEM&user_id=U0ANA&command=%2Fmentor&text=help";

    it("a bad signature gets 401 and no answer", async () => {
      const res = await t.slack.raw(body, forgedSlackHeaders(TEST_SIGNING_SECRET, body, "wrong-secret"));
      expect(res.status).toBe(401);
    });

    it("a timestamp older than 5 minutes gets 401 (replay protection)", async () => {
      const res = await t.slack.raw(body, forgedSlackHeaders(TEST_SIGNING_SECRET, body, "stale", 6 * 60));
      expect(res.status).toBe(401);
    });

    it("a malformed body gets a 4xx", async () => {
      const broken = "payload=%7Bnot-json";
      const { signSlackRequest } = await import("../support/slack-signer.ts");
      const res = await t.slack.raw(broken, {
        ...signSlackRequest(TEST_SIGNING_SECRET, broken),
        "content-type": "application/x-www-form-urlencoded",
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });

    it("GET /healthz reports the database", async () => {
      const res = await fetch(`${t.tandem.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true } });
    });
  });

  it("never writes a secret to the log", () => {
    const all = t.logs.join("\n");
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(TEST_BOT_TOKEN);
    expect(all).not.toContain(TEST_SIGNING_SECRET);
  });
});
