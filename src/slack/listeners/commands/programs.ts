// /mentor programs, /mentor program …, /mentor coordinators …
import { mentionedChannelIds, mentionedUserIds } from "../../commands.ts";
import { noticeMessage } from "../../views/help.ts";
import { coordinatorsMessage } from "../../views/membership.ts";
import { programModal } from "../../views/program-modal.ts";
import { exportQueuedMessage, joinCardPostedMessage, programsMessage } from "../../views/programs.ts";
import { rosterModal } from "../../views/roster-modal.ts";
import { escapeMrkdwn } from "../../views/text.ts";
import { postJoinCard } from "../join-card.ts";
import type { CommandContext, SubcommandHandler } from "./context.ts";

const programs: SubcommandHandler = async (ctx) => {
  const member = await ctx.services.members.resolve(ctx.workspaceId, ctx.userId);
  const [list, isCoordinator] = await Promise.all([
    ctx.services.programs.list(ctx.workspaceId),
    ctx.services.coordinators.isCoordinator(member),
  ]);
  await ctx.reply(programsMessage(list, isCoordinator));
};

/** The program named in the text, or a reply that says which names exist. */
async function namedProgram(ctx: CommandContext, name: string, verb: string) {
  if (name) {
    const found = await ctx.services.programs.findByName(ctx.workspaceId, name);
    if (found) return found;
  }
  const list = await ctx.services.programs.list(ctx.workspaceId);
  const names = list.map((p) => `"${p.name}"`).join(", ");
  await ctx.reply(
    noticeMessage(
      name
        ? `There's no program called "${escapeMrkdwn(name.slice(0, 80))}". Programs: ${escapeMrkdwn(names)}.`
        : `Which program? For example \`/mentor program ${verb} ${escapeMrkdwn(list[0]?.name ?? "Residents 2026")}\`. Programs: ${escapeMrkdwn(names)}.`,
    ),
  );
  return undefined;
}

const program: SubcommandHandler = async (ctx) => {
  const [action = "", ...rest] = ctx.args.split(/\s+/);
  const remainder = rest.join(" ").trim();
  switch (action.toLowerCase()) {
    case "new":
      await ctx.services.coordinators.require(ctx.workspaceId, ctx.userId, "create programs");
      await ctx.client.views.open({ trigger_id: ctx.triggerId, view: programModal(null) });
      return;
    case "edit": {
      await ctx.services.coordinators.require(ctx.workspaceId, ctx.userId, "edit programs");
      const found = await namedProgram(ctx, remainder, "edit");
      if (found) await ctx.client.views.open({ trigger_id: ctx.triggerId, view: programModal(found) });
      return;
    }
    case "roster": {
      await ctx.services.coordinators.require(ctx.workspaceId, ctx.userId, "import rosters");
      const found = await namedProgram(ctx, remainder, "roster");
      if (found) await ctx.client.views.open({ trigger_id: ctx.triggerId, view: rosterModal(found) });
      return;
    }
    case "announce":
      await announce(ctx, remainder);
      return;
    case "export": {
      await ctx.services.coordinators.require(ctx.workspaceId, ctx.userId, "export program data");
      const found = await namedProgram(ctx, remainder, "export");
      if (!found) return;
      const queued = await ctx.services.exports.request(ctx.workspaceId, ctx.userId, found.id);
      await ctx.reply(exportQueuedMessage(queued.programName, queued.already));
      return;
    }
    default:
      await ctx.reply(
        noticeMessage(
          "Use `/mentor program new`, `/mentor program edit <name>`, `/mentor program announce <name> #channel`, " +
            "`/mentor program roster <name>` or `/mentor program export <name>`. `/mentor programs` lists them all.",
        ),
      );
  }
};

async function announce(ctx: CommandContext, text: string): Promise<void> {
  await ctx.services.coordinators.require(ctx.workspaceId, ctx.userId, "announce programs");
  const [channelId] = mentionedChannelIds(text);
  if (!channelId) {
    await ctx.reply(
      noticeMessage(
        "Name the channel to post in, picked from Slack's suggestions: `/mentor program announce <name> #channel`.",
      ),
    );
    return;
  }
  const name = text.replace(/<#[^>]+>/g, "").trim();
  const open = (await ctx.services.programs.list(ctx.workspaceId)).filter((p) => p.status === "OPEN");
  const target = name
    ? await namedProgram(ctx, name, "announce")
    : open.length === 1 && open[0]
      ? await ctx.services.programs.get(ctx.workspaceId, open[0].id)
      : await namedProgram(ctx, "", "announce");
  if (!target) return;
  const program = await ctx.services.programs.announce(ctx.workspaceId, ctx.userId, target.id, channelId);
  if (!(await postJoinCard(ctx.client, channelId, program))) {
    await ctx.reply(
      noticeMessage(
        `Tandem can't post in <#${channelId}>: invite it first with \`/invite @Tandem\`, then try again.`,
      ),
    );
    return;
  }
  await ctx.reply(joinCardPostedMessage(program, channelId));
}

const coordinators: SubcommandHandler = async (ctx) => {
  const [action = "", ...rest] = ctx.args.split(/\s+/);
  const verb = action.toLowerCase();
  if (verb !== "add" && verb !== "remove") {
    await ctx.reply(coordinatorsMessage(await ctx.services.coordinators.list(ctx.workspaceId)));
    return;
  }
  const targets = mentionedUserIds(rest.join(" "));
  if (targets.length === 0) {
    await ctx.reply(
      noticeMessage(
        `Mention the person, picked from Slack's suggestions: \`/mentor coordinators ${verb} @person\`.`,
      ),
    );
    return;
  }
  const lines: string[] = [];
  for (const target of targets) {
    if (verb === "add") {
      const outcome = await ctx.services.coordinators.add(ctx.workspaceId, ctx.userId, target);
      lines.push(
        outcome === "added" ? `<@${target}> is now a coordinator.` : `<@${target}> already is a coordinator.`,
      );
    } else {
      const outcome = await ctx.services.coordinators.remove(ctx.workspaceId, ctx.userId, target);
      lines.push(
        outcome === "removed"
          ? `<@${target}> is no longer a coordinator.`
          : `<@${target}> wasn't a coordinator.`,
      );
    }
  }
  await ctx.reply(noticeMessage(lines.join("\n")));
};

export const programCommands: Record<string, SubcommandHandler> = { programs, program, coordinators };
