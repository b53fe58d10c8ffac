// Builds the Bolt app: HTTP receiver on /slack/events (or Socket Mode), the health route,
// request-wide middleware, and every listener.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type AllMiddlewareArgs, type AnyMiddlewareArgs, App, type Middleware } from "@slack/bolt";
import type { Config } from "../config.ts";
import { type Logger, slackLoggerFrom } from "../logger.ts";
import type { PrismaClient } from "../services/db.ts";
import type { Services } from "../services/index.ts";
import { registerListeners } from "./listeners/index.ts";

export interface HealthReport {
  ok: boolean;
  body: Record<string, unknown>;
}

export interface SlackAppDeps {
  config: Config;
  services: Services;
  prisma: PrismaClient;
  logger: Logger;
  health: () => Promise<HealthReport>;
}

export interface SlackApp {
  app: App;
  /** Resolves when every listener that has started has finished. */
  drain(): Promise<void>;
}

export function writeHealth(report: HealthReport, res: ServerResponse): void {
  res.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify(report.body));
}

export function createSlackApp({ config, services, prisma, logger, health }: SlackAppDeps): SlackApp {
  const socketMode = Boolean(config.slack.appToken);
  const clientOptions = () => (config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {});
  const app = new App({
    token: config.slack.botToken,
    logger: slackLoggerFrom(logger),
    clientOptions: clientOptions(),
    ...(socketMode
      ? {
          socketMode: true,
          appToken: config.slack.appToken,
          // The socket client writes its own retry policy (100 retries) into the options object
          // it is given; its own copy keeps the listeners' client on the default policy.
          installerOptions: { clientOptions: clientOptions() },
        }
      : {
          signingSecret: config.slack.signingSecret ?? "",
          customRoutes: [
            {
              path: "/healthz",
              method: ["GET"],
              handler: (_req: IncomingMessage, res: ServerResponse) => {
                health().then(
                  (report) => writeHealth(report, res),
                  () => writeHealth({ ok: false, body: { status: "error" } }, res),
                );
              },
            },
          ],
        }),
  });

  const inFlight = new Set<Promise<void>>();
  const track: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  };
  app.use(track);
  app.use(resolveWorkspace(services));
  app.use(dropRetriedEvents(prisma, logger));

  registerListeners(app, { services, logger });
  app.error(async (error) => {
    logger.error({ err: error }, "unhandled error in a Slack listener");
  });

  return {
    app,
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

function teamIdOf(args: AnyMiddlewareArgs & AllMiddlewareArgs): string | undefined {
  if (args.context.teamId) return args.context.teamId;
  const body = args.body as { team_id?: unknown; team?: { id?: unknown } | null };
  if (typeof body.team_id === "string") return body.team_id;
  return typeof body.team?.id === "string" ? body.team.id : undefined;
}

/** Puts the Tandem workspace id on the context (created on first contact). */
function resolveWorkspace(services: Services): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const teamId = teamIdOf(args);
    if (teamId) args.context.workspaceId = (await services.workspaces.ensure(teamId)).id;
    await args.next();
  };
}

/** Slack resends an event it thinks was lost; the stored event id turns the copy into a no-op. */
function dropRetriedEvents(prisma: PrismaClient, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as { type?: unknown; event_id?: unknown; event?: { type?: unknown } };
    const workspaceId = args.context.workspaceId;
    if (
      body.type === "event_callback" &&
      typeof body.event_id === "string" &&
      typeof workspaceId === "string"
    ) {
      const { count } = await prisma.processedEvent.createMany({
        data: [{ eventId: body.event_id, workspaceId, type: String(body.event?.type ?? "unknown") }],
        skipDuplicates: true,
      });
      if (count === 0) {
        logger.info({ eventId: body.event_id }, "duplicate event delivery ignored");
        return;
      }
    }
    await args.next();
  };
}
