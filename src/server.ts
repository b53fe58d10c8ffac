// Starts and stops a whole Tandem: database, migrations, services, Slack app, HTTP server.
// main.ts calls it for production; the e2e tests and the demo call it in-process.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebClient } from "@slack/web-api";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { createJobHandlers } from "./jobs/handlers/index.ts";
import { JobRunner } from "./jobs/runner.ts";
import { createLogger, type Logger, slackLoggerFrom } from "./logger.ts";
import { createServices, type Services } from "./services/index.ts";
import { createSlackApp, type HealthReport, writeHealth } from "./slack/app.ts";
import { JOBS_CLIENT_OPTIONS, slackDirectory, slackMessenger } from "./slack/gateway.ts";
import { HomeRefresher } from "./slack/home-refresher.ts";

export interface StartOptions {
  logger?: Logger;
  /** An already open database (tests); otherwise opened from config. Closed on stop either way. */
  database?: Database;
  now?: () => Date;
}

export interface RunningTandem {
  /** The HTTP port actually bound (useful with PORT=0). */
  port: number;
  url: string;
  database: Database;
  services: Services;
  jobs: JobRunner;
  /** Home refreshes after scheduled jobs (tests wait for them with drain()). */
  homes: HomeRefresher;
  /** Stops accepting requests, finishes in-flight work, closes the database. Idempotent. */
  stop(): Promise<void>;
}

export async function startTandem(config: Config, options: StartOptions = {}): Promise<RunningTandem> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(config.database));
  try {
    const applied = await database.migrate();
    if (applied.length) logger.info({ applied }, "database migrations applied");
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }

  let stopping = false;
  const health = async (): Promise<HealthReport> => {
    const dbOk = await database.healthy();
    return {
      ok: dbOk && !stopping,
      body: {
        status: stopping ? "stopping" : dbOk ? "ok" : "degraded",
        database: { kind: database.kind, ok: dbOk },
      },
    };
  };

  // Profile lookups happen while a person waits (Slack allows 3 s): retry briefly, not for 30 minutes.
  const slackClient = new WebClient(config.slack.botToken, {
    logger: slackLoggerFrom(logger),
    retryConfig: { retries: 1, factor: 1, minTimeout: 500, maxTimeout: 1000 },
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
  const jobsClient = new WebClient(config.slack.botToken, {
    logger: slackLoggerFrom(logger),
    ...JOBS_CLIENT_OPTIONS,
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
  const messenger = slackMessenger(jobsClient);
  // The runner's handlers use the services, and the services wake the runner: the callback
  // reaches the runner once it exists.
  let runner: JobRunner | undefined;
  const services = createServices({
    prisma: database.prisma,
    directory: slackDirectory(slackClient),
    messenger,
    jobsEnqueued: () => runner?.kick(),
    ...(options.now ? { now: options.now } : {}),
    ai: config.openai,
    logger,
  });
  const homes = new HomeRefresher(jobsClient, services, logger);
  const jobs = new JobRunner(
    database.prisma,
    homes.wrap(
      createJobHandlers({
        ...services,
        prisma: database.prisma,
        messenger,
        kick: () => runner?.kick(),
        ...(options.now ? { now: options.now } : {}),
      }),
    ),
    logger,
    options.now ? { now: options.now } : {},
  );
  runner = jobs;
  const slack = createSlackApp({ config, services, prisma: database.prisma, logger, health });

  let server: Server;
  let socketHealthServer: Server | undefined;
  if (config.slack.appToken) {
    await slack.app.start();
    // Socket Mode has no HTTP listener of its own: serve /healthz on PORT anyway.
    socketHealthServer = createServer((req, res) => {
      if (req.method === "GET" && req.url?.split("?")[0] === "/healthz")
        void health().then((r) => writeHealth(r, res));
      else res.writeHead(404).end();
    });
    server = socketHealthServer;
    await new Promise<void>((resolve) => server.listen(config.port, resolve));
  } else {
    server = (await slack.app.start(config.port)) as Server;
  }
  const port = (server.address() as AddressInfo).port;
  await services.digests.ensureScheduledAll();
  jobs.start(config.schedulerTickSeconds);
  jobs.kick();
  logger.info(
    { port, mode: config.slack.appToken ? "socket" : "http", database: database.kind },
    "Tandem is ready",
  );

  let stopped: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    database,
    services,
    jobs,
    homes,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        logger.info("Tandem is stopping: no new requests, finishing work in flight");
        await slack.app
          .stop()
          .catch((error: unknown) => logger.warn({ err: error }, "stopping the Slack app"));
        if (socketHealthServer)
          await new Promise<void>((resolve) => socketHealthServer.close(() => resolve()));
        await slack.drain();
        await jobs.stop();
        await homes.drain();
        await database.close();
        logger.info("Tandem stopped");
      })();
      return stopped;
    },
  };
}
