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
  /** The person with this email address (users.lookupByEmail), or null when there is none. */
  userByEmail(email: string): Promise<SlackUserFacts | null>;
}

/** A message as Slack takes it: fallback text plus optional Block Kit. */
export interface OutgoingMessage {
  text: string;
  blocks?: import("@slack/types").KnownBlock[];
}

/** Thrown by a messenger when Slack refuses; `permanent` means retrying cannot help. */
export class SlackDeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(`Slack refused the message: ${code}`);
    this.name = "SlackDeliveryError";
  }
}

export interface SlackMessenger {
  /** Opens (or reuses) the DM with a person and posts the message there. */
  sendDm(slackUserId: string, message: OutgoingMessage): Promise<{ channel: string; ts: string }>;
  /** Opens (or reuses) the group DM of these people and the bot, and posts the message there. */
  sendGroupDm(slackUserIds: string[], message: OutgoingMessage): Promise<{ channel: string; ts: string }>;
  /** Uploads a file into the DM with a person, with a comment. */
  sendFileDm(
    slackUserId: string,
    file: { filename: string; title: string; content: string; comment: string },
  ): Promise<{ channel: string }>;
}
