// A person using Tandem through Slack: types /mentor commands, clicks buttons by their visible label
// (in replies, channel messages, DMs, modals or Home), reads what comes back as text, and reads a
// modal's current answers the way they are shown. Each interaction knows its own response_url and
// trigger_id, so a reply or a modal is never confused with one from an earlier step.
import { expect } from "vitest";
import type { Member, Mentorship } from "../../src/generated/prisma/client.ts";
import { defaultProgramId } from "../../src/services/workspaces.ts";
import type { RecordedResponse, StoredMessage, StoredView } from "./slack-api-stand-in.ts";
import { type CommandOptions, type MessageContainer, signSlackRequest } from "./slack-signer.ts";
import { buttonsIn, TEST_SIGNING_SECRET, type TestTandem, visibleText } from "./tandem.ts";

type Obj = Record<string, unknown>;

export interface Reply {
  /** The fallback text. */
  text: string;
  blocks: unknown[];
  /** Every text a person reads in the blocks. */
  visible: string;
  /** Button labels, in order. */
  buttons: string[];
  body: Obj;
  responseType: string | undefined;
  replaceOriginal: boolean | undefined;
}

export interface Interaction {
  /** Tandem's HTTP status for the request. */
  status: number;
  /** What Tandem acked with (help and unknown commands answer here), or undefined. */
  ack: Obj | undefined;
  responseUrl: string | undefined;
  triggerId: string;
  /** The first message Tandem posts to this interaction's response_url. */
  reply(timeoutMs?: number): Promise<Reply>;
  /** The modal Tandem opens with this interaction's trigger_id. */
  modal(timeoutMs?: number): Promise<StoredView>;
}

function toReply(body: Obj): Reply {
  const blocks = Array.isArray(body.blocks) ? body.blocks : [];
  return {
    text: String(body.text ?? ""),
    blocks,
    visible: visibleText(blocks),
    buttons: buttonsIn(blocks).map((b) => b.label),
    body,
    responseType: typeof body.response_type === "string" ? body.response_type : undefined,
    replaceOriginal: typeof body.replace_original === "boolean" ? body.replace_original : undefined,
  };
}

async function post(t: TestTandem, body: string): Promise<{ status: number; ack: Obj | undefined }> {
  const res = await t.slack.raw(body, {
    "content-type": "application/x-www-form-urlencoded",
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    ...signSlackRequest(TEST_SIGNING_SECRET, body),
  });
  let ack: Obj | undefined;
  if (res.body) {
    try {
      ack = JSON.parse(res.body) as Obj;
    } catch {
      ack = undefined;
    }
  }
  return { status: res.status, ack };
}

function interaction(
  t: TestTandem,
  sent: { status: number; ack: Obj | undefined },
  responseUrl: string | undefined,
  triggerId: string,
): Interaction {
  return {
    ...sent,
    responseUrl,
    triggerId,
    async reply(timeoutMs = 5000) {
      if (!responseUrl) throw new Error("this interaction has no response_url (it happened in a view)");
      const got: RecordedResponse = await t.slackApi.waitForResponse(
        (_body, r) => r.url === responseUrl,
        timeoutMs,
      );
      return toReply(got.body);
    },
    async modal(timeoutMs = 5000) {
      const call = await t.slackApi.waitFor(
        "views.open",
        (args, c) => args.trigger_id === triggerId && c.status === 200,
        timeoutMs,
      );
      const id = (call.response.view as { id: string }).id;
      const view = t.slackApi.viewById(id);
      if (!view) throw new Error(`modal ${id} was not kept by the stand-in`);
      return view;
    },
  };
}

/** Types `/mentor <text>` as `userId`. */
export async function type(
  t: TestTandem,
  userId: string,
  text: string,
  opts: CommandOptions = {},
): Promise<Interaction> {
  const fields = t.slack.payloads.command(userId, text, opts);
  const sent = await post(t, new URLSearchParams(fields).toString());
  if (sent.status !== 200) throw new Error(`/mentor ${text} got HTTP ${sent.status}`);
  return interaction(t, sent, fields.response_url, fields.trigger_id ?? "");
}

/** Types a command and returns Tandem's reply (in the ack, or through response_url). */
export async function ask(t: TestTandem, userId: string, text: string, opts: CommandOptions = {}) {
  const sent = await type(t, userId, text, opts);
  if (sent.ack && (sent.ack.text !== undefined || sent.ack.blocks !== undefined)) return toReply(sent.ack);
  return sent.reply();
}

export type Where =
  | { reply: Reply; channel?: string }
  | { message: StoredMessage }
  | { view: StoredView }
  | { home: true };

/** Clicks the button labelled `label` where the person sees it. */
export async function click(
  t: TestTandem,
  userId: string,
  where: Where,
  label: string,
): Promise<Interaction> {
  let blocks: unknown[];
  let container: { view?: StoredView; message?: MessageContainer };
  if ("home" in where) {
    const home = t.slackApi.homeOf(userId);
    if (!home) throw new Error(`no Home tab published for ${userId}`);
    blocks = home.blocks;
    container = { view: home };
  } else if ("view" in where) {
    blocks = where.view.blocks;
    container = { view: where.view };
  } else if ("message" in where) {
    blocks = where.message.blocks;
    container = {
      message: {
        ts: where.message.ts,
        channel: where.message.channel,
        text: where.message.text,
        blocks: where.message.blocks,
      },
    };
  } else {
    blocks = where.reply.blocks;
    container = {
      message: {
        ts: `${Math.floor(Date.now() / 1000)}.000200`,
        channel: where.channel ?? "C0GENERAL1",
        blocks: where.reply.blocks,
        isEphemeral: true,
      },
    };
  }
  const button = buttonsIn(blocks).find((b) => b.label === label);
  if (!button) {
    throw new Error(
      `no "${label}" button; found: ${
        buttonsIn(blocks)
          .map((b) => b.label)
          .join(", ") || "(none)"
      }`,
    );
  }
  const payload = t.slack.payloads.blockAction(
    userId,
    {
      actionId: button.actionId,
      ...(button.blockId ? { blockId: button.blockId } : {}),
      ...(button.value ? { value: button.value } : {}),
    },
    container,
  );
  const sent = await post(t, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  if (sent.status !== 200) throw new Error(`clicking "${label}" got HTTP ${sent.status}`);
  const responseUrl = typeof payload.response_url === "string" ? payload.response_url : undefined;
  return interaction(t, sent, responseUrl, String(payload.trigger_id));
}

/** Messages Tandem posted in its DM with `userId`. */
export function dmsTo(t: TestTandem, userId: string): StoredMessage[] {
  return t.slackApi.messagesIn(t.slackApi.dmChannelOf(userId));
}

/** Waits for a DM to `userId` whose text (fallback or visible) matches. */
export async function waitForDm(
  t: TestTandem,
  userId: string,
  match: RegExp | string,
  timeoutMs = 5000,
): Promise<StoredMessage> {
  const channel = t.slackApi.dmChannelOf(userId);
  const matches = (m: StoredMessage) =>
    typeof match === "string"
      ? m.text.includes(match) || visibleText(m.blocks).includes(match)
      : match.test(m.text) || match.test(visibleText(m.blocks));
  const call = await t.slackApi.waitFor(
    "chat.postMessage",
    (_args, c) => {
      if (c.response.channel !== channel) return false;
      const stored = t.slackApi.messagesIn(channel).find((m) => m.ts === c.response.ts);
      return stored !== undefined && matches(stored);
    },
    timeoutMs,
  );
  const stored = t.slackApi.messagesIn(channel).find((m) => m.ts === call.response.ts);
  if (!stored) throw new Error("DM not stored");
  return stored;
}

/** Whether Tandem ever tried to reach `userId` directly (open a DM or post to them). */
export function triedToMessage(t: TestTandem, userId: string): boolean {
  const dm = t.slackApi.dmChannelOf(userId);
  return t.slackApi.calls.some(
    (c) =>
      (c.method === "conversations.open" && String(c.args.users ?? "").includes(userId)) ||
      ((c.method === "chat.postMessage" || c.method === "chat.postEphemeral") &&
        (c.args.channel === userId || c.args.channel === dm)),
  );
}

/**
 * What a modal currently shows as each input's answer, keyed by label: text for text and number
 * inputs, the chosen option's text for selects and radios, the chosen texts for multi-selects and
 * checkboxes, the user id for a user picker, the date for a date picker.
 */
export function shownAnswers(view: { blocks?: unknown }): Record<string, string | string[] | null> {
  const out: Record<string, string | string[] | null> = {};
  const textOf = (o: unknown) => String((o as { text?: { text?: string } } | undefined)?.text?.text ?? "");
  for (const block of (view.blocks as Obj[] | undefined) ?? []) {
    if (block.type !== "input") continue;
    const label = String((block.label as { text?: string }).text ?? "");
    const el = block.element as Obj;
    switch (el.type) {
      case "plain_text_input":
      case "number_input":
        out[label] = (el.initial_value as string | undefined) ?? "";
        break;
      case "static_select":
      case "radio_buttons":
        out[label] = el.initial_option ? textOf(el.initial_option) : null;
        break;
      case "multi_static_select":
      case "checkboxes":
        out[label] = ((el.initial_options as unknown[] | undefined) ?? []).map(textOf);
        break;
      case "users_select":
        out[label] = (el.initial_user as string | undefined) ?? null;
        break;
      case "datepicker":
        out[label] = (el.initial_date as string | undefined) ?? null;
        break;
      default:
        out[label] = null;
    }
  }
  return out;
}

/** The option texts an input offers, by label. */
export function optionsOf(view: { blocks?: unknown }, label: string): string[] {
  for (const block of (view.blocks as Obj[] | undefined) ?? []) {
    if (block.type !== "input" || (block.label as { text?: string }).text !== label) continue;
    const el = block.element as { options?: Array<{ text?: { text?: string } }> };
    return (el.options ?? []).map((o) => String(o.text?.text ?? ""));
  }
  throw new Error(`no input labelled "${label}"`);
}

/** The Tandem member row for a Slack user, or null. */
export function memberRow(t: TestTandem, slackUserId: string): Promise<Member | null> {
  return t.tandem.database.prisma.member.findFirst({ where: { slackUserId } });
}

export async function requireMember(t: TestTandem, slackUserId: string): Promise<Member> {
  const m = await memberRow(t, slackUserId);
  expect(m, `member row for ${slackUserId}`).not.toBeNull();
  return m as Member;
}

/** The workspace's id and its always-open default program's id. */
export async function defaultProgram(t: TestTandem): Promise<{ workspaceId: string; programId: string }> {
  const ws = await t.tandem.database.prisma.workspace.findFirstOrThrow();
  return { workspaceId: ws.id, programId: defaultProgramId(ws.id) };
}

/**
 * An ACTIVE mentorship between two existing members. Mentorships come from matching (a later
 * issue), so tests that need one write it directly.
 */
export async function seedMentorship(
  t: TestTandem,
  mentorSlackId: string,
  menteeSlackId: string,
  programId?: string,
): Promise<Mentorship> {
  const mentor = await requireMember(t, mentorSlackId);
  const mentee = await requireMember(t, menteeSlackId);
  const program = programId ?? (await defaultProgram(t)).programId;
  return t.tandem.database.prisma.mentorship.create({
    data: {
      programId: program,
      mentorId: mentor.id,
      menteeId: mentee.id,
      status: "ACTIVE",
      origin: "COORDINATOR",
      startedAt: new Date(),
    },
  });
}

/** Audit entries with this action, oldest first. */
export function auditEntries(t: TestTandem, action: string) {
  return t.tandem.database.prisma.auditEntry.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
}

/** Sends a directory event (user_change or team_join) carrying the user as the stand-in now knows them. */
export async function directoryEvent(t: TestTandem, type: "user_change" | "team_join", userId: string) {
  const user = t.slackApi.user(userId);
  if (!user) throw new Error(`the stand-in has no user ${userId}`);
  const res = await t.slack.event({ type, user, cache_ts: Math.floor(Date.now() / 1000) });
  expect(res.status).toBe(200);
}

/** Polls until `check` returns a truthy value (for effects of events acked before they finish). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for a Home tab published for `userId` at or after `since` whose text satisfies `predicate`. */
export async function homeSince(
  t: TestTandem,
  userId: string,
  since: number,
  predicate: (text: string) => boolean = () => true,
): Promise<{ text: string; buttons: string[] }> {
  const call = await t.slackApi.waitFor(
    "views.publish",
    (args, c) =>
      c.at >= since &&
      c.status === 200 &&
      args.user_id === userId &&
      predicate(visibleText((args.view as { blocks?: unknown }).blocks)),
  );
  const blocks = (call.args.view as { blocks?: unknown }).blocks;
  return { text: visibleText(blocks), buttons: buttonsIn(blocks).map((b) => b.label) };
}
