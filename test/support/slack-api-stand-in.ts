// A real local HTTP server (127.0.0.1, port 0) answering the Slack Web API, file uploads and response_url posts
// the way Slack does, plus Slack's Socket Mode (apps.connections.open and a WebSocket endpoint on the same
// port, speaking the protocol @slack/socket-mode 3.1 expects). Owns the recorded calls, user directory,
// messages, views, Home tabs, files, Socket Mode envelopes and violations.

import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { checkBlocks, checkView } from "./block-kit.ts";
import type { EnvelopeAck, EnvelopeOptions, EnvelopeType, SlackViewLike } from "./slack-signer.ts";

export type { EnvelopeAck, EnvelopeOptions, EnvelopeType } from "./slack-signer.ts";

type Obj = Record<string, unknown>;
export type Args = Record<string, unknown>;

export interface SlackUserProfile {
  display_name: string;
  real_name: string;
  email: string;
  title: string;
  status_text: string;
  status_emoji: string;
  status_expiration: number;
  display_name_normalized: string;
  real_name_normalized: string;
  phone: string;
  team: string;
  image_72: string;
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  tz: string;
  tz_label: string;
  tz_offset: number;
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  is_email_confirmed: boolean;
  who_can_share_contact_card: string;
  color: string;
  updated: number;
  profile: SlackUserProfile;
}

export type NewSlackUser = Partial<Omit<SlackUser, "profile">> & {
  id: string;
  profile?: Partial<SlackUserProfile>;
};

export interface RecordedCall {
  method: string;
  args: Args;
  at: number;
  /** HTTP status the stand-in answered with (429/500 for injected faults). */
  status: number;
  response: Obj;
}

export interface RecordedResponse {
  kind: "commands" | "actions";
  url: string;
  body: Obj;
  at: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs?: string;
  /** Set for chat.postEphemeral: only this user sees it. */
  ephemeralTo?: string;
  /** Message metadata (chat.postMessage `metadata`), returned by conversations.history. */
  metadata?: { event_type: string; event_payload: Obj };
  deleted: boolean;
}

export interface StoredView extends SlackViewLike {
  id: string;
  type: "modal" | "home";
  hash: string;
  blocks: unknown[];
  /** The user whose Home tab this is (views.publish only). */
  user_id?: string;
}

export interface UploadedFile {
  id: string;
  title: string;
  filename: string;
  content: Buffer;
  channelId?: string;
  initialComment?: string;
  threadTs?: string;
}

/** One Socket Mode envelope sent to the app, with the app's ack once it came. */
export interface RecordedEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: object;
  accepts_response_payload: boolean;
  sentAt: number;
  ack?: EnvelopeAck;
  ackedAt?: number;
}

export interface StandInOptions {
  botToken?: string;
  teamId?: string;
  botUserId?: string;
  /** The app-level token (xapp-…) that apps.connections.open accepts. */
  appToken?: string;
  /** How often the Socket Mode endpoint pings each connection, as Slack does. Default 5000 ms. */
  socketPingIntervalMs?: number;
}

/** Slack's hello and disconnect messages carry a debug_info.host like this. */
const SOCKET_HOST = "applink-stand-in-1";
/** Slack expects an envelope to be acknowledged within 3 seconds. */
const ACK_DEADLINE_MS = 3000;
const SOCKET_PATH = "/socket-mode/";

interface SocketConnection {
  ws: WebSocket;
  ticket: string;
  /** True once the hello message has been written to the socket. */
  ready: boolean;
  pinger: NodeJS.Timeout;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.from(data).toString("utf8");
}

/** Slack sets accepts_response_payload when the ack's payload is used: commands, submissions, suggestions. */
function acceptsResponsePayload(type: EnvelopeType, payload: object): boolean {
  if (type === "slash_commands") return true;
  if (type !== "interactive") return false;
  const kind = (payload as { type?: unknown }).type;
  return kind === "view_submission" || kind === "block_suggestion";
}

interface PendingAck {
  envelope: RecordedEnvelope;
  connection: SocketConnection;
  resolve: (ack: EnvelopeAck) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export type Fault = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export type MethodHandler = (args: Args) => Obj;

/** Thrown by a method handler to answer `{ ok: false, error, ...extra }`; `violation` marks an app bug. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Obj = {},
    readonly violation?: string,
  ) {
    super(code);
  }
}

interface Answer {
  status: number;
  body: Obj | string;
  headers?: Record<string, string>;
}

interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
}

const JSON_ARGS = new Set(["blocks", "attachments", "view", "files", "metadata", "profile", "unfurls"]);

/** Form-encoded booleans arrive as "true"/"1"; JSON ones as true. */
function flag(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
}

const isObj = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function str(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

function missing(method: string, field: string): SlackApiError {
  const message = `missing required field: ${field}`;
  return new SlackApiError(
    "invalid_arguments",
    { response_metadata: { messages: [`[ERROR] ${message}`] } },
    `${method}: ${message}`,
  );
}

function required(args: Args, key: string, method: string): string {
  const value = str(args, key);
  if (value === undefined) throw missing(method, key);
  return value;
}

function randomId(prefix: string, length = 10): string {
  return prefix + randomBytes(length).toString("hex").toUpperCase().slice(0, length);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

function decodeFormValue(key: string, value: string): unknown {
  if (!JSON_ARGS.has(key)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Parses a Web API request body as Slack does: urlencoded (JSON-encoded objects), JSON, or multipart. */
async function parseArgs(req: IncomingMessage, raw: Buffer): Promise<Args> {
  const args: Args = {};
  const url = new URL(req.url ?? "/", "http://localhost");
  for (const [k, v] of url.searchParams) args[k] = decodeFormValue(k, v);
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (raw.length === 0) return args;
  if (type === "application/json") {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    if (!isObj(parsed)) throw new SlackApiError("invalid_json", {}, "request body is JSON but not an object");
    return { ...args, ...parsed };
  }
  if (type === "multipart/form-data") {
    const form = await new Response(new Uint8Array(raw), {
      headers: { "content-type": String(req.headers["content-type"]) },
    }).formData();
    for (const [k, v] of form) {
      args[k] = typeof v === "string" ? decodeFormValue(k, v) : Buffer.from(await v.arrayBuffer());
    }
    return args;
  }
  for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) args[k] = decodeFormValue(k, v);
  return args;
}

/** Pulls the uploaded bytes out of an upload POST (raw bytes or multipart, as @slack/web-api sends). */
async function uploadedBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer> {
  const type = String(req.headers["content-type"] ?? "");
  if (!type.toLowerCase().startsWith("multipart/form-data")) return raw;
  const form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData();
  for (const [, value] of form) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  const first = [...form.values()][0];
  return Buffer.from(typeof first === "string" ? first : "");
}

function send(res: ServerResponse, answer: Answer): void {
  const isText = typeof answer.body === "string";
  res.writeHead(answer.status, {
    "content-type": isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    ...answer.headers,
  });
  res.end(isText ? answer.body : JSON.stringify(answer.body));
}

function describeCall(call: RecordedCall): string {
  const outcome = call.response.ok === true ? "ok" : String(call.response.error ?? `HTTP ${call.status}`);
  return `${call.method} → ${outcome}`;
}

/** The Slack Web API, answered locally. */
export class SlackApiStandIn {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly violations: string[] = [];
  readonly warnings: string[] = [];
  readonly messages: StoredMessage[] = [];
  readonly files: UploadedFile[] = [];
  readonly baseUrl: string;
  readonly apiUrl: string;
  readonly botToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly appToken: string;
  /** Socket Mode envelopes sent with sendEnvelope, oldest first. */
  readonly envelopes: RecordedEnvelope[] = [];
  /** Socket Mode connection counters: `opened` (hello sent), `pongs` (answers to our pings). */
  readonly socketStats = { opened: 0, pongs: 0 };
  readonly botId = "B0TANDEMBOT";
  readonly appId = "A0TANDEM1";
  readonly teamDomain = "tandem-test";

  private readonly users = new Map<string, SlackUser>();
  private readonly dmIds = new Map<string, string>();
  private readonly views = new Map<string, StoredView>();
  private readonly homes = new Map<string, StoredView>();
  private readonly usedTriggers = new Set<string>();
  private readonly pendingUploads = new Map<string, { filename: string; length: number; content?: Buffer }>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly callWaiters = new Set<Waiter<RecordedCall>>();
  private readonly responseWaiters = new Set<Waiter<RecordedResponse>>();
  private tsCounter = 0;
  private idCounter = 0;

  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<SocketConnection>();
  private readonly pendingAcks = new Map<string, PendingAck>();
  private readonly socketWaiters = new Set<() => void>();
  private readonly socketPingIntervalMs: number;

  private constructor(
    private readonly server: Server,
    opts: Required<StandInOptions>,
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.botToken = opts.botToken;
    this.appToken = opts.appToken;
    this.teamId = opts.teamId;
    this.botUserId = opts.botUserId;
    this.socketPingIntervalMs = opts.socketPingIntervalMs;
    this.registerBuiltIns();
    this.seedWorkspaceUsers();
  }

  static async start(opts: StandInOptions = {}): Promise<SlackApiStandIn> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const standIn = new SlackApiStandIn(server, {
      botToken: opts.botToken ?? "xoxb-tandem-test-token",
      teamId: opts.teamId ?? "T0TANDEM1",
      botUserId: opts.botUserId ?? "U0TANDEMBOT",
      appToken: opts.appToken ?? "xapp-1-A0TANDEM1-1-test-app-token",
      socketPingIntervalMs: opts.socketPingIntervalMs ?? 5000,
    });
    server.on("request", (req, res) => {
      standIn.route(req, res).catch((error: unknown) => {
        standIn.violations.push(`stand-in crashed on ${req.url}: ${String(error)}`);
        if (!res.headersSent) send(res, { status: 500, body: "stand-in error" });
      });
    });
    server.on("upgrade", (req, socket, head) => standIn.upgrade(req, socket, head));
    return standIn;
  }

  /** Closes every Socket Mode connection (close frame 1001, then forcefully) and the HTTP server. */
  async stop(): Promise<void> {
    await this.closeSockets(1001, "stand-in stopping");
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Clears everything recorded (calls, messages, views, files, faults…) but keeps the user directory. */
  reset(): void {
    for (const list of [
      this.calls,
      this.responses,
      this.violations,
      this.warnings,
      this.messages,
      this.files,
      this.envelopes,
    ]) {
      list.length = 0;
    }
    this.views.clear();
    this.homes.clear();
    this.usedTriggers.clear();
    this.pendingUploads.clear();
    this.faults.clear();
  }

  // ---------- directory ----------

  /** Adds (or replaces) a workspace member, filling in what Slack would report for an ordinary member. */
  addUser(user: NewSlackUser): SlackUser {
    const name = user.name ?? user.id.toLowerCase();
    const realName = user.real_name ?? `Member ${user.id}`;
    const { profile, ...rest } = user;
    const full: SlackUser = {
      team_id: this.teamId,
      name,
      real_name: realName,
      deleted: false,
      color: "9f69e7",
      tz: "Europe/London",
      tz_label: "Greenwich Mean Time",
      tz_offset: 0,
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: false,
      is_app_user: false,
      updated: Math.floor(Date.now() / 1000),
      is_email_confirmed: true,
      who_can_share_contact_card: "EVERYONE",
      ...rest,
      profile: {
        // Most people never set a display name; Slack then sends "" and clients show real_name.
        display_name: "",
        display_name_normalized: "",
        real_name: realName,
        real_name_normalized: realName,
        email: `${name}@tandem.example`,
        title: "",
        phone: "",
        status_text: "",
        status_emoji: "",
        status_expiration: 0,
        team: this.teamId,
        image_72: `https://avatars.slack-edge.com/tandem/${user.id}_72.png`,
        ...profile,
      },
    };
    this.users.set(full.id, full);
    return full;
  }

  user(userId: string): SlackUser | undefined {
    return this.users.get(userId);
  }

  private seedWorkspaceUsers(): void {
    this.addUser({
      id: this.botUserId,
      name: "tandem",
      real_name: "Tandem",
      is_bot: true,
      is_app_user: false,
    });
    // Slackbot is listed by users.list with is_bot: false, as in real workspaces.
    this.addUser({ id: "USLACKBOT", name: "slackbot", real_name: "Slackbot", tz: "America/Los_Angeles" });
  }

  // ---------- reading what the app did ----------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call (already made or future) to `method` matching `predicate`. */
  waitFor(
    method: string,
    predicate: (args: Args, call: RecordedCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<RecordedCall> {
    const match = (c: RecordedCall) => c.method === method && predicate(c.args, c);
    const describe = () =>
      `timed out after ${timeoutMs}ms waiting for a matching ${method} call; calls so far: ${
        this.calls.map(describeCall).join(", ") || "(none)"
      }${this.violations.length ? `; violations: ${this.violations.join(" | ")}` : ""}`;
    return this.waitIn(this.calls, this.callWaiters, match, timeoutMs, describe);
  }

  /** Resolves with the first response_url post matching `predicate`. */
  waitForResponse(
    predicate: (body: Obj, response: RecordedResponse) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<RecordedResponse> {
    const match = (r: RecordedResponse) => predicate(r.body, r);
    const describe = () =>
      `timed out after ${timeoutMs}ms waiting for a response_url post; got ${this.responses.length}: ${JSON.stringify(
        this.responses.map((r) => r.body),
      )}`;
    return this.waitIn(this.responses, this.responseWaiters, match, timeoutMs, describe);
  }

  private waitIn<T>(
    seen: readonly T[],
    waiters: Set<Waiter<T>>,
    match: (item: T) => boolean,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T> {
    const existing = seen.find(match);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        resolve: (item) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(describe()));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  private notify<T>(waiters: Set<Waiter<T>>, item: T): void {
    for (const waiter of [...waiters]) if (waiter.match(item)) waiter.resolve(item);
  }

  /** Every modal opened or pushed (latest version of each), oldest first. */
  get openViews(): StoredView[] {
    return [...this.views.values()].filter((v) => v.type === "modal");
  }

  viewById(id: string): StoredView | undefined {
    return this.views.get(id);
  }

  /** The latest Home tab published for `userId`. */
  homeOf(userId: string): StoredView | undefined {
    return this.homes.get(userId);
  }

  /** The DM channel id conversations.open gives for `userId` (stable for the life of the stand-in). */
  dmChannelOf(userId: string): string {
    return this.conversationId([userId]);
  }

  messagesIn(channel: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.deleted);
  }

  // ---------- configuration ----------

  failNext(method: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.faults.set(method, queue);
  }

  /** Adds or overrides a Web API method; throw SlackApiError from `handler` to answer ok:false. */
  onMethod(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
  }

  // ---------- HTTP ----------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", this.baseUrl).pathname;
    const raw = await readBody(req);
    if (path.startsWith("/api/")) return send(res, await this.api(path.slice(5), req, raw));
    if (path.startsWith("/upload/")) return send(res, await this.upload(path, req, raw));
    const kind = path.split("/")[1];
    if (req.method === "POST" && (kind === "commands" || kind === "actions")) {
      return send(res, this.responseUrlPost(kind, path, raw));
    }
    send(res, { status: 404, body: "not found" });
  }

  private async api(method: string, req: IncomingMessage, raw: Buffer): Promise<Answer> {
    let args: Args = {};
    let answer: Answer;
    try {
      args = await parseArgs(req, raw);
      answer = this.answer(method, args, req.headers.authorization);
    } catch (error) {
      answer = this.errorAnswer(method, error);
    }
    const response = typeof answer.body === "string" ? { ok: false, body: answer.body } : answer.body;
    const call: RecordedCall = { method, args, at: Date.now(), status: answer.status, response };
    this.calls.push(call);
    this.notify(this.callWaiters, call);
    return answer;
  }

  private answer(method: string, args: Args, authorization: string | undefined): Answer {
    const fault = this.faults.get(method)?.shift();
    if (fault) return this.faultAnswer(fault);
    this.authenticate(method, args, authorization);
    const handler = this.handlers.get(method);
    if (!handler) throw new SlackApiError("unknown_method", {}, `unknown method: ${method}`);
    const result = handler(args);
    return { status: 200, body: { ok: true, ...result } };
  }

  private faultAnswer(fault: Fault): Answer {
    if ("error" in fault) return { status: 200, body: { ok: false, error: fault.error } };
    if (fault.status === 429) {
      return {
        status: 429,
        body: { ok: false, error: "ratelimited" },
        headers: { "retry-after": String(fault.retryAfter) },
      };
    }
    return { status: 500, body: "Internal Server Error" };
  }

  private errorAnswer(method: string, error: unknown): Answer {
    if (error instanceof SlackApiError) {
      if (error.violation) this.violations.push(error.violation);
      return { status: 200, body: { ok: false, error: error.code, ...error.extra } };
    }
    if (error instanceof SyntaxError) {
      this.violations.push(`${method}: body is not valid JSON`);
      return { status: 200, body: { ok: false, error: "invalid_json" } };
    }
    this.violations.push(`${method}: stand-in failed: ${String(error)}`);
    return { status: 500, body: "Internal Server Error" };
  }

  private authenticate(method: string, args: Args, authorization: string | undefined): void {
    const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
    const token = bearer ?? str(args, "token");
    if (token === undefined) throw new SlackApiError("not_authed", {}, `${method}: called without a token`);
    // apps.connections.open takes only the app-level token; every other method here a bot token.
    const appLevel = method === "apps.connections.open";
    if (token === (appLevel ? this.appToken : this.botToken)) return;
    const hint =
      appLevel && token === this.botToken
        ? " (the bot token; it needs the app-level xapp- token)"
        : !appLevel && token === this.appToken
          ? " (the app-level token; it needs the bot token)"
          : "";
    throw new SlackApiError("invalid_auth", {}, `${method}: called with a wrong token${hint}`);
  }

  private async upload(path: string, req: IncomingMessage, raw: Buffer): Promise<Answer> {
    const fileId = path.split("/").pop() ?? "";
    const pending = this.pendingUploads.get(fileId);
    if (!pending || req.method !== "POST") return { status: 404, body: "not found" };
    const content = await uploadedBytes(req, raw);
    if (content.length !== pending.length) {
      this.warnings.push(
        `upload ${fileId}: declared length ${pending.length}, received ${content.length} bytes`,
      );
    }
    pending.content = content;
    return { status: 200, body: `OK - ${content.length}` };
  }

  private responseUrlPost(kind: "commands" | "actions", path: string, raw: Buffer): Answer {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      this.violations.push(`response_url ${path}: body is not JSON`);
      return { status: 400, body: { ok: false, error: "invalid_payload" } };
    }
    if (!isObj(body)) return { status: 400, body: { ok: false, error: "invalid_payload" } };
    const record: RecordedResponse = { kind, url: `${this.baseUrl}${path}`, body, at: Date.now() };
    this.responses.push(record);
    this.notify(this.responseWaiters, record);
    const issues = body.blocks === undefined ? [] : checkBlocks(body.blocks, "message");
    if (issues.length > 0) {
      this.violations.push(`response_url ${path}: ${issues.join("; ")}`);
      return { status: 400, body: { ok: false, error: "invalid_blocks", errors: issues } };
    }
    const fault = this.faults.get("response_url")?.shift();
    if (fault) return this.faultAnswer(fault);
    return { status: 200, body: { ok: true } };
  }

  // ---------- Socket Mode ----------

  /** Connections that are open and have been sent hello. */
  get openSocketCount(): number {
    return [...this.sockets].filter((c) => c.ready && c.ws.readyState === c.ws.OPEN).length;
  }

  /** Resolves once a client has connected and been sent `hello` (at once if one already has). */
  socketConnected(timeoutMs = 5000): Promise<void> {
    return this.waitForSockets(
      () => this.openSocketCount > 0,
      timeoutMs,
      () =>
        `no Socket Mode client connected within ${timeoutMs}ms; apps.connections.open calls: ${
          this.callsTo("apps.connections.open").map(describeCall).join(", ") || "(none)"
        }${this.violations.length ? `; violations: ${this.violations.join(" | ")}` : ""}`,
    );
  }

  /** Resolves once no Socket Mode connection is left (at once if none is open). */
  socketClosed(timeoutMs = 5000): Promise<void> {
    return this.waitForSockets(
      () => this.sockets.size === 0,
      timeoutMs,
      () => `${this.sockets.size} Socket Mode connection(s) still open after ${timeoutMs}ms`,
    );
  }

  /**
   * Sends `{ envelope_id, type, payload, accepts_response_payload }` (plus `retry_attempt` and
   * `retry_reason` for events_api, or when `retryAttempt` is given) to the newest open connection and
   * resolves with the app's ack `{ envelope_id, payload? }`. Rejects when no connection is open, when the
   * connection closes first, or after `timeoutMs` (default 5000) without an ack.
   */
  sendEnvelope(type: EnvelopeType, payload: object, opts: EnvelopeOptions = {}): Promise<EnvelopeAck> {
    const connection = [...this.sockets].reverse().find((c) => c.ready && c.ws.readyState === c.ws.OPEN);
    if (!connection) {
      return Promise.reject(
        new Error(
          `sendEnvelope(${type}): no Socket Mode connection is open (connections so far: ${this.socketStats.opened})`,
        ),
      );
    }
    const envelope: RecordedEnvelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      accepts_response_payload: opts.acceptsResponsePayload ?? acceptsResponsePayload(type, payload),
      sentAt: Date.now(),
    };
    this.envelopes.push(envelope);
    const message: Obj = {
      envelope_id: envelope.envelope_id,
      payload,
      type,
      accepts_response_payload: envelope.accepts_response_payload,
    };
    if (type === "events_api" || opts.retryAttempt !== undefined) {
      const attempt = opts.retryAttempt ?? 0;
      message.retry_attempt = attempt;
      message.retry_reason = opts.retryReason ?? (attempt > 0 ? "timeout" : "");
    }
    const timeoutMs = opts.timeoutMs ?? 5000;
    return new Promise<EnvelopeAck>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(pending.timer);
        this.pendingAcks.delete(envelope.envelope_id);
        reject(error);
      };
      const pending: PendingAck = {
        envelope,
        connection,
        resolve,
        reject: fail,
        timer: setTimeout(
          () =>
            fail(
              new Error(
                `no ack for ${type} envelope ${envelope.envelope_id} within ${timeoutMs}ms ` +
                  `(Slack wants one within ${ACK_DEADLINE_MS}ms)${
                    this.violations.length ? `; violations: ${this.violations.join(" | ")}` : ""
                  }`,
              ),
            ),
          timeoutMs,
        ),
      };
      this.pendingAcks.set(envelope.envelope_id, pending);
      connection.ws.send(JSON.stringify(message), (error) => {
        if (error) fail(new Error(`sendEnvelope(${type}): could not write to the socket: ${error.message}`));
      });
    });
  }

  /** Sends Slack's `disconnect` message to every open connection; the client is expected to reconnect. */
  disconnectSockets(reason: "warning" | "refresh_requested" | "link_disabled" = "refresh_requested"): void {
    const message = JSON.stringify({ type: "disconnect", reason, debug_info: { host: SOCKET_HOST } });
    for (const connection of this.sockets)
      if (connection.ws.readyState === connection.ws.OPEN) connection.ws.send(message);
  }

  private waitForSockets(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.socketWaiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.socketWaiters.delete(check);
        reject(new Error(describe()));
      }, timeoutMs);
      this.socketWaiters.add(check);
    });
  }

  private socketsChanged(): void {
    for (const check of [...this.socketWaiters]) check();
  }

  /** apps.connections.open: a single-use WebSocket URL on this server. */
  private openConnection(): Obj {
    const ticket = randomBytes(16).toString("hex");
    this.tickets.add(ticket);
    return { url: `${this.baseUrl.replace(/^http/, "ws")}${SOCKET_PATH}${ticket}` };
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? "/", this.baseUrl).pathname;
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!path.startsWith(SOCKET_PATH)) {
      refuse("404 Not Found");
      return;
    }
    const ticket = decodeURIComponent(path.slice(SOCKET_PATH.length));
    if (!this.tickets.delete(ticket)) {
      this.violations.push(
        "Socket Mode: WebSocket opened with an unknown or already used ticket (each connection needs a fresh apps.connections.open URL)",
      );
      refuse("401 Unauthorized");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws, ticket));
  }

  private onSocket(ws: WebSocket, ticket: string): void {
    const pinger = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.ping(Buffer.from(`ping from ${SOCKET_HOST} (${Date.now()})`));
    }, this.socketPingIntervalMs);
    pinger.unref();
    const connection: SocketConnection = { ws, ticket, ready: false, pinger };
    this.sockets.add(connection);
    ws.on("pong", () => {
      this.socketStats.pongs += 1;
    });
    ws.on("message", (data, isBinary) => this.onSocketMessage(data, isBinary));
    ws.on("error", (error) => this.warnings.push(`Socket Mode connection error: ${error.message}`));
    ws.on("close", () => {
      clearInterval(pinger);
      this.sockets.delete(connection);
      for (const pending of [...this.pendingAcks.values()]) {
        if (pending.connection !== connection) continue;
        pending.reject(
          new Error(
            `the Socket Mode connection closed before ${pending.envelope.type} envelope ${pending.envelope.envelope_id} was acknowledged`,
          ),
        );
      }
      this.socketsChanged();
    });
    const hello = {
      type: "hello",
      num_connections: this.sockets.size,
      debug_info: { host: SOCKET_HOST, build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: this.appId },
    };
    ws.send(JSON.stringify(hello), (error) => {
      if (error) return;
      connection.ready = true;
      this.socketStats.opened += 1;
      this.socketsChanged();
    });
  }

  /** The only thing an app sends over Socket Mode is an ack: `{ envelope_id, payload? }`. */
  private onSocketMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.violations.push("Socket Mode: the app sent a binary message");
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(rawText(data));
    } catch {
      this.violations.push(
        `Socket Mode: the app sent a message that is not JSON: ${rawText(data).slice(0, 200)}`,
      );
      return;
    }
    const envelopeId = isObj(message) ? message.envelope_id : undefined;
    if (!isObj(message) || typeof envelopeId !== "string") {
      this.violations.push(
        `Socket Mode: the app sent a message without envelope_id: ${JSON.stringify(message)}`,
      );
      return;
    }
    const ack: EnvelopeAck = {
      envelope_id: envelopeId,
      ...("payload" in message ? { payload: message.payload } : {}),
    };
    const pending = this.pendingAcks.get(envelopeId);
    const envelope = pending?.envelope ?? this.envelopes.find((e) => e.envelope_id === envelopeId);
    if (!envelope) {
      this.violations.push(`Socket Mode: ack for an envelope that was never sent: ${envelopeId}`);
      return;
    }
    if (envelope.ack) {
      this.violations.push(`Socket Mode: ${envelope.type} envelope ${envelopeId} acknowledged twice`);
      return;
    }
    envelope.ack = ack;
    envelope.ackedAt = Date.now();
    const where = `Socket Mode ack of ${envelope.type} ${envelopeId}`;
    if (envelope.ackedAt - envelope.sentAt > ACK_DEADLINE_MS) {
      this.warnings.push(
        `${where}: came after ${envelope.ackedAt - envelope.sentAt}ms (Slack's limit is 3 s)`,
      );
    }
    this.checkAckPayload(where, envelope, ack.payload);
    if (pending) {
      clearTimeout(pending.timer);
      this.pendingAcks.delete(envelopeId);
      pending.resolve(ack);
    }
  }

  /** Checks an ack's payload as Slack would use it: message blocks, or a view for response_action. */
  private checkAckPayload(where: string, envelope: RecordedEnvelope, payload: unknown): void {
    if (payload === undefined) return;
    if (!isObj(payload)) {
      this.violations.push(`${where}: payload is not a JSON object`);
      return;
    }
    if (!envelope.accepts_response_payload && Object.keys(payload).length > 0) {
      this.warnings.push(
        `${where}: carries a payload that Slack ignores (accepts_response_payload is false)`,
      );
    }
    const issues = payload.blocks === undefined ? [] : checkBlocks(payload.blocks, "message");
    if (payload.response_action === "update" || payload.response_action === "push") {
      issues.push(...checkView(payload.view));
    }
    if (issues.length > 0) this.violations.push(`${where}: ${issues.join("; ")}`);
  }

  private async closeSockets(code: number, reason: string): Promise<void> {
    await Promise.all(
      [...this.sockets].map(
        (connection) =>
          new Promise<void>((resolve) => {
            const { ws } = connection;
            if (ws.readyState === ws.CLOSED) return resolve();
            const force = setTimeout(() => ws.terminate(), 1000);
            ws.once("close", () => {
              clearTimeout(force);
              resolve();
            });
            ws.close(code, reason);
          }),
      ),
    );
  }

  // ---------- ids ----------

  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, "0")}`;
  }

  private nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}0${(46656 + this.idCounter).toString(36).toUpperCase()}${randomId("", 4)}`;
  }

  /** Stable D… id per single user, G… (mpim) id per set of users. */
  private conversationId(userIds: string[]): string {
    const key = [...new Set(userIds)].sort().join(",");
    let id = this.dmIds.get(key);
    if (!id) {
      id = this.nextId(userIds.length === 1 ? "D" : "G");
      this.dmIds.set(key, id);
    }
    return id;
  }

  // ---------- methods ----------

  private registerBuiltIns(): void {
    const builtIns: Record<string, MethodHandler> = {
      "api.test": (args) => ({ args }),
      "auth.test": () => this.authTest(),
      "chat.postMessage": (args) => this.postMessage(args),
      "chat.update": (args) => this.updateMessage(args),
      "chat.postEphemeral": (args) => this.postEphemeral(args),
      "chat.delete": (args) => this.deleteMessage(args),
      "conversations.open": (args) => this.openConversation(args),
      "conversations.history": (args) => this.history(args),
      "views.open": (args) => this.openView(args, "views.open"),
      "views.push": (args) => this.openView(args, "views.push"),
      "views.update": (args) => this.updateView(args),
      "views.publish": (args) => this.publishView(args),
      "users.info": (args) => this.usersInfo(args),
      "users.list": (args) => this.usersList(args),
      "users.lookupByEmail": (args) => this.usersLookupByEmail(args),
      "team.info": () => this.teamInfo(),
      "files.getUploadURLExternal": (args) => this.getUploadUrl(args),
      "files.completeUploadExternal": (args) => this.completeUpload(args),
      "apps.connections.open": () => this.openConnection(),
    };
    for (const [method, handler] of Object.entries(builtIns)) this.handlers.set(method, handler);
  }

  private authTest(): Obj {
    return {
      url: `https://${this.teamDomain}.slack.com/`,
      team: "Tandem Test",
      user: "tandem",
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    };
  }

  private teamInfo(): Obj {
    return {
      team: {
        id: this.teamId,
        name: "Tandem Test",
        url: `https://${this.teamDomain}.slack.com/`,
        domain: this.teamDomain,
        email_domain: "tandem.example",
        icon: {
          image_default: true,
          image_34: "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-34.png",
        },
        avatar_base_url: "https://ca.slack-edge.com/",
        is_verified: false,
      },
    };
  }

  /** Checks message blocks; Slack answers invalid_blocks with one message per problem. */
  private checkMessageBlocks(method: string, args: Args): unknown[] {
    const blocks = args.blocks;
    if (blocks === undefined) return [];
    if (!Array.isArray(blocks)) {
      throw new SlackApiError("invalid_blocks_format", {}, `${method}: blocks is not a JSON array`);
    }
    const issues = checkBlocks(blocks, "message");
    if (issues.length > 0) {
      throw new SlackApiError(
        "invalid_blocks",
        { errors: issues, response_metadata: { messages: issues.map((i) => `[ERROR] ${i}`) } },
        `${method}: ${issues.join("; ")}`,
      );
    }
    return blocks;
  }

  private checkMessageText(method: string, args: Args, blocks: unknown[]): string {
    const text = typeof args.text === "string" ? args.text : "";
    const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
    if (text === "" && blocks.length === 0 && !hasAttachments) {
      throw new SlackApiError("no_text", {}, `${method}: no text, blocks or attachments`);
    }
    if (text.length > 40_000)
      throw new SlackApiError("msg_too_long", {}, `${method}: text over 40,000 characters`);
    if (text === "" && blocks.length > 0) {
      this.warnings.push(
        `${method}: blocks sent without top-level text (Slack warns: missing fallback text)`,
      );
    }
    return text;
  }

  /** A user id as `channel` means the app's DM with that user. */
  private resolveChannel(method: string, args: Args): string {
    const channel = str(args, "channel");
    if (channel === undefined)
      throw new SlackApiError("channel_not_found", {}, `${method}: no channel given`);
    if (!/^[UW]/.test(channel)) return channel;
    this.requireActiveUser(channel);
    return this.conversationId([channel]);
  }

  private requireActiveUser(userId: string): SlackUser {
    const user = this.users.get(userId);
    if (!user) throw new SlackApiError("user_not_found");
    if (user.deleted) throw new SlackApiError("user_disabled");
    return user;
  }

  /** Slack's message metadata: an event_type (a-z, 0-9, _) and an object payload. */
  private checkMetadata(args: Args): StoredMessage["metadata"] {
    const metadata = args.metadata;
    if (metadata === undefined) return undefined;
    if (
      !isObj(metadata) ||
      typeof metadata.event_type !== "string" ||
      !/^[a-z0-9_]{1,255}$/.test(metadata.event_type) ||
      !isObj(metadata.event_payload)
    ) {
      throw new SlackApiError(
        "invalid_metadata_format",
        {},
        "chat.postMessage: metadata needs event_type (a-z, 0-9, _) and an event_payload object",
      );
    }
    return { event_type: metadata.event_type, event_payload: metadata.event_payload };
  }

  /** Newest first, like Slack; metadata only with include_all_metadata. */
  private history(args: Args): Obj {
    const channel = this.resolveChannel("conversations.history", args);
    const limit = Math.min(999, Number(args.limit ?? 100) || 100);
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
    const messages = this.messages
      .filter((m) => m.channel === channel && !m.deleted && !m.ephemeralTo && !m.threadTs)
      .slice(-limit)
      .reverse()
      .map((m) => ({
        ...this.messageObject(m),
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      }));
    return { messages, has_more: false, response_metadata: { next_cursor: "" } };
  }

  private messageObject(message: StoredMessage): Obj {
    return {
      type: "message",
      user: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
      text: message.text,
      blocks: message.blocks,
      ts: message.ts,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      bot_profile: {
        id: this.botId,
        app_id: this.appId,
        name: "Tandem",
        deleted: false,
        team_id: this.teamId,
      },
    };
  }

  private postMessage(args: Args): Obj {
    const channel = this.resolveChannel("chat.postMessage", args);
    const blocks = this.checkMessageBlocks("chat.postMessage", args);
    const text = this.checkMessageText("chat.postMessage", args, blocks);
    const message: StoredMessage = { channel, ts: this.nextTs(), text, blocks, deleted: false };
    const threadTs = str(args, "thread_ts");
    if (threadTs) message.threadTs = threadTs;
    const metadata = this.checkMetadata(args);
    if (metadata) message.metadata = metadata;
    this.messages.push(message);
    return { channel, ts: message.ts, message: this.messageObject(message) };
  }

  private findMessage(method: string, args: Args): StoredMessage {
    const channel = this.resolveChannel(method, args);
    const ts = required(args, "ts", method);
    const found = this.messages.find(
      (m) => m.channel === channel && m.ts === ts && !m.deleted && !m.ephemeralTo,
    );
    if (!found) throw new SlackApiError("message_not_found");
    return found;
  }

  private updateMessage(args: Args): Obj {
    const message = this.findMessage("chat.update", args);
    const blocks = this.checkMessageBlocks("chat.update", args);
    if (args.blocks !== undefined) message.blocks = blocks;
    if (typeof args.text === "string") message.text = args.text;
    return {
      channel: message.channel,
      ts: message.ts,
      text: message.text,
      message: this.messageObject(message),
    };
  }

  private deleteMessage(args: Args): Obj {
    const message = this.findMessage("chat.delete", args);
    message.deleted = true;
    return { channel: message.channel, ts: message.ts };
  }

  private postEphemeral(args: Args): Obj {
    const channel = this.resolveChannel("chat.postEphemeral", args);
    const userId = required(args, "user", "chat.postEphemeral");
    this.requireActiveUser(userId);
    const blocks = this.checkMessageBlocks("chat.postEphemeral", args);
    const text = this.checkMessageText("chat.postEphemeral", args, blocks);
    const message: StoredMessage = {
      channel,
      ts: this.nextTs(),
      text,
      blocks,
      ephemeralTo: userId,
      deleted: false,
    };
    this.messages.push(message);
    return { message_ts: message.ts };
  }

  private openConversation(args: Args): Obj {
    const channel = str(args, "channel");
    if (channel) return { no_op: true, already_open: true, channel: { id: channel } };
    const users = required(args, "users", "conversations.open")
      .split(",")
      .map((u) => u.trim())
      .filter((u) => u !== "" && u !== this.botUserId);
    if (users.length === 0) throw new SlackApiError("user_not_found");
    if (users.length > 8) throw new SlackApiError("too_many_users");
    for (const u of users) this.requireActiveUser(u);
    const known = this.dmIds.has([...new Set(users)].sort().join(","));
    const id = this.conversationId(users);
    const isIm = users.length === 1;
    return {
      ...(known ? { no_op: true, already_open: true } : {}),
      channel: {
        id,
        created: Math.floor(Date.now() / 1000),
        is_im: isIm,
        is_mpim: !isIm,
        ...(isIm ? { user: users[0] } : {}),
      },
    };
  }

  // ---------- views ----------

  private requireView(method: string, args: Args, type: "modal" | "home"): Obj {
    const view = args.view;
    if (view === undefined) throw missing(method, "view");
    const issues = checkView(view);
    if (isObj(view) && view.type !== type && view.type !== undefined) {
      issues.push(
        `${method} needs a ${type} view, got ${JSON.stringify(view.type)} [json-pointer:/view/type]`,
      );
    }
    if (issues.length > 0 || !isObj(view)) {
      throw new SlackApiError(
        "invalid_arguments",
        { response_metadata: { messages: issues.map((i) => `[ERROR] ${i}`) } },
        `${method}: ${issues.join("; ")}`,
      );
    }
    return view;
  }

  private useTrigger(method: string, args: Args): void {
    const triggerId = str(args, "trigger_id") ?? str(args, "interactivity_pointer");
    if (triggerId === undefined) throw missing(method, "trigger_id");
    if (!/^\d+\.\d+\.[0-9a-f]+$/.test(triggerId)) {
      throw new SlackApiError("invalid_trigger_id", {}, `${method}: malformed trigger_id ${triggerId}`);
    }
    if (this.usedTriggers.has(triggerId)) {
      throw new SlackApiError("exchanged_trigger_id", {}, `${method}: trigger_id used twice`);
    }
    this.usedTriggers.add(triggerId);
  }

  private storeView(
    view: Obj,
    previous: StoredView | undefined,
    extra: Partial<StoredView> = {},
  ): StoredView {
    const id = previous?.id ?? this.nextId("V");
    const type = view.type === "home" ? "home" : "modal";
    const stored: StoredView = {
      id,
      team_id: this.teamId,
      type,
      blocks: Array.isArray(view.blocks) ? view.blocks : [],
      private_metadata: typeof view.private_metadata === "string" ? view.private_metadata : "",
      callback_id: typeof view.callback_id === "string" ? view.callback_id : "",
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
      title: view.title ?? { type: "plain_text", text: "View Title", emoji: true },
      clear_on_close: view.clear_on_close === true,
      notify_on_close: view.notify_on_close === true,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: previous?.previous_view_id ?? null,
      root_view_id: previous?.root_view_id ?? id,
      app_id: this.appId,
      external_id: typeof view.external_id === "string" ? view.external_id : "",
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
      ...extra,
    };
    this.views.delete(stored.id);
    this.views.set(stored.id, stored);
    return stored;
  }

  private openView(args: Args, method: "views.open" | "views.push"): Obj {
    this.useTrigger(method, args);
    const view = this.requireView(method, args, "modal");
    this.checkExternalIdFree(view);
    if (method === "views.open") return { view: this.storeView(view, undefined) };
    const top = this.openViews.at(-1);
    const stored = this.storeView(view, undefined, { previous_view_id: top?.id ?? null });
    stored.root_view_id = top?.root_view_id ?? top?.id ?? stored.id;
    return { view: stored };
  }

  private checkExternalIdFree(view: Obj): void {
    const externalId = view.external_id;
    if (typeof externalId !== "string" || externalId === "") return;
    if ([...this.views.values()].some((v) => v.external_id === externalId)) {
      throw new SlackApiError("duplicate_external_id");
    }
  }

  private updateView(args: Args): Obj {
    const viewId = str(args, "view_id");
    const externalId = str(args, "external_id");
    if (!viewId && !externalId) throw missing("views.update", "view_id or external_id");
    const view = this.requireView(
      "views.update",
      args,
      isObj(args.view) && args.view.type === "home" ? "home" : "modal",
    );
    const current = viewId
      ? this.views.get(viewId)
      : [...this.views.values()].find((v) => v.external_id === externalId);
    if (!current) throw new SlackApiError("not_found");
    const hash = str(args, "hash");
    if (hash !== undefined && hash !== current.hash) throw new SlackApiError("hash_conflict");
    const stored = this.storeView(view, current, { user_id: current.user_id });
    if (stored.type === "home" && stored.user_id) this.homes.set(stored.user_id, stored);
    return { view: stored };
  }

  private publishView(args: Args): Obj {
    const userId = required(args, "user_id", "views.publish");
    const view = this.requireView("views.publish", args, "home");
    const user = this.users.get(userId);
    if (user?.deleted) throw new SlackApiError("user_disabled");
    const current = this.homes.get(userId);
    const hash = str(args, "hash");
    if (hash !== undefined && current && hash !== current.hash) throw new SlackApiError("hash_conflict");
    const stored = this.storeView(view, current, { user_id: userId });
    this.homes.set(userId, stored);
    return { view: stored };
  }

  // ---------- users ----------

  private usersInfo(args: Args): Obj {
    const userId = str(args, "user");
    const user = userId === undefined ? undefined : this.users.get(userId);
    if (!user) throw new SlackApiError("user_not_found");
    const locale = flag(args.include_locale) ? { locale: "en-GB" } : {};
    return { user: { ...user, ...locale } };
  }

  /** Slack answers users_not_found for unknown addresses (and for deactivated accounts). */
  private usersLookupByEmail(args: Args): Obj {
    const email = str(args, "email")?.toLowerCase();
    const user = [...this.users.values()].find((u) => u.profile.email.toLowerCase() === email && !u.deleted);
    if (!user) throw new SlackApiError("users_not_found");
    return { user };
  }

  private usersList(args: Args): Obj {
    const members = [...this.users.values()];
    const limit = Number(args.limit ?? 0);
    const cursor = str(args, "cursor");
    let start = 0;
    if (cursor !== undefined) {
      const afterId = Buffer.from(cursor, "base64")
        .toString("utf8")
        .replace(/^user:/, "");
      start = members.findIndex((m) => m.id === afterId);
      if (start < 0) throw new SlackApiError("invalid_cursor", {}, `users.list: unknown cursor ${cursor}`);
    }
    const end = limit > 0 ? start + limit : members.length;
    const page = members.slice(start, end);
    const next = members[end];
    const nextCursor = next ? Buffer.from(`user:${next.id}`).toString("base64") : "";
    return {
      members: page,
      cache_ts: Math.floor(Date.now() / 1000),
      response_metadata: { next_cursor: nextCursor },
    };
  }

  // ---------- files ----------

  private getUploadUrl(args: Args): Obj {
    const filename = required(args, "filename", "files.getUploadURLExternal");
    const length = Number(required(args, "length", "files.getUploadURLExternal"));
    if (!Number.isInteger(length) || length < 1) {
      throw new SlackApiError(
        "invalid_arguments",
        {},
        `files.getUploadURLExternal: bad length ${String(args.length)}`,
      );
    }
    const fileId = this.nextId("F");
    this.pendingUploads.set(fileId, { filename, length });
    return { upload_url: `${this.baseUrl}/upload/v1/${fileId}`, file_id: fileId };
  }

  private completeUpload(args: Args): Obj {
    const files = args.files;
    if (!Array.isArray(files) || files.length === 0) throw missing("files.completeUploadExternal", "files");
    const completed = files.map((entry) => this.completeOne(entry, args));
    return {
      files: completed.map((f) => ({
        id: f.id,
        created: Math.floor(Date.now() / 1000),
        name: f.filename,
        title: f.title,
        mimetype: "",
        filetype: "",
        user: this.botUserId,
        size: f.content.length,
      })),
    };
  }

  private completeOne(entry: unknown, args: Args): UploadedFile {
    const id = isObj(entry) && typeof entry.id === "string" ? entry.id : "";
    const pending = this.pendingUploads.get(id);
    if (!pending?.content) {
      throw new SlackApiError(
        "file_not_found",
        {},
        `files.completeUploadExternal: ${id || "(no id)"} was never uploaded`,
      );
    }
    this.pendingUploads.delete(id);
    const title = isObj(entry) && typeof entry.title === "string" ? entry.title : pending.filename;
    const file: UploadedFile = { id, title, filename: pending.filename, content: pending.content };
    const channelId = str(args, "channel_id") ?? str(args, "channels");
    if (channelId) file.channelId = channelId;
    const comment = str(args, "initial_comment");
    if (comment) file.initialComment = comment;
    const threadTs = str(args, "thread_ts");
    if (threadTs) file.threadTs = threadTs;
    this.files.push(file);
    return file;
  }
}
