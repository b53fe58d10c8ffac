// The small slice of Slack the services need, as an interface: services never import Bolt.
// src/slack/gateway.ts implements it over the Web API.

/** What Slack tells us about a person (users.info), already reduced to the facts Tandem keeps. */
export interface SlackUserFacts {
  slackUserId: string;
  teamId: string | undefined;
  realName: string | undefined;
  displayName: string | undefined;
  email: string | undefined;
  title: string | undefined;
  tz: string | undefined;
  isAdmin: boolean;
  isOwner: boolean;
  /** Single- or multi-channel guest. */
  isGuest: boolean;
  isBot: boolean;
  isDeleted: boolean;
  statusText: string | undefined;
  statusEmoji: string | undefined;
  statusExpiresAt: Date | undefined;
}

export interface SlackDirectory {
  /** The person's facts, or null when Slack does not know them (user_not_found). */
  userInfo(slackUserId: string): Promise<SlackUserFacts | null>;
}
