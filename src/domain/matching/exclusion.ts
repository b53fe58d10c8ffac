// Who cannot be matched at all right now, and why, in words a coordinator can read.
import { isPaused, unreachableReason } from "../members.ts";

export interface ExclusionFacts {
  status: string;
  pausedUntil: Date | null;
  isDeleted: boolean;
  isBot: boolean;
  isGuest: boolean;
  openToMatching: boolean;
  joinedAt: Date | null;
  careerStage: string | null;
}

export function exclusionReason(person: ExclusionFacts, now: Date): string | undefined {
  const unreachable = unreachableReason(person);
  if (unreachable === "deleted") return "their Slack account is deactivated";
  if (unreachable === "guest") return "guest account";
  if (unreachable === "bot") return "a bot";
  if (person.status === "LEFT" || person.joinedAt === null) return "has left Tandem";
  if (isPaused(person, now)) {
    return person.pausedUntil ? `paused until ${person.pausedUntil.toISOString().slice(0, 10)}` : "paused";
  }
  if (!person.openToMatching) return "opted out of matching";
  if (!person.careerStage) return "hasn't filled in a profile yet";
  return undefined;
}
