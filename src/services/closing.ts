// Closing a running mentorship on purpose (at a check-in or at a periodic review): it completes,
// everything planned for it is cancelled, and the partner is told. Runs in the caller's
// transaction; returns false when it had already ended (someone else closed it first).

import type { ClosedWhere } from "../domain/notices.ts";
import type { Db, Member } from "./db.ts";
import { cancelMentorshipJobs } from "./outbox.ts";
import { type Pair, partnerOf } from "./pair-access.ts";
import { tellPartnerEnded } from "./partner-notices.ts";

export async function closeMentorship(
  tx: Db,
  m: Pair,
  closer: Member,
  how: { where: ClosedWhere; endReason: string },
  now: Date,
): Promise<boolean> {
  const { count } = await tx.mentorship.updateMany({
    where: { id: m.id, status: { in: ["ACTIVE", "PAUSED"] } },
    data: {
      status: "COMPLETED",
      endedAt: now,
      endReason: how.endReason,
      nextCheckinAt: null,
      nextReviewAt: null,
    },
  });
  if (count === 0) return false;
  const at = how.where === "review" ? "a review" : "a check-in";
  await cancelMentorshipJobs(tx, m.id, `the mentorship was closed at ${at}`, now);
  await tellPartnerEnded(
    tx,
    {
      workspaceId: m.program.workspaceId,
      programId: m.programId,
      mentorshipId: m.id,
      programName: m.program.name,
    },
    closer,
    partnerOf(m, closer.id),
    "closed",
    now,
    how.where,
  );
  return true;
}
