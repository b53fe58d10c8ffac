// The Slack Web API behind the services' SlackDirectory port.
import type { UsersInfoResponse, WebClient } from "@slack/web-api";
import type { SlackDirectory, SlackUserFacts } from "../services/slack-port.ts";

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
  };
}
