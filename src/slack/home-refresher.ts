// Keeps Home tabs current after changes no one clicked for: a scheduled job introduced a pair,
// moved their next check-in, or ended a pause. Refreshes are coalesced per person (a burst of
// jobs about one pair publishes each Home once) and best effort: Home is rebuilt from the
// database whenever it is published, so a refresh lost in a restart only leaves it a little stale.
import type { WebClient } from "@slack/web-api";
import type { ClaimedJob, JobHandler } from "../jobs/runner.ts";
import type { Logger } from "../logger.ts";
import type { Services } from "../services/index.ts";
import { publishHome } from "./home-publisher.ts";

/** Job kinds whose success changes what the people concerned see in Home. */
const HOME_CHANGING_JOBS = new Set([
  "intro",
  "checkin_round",
  "mentorship_resume",
  "pause_end",
  "review_round",
]);

export class HomeRefresher {
  private readonly due = new Map<string, { workspaceId: string; slackUserId: string }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: WebClient,
    private readonly services: Services,
    private readonly logger: Logger,
    private readonly delayMs = 250,
  ) {}

  /** Wraps job handlers so a successful Home-changing job refreshes the Homes it concerns. */
  wrap(handlers: Record<string, JobHandler>): Record<string, JobHandler> {
    return Object.fromEntries(
      Object.entries(handlers).map(([kind, handler]) => [
        kind,
        async (job: ClaimedJob) => {
          const outcome = await handler(job);
          if (outcome.status === "done" && HOME_CHANGING_JOBS.has(kind)) {
            await this.afterJob(job).catch((error: unknown) =>
              this.logger.warn({ err: error, job: job.id }, "could not plan a Home refresh"),
            );
          }
          return outcome;
        },
      ]),
    );
  }

  /** Publishes these people's Home soon (once, however often asked before then). */
  refresh(workspaceId: string, slackUserIds: readonly string[]): void {
    for (const slackUserId of slackUserIds)
      this.due.set(`${workspaceId}:${slackUserId}`, { workspaceId, slackUserId });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, this.delayMs);
  }

  /** Waits for planned refreshes to go out (shutdown, tests). */
  async drain(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }
    await this.flushing;
  }

  private async afterJob(job: ClaimedJob): Promise<void> {
    const payload = (typeof job.payload === "object" && job.payload !== null ? job.payload : {}) as Record<
      string,
      unknown
    >;
    const people = await this.services.home.peopleConcerned({
      mentorshipId: typeof payload.mentorshipId === "string" ? payload.mentorshipId : undefined,
      memberId: typeof payload.memberId === "string" ? payload.memberId : undefined,
    });
    this.refresh(job.workspaceId, people);
  }

  private async flush(): Promise<void> {
    const batch = [...this.due.values()];
    this.due.clear();
    for (const { workspaceId, slackUserId } of batch) {
      await publishHome(this.client, this.services, workspaceId, slackUserId).catch((error: unknown) =>
        this.logger.warn({ err: error, user: slackUserId }, "could not refresh Home after a job"),
      );
    }
  }
}
