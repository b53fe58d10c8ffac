// Writes jobs in the caller's transaction, so a message exists exactly when the change that
// caused it was committed. The idempotency key makes enqueueing the same intent twice harmless.
import { type JobKind, type JobPayload, mentorshipJobKinds } from "../domain/jobs.ts";
import type { Db, Prisma } from "./db.ts";

export interface JobSpec<K extends JobKind> {
  workspaceId: string;
  programId?: string | null;
  kind: K;
  payload: JobPayload<K>;
  /** Unique per intent, e.g. `partner_left:<mentorshipId>:<recipient>`. */
  key: string;
  dueAt?: Date;
}

export async function enqueue<K extends JobKind>(db: Db, job: JobSpec<K>, now = new Date()): Promise<void> {
  await db.scheduledJob.createMany({
    data: [
      {
        workspaceId: job.workspaceId,
        programId: job.programId ?? null,
        kind: job.kind,
        payload: job.payload as Prisma.InputJsonValue,
        idempotencyKey: job.key,
        dueAt: job.dueAt ?? now,
      },
    ],
    skipDuplicates: true,
  });
}

/** Listens for "jobs were just enqueued" so a runner can dispatch them within seconds. */
export type JobsEnqueued = () => void;

/**
 * Cancels a mentorship's pending jobs of these kinds (all of them by default): a pause, a close,
 * a replaced plan. Keys are `<kind>:<mentorshipId>:…` (see mentorshipJobKey).
 */
export async function cancelMentorshipJobs(
  db: Db,
  mentorshipId: string,
  reason: string,
  now: Date,
  kinds: readonly JobKind[] = mentorshipJobKinds,
): Promise<number> {
  const { count } = await db.scheduledJob.updateMany({
    where: {
      status: "PENDING",
      OR: kinds.map((kind) => ({ idempotencyKey: { startsWith: `${kind}:${mentorshipId}:` } })),
    },
    data: { status: "CANCELLED", cancelReason: reason, finishedAt: now },
  });
  return count;
}
