// Choosing how to take part: the buttons used in Home and in replies to /mentor join.
import type { ActionsBlock } from "@slack/types";
import { type ParticipantRole, participantRoles } from "../../domain/roles.ts";
import { blockIds, joinAsActionId } from "../ids.ts";
import type { SlackMessage } from "./help.ts";
import { escapeMrkdwn, mrkdwn, plain } from "./text.ts";

const labels: Record<ParticipantRole, string> = {
  MENTEE: "a mentee",
  MENTOR: "a mentor",
  BOTH: "both",
};

/** One button per role, each opening the profile modal with that role chosen. */
export function roleChoiceButtons(): ActionsBlock {
  return {
    type: "actions",
    block_id: blockIds.joinChoices,
    elements: participantRoles.map((role) => ({
      type: "button" as const,
      action_id: joinAsActionId(role),
      text: plain(`Join as ${labels[role]}`),
      value: role,
      ...(role === "MENTEE" ? { style: "primary" as const } : {}),
    })),
  };
}

export function unknownRoleMessage(typed: string): SlackMessage {
  const text = `"${escapeMrkdwn(typed.slice(0, 40))}" isn't a role Tandem knows. Choose mentee, mentor or both:`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }, roleChoiceButtons()] };
}
