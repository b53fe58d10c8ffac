// Letters whose mentee or writer is gone from Tandem (they left, erased their data, or their
// Slack account was deactivated): the request closes, its reminders and late notes are
// cancelled, and the other person is told once, with what went in and what didn't, so that a
// deadline is never missed in silence. Also the pieces the mentee's own cancel shares.
import { displayNameOf } from "../domain/members.ts";
import type { GoneReason } from "../domain/notices.ts";
import type { LetterStatus } from "../generated/prisma/enums.ts";
import type { Db, Member, Prisma } from "./db.ts";
import { enqueue } from "./outbox.ts";

/** Letters still in progress: the mentee may update or cancel them. */
export const OPEN_LETTERS: readonly LetterStatus[] = ["DRAFT", "ASKED", "MORE_INFO", "ACCEPTED"];
/** Letters the writer has been asked and not yet finished. */
export const WITH_WRITER: readonly LetterStatus[] = ["ASKED", "MORE_INFO", "ACCEPTED"];

const GONE_WORDS: Record<GoneReason, string> = {
  left: "left Tandem",
  deleted_data: "erased their data",
  account_deactivated: "lost their Slack account",
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Closes every open letter `member` asked for or is named to write (drafts included), in the
 * transaction that removes them. The other person gets one DM that carries everything it says (an
 * erased member's letters are deleted right after), except when the mentee is the one gone and the
 * writer never saw the request (a draft, or a first ask still waiting for them). Returns how many
 * letters closed.
 */
export async function closeLettersOf(tx: Db, member: Member, reason: GoneReason, now: Date): Promise<number> {
  const letters = await tx.letterRequest.findMany({
    where: openLettersOf(member.id),
    include: {
      mentee: true,
      writer: true,
      targets: { orderBy: [{ deadline: { sort: "asc", nulls: "first" } }, { name: "asc" }] },
      mentorship: { select: { programId: true } },
    },
  });
  for (const l of letters) {
    const writerGone = l.writerId === member.id;
    const cancelReason = `the ${writerGone ? "writer" : "mentee"} ${GONE_WORDS[reason]}`;
    // Only as it was read: a submission a moment ago by the other person stands.
    const closed = await tx.letterRequest.updateMany({
      where: { id: l.id, status: l.status },
      data: { status: "CANCELLED" },
    });
    if (closed.count === 0) continue;
    await cancelPlannedLetterJobs(tx, l.id, cancelReason, now);
    if (!writerGone && (l.status === "DRAFT" || (await withdrawUnseenAsk(tx, l, cancelReason, now))))
      continue;
    const other = writerGone ? l.mentee : l.writer;
    const targetDay = (t: (typeof l.targets)[number]) =>
      t.deadline ? isoDay(t.deadline) : isoDay(l.deadline);
    await enqueue(
      tx,
      {
        workspaceId: other.workspaceId,
        programId: l.mentorship?.programId ?? null,
        kind: "dm",
        key: `letter_closed:${l.id}:${other.slackUserId}`,
        payload: {
          recipient: other.slackUserId,
          notice: {
            type: "letter_closed",
            to: writerGone ? "mentee" : "writer",
            otherName: displayNameOf(member),
            reason,
            purpose: l.purpose,
            deadline: isoDay(l.deadline),
            asked: l.status !== "DRAFT",
            accepted: l.status === "ACCEPTED",
            submitted: l.targets.filter((t) => t.status === "SUBMITTED").map((t) => t.name),
            pending: l.targets
              .filter((t) => t.status === "PENDING")
              .map((t) => ({ name: t.name, deadline: targetDay(t) })),
          },
        },
      },
      now,
    );
  }
  return letters.length;
}

/** How many letter requests leaving would close for this member (the leave confirmation says). */
export function countOpenLettersOf(db: Db, memberId: string): Promise<number> {
  // A writer never learns of a draft naming them, not even as a count.
  return db.letterRequest.count({ where: openLettersOf(memberId, WITH_WRITER) });
}

/** Letters still in progress that the member asked for, or is named (`asWriter`: at these stages) to write. */
function openLettersOf(memberId: string, asWriter = OPEN_LETTERS): Prisma.LetterRequestWhereInput {
  return {
    OR: [
      { menteeId: memberId, status: { in: [...OPEN_LETTERS] } },
      { writerId: memberId, status: { in: [...asWriter] } },
    ],
  };
}

/**
 * Withdraws the first ask of a letter when it hasn't been tried yet (a deferral to the writer's
 * working hours doesn't count as a try): the writer never saw it. True when it was withdrawn.
 */
export async function withdrawUnseenAsk(
  tx: Db,
  l: { id: string; status: LetterStatus; askRound: number },
  reason: string,
  now: Date,
): Promise<boolean> {
  if (l.status !== "ASKED" || l.askRound !== 1) return false;
  const unsent = await tx.scheduledJob.updateMany({
    where: { idempotencyKey: `letter_ask:${l.id}:1`, status: "PENDING", attempts: 0 },
    data: { status: "CANCELLED", cancelReason: reason, finishedAt: now },
  });
  return unsent.count > 0;
}

/** Cancels a letter's planned reminders (to the writer) and late notes (to the mentee). */
export async function cancelPlannedLetterJobs(
  tx: Db,
  letterId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await tx.scheduledJob.updateMany({
    where: {
      status: "PENDING",
      OR: ["letter_reminder", "letter_late"].map((kind) => ({
        idempotencyKey: { startsWith: `${kind}:${letterId}:` },
      })),
    },
    data: { status: "CANCELLED", cancelReason: reason, finishedAt: now },
  });
}
