// Sends one notice as a DM and turns Slack's answer into a job outcome: sent, retry later, or
// failed for good (Slack refused in a way no retry can fix).
import type { Notice } from "../../domain/notices.ts";
import { SlackDeliveryError, type SlackMessenger } from "../../services/slack-port.ts";
import { noticeMessage } from "../../slack/views/notices.ts";
import type { JobOutcome } from "../runner.ts";

export async function deliverNotice(
  messenger: SlackMessenger,
  recipient: string,
  notice: Notice,
): Promise<JobOutcome> {
  try {
    const sent = await messenger.sendDm(recipient, noticeMessage(notice));
    return { status: "done", recipient, channelId: sent.channel, messageTs: sent.ts };
  } catch (error) {
    return failureOutcome(error, recipient);
  }
}

/** Slack's refusals that no retry can fix fail the job; anything else is retried later. */
export function failureOutcome(error: unknown, recipient: string): JobOutcome {
  if (error instanceof SlackDeliveryError && error.permanent)
    return { status: "failed", error: error.code, recipient };
  return { status: "retry", error: error instanceof Error ? error.message : String(error), recipient };
}
