// Telling someone their mentorship ended because of their partner (who left, erased their data,
// was deactivated, or closed it at a check-in or a periodic review): one DM, once per mentorship
// and recipient.
import { displayNameOf } from "../domain/members.ts";
import type { ClosedWhere, Notice } from "../domain/notices.ts";
import type { Db, Member } from "./db.ts";
import { enqueue } from "./outbox.ts";

export type EndReason = Extract<Notice, { type: "partner_left" }>["reason"];

/** `where`: with reason "closed", where it was closed; the notice says a check-in when absent. */
export function tellPartnerEnded(
  tx: Db,
  pair: { workspaceId: string; programId: string; mentorshipId: string; programName: string },
  who: Member,
  partner: Member,
  reason: EndReason,
  now: Date,
  where?: ClosedWhere,
): Promise<void> {
  return enqueue(
    tx,
    {
      workspaceId: pair.workspaceId,
      programId: pair.programId,
      kind: "dm",
      key: `partner_left:${pair.mentorshipId}:${partner.slackUserId}`,
      payload: {
        recipient: partner.slackUserId,
        notice: {
          type: "partner_left",
          partnerName: displayNameOf(who),
          reason,
          programName: pair.programName,
          ...(where ? { where } : {}),
        },
      },
    },
    now,
  );
}
