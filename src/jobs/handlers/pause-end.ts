// A pause reached its end date: the member is active again, and is told so. Does nothing when the
// member resumed early, paused again with another date, or left.
import { jobPayloads } from "../../domain/jobs.ts";
import { unreachableReason } from "../../domain/members.ts";
import type { PrismaClient } from "../../services/db.ts";
import type { SlackMessenger } from "../../services/slack-port.ts";
import type { JobHandler } from "../runner.ts";
import { deliverNotice } from "./deliver.ts";

export function pauseEndHandler(
  prisma: PrismaClient,
  messenger: SlackMessenger,
  now: () => Date,
): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.pause_end.safeParse(job.payload);
    if (!parsed.success) return { status: "failed", error: `invalid payload: ${parsed.error.message}` };
    const { memberId, until } = parsed.data;
    const member = await prisma.member.findUnique({ where: { id: memberId } });
    if (!member) return { status: "cancelled", reason: "member no longer exists" };
    // Reads treat the pause as over from its date on and may have recorded that already (keeping
    // the date); resuming early, pausing again or leaving changes the date, and cancels this.
    if (member.pausedUntil?.toISOString() !== until) {
      return { status: "cancelled", reason: "the pause had already ended or changed" };
    }
    if (member.status === "PAUSED") {
      await prisma.member.update({ where: { id: memberId }, data: { status: "ACTIVE" } });
    }
    const unreachable = unreachableReason(member);
    if (unreachable)
      return { status: "cancelled", reason: `recipient is ${unreachable}`, recipient: member.slackUserId };
    return deliverNotice(messenger, job, member.slackUserId, { type: "paused_resumed" }, now());
  };
}
