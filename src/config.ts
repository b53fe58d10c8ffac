// Every environment variable Tandem reads, parsed once with zod. The rest of the code receives
// the typed `Config`; nothing else reads process.env.
import { z } from "zod";
import type { AiSettings } from "./ai/client.ts";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const optionalUrl = (what: string) =>
  optionalText.refine((v) => v === undefined || URL.canParse(v), { message: `must be a full URL (${what})` });

const intInRange = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

/** The variables, each described with what it is for and where to get it. */
const envShape = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: "is missing" })
    .trim()
    .regex(/^xoxb-/, { message: 'must be a bot token starting with "xoxb-"' })
    .describe(
      "The bot's OAuth token. Slack app settings > OAuth & Permissions > Bot User OAuth Token (install the app first).",
    ),
  SLACK_SIGNING_SECRET: optionalText.describe(
    "Proves that requests come from Slack. Slack app settings > Basic Information > App Credentials > Signing Secret.",
  ),
  SLACK_APP_TOKEN: optionalText
    .refine((v) => v === undefined || v.startsWith("xapp-"), { message: 'must start with "xapp-"' })
    .describe(
      "Optional: turns on Socket Mode (no public URL needed). Basic Information > App-Level Tokens, scope connections:write.",
    ),
  SLACK_API_URL: optionalUrl("e.g. https://slack.com/api/")
    .transform((v) => (v === undefined || v.endsWith("/") ? v : `${v}/`))
    .describe("Optional: base URL of the Slack Web API (tests, GovSlack). Default https://slack.com/api/."),
  PORT: intInRange(0, 65_535, 3000).describe("HTTP port for /slack/events and /healthz. Default 3000."),
  DATA_DIR: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : "./.data"))
    .describe("Folder of the embedded database, used when DATABASE_URL is not set. Default ./.data."),
  DATABASE_URL: optionalText
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a PostgreSQL URL starting with "postgresql://"',
    })
    .describe(
      "Optional: a PostgreSQL server (production, several instances). Default: embedded PGlite in DATA_DIR.",
    ),
  OPENAI_API_KEY: optionalText.describe(
    "Optional: enables AI suggestions. Without it Tandem uses local fallbacks.",
  ),
  OPENAI_BASE_URL: optionalUrl("an OpenAI-compatible API, e.g. http://localhost:11434/v1").describe(
    "Optional: an OpenAI-compatible server instead of OpenAI.",
  ),
  OPENAI_MODEL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : "gpt-4o-mini"))
    .describe("Optional: the model for AI suggestions. Default gpt-4o-mini."),
  OPENAI_EMBEDDING_MODEL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : "text-embedding-3-small"))
    .describe("Optional: the embedding model for semantic matching. Default text-embedding-3-small."),
  OPENAI_EMBEDDING_DIMENSIONS: intInRange(0, 4096, 256).describe(
    "Optional: ask the embedding model for vectors this long (text-embedding-3 models shorten them); 0 keeps the model's own length. Default 256.",
  ),
  OPENAI_TIMEOUT_SECONDS: intInRange(1, 120, 15).describe(
    "Optional: how long an AI request may take before Tandem uses its local fallback. Default 15.",
  ),
  AI_DAILY_TOKEN_BUDGET: intInRange(0, 100_000_000, 200_000).describe(
    "Optional: tokens a workspace may spend on AI per day (UTC); 0 turns AI off. Default 200000.",
  ),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (v ? v : "info"))
    .pipe(z.enum(["debug", "info", "warn", "error"], { error: "must be one of debug, info, warn, error" }))
    .describe("debug, info, warn or error. Default info."),
  SCHEDULER_TICK_SECONDS: intInRange(1, 3600, 60).describe(
    "How often the scheduler looks for due messages, in seconds. Default 60.",
  ),
});

export const envSchema = envShape;

/** Rules across variables; checked on the raw values so they are reported with the rest. */
function crossFieldProblems(env: Record<string, string | undefined>): z.core.$ZodIssue[] {
  const has = (name: string) => (env[name] ?? "").trim() !== "";
  if (!has("SLACK_APP_TOKEN") && !has("SLACK_SIGNING_SECRET")) {
    return [{ code: "custom", path: ["SLACK_SIGNING_SECRET"], message: "is missing", input: undefined }];
  }
  return [];
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
  };
  port: number;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  openai: AiSettings;
  logLevel: LogLevel;
  schedulerTickSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        `Tandem cannot start: ${problems.length === 1 ? "1 setting needs" : `${problems.length} settings need`} attention.`,
        ...problems.map((p) => `  - ${p}`),
        "Set them in the environment or in a .env file (see .env.example).",
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(env);
  const issues = [...(result.success ? [] : result.error.issues), ...crossFieldProblems(env)];
  if (!result.success || issues.length > 0) {
    const shape: Record<string, z.ZodType> = envShape.shape;
    const problems = issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const description = shape[name]?.description;
      return `${name} ${issue.message}.${description ? ` ${description}` : ""}`;
    });
    throw new ConfigError(problems);
  }
  const e = result.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    },
    port: e.PORT,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "pglite", dataDir: e.DATA_DIR },
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      embeddingModel: e.OPENAI_EMBEDDING_MODEL,
      embeddingDimensions: e.OPENAI_EMBEDDING_DIMENSIONS,
      timeoutMs: e.OPENAI_TIMEOUT_SECONDS * 1000,
      dailyTokenBudget: e.AI_DAILY_TOKEN_BUDGET,
    },
    logLevel: e.LOG_LEVEL,
    schedulerTickSeconds: e.SCHEDULER_TICK_SECONDS,
  };
}
