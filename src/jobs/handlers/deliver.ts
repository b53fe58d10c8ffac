// Sending from a job, exactly once: every message carries its job's id as Slack message
// metadata, and a job on its second or later attempt (an earlier run failed, or its process died
// between sending and recording) first looks for that message and, when it is there, records it
// instead of sending again. Slack's answers become job outcomes: sent, wait (rate limit),
// retry later, or failed for good.
import type { Notice } from "../../domain/notices.ts";
import type { Step, Stop } from "../../services/pair-access.ts";
import {
  type OutgoingMessage,
  type PostedMessage,
  SlackDeliveryError,
  type SlackMessenger,
} from "../../services/slack-port.ts";
import { noticeMessage } from "../../slack/views/notices.ts";
import type { ClaimedJob, JobOutcome } from "../runner.ts";

/** Sends `message` to one person (DM) or several (group DM) once for this job. */
export async function sendOnce(
  messenger: SlackMessenger,
  job: Pick<ClaimedJob, "id" | "attempts">,
  to: string | string[],
  message: OutgoingMessage,
): Promise<PostedMessage> {
  const people = Array.isArray(to) ? to : [to];
  if (job.attempts > 1) {
    const earlier = await messenger.findSent(people, job.id);
    if (earlier) return earlier;
  }
  return people.length === 1 && !Array.isArray(to)
    ? messenger.sendDm(to, message, { key: job.id })
    : messenger.sendGroupDm(people, message, { key: job.id });
}

/** Sends and turns the result into the job's outcome. */
export async function deliver(
  messenger: SlackMessenger,
  job: Pick<ClaimedJob, "id" | "attempts">,
  to: string | string[],
  message: OutgoingMessage,
  now: Date,
): Promise<JobOutcome> {
  const recipient = Array.isArray(to) ? to.join(",") : to;
  try {
    const posted = await sendOnce(messenger, job, to, message);
    return { status: "done", recipient, channelId: posted.channel, messageTs: posted.ts };
  } catch (error) {
    return failureOutcome(error, recipient, now);
  }
}

export function deliverNotice(
  messenger: SlackMessenger,
  job: Pick<ClaimedJob, "id" | "attempts">,
  recipient: string,
  notice: Notice,
  now: Date,
): Promise<JobOutcome> {
  return deliver(messenger, job, recipient, noticeMessage(notice), now);
}

/**
 * Slack's refusals that no retry can fix fail the job; a rate limit waits for Retry-After
 * without counting as an attempt; anything else (5xx, timeouts) is retried with back-off.
 */
export function failureOutcome(error: unknown, recipient: string, now = new Date()): JobOutcome {
  if (error instanceof SlackDeliveryError) {
    if (error.permanent) return { status: "failed", error: error.code, recipient };
    if (error.retryAfterMs !== undefined) {
      return {
        status: "deferred",
        until: new Date(now.getTime() + error.retryAfterMs),
        reason: "Slack rate limit: waiting for Retry-After",
        recipient,
      };
    }
  }
  return { status: "retry", error: error instanceof Error ? error.message : String(error), recipient };
}

/** "done:…" and "skip:…" results of a service step, as job outcomes. */
export function outcomeOf(result: string): JobOutcome {
  const [status, ...rest] = result.split(":");
  const reason = rest.join(":");
  return status === "done" ? { status: "done" } : { status: "cancelled", reason };
}

/** A payload that no longer parses: the job fails for good, with zod's words in the log. */
export function invalid(error: { message: string }): JobOutcome {
  return { status: "failed", error: `invalid payload: ${error.message}` };
}

/** A prepared step that doesn't send now, as its outcome: deferred (wait) or cancelled (skip). */
export function stopOutcome(step: Stop): JobOutcome {
  if (step.do === "skip")
    return { status: "cancelled", reason: step.reason, ...(step.to ? { recipient: step.to } : {}) };
  return { status: "deferred", until: step.until, reason: step.reason, recipient: step.to };
}

/** Sends a prepared step to its one recipient, or turns "wait" and "skip" into their outcomes. */
export async function deliverStep<T>(
  deps: { messenger: SlackMessenger; now: () => Date },
  job: Pick<ClaimedJob, "id" | "attempts">,
  step: Step<T>,
  render: (what: T) => OutgoingMessage,
): Promise<JobOutcome> {
  if (step.do !== "send") return stopOutcome(step);
  return deliver(deps.messenger, job, step.to, render(step.what), deps.now());
}
