// The services and job runner wired as src/server.ts wires them, for integration tests, with
// Slack's side replaced at the ports: a directory of people and a messenger that records.
import type { AiSettings } from "../../src/ai/client.ts";
import { createJobHandlers } from "../../src/jobs/handlers/index.ts";
import { JobRunner } from "../../src/jobs/runner.ts";
import { createLogger } from "../../src/logger.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import type {
  OutgoingMessage,
  SendOptions,
  SlackDirectory,
  SlackMessenger,
  SlackUserFacts,
} from "../../src/services/slack-port.ts";

export function slackPerson(id: string, overrides: Partial<SlackUserFacts> = {}): SlackUserFacts {
  return {
    slackUserId: id,
    teamId: "T1",
    realName: `Person ${id}`,
    displayName: undefined,
    email: `${id.toLowerCase()}@example.org`,
    title: undefined,
    tz: "UTC",
    isAdmin: false,
    isOwner: false,
    isGuest: false,
    isBot: false,
    isDeleted: false,
    statusText: undefined,
    statusEmoji: undefined,
    statusExpiresAt: undefined,
    ...overrides,
  };
}

export class FakeDirectory implements SlackDirectory {
  readonly people = new Map<string, SlackUserFacts>();
  lookups = 0;
  add(id: string, overrides: Partial<SlackUserFacts> = {}): SlackUserFacts {
    const person = slackPerson(id, overrides);
    this.people.set(id, person);
    return person;
  }
  async userInfo(id: string) {
    this.lookups++;
    return this.people.get(id) ?? null;
  }
  async userByEmail(email: string) {
    return [...this.people.values()].find((p) => p.email === email) ?? null;
  }
}

/** Records what would have been sent; `failures` makes the next sends throw, in order. */
export class RecordingMessenger implements SlackMessenger {
  sent: Array<{ to: string; message: OutgoingMessage; key?: string }> = [];
  groups: Array<{ to: string[]; message: OutgoingMessage; key?: string }> = [];
  files: Array<{ to: string; filename: string; content: string | Uint8Array }> = [];
  failures: Error[] = [];
  delayMs = 0;

  private async maybeFail() {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
  async sendDm(to: string, message: OutgoingMessage, options?: SendOptions) {
    await this.maybeFail();
    this.sent.push({ to, message, ...(options?.key ? { key: options.key } : {}) });
    return { channel: `D_${to}`, ts: `${this.sent.length}.000` };
  }
  async sendGroupDm(to: string[], message: OutgoingMessage, options?: SendOptions) {
    await this.maybeFail();
    this.groups.push({ to, message, ...(options?.key ? { key: options.key } : {}) });
    return { channel: `G_${to.join("_")}`, ts: `${this.groups.length}.000` };
  }
  async findSent(to: string[], key: string) {
    if (to.length === 1) {
      const i = this.sent.findIndex((s) => s.to === to[0] && s.key === key);
      return i < 0 ? null : { channel: `D_${to[0]}`, ts: `${i + 1}.000` };
    }
    const i = this.groups.findIndex((g) => g.key === key && g.to.join() === to.join());
    return i < 0 ? null : { channel: `G_${to.join("_")}`, ts: `${i + 1}.000` };
  }
  async sendFileDm(to: string, file: { filename: string; content: string | Uint8Array }) {
    await this.maybeFail();
    this.files.push({ to, filename: file.filename, content: file.content });
    return { channel: `D_${to}` };
  }
  /** Everything sent to one person, as text. */
  textsTo(to: string): string[] {
    return this.sent.filter((s) => s.to === to).map((s) => s.message.text);
  }
}

export interface TestStack {
  services: Services;
  runner: JobRunner;
  directory: FakeDirectory;
  messenger: RecordingMessenger;
}

export function testStack(
  prisma: PrismaClient,
  options: {
    now?: () => Date;
    directory?: FakeDirectory;
    messenger?: RecordingMessenger;
    batchSize?: number;
    /** AI settings, e.g. pointing at an OpenAiStandIn; AI is off without them. */
    ai?: AiSettings;
  } = {},
): TestStack {
  const directory = options.directory ?? new FakeDirectory();
  const messenger = options.messenger ?? new RecordingMessenger();
  const services = createServices({
    prisma,
    directory,
    messenger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.ai ? { ai: options.ai } : {}),
  });
  const runner = new JobRunner(
    prisma,
    createJobHandlers({
      ...services,
      prisma,
      messenger,
      kick: () => runner.kick(),
      ...(options.now ? { now: options.now } : {}),
    }),
    createLogger("error"),
    {
      ...(options.now ? { now: options.now } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    },
  );
  return { services, runner, directory, messenger };
}
