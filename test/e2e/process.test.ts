// Tandem as an operator runs it: `src/main.ts` in its own process. Missing settings, a real start
// on the embedded database (or PostgreSQL), graceful SIGTERM, and data that survives a restart.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, testBackend } from "../support/db.ts";
import { fillModal } from "../support/modal-filler.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { SlackRequestDriver } from "../support/slack-signer.ts";
import {
  profileAnswers,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  TEST_TEAM_ID,
  visibleText,
} from "../support/tandem.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const main = path.join(root, "src/main.ts");
/** `npm start` is `node --import tsx src/main.ts`; from another folder the loader needs its full path. */
const tsxLoader = import.meta.resolve("tsx");

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts main.ts with exactly this environment (plus PATH), from an empty working folder. */
function run(env: Record<string, string>, cwd: string): Run {
  const child = spawn(process.execPath, ["--import", tsxLoader, main], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function readyPort(r: Run, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = r
      .output()
      .split("\n")
      .find((l) => l.includes('"Tandem is ready"'));
    if (line) return (JSON.parse(line) as { port: number }).port;
    if (r.child.exitCode !== null) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`Tandem did not become ready:\n${r.output()}`);
}

describe("npm start", () => {
  let workdir: string;
  beforeAll(async () => {
    workdir = await mkdtemp(path.join(tmpdir(), "tandem-process-"));
  });
  afterAll(async () => rm(workdir, { recursive: true, force: true }));

  it("with no settings exits 1 and names each missing variable", async () => {
    const r = run({}, workdir);
    expect(await r.exited).toBe(1);
    const out = r.output();
    expect(out).toContain("Tandem cannot start: 2 settings need attention.");
    expect(out).toContain("SLACK_BOT_TOKEN is missing");
    expect(out).toContain("SLACK_SIGNING_SECRET is missing");
    expect(out).toContain(".env.example");
    expect(out).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  describe(`a real run (${testBackend()})`, () => {
    let slackApi: SlackApiStandIn;
    let env: Record<string, string>;
    let dropDatabase: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      slackApi = await SlackApiStandIn.start({ botToken: TEST_BOT_TOKEN, teamId: TEST_TEAM_ID });
      slackApi.addUser({ id: "U0ZOE", name: "zoe", real_name: "Zoe Adams", tz: "Australia/Sydney" });
      env = {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slackApi.apiUrl,
        PORT: "0",
        DATA_DIR: path.join(workdir, "data"),
      };
      if (testBackend() === "postgres") {
        const scratch = await createScratchDatabase();
        env.DATABASE_URL = scratch.url;
        dropDatabase = scratch.drop;
      }
    });
    afterAll(async () => {
      await slackApi.stop();
      await dropDatabase?.();
    });

    it("serves Slack, stops gracefully on SIGTERM, and remembers members after a restart", async () => {
      const first = run(env, workdir);
      const port = await readyPort(first);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toMatchObject({ status: "ok", database: { ok: true } });

      const slack = new SlackRequestDriver({
        url: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: TEST_SIGNING_SECRET,
        teamId: TEST_TEAM_ID,
        responseUrlBase: slackApi.baseUrl,
      });
      await slack.command("U0ZOE", "join mentor");
      const opened = await slackApi.waitFor("views.open", undefined, 15_000);
      const modal = slackApi.viewById((opened.response.view as { id: string }).id);
      if (!modal) throw new Error("the profile modal was not opened");
      const submitted = await slack.viewSubmission("U0ZOE", {
        id: modal.id,
        callbackId: String(modal.callback_id),
        privateMetadata: String(modal.private_metadata ?? ""),
        values: fillModal(modal, profileAnswers("MENTOR")),
      });
      expect(JSON.stringify(submitted.json())).toContain("Welcome to Tandem");

      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain("Tandem stopped");
      expect(first.output()).not.toContain(TEST_BOT_TOKEN);

      const second = run(env, workdir);
      const port2 = await readyPort(second);
      const slack2 = new SlackRequestDriver({
        url: `http://127.0.0.1:${port2}/slack/events`,
        signingSecret: TEST_SIGNING_SECRET,
        teamId: TEST_TEAM_ID,
      });
      slackApi.reset();
      await slack2.event({ type: "app_home_opened", user: "U0ZOE", channel: "D0ZOE", tab: "home" });
      const publish = await slackApi.waitFor("views.publish", (args) => args.user_id === "U0ZOE", 15_000);
      expect(visibleText((publish.args.view as { blocks: unknown }).blocks)).toContain(
        "You take part as a mentor",
      );
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    }, 120_000);
  });
});
