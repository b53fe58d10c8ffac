// The scheduler's mentorship jobs: a check-in cycle, each person's check-in DM, reflection
// prompts, the quiet-pair follow-up for coordinators, and a paused mentorship resuming.
import { jobPayloads } from "../../domain/jobs.ts";
import type { CheckinService } from "../../services/checkins.ts";
import type { SlackMessenger } from "../../services/slack-port.ts";
import { checkinMessage, reflectionMessage } from "../../slack/views/checkins.ts";
import type { JobHandler } from "../runner.ts";
import { deliverStep, invalid, outcomeOf } from "./deliver.ts";

export interface CheckinJobDeps {
  checkins: CheckinService;
  messenger: SlackMessenger;
  kick: () => void;
  now: () => Date;
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
    const outcome = await deliverStep(deps, job, step, checkinMessage);
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
    return deliverStep(deps, job, step, reflectionMessage);
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
