// /mentor: routes the subcommand. Help and unknown words are answered in the ack itself; every
// other subcommand acks at once and answers through response_url or a modal.
import type { App } from "@slack/bolt";
import { closestWord } from "../../../domain/suggest.ts";
import { userMessageOf } from "../../../services/errors.ts";
import { parseCommandText, subcommandNames, subcommands } from "../../commands.ts";
import { workspaceIdOf } from "../../context.ts";
import { errorNotice, helpMessage, unknownCommandMessage } from "../../views/help.ts";
import type { ListenerDeps } from "../deps.ts";
import { agreementCommands } from "./agreements.ts";
import type { SubcommandHandler } from "./context.ts";
import { feedbackCommands } from "./feedback.ts";
import { goalCommands } from "./goals.ts";
import { journalCommands } from "./journal.ts";
import { letterCommands } from "./letters.ts";
import { matchingCommands } from "./matching.ts";
import { membershipCommands } from "./membership.ts";
import { programCommands } from "./programs.ts";
import { roundCommands } from "./rounds.ts";
import { sessionCommands } from "./sessions.ts";

const handlers: Record<string, SubcommandHandler> = {
  ...membershipCommands,
  ...programCommands,
  ...matchingCommands,
  ...roundCommands,
  ...agreementCommands,
  ...goalCommands,
  ...sessionCommands,
  ...journalCommands,
  ...feedbackCommands,
  ...letterCommands,
};

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.command("/mentor", async ({ ack, command, respond, context, client }) => {
    const { name, args } = parseCommandText(command.text);
    const handler = handlers[name];
    if (name === "help" || !handler) {
      const message =
        name === "help"
          ? helpMessage(subcommands)
          : unknownCommandMessage(name, closestWord(name, subcommandNames));
      await ack({ response_type: "ephemeral", ...message });
      return;
    }
    await ack();
    const reply = async (message: { text: string; blocks: import("@slack/types").KnownBlock[] }) => {
      await respond({ response_type: "ephemeral", replace_original: false, ...message });
    };
    try {
      await handler({
        workspaceId: workspaceIdOf(context),
        userId: command.user_id,
        args,
        triggerId: command.trigger_id,
        channelId: command.channel_id,
        client,
        services,
        logger,
        reply,
      });
    } catch (error) {
      logger.error({ err: error, user: command.user_id, subcommand: name }, "/mentor subcommand failed");
      await reply(errorNotice(userMessageOf(error))).catch(() => {});
    }
  });
}
