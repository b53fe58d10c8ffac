// Who Tandem may match or message. Deleted people, guests and bots are never contacted.

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

/** The name to show for a person: display name, else real name, else a Slack mention. */
export function displayNameOf(person: {
  displayName?: string | null;
  realName?: string | null;
  slackUserId: string;
}): string {
  return person.displayName?.trim() || person.realName?.trim() || `<@${person.slackUserId}>`;
}
