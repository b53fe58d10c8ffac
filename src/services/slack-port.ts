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

/**
 * Thrown by a messenger when Slack refuses; `permanent` means retrying cannot help, and
 * `retryAfterMs` that Slack rate-limited the call and said when to come back.
 */
export class SlackDeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(`Slack refused the message: ${code}`);
    this.name = "SlackDeliveryError";
  }
}

export interface SendOptions {
  /** Stamped on the message (Slack message metadata) so a retry can find it: see findSent. */
  key?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface SlackMessenger {
  /** Opens (or reuses) the DM with a person and posts the message there. */
  sendDm(slackUserId: string, message: OutgoingMessage, options?: SendOptions): Promise<PostedMessage>;
  /** Opens (or reuses) the group DM of these people and the bot, and posts the message there. */
  sendGroupDm(
    slackUserIds: string[],
    message: OutgoingMessage,
    options?: SendOptions,
  ): Promise<PostedMessage>;
  /**
   * The message stamped with `key` among the recent messages of the DM (one person) or group DM
   * (several), or null. A job that may already have sent before its process died asks first.
   */
  findSent(slackUserIds: string[], key: string): Promise<PostedMessage | null>;
  /**
   * Uploads a file into the DM with a person, with a comment, through Slack's external upload
   * flow (files.getUploadURLExternal, the bytes, files.completeUploadExternal). Text is sent as
   * UTF-8; bytes (a PNG chart) as they are.
   */
  sendFileDm(
    slackUserId: string,
    file: { filename: string; title: string; content: string | Uint8Array; comment: string },
  ): Promise<{ channel: string }>;
}
