// What a pair's past says about pairing them again: already together, asked and waiting, paired
// within the cooldown, or a mentor who declined recently.
export interface PastMentorship {
  mentorId: string;
  menteeId: string;
  status: string;
  createdAt: Date;
  endedAt: Date | null;
  updatedAt: Date;
}

const DAY = 24 * 60 * 60 * 1000;
const DECLINE_QUIET_DAYS = 90;

/** Pair key → reason the pair is blocked. Several rows for a pair: the first reason found wins. */
export function blockedPairs(
  history: readonly PastMentorship[],
  cooldownMonths: number,
  now: Date,
): Map<string, string> {
  const cooldownStart = now.getTime() - cooldownMonths * 30 * DAY;
  const blocked = new Map<string, string>();
  for (const m of history) {
    const key = pairKey(m.menteeId, m.mentorId);
    if (blocked.has(key)) continue;
    if (m.status === "ACTIVE" || m.status === "PAUSED") blocked.set(key, "already paired");
    else if (m.status === "REQUESTED") blocked.set(key, "a request is already waiting");
    else if (m.status === "DECLINED" && m.updatedAt.getTime() > now.getTime() - DECLINE_QUIET_DAYS * DAY) {
      blocked.set(key, "declined a request recently");
    } else if (m.status === "COMPLETED" && (m.endedAt ?? m.updatedAt).getTime() > cooldownStart) {
      blocked.set(key, "paired before, within the program's cooldown");
    }
  }
  return blocked;
}

export const pairKey = (menteeId: string, mentorId: string) => `${menteeId}:${mentorId}`;
