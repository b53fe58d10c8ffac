// The weekly digest's jobs: a workspace's Monday round (queues each coordinator's digest and the
// next round) and one coordinator's digest (the message, then the chart as a PNG in the same DM).
//
// Exactly once: the message carries the job's id (a retry finds it instead of posting again), and
// the chart's upload is written to the delivery log as soon as Slack took it, so a retry after a
// failure between the two uploads the chart only if it never arrived.
import { renderDigestChart } from "../../charts/digest-chart.ts";
import { jobPayloads } from "../../domain/jobs.ts";
import type { DigestService } from "../../services/digest.ts";
import type { SlackMessenger } from "../../services/slack-port.ts";
import { digestChartFile, digestChartTitle, digestMessage } from "../../slack/views/digest.ts";
import type { JobHandler } from "../runner.ts";
import { failureOutcome, invalid, outcomeOf, sendOnce, stopOutcome } from "./deliver.ts";

export interface DigestJobDeps {
  digests: DigestService;
  messenger: SlackMessenger;
  kick: () => void;
  now: () => Date;
}

export function digestHandlers(deps: DigestJobDeps): Record<"digest_round" | "digest", JobHandler> {
  return {
    digest_round: async (job) => {
      const parsed = jobPayloads.digest_round.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const result = await deps.digests.runRound(job.workspaceId, parsed.data.week);
      deps.kick();
      return outcomeOf(result);
    },

    digest: async (job) => {
      const parsed = jobPayloads.digest.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const step = await deps.digests.prepareDigest(parsed.data);
      if (step.do !== "send") return stopOutcome(step);
      const { to, what } = step;
      try {
        const posted = await sendOnce(deps.messenger, job, to, digestMessage(what));
        if (!(job.attempts > 1 && (await deps.digests.chartAlreadySent(job.id)))) {
          const png = await renderDigestChart({
            title: digestChartTitle(what),
            points: what.chart.map((w) => ({
              label: w.label,
              activePairs: w.activePairs,
              enrolled: w.enrolled,
              sessions: w.sessions,
            })),
          });
          const file = digestChartFile(what);
          const uploaded = await deps.messenger.sendFileDm(to, { ...file, content: png });
          await deps.digests.recordChartSent(job, to, uploaded.channel);
        }
        return { status: "done", recipient: to, channelId: posted.channel, messageTs: posted.ts };
      } catch (error) {
        return failureOutcome(error, to, deps.now());
      }
    },
  };
}
