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
try {
  const tandem = await startTandem(config, { logger });
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutdown requested");
    tandem.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
} catch (error) {
  logger.fatal({ err: error }, "Tandem could not start");
  process.exit(1);
}
