// Matching's messages: the request a mentor must answer, moving an unanswered request on, and the
// group DM that introduces a new pair.
import { jobPayloads } from "../../domain/jobs.ts";
import { unreachableReason } from "../../domain/members.ts";
import type { PrismaClient } from "../../services/db.ts";
import { unlessNotFound } from "../../services/errors.ts";
import type { MatchingService } from "../../services/matching.ts";
import type { SlackMessenger } from "../../services/slack-port.ts";
import { introMessage, mentorRequestMessage } from "../../slack/views/matching.ts";
import type { JobHandler } from "../runner.ts";
import { deliver } from "./deliver.ts";

export function mentorRequestHandler(
  matching: MatchingService,
  messenger: SlackMessenger,
  now: () => Date,
): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.mentor_request.safeParse(job.payload);
    if (!parsed.success) return { status: "failed", error: `invalid payload: ${parsed.error.message}` };
    const details = await unlessNotFound(matching.requestDetails(parsed.data.mentorshipId));
    if (!details) return { status: "cancelled", reason: "the request no longer exists" };
    const recipient = details.mentor.slackUserId;
    if (details.mentorship.status !== "REQUESTED")
      return { status: "cancelled", reason: "already answered", recipient };
    const unreachable = unreachableReason(details.mentor);
    if (unreachable) return { status: "cancelled", reason: `recipient is ${unreachable}`, recipient };
    return deliver(messenger, job, recipient, mentorRequestMessage(details), now());
  };
}

export function requestExpiryHandler(matching: MatchingService): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.request_expiry.safeParse(job.payload);
    if (!parsed.success) return { status: "failed", error: `invalid payload: ${parsed.error.message}` };
    const moved = await matching.expire(parsed.data.mentorshipId, parsed.data.alternatives);
    return moved ? { status: "done" } : { status: "cancelled", reason: "answered before the deadline" };
  };
}

export function introHandler(
  prisma: PrismaClient,
  matching: MatchingService,
  messenger: SlackMessenger,
  now: () => Date,
): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.intro.safeParse(job.payload);
    if (!parsed.success) return { status: "failed", error: `invalid payload: ${parsed.error.message}` };
    const details = await unlessNotFound(matching.requestDetails(parsed.data.mentorshipId));
    if (!details) return { status: "cancelled", reason: "the mentorship no longer exists" };
    const recipient = `${details.mentor.slackUserId},${details.mentee.slackUserId}`;
    if (details.mentorship.status !== "ACTIVE")
      return { status: "cancelled", reason: "the mentorship is not active", recipient };
    for (const person of [details.mentor, details.mentee]) {
      const unreachable = unreachableReason(person);
      if (unreachable) return { status: "cancelled", reason: `a partner is ${unreachable}`, recipient };
    }
    const outcome = await deliver(
      messenger,
      job,
      [details.mentor.slackUserId, details.mentee.slackUserId],
      introMessage(details),
      now(),
    );
    if (outcome.status === "done") {
      // The intro is out: recording where must not make a retry send it twice.
      await prisma.mentorship
        .update({
          where: { id: details.mentorship.id },
          data: { introChannelId: outcome.channelId ?? null, introMessageTs: outcome.messageTs ?? null },
        })
        .catch(() => {});
    }
    return outcome;
  };
}
