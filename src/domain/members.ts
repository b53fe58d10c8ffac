// Who Tandem may match or message, and whether someone is currently paused.

export interface Reachability {
  isDeleted: boolean;
  isBot: boolean;
  isGuest: boolean;
}

export type Unreachable = "deleted" | "bot" | "guest";

/** Why a person must not be matched or messaged, or undefined when they may be. */
export function unreachableReason(person: Reachability): Unreachable | undefined {
  if (person.isDeleted) return "deleted";
  if (person.isBot) return "bot";
  if (person.isGuest) return "guest";
  return undefined;
}

/** Paused now: status PAUSED with no end, or an end still in the future (pauses end by themselves). */
export function isPaused(member: { status: string; pausedUntil: Date | null }, now: Date): boolean {
  return member.status === "PAUSED" && (member.pausedUntil === null || member.pausedUntil > now);
}

/** The name to show for a person: display name, else real name, else "a colleague". */
export function displayNameOf(person: {
  displayName?: string | null;
  realName?: string | null;
  slackUserId: string;
}): string {
  // Views escape names, so a Slack mention here would show as raw text: a plain word instead.
  return person.displayName?.trim() || person.realName?.trim() || "a colleague";
}
