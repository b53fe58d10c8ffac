// A real local HTTP server (127.0.0.1, port 0) answering the two OpenAI endpoints Tandem uses,
// POST /v1/chat/completions and POST /v1/embeddings, as OpenAI does: bearer auth, JSON bodies,
// `usage` counts, 429 with Retry-After. Tests script the chat answers per structured-output
// schema name; embeddings default to a deterministic bag-of-words vector (texts sharing words
// point the same way), so semantic matching is testable without a model.
//
// Anything the stand-in doesn't know (another path, a schema with no scripted answer, a wrong
// key) is answered with an error and recorded in `unexpected`: tests assert it stays empty.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const TEST_OPENAI_KEY = "sk-tandem-test-key";

type Obj = Record<string, unknown>;

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  /** The structured-output schema's name and JSON schema, as the client sent them. */
  schemaName: string | undefined;
  schema: Obj | undefined;
  maxTokens: number | undefined;
  body: Obj;
}

/** What the stand-in answers to one chat request. */
export type ChatReply =
  /** A structured answer: the object is sent as the message content, JSON-encoded. */
  | { json: unknown; usage?: { prompt: number; completion: number } }
  /** Raw content, e.g. "Sure! Here are…" (not JSON) to test malformed output. */
  | { content: string; finishReason?: string }
  | { refusal: string }
  | { status: number; retryAfterSeconds?: number; message?: string }
  /** Answers nothing until the client gives up (a timeout). */
  | { hang: true }
  /** Waits, then answers with `then`. */
  | { delayMs: number; then: ChatReply }
  /** Answers with `then` once the test settles `waitFor` (no wall-clock race). */
  | { waitFor: Promise<unknown>; then: ChatReply };

export type ChatScript = ChatReply | ((request: ChatRequest) => ChatReply);

export interface EmbeddingRequest {
  model: string;
  input: string[];
  dimensions: number | undefined;
  body: Obj;
}

export type EmbeddingReply =
  | { vectors: number[][] }
  | { status: number; retryAfterSeconds?: number }
  | { hang: true }
  /** The default: bag-of-words vectors. */
  | { words: true };

export class OpenAiStandIn {
  readonly chats: ChatRequest[] = [];
  readonly embeddings: EmbeddingRequest[] = [];
  readonly unexpected: string[] = [];
  private readonly scripts = new Map<string, ChatScript[]>();
  private readonly defaults = new Map<string, ChatScript>();
  private embeddingScript: (request: EmbeddingRequest) => EmbeddingReply = () => ({ words: true });
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly server: Server) {
    server.on("request", (req, res) => void this.handle(req, res));
  }

  static async start(): Promise<OpenAiStandIn> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return new OpenAiStandIn(server);
  }

  /** The OPENAI_BASE_URL that reaches this stand-in. */
  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Settings for createServices / testStack: AI on, pointed here. */
  settings(
    overrides: Partial<{ timeoutMs: number; dailyTokenBudget: number; embeddingDimensions: number }> = {},
  ) {
    return {
      apiKey: TEST_OPENAI_KEY,
      baseUrl: this.baseUrl,
      model: "tandem-test-model",
      embeddingModel: "tandem-test-embedding",
      embeddingDimensions: overrides.embeddingDimensions ?? 64,
      timeoutMs: overrides.timeoutMs ?? 2000,
      dailyTokenBudget: overrides.dailyTokenBudget ?? 200_000,
    };
  }

  /** The same, as environment variables for startTestTandem. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      OPENAI_API_KEY: TEST_OPENAI_KEY,
      OPENAI_BASE_URL: this.baseUrl,
      OPENAI_MODEL: "tandem-test-model",
      OPENAI_EMBEDDING_MODEL: "tandem-test-embedding",
      OPENAI_EMBEDDING_DIMENSIONS: "64",
      OPENAI_TIMEOUT_SECONDS: "2",
      ...overrides,
    };
  }

  /** The next request with this schema name gets `reply` (queued, first in first out). */
  answerOnce(schemaName: string, reply: ChatScript): this {
    const queue = this.scripts.get(schemaName) ?? [];
    queue.push(reply);
    this.scripts.set(schemaName, queue);
    return this;
  }

  /** Every request with this schema name gets `reply` once the queued ones are used. */
  answer(schemaName: string, reply: ChatScript): this {
    this.defaults.set(schemaName, reply);
    return this;
  }

  answerEmbeddings(script: (request: EmbeddingRequest) => EmbeddingReply): this {
    this.embeddingScript = script;
    return this;
  }

  /** The chat requests with this schema name. */
  chatsFor(schemaName: string): ChatRequest[] {
    return this.chats.filter((c) => c.schemaName === schemaName);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const where = `${req.method} ${req.url}`;
    if (req.headers.authorization !== `Bearer ${TEST_OPENAI_KEY}`) {
      this.unexpected.push(`${where}: wrong or missing API key`);
      return send(res, 401, {
        error: { message: "Incorrect API key provided", type: "invalid_request_error" },
      });
    }
    let body: Obj;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Obj;
    } catch {
      this.unexpected.push(`${where}: body is not JSON`);
      return send(res, 400, { error: { message: "We could not parse the JSON body of your request." } });
    }
    if (req.method === "POST" && req.url === "/v1/chat/completions") return this.chat(body, res);
    if (req.method === "POST" && req.url === "/v1/embeddings") return this.embed(body, res);
    this.unexpected.push(`${where}: not an endpoint the stand-in knows`);
    send(res, 404, { error: { message: `Unknown request URL: ${where}` } });
  }

  private async chat(body: Obj, res: ServerResponse): Promise<void> {
    const format = body.response_format as { type?: string; json_schema?: { name?: string; schema?: Obj } };
    const request: ChatRequest = {
      model: String(body.model),
      messages: (body.messages as ChatRequest["messages"]) ?? [],
      schemaName: format?.json_schema?.name,
      schema: format?.json_schema?.schema,
      maxTokens: (body.max_completion_tokens ?? body.max_tokens) as number | undefined,
      body,
    };
    this.chats.push(request);
    const name = request.schemaName ?? "(no schema)";
    const script = this.scripts.get(name)?.shift() ?? this.defaults.get(name);
    if (!script) {
      this.unexpected.push(`chat completion for schema "${name}" with no scripted answer`);
      return send(res, 500, { error: { message: `The stand-in has no answer for "${name}"` } });
    }
    await this.reply(typeof script === "function" ? script(request) : script, request, res);
  }

  private async reply(reply: ChatReply, request: ChatRequest, res: ServerResponse): Promise<void> {
    if ("delayMs" in reply) {
      await new Promise((r) => setTimeout(r, reply.delayMs));
      return this.reply(reply.then, request, res);
    }
    if ("waitFor" in reply) {
      await reply.waitFor;
      return this.reply(reply.then, request, res);
    }
    if ("hang" in reply) {
      this.hanging.add(res);
      res.on("close", () => this.hanging.delete(res));
      return;
    }
    if ("status" in reply) return sendError(res, reply.status, reply.retryAfterSeconds, reply.message);
    const promptTokens = Math.ceil(request.messages.reduce((n, m) => n + m.content.length, 0) / 4);
    const message =
      "refusal" in reply
        ? { role: "assistant", content: null, refusal: reply.refusal }
        : {
            role: "assistant",
            content: "json" in reply ? JSON.stringify(reply.json) : reply.content,
            refusal: null,
          };
    const completion =
      "json" in reply && reply.usage ? reply.usage.completion : Math.ceil((message.content ?? "").length / 4);
    send(res, 200, {
      id: `chatcmpl-${this.chats.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [
        {
          index: 0,
          message,
          finish_reason: "content" in reply ? (reply.finishReason ?? "stop") : "stop",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: "json" in reply && reply.usage ? reply.usage.prompt : promptTokens,
        completion_tokens: completion,
        total_tokens: promptTokens + completion,
      },
    });
  }

  private async embed(body: Obj, res: ServerResponse): Promise<void> {
    const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
    const request: EmbeddingRequest = {
      model: String(body.model),
      input,
      dimensions: body.dimensions as number | undefined,
      body,
    };
    this.embeddings.push(request);
    if (body.encoding_format !== undefined && body.encoding_format !== "float") {
      this.unexpected.push(
        `embeddings asked as ${String(body.encoding_format)}, the stand-in answers floats`,
      );
    }
    const reply = this.embeddingScript(request);
    if ("hang" in reply) {
      this.hanging.add(res);
      res.on("close", () => this.hanging.delete(res));
      return;
    }
    if ("status" in reply) return sendError(res, reply.status, reply.retryAfterSeconds);
    const vectors =
      "vectors" in reply ? reply.vectors : input.map((t) => wordVector(t, request.dimensions ?? 64));
    const tokens = Math.ceil(input.reduce((n, t) => n + t.length, 0) / 4);
    send(res, 200, {
      object: "list",
      model: request.model,
      data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }
}

/** A deterministic embedding: each word (3+ letters, lower-cased) adds to one hashed dimension. */
export function wordVector(text: string, dims: number): number[] {
  const v = Array.from({ length: dims }, (): number => 0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []) {
    const i = createHash("sha1").update(word).digest().readUInt32BE(0) % dims;
    v[i] = (v[i] ?? 0) + 1;
  }
  if (!v.some((x) => x !== 0)) v[0] = 1;
  return v;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, retryAfterSeconds?: number, message?: string): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  res.writeHead(status, headers);
  res.end(
    JSON.stringify({
      error: {
        message: message ?? (status === 429 ? "Rate limit reached for requests" : "The server had an error"),
        type: status === 429 ? "requests" : "server_error",
        code: status === 429 ? "rate_limit_exceeded" : null,
      },
    }),
  );
}
