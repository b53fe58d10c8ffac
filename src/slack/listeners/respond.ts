// Telling the person who clicked something what happened, wherever they clicked it.
import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../logger.ts";
import { userMessageOf } from "../../services/errors.ts";
import { errorNotice, type SlackMessage } from "../views/help.ts";

/** In a message: an ephemeral reply there. In Home or a modal: a DM. */
export async function tellUser(
  where: { respond: RespondFn | undefined; client: WebClient; userId: string; inMessage: boolean },
  message: SlackMessage,
  replaceOriginal = false,
): Promise<void> {
  if (where.inMessage && where.respond) {
    await where.respond({ response_type: "ephemeral", replace_original: replaceOriginal, ...message });
  } else {
    await where.client.chat.postMessage({ channel: where.userId, ...message });
  }
}

/** Logs the detail and tells the person one plain sentence; never throws. */
export async function reportFailure(
  where: Parameters<typeof tellUser>[0],
  logger: Logger,
  error: unknown,
  what: string,
): Promise<void> {
  logger.error({ err: error, user: where.userId }, `${what} failed`);
  await tellUser(where, errorNotice(userMessageOf(error))).catch((e: unknown) =>
    logger.warn({ err: e }, "could not tell the user about a failure"),
  );
}
