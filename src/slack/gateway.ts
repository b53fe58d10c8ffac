// The Slack Web API behind the services' SlackDirectory port.
import type { UsersInfoResponse, WebClient } from "@slack/web-api";
import {
  SlackDeliveryError,
  type SlackDirectory,
  type SlackMessenger,
  type SlackUserFacts,
} from "../services/slack-port.ts";

type SlackUser = NonNullable<UsersInfoResponse["user"]>;

export function toUserFacts(user: SlackUser): SlackUserFacts {
  const profile = user.profile ?? {};
  const expiration = profile.status_expiration;
  return {
    slackUserId: user.id ?? "",
    teamId: user.team_id,
    realName: user.real_name || profile.real_name || undefined,
    displayName: profile.display_name || undefined,
    email: profile.email || undefined,
    title: profile.title || undefined,
    tz: user.tz || undefined,
    isAdmin: user.is_admin === true,
    isOwner: user.is_owner === true || user.is_primary_owner === true,
    isGuest: user.is_restricted === true || user.is_ultra_restricted === true,
    isBot: user.is_bot === true || user.id === "USLACKBOT",
    isDeleted: user.deleted === true,
    statusText: profile.status_text || undefined,
    statusEmoji: profile.status_emoji || undefined,
    statusExpiresAt: expiration && expiration > 0 ? new Date(expiration * 1000) : undefined,
  };
}

function slackErrorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "data" in error) {
    const data = (error as { data?: { error?: unknown } }).data;
    return typeof data?.error === "string" ? data.error : undefined;
  }
  return undefined;
}

export function slackDirectory(client: WebClient): SlackDirectory {
  return {
    async userInfo(slackUserId) {
      try {
        const response = await client.users.info({ user: slackUserId });
        return response.user ? toUserFacts(response.user) : null;
      } catch (error) {
        if (slackErrorCode(error) === "user_not_found") return null;
        throw error;
      }
    },
    async userByEmail(email) {
      try {
        const response = await client.users.lookupByEmail({ email });
        return response.user ? toUserFacts(response.user as SlackUser) : null;
      } catch (error) {
        if (slackErrorCode(error) === "users_not_found") return null;
        throw error;
      }
    },
  };
}

/** Slack error codes that no retry can fix: the person or channel is gone, or the token is. */
const permanentErrors = new Set([
  "user_not_found",
  "user_disabled",
  "account_inactive",
  "channel_not_found",
  "is_archived",
  "not_in_channel",
  "cannot_dm_bot",
  "invalid_auth",
  "token_revoked",
  "missing_scope",
  "invalid_blocks",
  "msg_too_long",
]);

function deliveryError(error: unknown): unknown {
  const code = slackErrorCode(error);
  return code ? new SlackDeliveryError(code, permanentErrors.has(code)) : error;
}

export function slackMessenger(client: WebClient): SlackMessenger {
  const openDm = async (userId: string) => {
    const opened = await client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new SlackDeliveryError("no_dm_channel", false);
    return channel;
  };
  return {
    async sendDm(userId, message) {
      try {
        const channel = await openDm(userId);
        const posted = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks ?? [],
        });
        return { channel, ts: posted.ts ?? "" };
      } catch (error) {
        throw deliveryError(error);
      }
    },
    async sendGroupDm(userIds, message) {
      try {
        const opened = await client.conversations.open({ users: userIds.join(",") });
        const channel = opened.channel?.id;
        if (!channel) throw new SlackDeliveryError("no_group_dm_channel", false);
        const posted = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks ?? [],
        });
        return { channel, ts: posted.ts ?? "" };
      } catch (error) {
        throw deliveryError(error);
      }
    },
    async sendFileDm(userId, file) {
      try {
        const channel = await openDm(userId);
        await client.filesUploadV2({
          channel_id: channel,
          filename: file.filename,
          title: file.title,
          file: Buffer.from(file.content, "utf8"),
          initial_comment: file.comment,
        });
        return { channel };
      } catch (error) {
        throw deliveryError(error);
      }
    },
  };
}
