// The scheduler's mentorship jobs: a check-in cycle, each person's check-in DM, reflection
// prompts, the quiet-pair follow-up for coordinators, and a paused mentorship resuming.
import { jobPayloads } from "../../domain/jobs.ts";
import type { CheckinService, Step } from "../../services/checkins.ts";
import type { SlackMessenger } from "../../services/slack-port.ts";
import { checkinMessage, reflectionMessage } from "../../slack/views/checkins.ts";
import type { ClaimedJob, JobHandler, JobOutcome } from "../runner.ts";
import { deliver } from "./deliver.ts";

export interface CheckinJobDeps {
  checkins: CheckinService;
  messenger: SlackMessenger;
  kick: () => void;
  now: () => Date;
}

/** "done:…" and "skip:…" results of a service step, as job outcomes. */
function outcomeOf(result: string): JobOutcome {
  const [status, ...rest] = result.split(":");
  const reason = rest.join(":");
  return status === "done" ? { status: "done" } : { status: "cancelled", reason };
}

function invalid(error: { message: string }): JobOutcome {
  return { status: "failed", error: `invalid payload: ${error.message}` };
}

/** Sends a prepared step, or turns "wait" and "skip" into their outcomes. */
async function run<T>(
  deps: CheckinJobDeps,
  job: ClaimedJob,
  step: Step<T>,
  render: (what: T) => Parameters<SlackMessenger["sendDm"]>[1],
): Promise<JobOutcome> {
  if (step.do === "skip")
    return { status: "cancelled", reason: step.reason, ...(step.to ? { recipient: step.to } : {}) };
  if (step.do === "defer")
    return { status: "deferred", until: step.until, reason: step.reason, recipient: step.to };
  return deliver(deps.messenger, job, step.to, render(step.what), deps.now());
}

export function checkinRoundHandler(deps: CheckinJobDeps): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.checkin_round.safeParse(job.payload);
    if (!parsed.success) return invalid(parsed.error);
    const result = await deps.checkins.runRound(parsed.data);
    deps.kick();
    return outcomeOf(result);
  };
}

export function checkinHandler(deps: CheckinJobDeps): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.checkin.safeParse(job.payload);
    if (!parsed.success) return invalid(parsed.error);
    const step = await deps.checkins.prepareCheckin(job.id, parsed.data);
    const outcome = await run(deps, job, step, checkinMessage);
    if (outcome.status === "done") {
      await deps.checkins.recordCheckinSent(job.id, parsed.data, outcome);
    }
    return outcome;
  };
}

export function reflectionHandler(deps: CheckinJobDeps): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.reflection.safeParse(job.payload);
    if (!parsed.success) return invalid(parsed.error);
    const step = await deps.checkins.prepareReflection(parsed.data);
    return run(deps, job, step, reflectionMessage);
  };
}

export function quietFollowupHandler(deps: CheckinJobDeps): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.quiet_followup.safeParse(job.payload);
    if (!parsed.success) return invalid(parsed.error);
    return outcomeOf(await deps.checkins.quietFollowup(parsed.data));
  };
}

export function mentorshipResumeHandler(deps: CheckinJobDeps): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.mentorship_resume.safeParse(job.payload);
    if (!parsed.success) return invalid(parsed.error);
    const result = await deps.checkins.resume(parsed.data);
    deps.kick();
    return outcomeOf(result);
  };
}
