// Mentorship life-cycle steps shared by several capabilities. Ending a relationship because one
// person left always tells the other person, through the outbox.
import { scheduleCheckins } from "./checkins.ts";
import type { Db, Member } from "./db.ts";
import { enqueue } from "./outbox.ts";
import { type EndReason, tellPartnerEnded } from "./partner-notices.ts";
import { scheduleReviews } from "./reviews.ts";

const OPEN_STATUSES = ["PROPOSED", "REQUESTED", "ACTIVE", "PAUSED"] as const;

/**
 * Ends every open mentorship of `member`: running ones complete, pending ones are cancelled, and
 * each partner of a running one gets a DM. Returns how many running mentorships ended.
 */
export async function endMentorshipsOf(
  tx: Db,
  member: Member,
  reason: EndReason,
  now: Date,
): Promise<number> {
  const open = await tx.mentorship.findMany({
    where: { OR: [{ mentorId: member.id }, { menteeId: member.id }], status: { in: [...OPEN_STATUSES] } },
    include: { mentor: true, mentee: true, program: { select: { name: true } } },
  });
  let ended = 0;
  for (const m of open) {
    const running = m.status === "ACTIVE" || m.status === "PAUSED";
    await tx.mentorship.update({
      where: { id: m.id },
      data: { status: running ? "COMPLETED" : "CANCELLED", endedAt: now, endReason: `partner ${reason}` },
    });
    if (!running) continue;
    ended++;
    const partner = m.mentorId === member.id ? m.mentee : m.mentor;
    await tellPartnerEnded(
      tx,
      {
        workspaceId: member.workspaceId,
        programId: m.programId,
        mentorshipId: m.id,
        programName: m.program.name,
      },
      member,
      partner,
      reason,
      now,
    );
  }
  return ended;
}

export async function countRunningMentorships(db: Db, memberId: string): Promise<number> {
  return db.mentorship.count({
    where: { OR: [{ mentorId: memberId }, { menteeId: memberId }], status: { in: ["ACTIVE", "PAUSED"] } },
  });
}

/**
 * A pair just became a mentorship (a request accepted, a round published): queues its group-DM
 * introduction (once per pair) and plans its check-ins and periodic reviews. Runs in the activating transaction.
 */
export async function onMentorshipStarted(
  tx: Db,
  pair: { workspaceId: string; programId: string; mentorshipId: string },
  now: Date,
): Promise<void> {
  await enqueue(
    tx,
    {
      workspaceId: pair.workspaceId,
      programId: pair.programId,
      kind: "intro",
      key: `intro:${pair.mentorshipId}`,
      payload: { mentorshipId: pair.mentorshipId },
    },
    now,
  );
  await scheduleCheckins(tx, pair.mentorshipId, now);
  await scheduleReviews(tx, pair.mentorshipId, now);
}
