// /mentor join, profile, pause, resume, leave, export, delete-my-data.
import { parseParticipantRole } from "../../../domain/roles.ts";
import { publishHome } from "../../home-publisher.ts";
import { openProfileModal } from "../../modals.ts";
import { noticeMessage } from "../../views/help.ts";
import { unknownRoleMessage } from "../../views/join.ts";
import {
  deleteDataModal,
  leaveConfirmMessage,
  pausedMessage,
  resumedMessage,
} from "../../views/membership.ts";
import type { CommandContext, SubcommandHandler } from "./context.ts";

const join: SubcommandHandler = async (ctx) => {
  const role = parseParticipantRole(ctx.args);
  if (!role && ctx.args.trim() !== "") {
    await ctx.reply(unknownRoleMessage(ctx.args));
    return;
  }
  await openProfileModal(ctx.client, ctx.services, {
    workspaceId: ctx.workspaceId,
    userId: ctx.userId,
    triggerId: ctx.triggerId,
    ...(role ? { suggestedRole: role } : {}),
  });
};

const profile: SubcommandHandler = async (ctx) => {
  await openProfileModal(ctx.client, ctx.services, {
    workspaceId: ctx.workspaceId,
    userId: ctx.userId,
    triggerId: ctx.triggerId,
  });
};

const pause: SubcommandHandler = async (ctx) => {
  const { label } = await ctx.services.members.pauseFromText(ctx.workspaceId, ctx.userId, ctx.args);
  await ctx.reply(pausedMessage(label));
  await refreshHome(ctx);
};

const resume: SubcommandHandler = async (ctx) => {
  const wasPaused = await ctx.services.members.resume(ctx.workspaceId, ctx.userId);
  await ctx.reply(resumedMessage(wasPaused));
  await refreshHome(ctx);
};

const leave: SubcommandHandler = async (ctx) => {
  await ctx.reply(
    leaveConfirmMessage(await ctx.services.members.whatLeavingEnds(ctx.workspaceId, ctx.userId)),
  );
};

const exportData: SubcommandHandler = async (ctx) => {
  const data = await ctx.services.members.exportData(ctx.workspaceId, ctx.userId);
  await ctx.services.messenger.sendFileDm(ctx.userId, {
    filename: "tandem-my-data.json",
    title: "Your Tandem data",
    content: JSON.stringify(data, null, 2),
    comment: "Here is everything Tandem keeps about you. It's private to this conversation.",
  });
  await ctx.reply(noticeMessage("Done: your data is in your DMs with Tandem, as `tandem-my-data.json`."));
};

const deleteMyData: SubcommandHandler = async (ctx) => {
  const member = await ctx.services.members.resolve(ctx.workspaceId, ctx.userId);
  const ends = member.joinedAt
    ? await ctx.services.members.whatLeavingEnds(ctx.workspaceId, ctx.userId)
    : { mentorships: 0, letters: 0 };
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view: deleteDataModal(ends) });
};

async function refreshHome(ctx: CommandContext): Promise<void> {
  await publishHome(ctx.client, ctx.services, ctx.workspaceId, ctx.userId).catch((error: unknown) =>
    ctx.logger.warn({ err: error }, "home refresh failed"),
  );
}

export const membershipCommands: Record<string, SubcommandHandler> = {
  join,
  profile,
  pause,
  resume,
  leave,
  export: exportData,
  "delete-my-data": deleteMyData,
};
