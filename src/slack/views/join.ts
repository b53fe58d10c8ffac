// Choosing how to take part: the buttons used in Home and in the /mentor join reply.
import type { ActionsBlock } from "@slack/types";
import { describeRole, type ParticipantRole, participantRoles } from "../../domain/roles.ts";
import { blockIds, joinAsActionId } from "../ids.ts";
import type { SlackMessage } from "./help.ts";
import { escapeMrkdwn, mrkdwn, plain } from "./text.ts";

const labels: Record<ParticipantRole, string> = {
  MENTEE: "a mentee",
  MENTOR: "a mentor",
  BOTH: "both",
};

/** One button per role; the current role (if any) is left out and the verb becomes "Switch to". */
export function roleChoiceButtons(current: ParticipantRole | null): ActionsBlock {
  return {
    type: "actions",
    block_id: blockIds.joinChoices,
    elements: participantRoles
      .filter((role) => role !== current)
      .map((role) => ({
        type: "button" as const,
        action_id: joinAsActionId(role),
        text: plain(`${current ? "Switch to" : "Join as"} ${labels[role]}`),
        value: role,
        ...(current === null && role === "MENTEE" ? { style: "primary" as const } : {}),
      })),
  };
}

export function chooseRoleMessage(): SlackMessage {
  const text = "How would you like to take part? You can change this any time.";
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }, roleChoiceButtons(null)] };
}

export function joinedMessage(result: {
  firstTime: boolean;
  role: ParticipantRole;
  programName: string;
}): SlackMessage {
  const program = escapeMrkdwn(result.programName);
  const text = result.firstTime
    ? `Welcome to Tandem! You've joined *${program}* as ${describeRole(result.role)}. Your Home tab shows where you stand.`
    : `Done: you're now ${describeRole(result.role)} in *${program}*.`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

export function unknownRoleMessage(typed: string): SlackMessage {
  const text = `"${escapeMrkdwn(typed.slice(0, 40))}" isn't a role Tandem knows. Choose mentee, mentor or both:`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }, roleChoiceButtons(null)] };
}
