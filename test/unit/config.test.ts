import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const minimal = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "secret" };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("applies documented defaults", () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      port: 3000,
      database: { kind: "pglite", dataDir: "./.data" },
      logLevel: "info",
      schedulerTickSeconds: 60,
      openai: {
        apiKey: undefined,
        model: "gpt-4o-mini",
        embeddingModel: "text-embedding-3-small",
        embeddingDimensions: 256,
        timeoutMs: 15_000,
        dailyTokenBudget: 200_000,
      },
      slack: { appToken: undefined, apiUrl: undefined },
    });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({ ...minimal, DATABASE_URL: "postgresql://u:p@db:5432/tandem" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://u:p@db:5432/tandem" });
  });

  it("normalises SLACK_API_URL to end with a slash, as Bolt's client expects", () => {
    expect(loadConfig({ ...minimal, SLACK_API_URL: "http://127.0.0.1:9999/api" }).slack.apiUrl).toBe(
      "http://127.0.0.1:9999/api/",
    );
  });

  it("reads the AI settings: base URL, models, timeout and daily budget", () => {
    const config = loadConfig({
      ...minimal,
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: "http://localhost:11434/v1",
      OPENAI_MODEL: "llama3.1",
      OPENAI_EMBEDDING_MODEL: "nomic-embed-text",
      OPENAI_EMBEDDING_DIMENSIONS: "0",
      OPENAI_TIMEOUT_SECONDS: "5",
      AI_DAILY_TOKEN_BUDGET: "50000",
    });
    expect(config.openai).toEqual({
      apiKey: "sk-test",
      baseUrl: "http://localhost:11434/v1",
      model: "llama3.1",
      embeddingModel: "nomic-embed-text",
      embeddingDimensions: 0,
      timeoutMs: 5000,
      dailyTokenBudget: 50_000,
    });
    expect(problemsOf({ ...minimal, OPENAI_TIMEOUT_SECONDS: "0" })).toEqual([
      expect.stringMatching(/^OPENAI_TIMEOUT_SECONDS must be a whole number from 1 to 120, got "0"\./),
    ]);
  });

  it("treats empty strings as unset", () => {
    const config = loadConfig({ ...minimal, OPENAI_API_KEY: "", PORT: "", DATABASE_URL: " " });
    expect(config.openai.apiKey).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe("pglite");
  });

  it("reports every problem at once, each with what it is for and where to get it", () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN is missing\. .*OAuth & Permissions/);
    expect(problems[1]).toMatch(/^SLACK_SIGNING_SECRET is missing\. .*Signing Secret/);
  });

  it("explains malformed values", () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: "xoxp-user-token",
      SLACK_SIGNING_SECRET: "s",
      PORT: "eighty",
      LOG_LEVEL: "loud",
      DATABASE_URL: "mysql://x",
      SLACK_APP_TOKEN: "xoxb-wrong",
      OPENAI_BASE_URL: "not a url",
      SCHEDULER_TICK_SECONDS: "0",
    });
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "SLACK_BOT_TOKEN",
      "SLACK_APP_TOKEN",
      "PORT",
      "DATABASE_URL",
      "OPENAI_BASE_URL",
      "LOG_LEVEL",
      "SCHEDULER_TICK_SECONDS",
    ]);
    expect(problems.join("\n")).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
  });

  it("does not need a signing secret in Socket Mode", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    expect(config.slack.appToken).toBe("xapp-1");
  });

  it("never echoes a secret's value in its message", () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: "not-a-token-sekrit", SLACK_SIGNING_SECRET: "s" });
    expect(problems.join("\n")).not.toContain("sekrit");
  });
});
