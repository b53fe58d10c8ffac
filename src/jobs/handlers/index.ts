// Every job kind's handler, keyed by kind.
import type { JobKind } from "../../domain/jobs.ts";
import type { PrismaClient } from "../../services/db.ts";
import type { SlackMessenger } from "../../services/slack-port.ts";
import type { JobHandler } from "../runner.ts";
import { dmHandler } from "./dm.ts";
import { pauseEndHandler } from "./pause-end.ts";

export function createJobHandlers(deps: {
  prisma: PrismaClient;
  messenger: SlackMessenger;
}): Record<JobKind, JobHandler> {
  return {
    dm: dmHandler(deps.prisma, deps.messenger),
    pause_end: pauseEndHandler(deps.prisma, deps.messenger),
  };
}
