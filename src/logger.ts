// Structured JSON logs (pino) for Tandem and, through an adapter, for Bolt and the Slack client.
// Values under secret-looking keys are redacted, so a token never reaches a log line.
import type { Logger as SlackLogger } from "@slack/bolt";
import { LogLevel as SlackLogLevel } from "@slack/bolt";
import pino, { type Logger } from "pino";
import type { LogLevel } from "./config.ts";

export type { Logger };

const secretKeys = ["token", "botToken", "appToken", "signingSecret", "apiKey", "authorization", "password"];

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "tandem" },
      redact: {
        paths: [...secretKeys, ...secretKeys.map((k) => `*.${k}`), "headers.authorization"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

const toSlackLevel: Record<LogLevel, SlackLogLevel> = {
  debug: SlackLogLevel.DEBUG,
  info: SlackLogLevel.INFO,
  warn: SlackLogLevel.WARN,
  error: SlackLogLevel.ERROR,
};

/** Bolt's Logger interface over a pino child logger. */
export function slackLoggerFrom(logger: Logger): SlackLogger {
  let child = logger.child({ component: "bolt" });
  const text = (parts: unknown[]) =>
    parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (level) => {
      const entry = Object.entries(toSlackLevel).find(([, v]) => v === level);
      if (entry) child.level = entry[0];
    },
    getLevel: () => toSlackLevel[child.level as LogLevel] ?? SlackLogLevel.INFO,
    setName: (name) => {
      child = logger.child({ component: name });
    },
  };
}
