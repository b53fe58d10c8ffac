// Every action, block and callback id Tandem's Block Kit uses, in one place (snake_case, as Slack's).
import type { ParticipantRole } from "../domain/roles.ts";

export const actionIds = {
  /** Followed by the role: join_as_mentee, join_as_mentor, join_as_both. */
  joinAsPrefix: "join_as_",
} as const;

export const joinAsActionId = (role: ParticipantRole) => `${actionIds.joinAsPrefix}${role.toLowerCase()}`;
export const joinAsActionPattern = /^join_as_(mentee|mentor|both)$/;

export const blockIds = {
  joinChoices: "join_choices",
} as const;
