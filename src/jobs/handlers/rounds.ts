// Matching rounds as jobs: solving a draft, and publishing it. The coordinator who started the
// round is told by DM (through the outbox, so a lost DM never means solving twice).
import { jobPayloads } from "../../domain/jobs.ts";
import type { Notice } from "../../domain/notices.ts";
import type { PrismaClient } from "../../services/db.ts";
import { NotFoundError, unlessNotFound } from "../../services/errors.ts";
import { enqueue, type JobsEnqueued } from "../../services/outbox.ts";
import type { RoundService } from "../../services/rounds.ts";
import type { ClaimedJob, JobHandler } from "../runner.ts";

export interface RoundJobDeps {
  prisma: PrismaClient;
  rounds: RoundService;
  kick: JobsEnqueued;
  now: () => Date;
}

async function tellCoordinator(
  deps: RoundJobDeps,
  job: ClaimedJob,
  roundId: string,
  key: string,
  notice: Notice,
) {
  const coordinator = await deps.rounds.coordinatorOf(roundId);
  if (!coordinator) return;
  await enqueue(
    deps.prisma,
    {
      workspaceId: job.workspaceId,
      programId: job.programId,
      kind: "dm",
      key,
      payload: { recipient: coordinator.slackUserId, notice },
    },
    deps.now(),
  );
  deps.kick();
}

export function matchingRoundHandler(deps: RoundJobDeps): JobHandler {
  const { rounds } = deps;
  return async (job) => {
    const parsed = jobPayloads.matching_round.safeParse(job.payload);
    if (!parsed.success) return { status: "failed", error: `invalid payload: ${parsed.error.message}` };
    const { roundId } = parsed.data;
    const view = await unlessNotFound(rounds.view(roundId));
    if (!view) return { status: "cancelled", reason: "the round no longer exists" };
    try {
      const summary = await rounds.solve(roundId);
      await tellCoordinator(deps, job, roundId, `round_ready:${job.id}`, {
        type: "round_ready",
        roundId,
        programName: view.program.name,
        mentees: summary.mentees,
        matched: summary.matched,
        unmatched: summary.unmatched,
      });
      return { status: "done" };
    } catch (error) {
      // A round that is no longer waiting to be solved (a stray or repeated job) is left alone.
      if (error instanceof NotFoundError) return { status: "cancelled", reason: error.message };
      const message = error instanceof Error ? error.message : String(error);
      await rounds.markFailed(roundId, message);
      await tellCoordinator(deps, job, roundId, `round_failed:${job.id}`, {
        type: "round_failed",
        stage: "solve",
        programName: view.program.name,
      });
      return { status: "failed", error: message };
    }
  };
}

export function roundPublishHandler(deps: RoundJobDeps): JobHandler {
  const { rounds } = deps;
  return async (job) => {
    const parsed = jobPayloads.round_publish.safeParse(job.payload);
    if (!parsed.success) return { status: "failed", error: `invalid payload: ${parsed.error.message}` };
    const { roundId } = parsed.data;
    const view = await unlessNotFound(rounds.view(roundId));
    if (!view) return { status: "cancelled", reason: "the round no longer exists" };
    if (view.round.status === "PUBLISHED") return { status: "cancelled", reason: "already published" };
    let outcome: Awaited<ReturnType<RoundService["applyPublish"]>>;
    try {
      outcome = await rounds.applyPublish(roundId);
    } catch (error) {
      // The pairs introduced so far stay; the rest go back to the draft, to publish again.
      const message = error instanceof Error ? error.message : String(error);
      await rounds.backToDraft(roundId, message);
      await tellCoordinator(deps, job, roundId, `round_failed:${job.id}`, {
        type: "round_failed",
        stage: "publish",
        programName: view.program.name,
      });
      return { status: "failed", error: message };
    }
    await tellCoordinator(deps, job, roundId, `round_published:${roundId}`, {
      type: "round_published",
      programName: view.program.name,
      introduced: outcome.introduced,
      dropped: outcome.dropped,
    });
    return { status: "done" };
  };
}
