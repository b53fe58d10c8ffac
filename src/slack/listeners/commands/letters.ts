// /mentor letter: ask a mentor for a letter of recommendation (the same modal as Home's button).
// Someone without a mentor to ask is told how to get one, in a sentence only they see.
import { UserError } from "../../../services/errors.ts";
import { errorNotice } from "../../views/help.ts";
import { openLetterRequest } from "../actions/letters.ts";
import type { SubcommandHandler } from "./context.ts";

const letter: SubcommandHandler = async ({
  workspaceId,
  userId,
  triggerId,
  client,
  services,
  reply,
  logger,
}) => {
  try {
    await openLetterRequest(client, services, { workspaceId, userId, triggerId });
  } catch (error) {
    // Not a fault: they have no mentor yet (or left). The reply says what to do instead.
    if (!(error instanceof UserError)) throw error;
    logger.info({ user: userId, reason: error.message }, "letter request refused");
    await reply(errorNotice(error.message));
  }
};

export const letterCommands: Record<string, SubcommandHandler> = { letter };
