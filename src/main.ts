// Composition root: configuration -> database -> migrations -> services -> Slack app (+ scheduler).
// Exits 1 with every configuration problem listed when settings are missing or wrong.
import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { startTandem } from "./server.ts";

if (existsSync(".env")) process.loadEnvFile(".env");

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
// Signals are handled from the very start: a SIGTERM that arrives while Tandem is still starting
// waits for the start to finish, then stops it gracefully.
const started = startTandem(config, { logger });
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutdown requested");
  started
    .then((tandem) => tandem.stop())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
};
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
try {
  await started;
} catch (error) {
  logger.fatal({ err: error }, "Tandem could not start");
  process.exit(1);
}
