// Telling the person who clicked something what happened, wherever they clicked it.
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../logger.ts";
import { UserError, userMessageOf } from "../../services/errors.ts";
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
  // A refusal meant for the person (a forged or stale button) is not a fault of Tandem's.
  if (error instanceof UserError) logger.warn({ err: error, user: where.userId }, `${what} refused`);
  else logger.error({ err: error, user: where.userId }, `${what} failed`);
  await tellUser(where, errorNotice(userMessageOf(error))).catch((e: unknown) =>
    logger.warn({ err: e }, "could not tell the user about a failure"),
  );
}

/**
 * Redraws a modal the person is looking at, from the state it had when they clicked (its hash).
 * If it changed since (a second click's answer came first), that one stands: this is dropped and
 * logged, not shown, and not an error.
 */
export async function updateOpenModal(
  client: WebClient,
  logger: Logger,
  modal: { id: string; hash: string },
  view: ModalView,
  userId: string,
): Promise<void> {
  try {
    await client.views.update({ view_id: modal.id, hash: modal.hash, view });
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error !== "hash_conflict") throw error;
    logger.info(
      { user: userId, callbackId: view.callback_id },
      "an update superseded by a newer one was dropped",
    );
  }
}

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Where a button was clicked, as tellUser needs it. */
export type Where = Parameters<typeof tellUser>[0];

/**
 * Registers a button listener: acks at once, works out where to answer, and turns any failure
 * into one plain sentence for the person (the log gets the detail). `what` names the action
 * in the log ("joining a program").
 */
export function onButton(
  app: App,
  logger: Logger,
  actionId: string | RegExp,
  what: string,
  handle: (args: ButtonArgs, where: Where) => Promise<void>,
): void {
  app.action<BlockAction<ButtonAction>>(actionId, async (args) => {
    await args.ack();
    const where: Where = {
      respond: args.respond,
      client: args.client,
      userId: args.body.user.id,
      inMessage: args.body.container.type === "message",
    };
    try {
      await handle(args, where);
    } catch (error) {
      await reportFailure(where, logger, error, what);
    }
  });
}
