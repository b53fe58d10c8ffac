// /mentor letter: ask a mentor for a letter of recommendation (the same modal as Home's button).
// Someone without a mentor to ask is told how to get one.
import { openLetterRequest } from "../actions/letters.ts";
import type { SubcommandHandler } from "./context.ts";

const letter: SubcommandHandler = async ({ workspaceId, userId, triggerId, client, services }) => {
  await openLetterRequest(client, services, { workspaceId, userId, triggerId });
};

export const letterCommands: Record<string, SubcommandHandler> = { letter };
