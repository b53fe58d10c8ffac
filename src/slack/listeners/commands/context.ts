// What a /mentor subcommand handler receives once the command has been acked.
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../../logger.ts";
import type { Services } from "../../../services/index.ts";
import type { SlackMessage } from "../../views/help.ts";

export interface CommandContext {
  workspaceId: string;
  userId: string;
  args: string;
  triggerId: string;
  channelId: string;
  client: WebClient;
  services: Services;
  logger: Logger;
  /** An ephemeral reply only the person who typed the command sees. */
  reply(message: SlackMessage): Promise<void>;
}

export type SubcommandHandler = (ctx: CommandContext) => Promise<void>;
