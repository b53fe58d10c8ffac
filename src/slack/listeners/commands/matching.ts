// /mentor find [topic]: the mentors who fit, each with an "Ask" button.
import { findResultsMessage } from "../../views/matching.ts";
import type { SubcommandHandler } from "./context.ts";

const find: SubcommandHandler = async (ctx) => {
  const suggestions = await ctx.services.matching.find(ctx.workspaceId, ctx.userId, ctx.args);
  await ctx.reply(findResultsMessage(suggestions, ctx.args.trim()));
};

export const matchingCommands: Record<string, SubcommandHandler> = { find };
