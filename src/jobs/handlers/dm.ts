// Sends one DM notice. Deleted people, guests and bots are never messaged: the job is cancelled
// with the reason. Slack's permanent refusals fail the job; anything else is retried.
import { jobPayloads } from "../../domain/jobs.ts";
import { unreachableReason } from "../../domain/members.ts";
import type { PrismaClient } from "../../services/db.ts";
import type { SlackMessenger } from "../../services/slack-port.ts";
import type { JobHandler } from "../runner.ts";
import { deliverNotice } from "./deliver.ts";

export function dmHandler(prisma: PrismaClient, messenger: SlackMessenger, now: () => Date): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.dm.safeParse(job.payload);
    if (!parsed.success) return { status: "failed", error: `invalid payload: ${parsed.error.message}` };
    const { recipient, notice } = parsed.data;
    const member = await prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId: job.workspaceId, slackUserId: recipient } },
    });
    const unreachable = member ? unreachableReason(member) : undefined;
    if (unreachable) return { status: "cancelled", reason: `recipient is ${unreachable}`, recipient };
    return deliverNotice(messenger, job, recipient, notice, now());
  };
}
