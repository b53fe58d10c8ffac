// The Slack Web API behind the services' SlackDirectory port.
import { ErrorCode, type UsersInfoResponse, type WebClient, type WebClientOptions } from "@slack/web-api";
import {
  type OutgoingMessage,
  type SendOptions,
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
  if (error instanceof SlackDeliveryError) return error;
  if (isRateLimited(error)) return new SlackDeliveryError("ratelimited", false, error.retryAfter * 1000);
  const code = slackErrorCode(error);
  return code ? new SlackDeliveryError(code, permanentErrors.has(code)) : error;
}

function isRateLimited(error: unknown): error is { retryAfter: number } {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === ErrorCode.RateLimitedError &&
    typeof (error as { retryAfter?: unknown }).retryAfter === "number"
  );
}

/**
 * The Web API client options slackMessenger expects. Jobs retry on their own schedule, so the
 * client never retries by itself: a post whose answer was lost (timeout, 5xx) is retried by the
 * job, which first looks for it in the conversation (findSent), so it is never posted twice. A
 * 429 comes straight back too: the job waits for Retry-After in the database, not in memory.
 */
export const JOBS_CLIENT_OPTIONS = {
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: 15_000,
} as const satisfies WebClientOptions;

/** Slack's metadata event type on every message Tandem sends with a key. */
export const MESSAGE_EVENT_TYPE = "tandem_message";

export interface MessengerOptions {
  /** Slack allows about one message per second per channel (chat.postMessage). */
  perChannelIntervalMs?: number;
  /** DM channel ids remembered, so most sends skip conversations.open (Tier 3). */
  channelCacheSize?: number;
  /** How many recent messages findSent reads back. */
  historyLimit?: number;
}

/**
 * Sends through the Web API within Slack's limits: DM channels are cached (conversations.open is
 * Tier 3), posts to one channel are spaced about a second apart, and once Slack answers 429 every
 * call of that method fails fast with its Retry-After until then, so jobs defer instead of
 * queueing up behind a sleeping request. Give it a WebClient built with JOBS_CLIENT_OPTIONS.
 */
export function slackMessenger(client: WebClient, options: MessengerOptions = {}): SlackMessenger {
  const interval = options.perChannelIntervalMs ?? 1000;
  const channels = new LruMap<string, string>(options.channelCacheSize ?? 20_000);
  const lastPost = new Map<string, number>();
  const blockedUntil = new Map<string, number>();

  const call = async <T>(method: string, run: () => Promise<T>): Promise<T> => {
    const until = blockedUntil.get(method) ?? 0;
    const wait = until - Date.now();
    if (wait > 0) throw new SlackDeliveryError("ratelimited", false, wait);
    try {
      return await run();
    } catch (error) {
      const failure = deliveryError(error);
      if (failure instanceof SlackDeliveryError && failure.retryAfterMs !== undefined)
        blockedUntil.set(method, Date.now() + failure.retryAfterMs);
      throw failure;
    }
  };

  const open = async (userIds: string[]): Promise<string> => {
    const key = [...userIds].sort().join(",");
    const cached = channels.get(key);
    if (cached) return cached;
    const opened = await call("conversations.open", () => client.conversations.open({ users: key }));
    const channel = opened.channel?.id;
    if (!channel) throw new SlackDeliveryError("no_dm_channel", false);
    channels.set(key, channel);
    return channel;
  };

  const post = async (channel: string, message: OutgoingMessage, sendOptions?: SendOptions) => {
    // Space posts to one channel: a person's DM gets at most about one message a second.
    const previous = lastPost.get(channel);
    const now = Date.now();
    const slot = previous === undefined ? now : Math.max(now, previous + interval);
    lastPost.set(channel, slot);
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    if (lastPost.size > 10_000) {
      for (const [c, at] of lastPost) if (at < Date.now() - interval) lastPost.delete(c);
    }
    const answer = await call("chat.postMessage", () =>
      client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks ?? [],
        ...(sendOptions?.key
          ? { metadata: { event_type: MESSAGE_EVENT_TYPE, event_payload: { key: sendOptions.key } } }
          : {}),
      }),
    );
    return { channel: answer.channel ?? channel, ts: answer.ts ?? "" };
  };

  return {
    async sendDm(userId, message, sendOptions) {
      // A user id as the channel posts in the app's DM with them, without conversations.open
      // (Tier 3); Slack answers with the DM's channel id, remembered for findSent.
      const posted = await post(channels.get(userId) ?? userId, message, sendOptions);
      channels.set(userId, posted.channel);
      return posted;
    },
    async sendGroupDm(userIds, message, sendOptions) {
      return post(await open(userIds), message, sendOptions);
    },
    async findSent(userIds, key) {
      const channel = await open(userIds);
      const history = await call("conversations.history", () =>
        client.conversations.history({
          channel,
          limit: options.historyLimit ?? 50,
          include_all_metadata: true,
        }),
      );
      const found = history.messages?.find(
        (m) =>
          m.metadata?.event_type === MESSAGE_EVENT_TYPE &&
          (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === key,
      );
      return found?.ts ? { channel, ts: found.ts } : null;
    },
    async sendFileDm(userId, file) {
      const channel = await open([userId]);
      await call("files.uploadV2", () =>
        client.filesUploadV2({
          channel_id: channel,
          filename: file.filename,
          title: file.title,
          file:
            typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content),
          initial_comment: file.comment,
        }),
      );
      return { channel };
    },
  };
}

/** A Map that forgets its least recently used entry past `capacity`. */
class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
}
