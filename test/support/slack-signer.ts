// Signs requests exactly as Slack does and posts them to a running Bolt HTTP receiver (slash commands,
// block actions, view submissions, Events API). Owns the shape of every inbound payload Tandem's tests send.

import { createHmac, randomBytes } from "node:crypto";

export type SlackHeaders = Record<string, string>;

/** `v0=` + hex HMAC-SHA256 of `v0:${timestamp}:${rawBody}` keyed with the signing secret. */
export function slackSignature(secret: string, rawBody: string, timestamp: number): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

/** The two headers Slack adds to every request it sends to an app. */
export function signSlackRequest(
  secret: string,
  rawBody: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    "x-slack-signature": slackSignature(secret, rawBody, timestamp),
    "x-slack-request-timestamp": String(timestamp),
  };
}

export type ForgeryKind = "stale" | "wrong-secret" | "tampered" | "missing-signature" | "missing-timestamp";

/**
 * Headers for a request Slack would never send, for negative tests with `SlackRequestDriver.raw`:
 * "stale" is correctly signed but `ageSeconds` old (default 6 minutes, beyond Bolt's 5-minute window),
 * "wrong-secret" is signed with another secret, "tampered" carries a signature of a different body.
 */
export function forgedSlackHeaders(
  secret: string,
  rawBody: string,
  kind: ForgeryKind,
  ageSeconds = 6 * 60,
): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case "stale":
      return signSlackRequest(secret, rawBody, now - ageSeconds);
    case "wrong-secret":
      return signSlackRequest(`${secret}-not-the-secret`, rawBody, now);
    case "tampered":
      return signSlackRequest(secret, `${rawBody}&tampered=1`, now);
    case "missing-signature":
      return { "x-slack-request-timestamp": String(now) };
    case "missing-timestamp":
      return { "x-slack-signature": slackSignature(secret, rawBody, now) };
  }
}

export interface DriverResponse {
  status: number;
  body: string;
  headers: Headers;
  json(): unknown;
}

/** A view as Slack includes it in interaction payloads (what SlackApiStandIn keeps for opened views). */
export interface SlackViewLike {
  id?: string;
  type?: string;
  callback_id?: string;
  private_metadata?: string;
  external_id?: string;
  blocks?: unknown[];
  state?: { values: Record<string, Record<string, unknown>> };
  hash?: string;
  root_view_id?: string | null;
  previous_view_id?: string | null;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  [key: string]: unknown;
}

export interface MessageContainer {
  ts: string;
  channel: string;
  text?: string;
  blocks?: unknown[];
  isEphemeral?: boolean;
}

/** Who Slack says is talking, shared by every payload (defaults match SlackApiStandIn's). */
export interface PayloadIdentity {
  teamId?: string;
  apiAppId?: string;
  teamDomain?: string;
  botUserId?: string;
  /** Base of generated response_urls (e.g. SlackApiStandIn.baseUrl); default https://hooks.slack.com. */
  responseUrlBase?: string;
  /** Sent as the deprecated verification `token` field, as Slack still does. */
  verificationToken?: string;
}

export interface DriverOptions extends PayloadIdentity {
  url: string;
  signingSecret: string;
}

export interface CommandOptions {
  command?: string;
  channelId?: string;
  channelName?: string;
  triggerId?: string;
  userName?: string;
}

export interface BlockActionInput {
  actionId: string;
  blockId?: string;
  value?: string;
  selectedOption?: string;
}

export interface ViewSubmissionInput {
  id?: string;
  callbackId: string;
  privateMetadata?: string;
  values: Record<string, Record<string, unknown>>;
  blocks?: unknown[];
  title?: string;
  hash?: string;
  rootViewId?: string;
  externalId?: string;
}

type Obj = Record<string, unknown>;

const SLACK_USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)";

const isObj = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

let sequence = 0;
function nextSeq(): number {
  sequence += 1;
  return sequence;
}

/** A trigger id in Slack's shape: `<digits>.<digits>.<32 hex>`. */
export function makeTriggerId(): string {
  return `${Date.now()}${nextSeq()}.${1000000 + nextSeq()}.${randomBytes(16).toString("hex")}`;
}

function nowTs(): string {
  const ms = Date.now();
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000 + (nextSeq() % 1000)).padStart(6, "0")}`;
}

const plainText = (text: string) => ({ type: "plain_text", text, emoji: true });

/** Finds the element with `actionId` (and `blockId` when given) in a list of blocks. */
function findElement(
  blocks: unknown,
  actionId: string,
  blockId?: string,
): { block: Obj; element: Obj } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    if (!isObj(block) || (blockId !== undefined && block.block_id !== blockId)) continue;
    const candidates = [
      block.accessory,
      block.element,
      ...(Array.isArray(block.elements) ? block.elements : []),
    ];
    const element = candidates.find((c): c is Obj => isObj(c) && c.action_id === actionId);
    if (element) return { block, element };
  }
  return undefined;
}

function findOption(element: Obj | undefined, value: string): Obj {
  const groups = Array.isArray(element?.option_groups) ? element.option_groups : [];
  const options = [
    ...(Array.isArray(element?.options) ? element.options : []),
    ...groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : [])),
  ];
  const found = options.find((o): o is Obj => isObj(o) && o.value === value);
  return found ?? { text: plainText(value), value };
}

/** Builds one entry of block_actions `actions[]` the way Slack reports it for the element that was used. */
function buildAction(input: BlockActionInput, blocks: unknown): Obj {
  const hit = findElement(blocks, input.actionId, input.blockId);
  const element = hit?.element;
  const blockId = input.blockId ?? (typeof hit?.block.block_id === "string" ? hit.block.block_id : "b0");
  const base = { action_id: input.actionId, block_id: blockId, action_ts: nowTs() };
  if (input.selectedOption !== undefined) {
    const type = typeof element?.type === "string" ? element.type : "static_select";
    const option = findOption(element, input.selectedOption);
    if (type === "overflow" || type === "radio_buttons") return { ...base, type, selected_option: option };
    return { ...base, type, selected_option: option, placeholder: element?.placeholder };
  }
  const text = isObj(element?.text) ? element.text : plainText(input.value ?? input.actionId);
  const value = input.value ?? (typeof element?.value === "string" ? element.value : undefined);
  return { ...base, type: "button", text, ...(value === undefined ? {} : { value }), style: element?.style };
}

function toResponse(status: number, body: string, headers: Headers): DriverResponse {
  return { status, body, headers, json: () => JSON.parse(body) as unknown };
}

/**
 * Builds the bodies Slack sends to an app, without sending them: slash command fields, block_actions,
 * view_submission and event_callback. Over HTTP they are form-encoded / JSON and signed
 * (SlackRequestDriver); over Socket Mode they are an envelope's `payload` as they are
 * (SlackApiStandIn.sendEnvelope, SocketModeDriver).
 */
export class SlackPayloads {
  readonly teamId: string;
  readonly apiAppId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  private readonly token: string;

  constructor(private readonly identity: PayloadIdentity = {}) {
    this.teamId = identity.teamId ?? "T0TANDEM1";
    this.apiAppId = identity.apiAppId ?? "A0TANDEM1";
    this.teamDomain = identity.teamDomain ?? "tandem-test";
    this.botUserId = identity.botUserId ?? "U0TANDEMBOT";
    this.token = identity.verificationToken ?? "xyzz0WbapA4vBCDEFasx0q6G";
  }

  /** A response_url pointing at the stand-in (when configured) or a hooks.slack.com placeholder. */
  responseUrl(kind: "commands" | "actions"): string {
    const id = `${this.teamId}/${Date.now()}${nextSeq()}/${randomBytes(12).toString("hex")}`;
    const base = this.identity.responseUrlBase ?? "https://hooks.slack.com";
    return `${base.replace(/\/$/, "")}/${kind}/${id}`;
  }

  /** The fields of a slash command (default `/mentor`) typed by `userId`, in Slack's order; all strings. */
  command(userId: string, text: string, opts: CommandOptions = {}): Record<string, string> {
    const channelId = opts.channelId ?? "C0GENERAL1";
    return {
      token: this.token,
      team_id: this.teamId,
      team_domain: this.teamDomain,
      channel_id: channelId,
      channel_name: opts.channelName ?? (channelId.startsWith("D") ? "directmessage" : "general"),
      user_id: userId,
      user_name: opts.userName ?? userId.toLowerCase(),
      command: opts.command ?? "/mentor",
      text,
      api_app_id: this.apiAppId,
      is_enterprise_install: "false",
      response_url: this.responseUrl("commands"),
      trigger_id: opts.triggerId ?? makeTriggerId(),
    };
  }

  /** A block_actions payload: a click or selection in a view (modal/Home) or in a message. */
  blockAction(
    userId: string,
    action: BlockActionInput,
    container: { view?: SlackViewLike; message?: MessageContainer } = {},
  ): Obj {
    const base = {
      type: "block_actions",
      user: this.user(userId),
      api_app_id: this.apiAppId,
      token: this.token,
      trigger_id: makeTriggerId(),
      team: { id: this.teamId, domain: this.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
    };
    return container.view
      ? {
          ...base,
          ...this.viewContext(container.view),
          actions: [buildAction(action, container.view.blocks)],
        }
      : this.messageContext(base, action, container.message);
  }

  /** A view_submission payload: the user pressing a modal's submit button with the given `state.values`. */
  viewSubmission(userId: string, view: ViewSubmissionInput): Obj {
    const id = view.id ?? `V${Date.now()}${nextSeq()}`;
    return {
      type: "view_submission",
      team: { id: this.teamId, domain: this.teamDomain },
      user: this.user(userId),
      api_app_id: this.apiAppId,
      token: this.token,
      trigger_id: makeTriggerId(),
      view: {
        id,
        team_id: this.teamId,
        type: "modal",
        blocks: view.blocks ?? [],
        private_metadata: view.privateMetadata ?? "",
        callback_id: view.callbackId,
        state: { values: view.values },
        hash: view.hash ?? `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
        title: plainText(view.title ?? "Tandem"),
        clear_on_close: false,
        notify_on_close: false,
        close: null,
        submit: plainText("Submit"),
        previous_view_id: null,
        root_view_id: view.rootViewId ?? id,
        app_id: this.apiAppId,
        external_id: view.externalId ?? "",
        app_installed_team_id: this.teamId,
        bot_id: "B0TANDEMBOT",
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  /** An Events API `event_callback` body wrapping `event`. */
  eventCallback(event: Record<string, unknown>, opts: { eventId?: string } = {}): Obj {
    const eventTime = Math.floor(Date.now() / 1000);
    return {
      token: this.token,
      team_id: this.teamId,
      context_team_id: this.teamId,
      context_enterprise_id: null,
      api_app_id: this.apiAppId,
      event: { event_ts: nowTs(), ...event },
      type: "event_callback",
      event_id: opts.eventId ?? `Ev${Date.now().toString(36).toUpperCase()}${nextSeq()}`,
      event_time: eventTime,
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    };
  }

  /** Slack's URL verification handshake body. */
  urlVerification(challenge: string): Obj {
    return { token: this.token, challenge, type: "url_verification" };
  }

  private user(userId: string): Obj {
    const name = userId.toLowerCase();
    return { id: userId, username: name, name, team_id: this.teamId };
  }

  private viewContext(view: SlackViewLike): Obj {
    const id = view.id ?? `V${Date.now()}${nextSeq()}`;
    const fullView = {
      team_id: this.teamId,
      type: "modal",
      private_metadata: "",
      callback_id: "",
      blocks: [],
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
      root_view_id: id,
      previous_view_id: null,
      app_id: this.apiAppId,
      bot_id: "B0TANDEMBOT",
      ...view,
      id,
      state: view.state ?? { values: {} },
    };
    return { container: { type: "view", view_id: id }, view: fullView };
  }

  private messageContext(base: Obj, action: BlockActionInput, message: MessageContainer | undefined): Obj {
    const msg = message ?? { ts: nowTs(), channel: "C0GENERAL1" };
    return {
      ...base,
      container: {
        type: "message",
        message_ts: msg.ts,
        channel_id: msg.channel,
        is_ephemeral: msg.isEphemeral ?? false,
      },
      channel: { id: msg.channel, name: msg.channel.startsWith("D") ? "directmessage" : "general" },
      message: msg.isEphemeral
        ? undefined
        : {
            type: "message",
            user: this.botUserId,
            bot_id: "B0TANDEMBOT",
            app_id: this.apiAppId,
            team: this.teamId,
            ts: msg.ts,
            text: msg.text ?? "",
            blocks: msg.blocks ?? [],
          },
      state: { values: {} },
      response_url: this.responseUrl("actions"),
      actions: [buildAction(action, msg.blocks)],
    };
  }
}

/** Sends signed requests to Bolt's HTTP receiver exactly as Slack's servers do. */
export class SlackRequestDriver {
  readonly teamId: string;
  readonly apiAppId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  /** The bodies this driver sends, for reuse (e.g. over Socket Mode). */
  readonly payloads: SlackPayloads;

  constructor(private readonly opts: DriverOptions) {
    this.payloads = new SlackPayloads(opts);
    this.teamId = this.payloads.teamId;
    this.apiAppId = this.payloads.apiAppId;
    this.teamDomain = this.payloads.teamDomain;
    this.botUserId = this.payloads.botUserId;
  }

  /** A response_url pointing at the stand-in (when configured) or a hooks.slack.com placeholder. */
  responseUrl(kind: "commands" | "actions"): string {
    return this.payloads.responseUrl(kind);
  }

  /** A slash command (default `/mentor`) typed by `userId`. */
  command(userId: string, text: string, opts: CommandOptions = {}): Promise<DriverResponse> {
    const form = new URLSearchParams(this.payloads.command(userId, text, opts));
    return this.postForm(form.toString());
  }

  /** A click or selection on an interactive element, in a view (modal/Home) or in a message. */
  blockAction(
    userId: string,
    action: BlockActionInput,
    container: { view?: SlackViewLike; message?: MessageContainer } = {},
  ): Promise<DriverResponse> {
    return this.postPayload(this.payloads.blockAction(userId, action, container));
  }

  /** The user pressing a modal's submit button with the given `state.values`. */
  viewSubmission(userId: string, view: ViewSubmissionInput): Promise<DriverResponse> {
    return this.postPayload(this.payloads.viewSubmission(userId, view));
  }

  /** An Events API callback wrapping `event`; `retryNum` marks it as Slack's redelivery. */
  event(
    event: Record<string, unknown>,
    opts: { eventId?: string; retryNum?: number } = {},
  ): Promise<DriverResponse> {
    const body = this.payloads.eventCallback(
      event,
      opts.eventId === undefined ? {} : { eventId: opts.eventId },
    );
    const retry: Record<string, string> =
      opts.retryNum === undefined
        ? {}
        : { "x-slack-retry-num": String(opts.retryNum), "x-slack-retry-reason": "http_timeout" };
    return this.postJson(JSON.stringify(body), retry);
  }

  /** Slack's URL verification handshake sent when the Request URL is saved. */
  urlVerification(challenge: string): Promise<DriverResponse> {
    return this.postJson(JSON.stringify(this.payloads.urlVerification(challenge)));
  }

  /** Posts `body` with exactly the given headers (no signing), for bad signature / malformed body tests. */
  async raw(body: string, headers: Record<string, string>): Promise<DriverResponse> {
    const res = await fetch(this.opts.url, { method: "POST", headers, body });
    return toResponse(res.status, await res.text(), res.headers);
  }

  private postPayload(payload: Obj): Promise<DriverResponse> {
    return this.postForm(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  private postForm(body: string): Promise<DriverResponse> {
    return this.raw(body, {
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": SLACK_USER_AGENT,
      ...signSlackRequest(this.opts.signingSecret, body),
    });
  }

  private postJson(body: string, extra: Record<string, string> = {}): Promise<DriverResponse> {
    return this.raw(body, {
      "content-type": "application/json",
      "user-agent": SLACK_USER_AGENT,
      ...signSlackRequest(this.opts.signingSecret, body),
      ...extra,
    });
  }
}

/** The kinds of Socket Mode envelope Slack sends to an app. */
export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

export interface EnvelopeOptions {
  /** Default: true for slash_commands and view_submission/block_suggestion, false otherwise. */
  acceptsResponsePayload?: boolean;
  /** Slack's redelivery count (0 for the first delivery). */
  retryAttempt?: number;
  /** Why Slack redelivers, e.g. "timeout"; default "" (or "timeout" when retryAttempt > 0). */
  retryReason?: string;
  /** How long to wait for the app's ack; default 5000 ms. */
  timeoutMs?: number;
}

/** What the app sent back over the socket: `{ envelope_id, payload? }`. */
export interface EnvelopeAck {
  envelope_id: string;
  payload?: unknown;
}

export type EnvelopeSender = (
  type: EnvelopeType,
  payload: object,
  opts?: EnvelopeOptions,
) => Promise<EnvelopeAck>;

/**
 * Sends the same payloads as SlackRequestDriver, but as Socket Mode envelopes through `send`
 * (SlackApiStandIn.sendEnvelope). Each method resolves with the app's ack.
 */
export class SocketModeDriver {
  readonly payloads: SlackPayloads;

  constructor(
    private readonly send: EnvelopeSender,
    identity: PayloadIdentity = {},
  ) {
    this.payloads = new SlackPayloads(identity);
  }

  /** A slash command: the envelope payload is the command's fields as a JSON object. */
  command(userId: string, text: string, opts: CommandOptions = {}): Promise<EnvelopeAck> {
    return this.send("slash_commands", this.payloads.command(userId, text, opts));
  }

  blockAction(
    userId: string,
    action: BlockActionInput,
    container: { view?: SlackViewLike; message?: MessageContainer } = {},
  ): Promise<EnvelopeAck> {
    return this.send("interactive", this.payloads.blockAction(userId, action, container));
  }

  viewSubmission(userId: string, view: ViewSubmissionInput): Promise<EnvelopeAck> {
    return this.send("interactive", this.payloads.viewSubmission(userId, view));
  }

  /** An Events API callback; `retryNum` becomes the envelope's retry_attempt. */
  event(
    event: Record<string, unknown>,
    opts: { eventId?: string; retryNum?: number } = {},
  ): Promise<EnvelopeAck> {
    const body = this.payloads.eventCallback(
      event,
      opts.eventId === undefined ? {} : { eventId: opts.eventId },
    );
    return this.send("events_api", body, opts.retryNum === undefined ? {} : { retryAttempt: opts.retryNum });
  }
}
