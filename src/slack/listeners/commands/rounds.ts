// /mentor match [<program>]: a coordinator starts a matching round.
import { noticeMessage } from "../../views/help.ts";
import { roundStartedMessage } from "../../views/rounds.ts";
import { escapeMrkdwn } from "../../views/text.ts";
import type { SubcommandHandler } from "./context.ts";

const match: SubcommandHandler = async (ctx) => {
  await ctx.services.coordinators.require(ctx.workspaceId, ctx.userId, "run matching rounds");
  const name = ctx.args.trim();
  const open = (await ctx.services.programs.list(ctx.workspaceId)).filter((p) => p.status !== "ARCHIVED");
  const target = name
    ? await ctx.services.programs.findByName(ctx.workspaceId, name)
    : open.length === 1
      ? open[0]
      : undefined;
  if (!target) {
    const names = open.map((p) => `"${escapeMrkdwn(p.name)}"`).join(", ");
    await ctx.reply(
      noticeMessage(
        name
          ? `There's no program called "${escapeMrkdwn(name.slice(0, 80))}". Programs: ${names}.`
          : `Which program? For example \`/mentor match ${escapeMrkdwn(open.at(-1)?.name ?? "Residents 2026")}\`. Programs: ${names}.`,
      ),
    );
    return;
  }
  await ctx.services.rounds.start(ctx.workspaceId, ctx.userId, target.id);
  await ctx.reply(roundStartedMessage(target.name));
};

export const roundCommands: Record<string, SubcommandHandler> = { match };
