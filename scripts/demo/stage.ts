// The demo's stage: the running Tandem, the Slack stand-in it talks to, a driver that signs
// requests as Slack does, and a clock that can jump ahead. The helpers act as a person does
// (type a command, click a button by its label, fill a modal by its labels) and print the scene.
import { DateTime } from "luxon";
import type { RunningTandem } from "../../src/server.ts";
import { type Answer, fillModal } from "../../test/support/modal-filler.ts";
import type { RecordedCall, SlackApiStandIn, StoredView } from "../../test/support/slack-api-stand-in.ts";
import type { SlackRequestDriver } from "../../test/support/slack-signer.ts";
import { buttonsIn, visibleText } from "../../test/support/tandem.ts";
import { renderBlocks } from "./render.ts";

/** A message as a Slack client holds it: where it is, and what it shows. */
export interface Message {
  ts: string;
  channel: string;
  text: string;
  blocks: unknown[];
  /** When it went out on the demo's clock, when known. */
  at?: Date;
}

/** Where a person sees a button: in a message, or in a modal. */
export type Where = { message: Message } | { view: StoredView };

export interface SubmitResult {
  response_action?: string;
  view?: { blocks?: unknown; title?: { text?: string } };
  errors?: Record<string, string>;
}

export const say = (who: string, what: string) => console.log(`\n${who} › ${what}`);
export const show = (heading: string, blocks: unknown) => {
  console.log(heading);
  console.log(renderBlocks(blocks));
};
/** A scene change: "… two weeks later …". */
export const narrate = (what: string) => console.log(`\n… ${what} …`);
/** What a person types into a form, one line per field (dates and choices as they read them). */
export const showAnswers = (answers: Record<string, Answer>) => {
  for (const [label, answer] of Object.entries(answers)) {
    const value =
      typeof answer === "object" && answer !== null && "date" in answer
        ? answer.date
        : Array.isArray(answer)
          ? answer.join(", ")
          : String(answer);
    console.log(`    ${label}: ${value.replace(/\n/g, " / ")}`);
  }
};

export const titleOf = (view: { title?: unknown }) =>
  (view.title as { text?: string } | undefined)?.text ?? "";

/** The demo's clock: real time plus an offset that only ever grows. Tandem reads time through it. */
export class DemoClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  /** Moves the clock to just after `at` (never backwards). */
  moveTo(at: Date): void {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - Date.now() + 1000);
  }
}

export class Stage {
  constructor(
    readonly slackApi: SlackApiStandIn,
    readonly slack: SlackRequestDriver,
    readonly tandem: RunningTandem,
    readonly clock: DemoClock,
  ) {}

  get prisma() {
    return this.tandem.database.prisma;
  }

  /** Today's date (YYYY-MM-DD) plus `days`, in `tz`. */
  day(tz: string, days = 0): string {
    return DateTime.fromJSDate(this.clock.now(), { zone: tz }).plus({ days }).toISODate() ?? "";
  }

  /** "Monday 21 December, 09:00" on the demo's clock, in `tz`. */
  localTime(tz: string, at = this.clock.now()): string {
    return DateTime.fromJSDate(at, { zone: tz }).toFormat("cccc d LLLL, HH:mm");
  }

  /** Moves the clock to `at` and runs whatever is due by then. */
  async jumpTo(at: Date): Promise<void> {
    this.clock.moveTo(at);
    await this.tandem.jobs.runDue();
  }

  /**
   * Lets time pass until `end`, each job running at its own due moment (as the scheduler would),
   * or until `found` finds what the scene waits for. Every DM sent on the way is noted with the
   * moment it went out, for `between`.
   */
  async passTime<T>(end: Date, found?: () => T | undefined): Promise<T | undefined> {
    let last: { id: string; dueAt: number } | undefined;
    for (let step = 0; step < 2000; step++) {
      await this.tandem.jobs.idle();
      this.notePosts();
      const hit = found?.();
      if (hit !== undefined) return hit;
      const next = await this.prisma.scheduledJob.findFirst({
        where: { status: "PENDING", dueAt: { lte: end } },
        orderBy: { dueAt: "asc" },
      });
      if (!next) break;
      if (last && last.id === next.id && last.dueAt === next.dueAt.getTime()) {
        throw new Error(`job ${next.kind} (${next.id}) stays pending at ${next.dueAt.toISOString()}`);
      }
      last = { id: next.id, dueAt: next.dueAt.getTime() };
      await this.jumpTo(next.dueAt);
    }
    await this.jumpTo(end);
    await this.tandem.jobs.idle();
    this.notePosts();
    return found?.();
  }

  /** Lets time pass (at most `days`) until `userId` gets a DM saying `phrase`. */
  untilDm(userId: string, phrase: string, days = 30, since = 0): Promise<Message> {
    return this.untilPost(this.slackApi.dmChannelOf(userId), phrase, days, since);
  }

  /** Lets time pass (at most `days`) until a message saying `phrase` is posted in `channel`. */
  async untilPost(channel: string, phrase: string, days = 30, since = 0): Promise<Message> {
    const end = new Date(this.clock.now().getTime() + days * 86_400_000);
    const got = await this.passTime(end, () => this.postedIn(channel, phrase, since));
    if (!got) throw new Error(`nothing saying "${phrase}" was posted in ${channel} within ${days} days`);
    return got;
  }

  /** The next moment `tz` is at work (weekdays, 09:30 to 17:00): now, if it already is. */
  nextWorkingMoment(tz: string): Date {
    let t = DateTime.fromJSDate(this.clock.now(), { zone: tz });
    for (let i = 0; i < 8; i++) {
      const minute = t.hour * 60 + t.minute;
      if (t.weekday <= 5 && minute >= 570 && minute < 1020) return t.toJSDate();
      if (t.weekday <= 5 && minute < 570) return t.set({ hour: 9, minute: 30, second: 0 }).toJSDate();
      t = t.plus({ days: 1 }).startOf("day");
    }
    return t.toJSDate();
  }

  /** A mark in the stand-in's call log: "since this moment". */
  mark(): number {
    return this.slackApi.calls.length;
  }

  /** The newest message posted to `channel` since `since` that says `phrase`. */
  postedIn(channel: string, phrase: string, since = 0): Message | undefined {
    const calls = this.slackApi.calls
      .slice(since)
      .filter(
        (c) =>
          c.method === "chat.postMessage" &&
          c.response.channel === channel &&
          (String(c.args.text ?? "").includes(phrase) || visibleText(c.args.blocks).includes(phrase)),
      );
    const call = calls.at(-1);
    if (!call) return undefined;
    const at = this.sentAt.get(call);
    return { ...messageOf(call), ...(at ? { at } : {}) };
  }

  /** The newest DM to `userId` since `since` that says `phrase`. */
  dmTo(userId: string, phrase: string, since = 0): Message | undefined {
    return this.postedIn(this.slackApi.dmChannelOf(userId), phrase, since);
  }

  /** Waits (in real time, the clock standing still) for a DM saying `phrase`. */
  async waitForDm(userId: string, phrase: string, since = 0): Promise<Message> {
    const dm = this.slackApi.dmChannelOf(userId);
    await this.slackApi.waitFor(
      "chat.postMessage",
      (args, c) =>
        this.slackApi.calls.indexOf(c) >= since &&
        c.response.channel === dm &&
        (String(args.text ?? "").includes(phrase) || visibleText(args.blocks).includes(phrase)),
    );
    return this.dmTo(userId, phrase, since) as Message;
  }

  /** Waits for a message in `channel` saying `phrase`, running whatever jobs are due meanwhile. */
  async waitForPost(channel: string, phrase: string, since = 0): Promise<Message> {
    await this.tandem.jobs.runDue();
    await this.slackApi.waitFor(
      "chat.postMessage",
      (args, c) =>
        this.slackApi.calls.indexOf(c) >= since &&
        c.response.channel === channel &&
        (String(args.text ?? "").includes(phrase) || visibleText(args.blocks).includes(phrase)),
    );
    return this.postedIn(channel, phrase, since) as Message;
  }

  /**
   * Waits for `message` to be replaced, by chat.update or by the reply to the last click (through
   * its response_url, with replace_original), and returns the new version.
   */
  async replaced(message: Message, since: number): Promise<Message> {
    const clickedAt = this.lastClickAt;
    const updated = this.slackApi
      .waitFor("chat.update", (args, c) => this.slackApi.calls.indexOf(c) >= since && args.ts === message.ts)
      .then((call) => ({ text: call.args.text, blocks: call.args.blocks }));
    const answered = this.slackApi
      .waitForResponse((body, r) => r.at >= clickedAt && body.replace_original === true)
      .then((r) => ({ text: r.body.text, blocks: r.body.blocks }));
    const got = await Promise.any([updated, answered]).catch(() => {
      throw new Error(`the message "${message.text.slice(0, 60)}" was not replaced`);
    });
    return {
      ts: message.ts,
      channel: message.channel,
      text: String(got.text ?? ""),
      blocks: (got.blocks as unknown[] | undefined) ?? [],
    };
  }

  private lastClickAt = 0;

  /** Clicks the (nth) button labelled `label` where `userId` sees it. */
  async click(userId: string, where: Where, label: string, nth = 0): Promise<void> {
    const blocks = "view" in where ? where.view.blocks : where.message.blocks;
    const button = buttonsIn(blocks).filter((b) => b.label === label)[nth];
    if (!button) {
      const labels = buttonsIn(blocks).map((b) => b.label);
      throw new Error(`no [ ${label} ] button here; buttons: ${labels.join(", ") || "none"}`);
    }
    this.lastClickAt = Date.now();
    const res = await this.slack.blockAction(
      userId,
      {
        actionId: button.actionId,
        ...(button.blockId ? { blockId: button.blockId } : {}),
        ...(button.value ? { value: button.value } : {}),
      },
      "view" in where ? { view: where.view } : { message: where.message },
    );
    if (res.status !== 200) throw new Error(`clicking [ ${label} ] got HTTP ${res.status}`);
  }

  /** Runs `act` and returns the modal it made Tandem open (or push, on top of an open one). */
  async modalOpenedBy(act: () => Promise<unknown>, how: "open" | "push" = "open"): Promise<StoredView> {
    const before = this.mark();
    await act();
    const call = await this.slackApi.waitFor(
      `views.${how}`,
      (_a, c) => this.slackApi.calls.indexOf(c) >= before && c.status === 200,
    );
    const view = this.slackApi.viewById((call.response.view as { id: string }).id);
    if (!view) throw new Error("a modal was opened but not kept");
    return view;
  }

  /** The modal as it reads now (after Tandem updated it). */
  current(view: StoredView): StoredView {
    return this.slackApi.viewById(view.id) ?? view;
  }

  /** Waits until the open modal changes, and returns its new version. */
  async updated(view: StoredView, since: number): Promise<StoredView> {
    await this.slackApi.waitFor(
      "views.update",
      (args, c) => this.slackApi.calls.indexOf(c) >= since && args.view_id === view.id,
    );
    return this.current(view);
  }

  /** Presses a modal's submit button with `answers` filled in by label; refused forms throw. */
  async submit(
    userId: string,
    view: StoredView,
    answers: Record<string, Answer>,
    { refusalExpected = false } = {},
  ): Promise<SubmitResult> {
    const res = await this.slack.viewSubmission(userId, {
      id: view.id,
      callbackId: String(view.callback_id),
      privateMetadata: String(view.private_metadata ?? ""),
      values: fillModal(view, answers),
    });
    const result = (res.body ? res.json() : {}) as SubmitResult;
    if (result.response_action === "errors" && !refusalExpected) {
      throw new Error(`the "${titleOf(view)}" form was refused: ${JSON.stringify(result.errors)}`);
    }
    return result;
  }

  /** Types `/mentor <text>` as `userId`. */
  async command(userId: string, text: string): Promise<void> {
    const res = await this.slack.command(userId, text);
    if (res.status !== 200) throw new Error(`/mentor ${text} got HTTP ${res.status}`);
  }

  // ---------- what was said, and when ----------

  private noted = 0;
  private readonly sentAt = new Map<RecordedCall, Date>();

  private notePosts(): void {
    const calls = this.slackApi.calls;
    for (; this.noted < calls.length; this.noted++) {
      const call = calls[this.noted];
      if (call?.method === "chat.postMessage") this.sentAt.set(call, this.clock.now());
    }
  }

  /** Every DM to `userId` since `since`, with the moment it went out on the demo's clock. */
  between(userId: string, since: number): Array<{ at: Date; text: string }> {
    this.notePosts();
    const dm = this.slackApi.dmChannelOf(userId);
    return this.slackApi.calls
      .slice(since)
      .filter((c) => c.method === "chat.postMessage" && c.response.channel === dm)
      .map((c) => ({ at: this.sentAt.get(c) ?? this.clock.now(), text: String(c.args.text ?? "") }));
  }
}

export function messageOf(call: RecordedCall): Message {
  return {
    ts: String(call.response.ts),
    channel: String(call.response.channel ?? call.args.channel),
    text: String(call.args.text ?? ""),
    blocks: (call.args.blocks as unknown[] | undefined) ?? [],
  };
}
