// /mentor: routes the subcommand. Quick answers go in the ack; anything that touches the database
// or Slack acks first and answers through response_url.
import type { App } from "@slack/bolt";
import { parseParticipantRole } from "../../../domain/roles.ts";
import { closestWord } from "../../../domain/suggest.ts";
import { userMessageOf } from "../../../services/errors.ts";
import { parseCommandText, subcommandNames, subcommands } from "../../commands.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { helpMessage, noticeMessage, type SlackMessage, unknownCommandMessage } from "../../views/help.ts";
import { chooseRoleMessage, joinedMessage, unknownRoleMessage } from "../../views/join.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.command("/mentor", async ({ ack, command, respond, context, client }) => {
    const { name, args } = parseCommandText(command.text);
    const reply = (message: SlackMessage) =>
      respond({ response_type: "ephemeral", replace_original: false, ...message });

    switch (name) {
      case "help":
        await ack({ response_type: "ephemeral", ...helpMessage(subcommands) });
        return;
      case "join": {
        const role = parseParticipantRole(args);
        if (!role) {
          const message = args.trim() === "" ? chooseRoleMessage() : unknownRoleMessage(args);
          await ack({ response_type: "ephemeral", ...message });
          return;
        }
        await ack();
        try {
          const workspaceId = workspaceIdOf(context);
          const result = await services.members.join(workspaceId, command.user_id, role);
          await reply(joinedMessage({ firstTime: result.firstTime, role, programName: result.program.name }));
          await publishHome(client, services, workspaceId, command.user_id);
        } catch (error) {
          logger.error({ err: error, user: command.user_id }, "join failed");
          await reply(noticeMessage(userMessageOf(error)));
        }
        return;
      }
      default:
        await ack({
          response_type: "ephemeral",
          ...unknownCommandMessage(name, closestWord(name, subcommandNames)),
        });
    }
  });
}
