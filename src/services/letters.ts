// Letters of recommendation: a mentee asks one of their mentors for a strong letter, with a
// packet (CV and personal statement links, goals, why this program, and Tandem's factual summary
// of the work together once the mentee has reviewed it); the writer says yes, declines gracefully
// or asks for more information; each target program is tracked until the letter is submitted;
// one polite reminder goes to the writer 1-2 weeks before each deadline, the mentee hears when a
// deadline passes without it, and afterwards thanks the writer and shares the outcome.
//
// A letter belongs to its two people only: every method resolves the letter through `own`, and
// anyone else (coordinators included) gets the same "not one of yours" answer.
import { createHash } from "node:crypto";
import { DateTime } from "luxon";
import { localDate } from "../domain/dates.ts";
import type { JobPayload } from "../domain/jobs.ts";
import {
  daysBetween,
  deadlineProblem,
  isLink,
  type LateAsk,
  type LetterPurpose,
  lateAsk,
  lateNoteDay,
  letterPurposes,
  parseTargets,
  reminderDay,
  startOfDayIn,
  type TargetInput,
} from "../domain/letters.ts";
import { displayNameOf, unreachableReason } from "../domain/members.ts";
import { deferralReason, deliveryTime, programWindow } from "../domain/schedule.ts";
import type { LetterStatus, LetterTargetStatus } from "../generated/prisma/enums.ts";
import type { Db, Member, Prisma, PrismaClient, Program } from "./db.ts";
import { FieldError, NotFoundError, UserError } from "./errors.ts";
import { cancelPlannedLetterJobs, OPEN_LETTERS, WITH_WRITER, withdrawUnseenAsk } from "./letter-closing.ts";
import { summaryOfWork, WORKED_TOGETHER } from "./letter-record.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import { SLACK_MS, type Step } from "./pair-access.ts";

export type { LateAsk, LetterPurpose } from "../domain/letters.ts";

const DAY = 24 * 60 * 60 * 1000;
export const HOW_TO_SUBMIT_MAX = 1000;
export const PACKET_TEXT_MAX = 2000;
export const NOTE_MAX = 1000;
export const LINK_MAX = 500;
/** Finished letters stay in Home this long after they were last touched. */
const FINISHED_SHOWN_DAYS = 60;
/** A submitted letter whose outcome the mentee hasn't shared stays in their Home this long. */
const OUTCOME_SHOWN_DAYS = 365;
const HOME_LETTERS = 4;

export type LetterEvent = JobPayload<"letter_update">["event"];

export interface WriterChoice {
  memberId: string;
  name: string;
  programName: string;
  running: boolean;
}

export interface LetterTargetView {
  id: string;
  name: string;
  /** Its deadline (its own, or the letter's), YYYY-MM-DD. */
  deadline: string;
  status: LetterTargetStatus;
  submittedOn: string | null;
}

export interface LetterPacket {
  cvUrl: string | null;
  statementUrl: string | null;
  goals: string | null;
  whyThisProgram: string | null;
  /** Tandem's summary of the work together, only once the mentee approved sharing it. */
  workSummary: string | null;
  /** The mentee's personal note to the writer. */
  note: string | null;
}

/** A letter as one of its two people sees it. */
export interface LetterView {
  id: string;
  status: LetterStatus;
  purpose: LetterPurpose;
  viewer: "mentee" | "writer";
  menteeName: string;
  writerName: string;
  /** The earliest deadline, YYYY-MM-DD. */
  deadline: string;
  /** Days from the viewer's today to the deadline (negative once it passed). */
  daysLeft: number;
  howToSubmit: string | null;
  targets: LetterTargetView[];
  packet: LetterPacket;
  /** Asked with less notice than its purpose needs: how much notice there was. */
  late: LateAsk | null;
  /** The writer's question (more information) or note (declined). */
  writerNote: string | null;
  askedOn: string | null;
  thanked: boolean;
  outcome: string | null;
}

export interface LetterDraftInput {
  /** Editing an unsent draft; otherwise a new one. */
  letterId?: string | undefined;
  writerMemberId: string;
  purpose: string;
  /** YYYY-MM-DD. */
  deadline: string;
  targets: string;
  howToSubmit?: string | undefined;
}

export interface RequestForm {
  writers: WriterChoice[];
  /** The draft being edited, if any. */
  draft: {
    id: string;
    writerMemberId: string;
    purpose: LetterPurpose;
    deadline: string;
    targets: TargetInput[];
    howToSubmit: string | null;
  } | null;
}

export interface PacketForm {
  letter: LetterView;
  /** Tandem's summary of the work together as it stands now, for the mentee to review. */
  summary: string | null;
  /** Identifies `summary`, so what is shared is exactly what was reviewed. */
  summaryKey: string | null;
  /** Whether the mentee chose to share the summary last time (true for a new packet). */
  shareSummary: boolean;
  /** Asking now would be late: shown as a warning with advice. */
  lateNow: LateAsk | null;
}

export interface PacketInput {
  cvUrl?: string | undefined;
  statementUrl?: string | undefined;
  goals?: string | undefined;
  whyThisProgram?: string | undefined;
  note?: string | undefined;
  shareSummary: boolean;
  /** The summaryKey the mentee reviewed. */
  summaryKey?: string | undefined;
}

export interface PacketSent {
  writerName: string;
  /** "asked": the ask goes out; "asked_again": after more information; "updated": the packet changed. */
  outcome: "asked" | "asked_again" | "updated";
  late: LateAsk | null;
  /** When the ask reaches the writer, in the writer's words, if it waits for their working hours. */
  reachesAt: string | null;
}

export type WriterAnswer =
  | { answer: "accept" }
  | { answer: "decline"; note?: string | undefined }
  | { answer: "more_info"; question: string };

export interface AnswerResult {
  letter: LetterView;
  /** Reminder days planned for the writer (YYYY-MM-DD), on a yes. */
  reminders: string[];
}

/** What one person is told about a letter (see the letter_update job). */
export interface LetterUpdate {
  event: LetterEvent;
  letter: LetterView;
  /** "submitted": the targets submitted this time. */
  submittedTo: string[];
  /** "thanks": the mentee's words. */
  message: string | null;
}

export interface LetterReminder {
  letter: LetterView;
  /** The targets still waiting for this deadline. */
  due: LetterTargetView[];
  deadline: string;
}

export interface LettersOverview {
  /** The person has a mentor (running or past) to ask. */
  canAsk: boolean;
  asMentee: LetterView[];
  asWriter: LetterView[];
  moreAsMentee: number;
  moreAsWriter: number;
}

type LetterRow = Awaited<ReturnType<typeof loadLetter>>;

const letterInclude = {
  mentee: true,
  writer: true,
  targets: { orderBy: [{ deadline: { sort: "asc", nulls: "first" } }, { name: "asc" }] },
  mentorship: { include: { program: true } },
} satisfies Prisma.LetterRequestInclude;

function loadLetter(db: Db, id: string) {
  return db.letterRequest.findUnique({ where: { id }, include: letterInclude });
}

type FullLetter = NonNullable<LetterRow>;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const NOT_YOURS = "That letter request isn't one of yours, or it no longer exists.";

/** Whether Tandem can ask this person for a letter: still in Tandem, with a reachable account. */
function canBeAsked(writer: Member): boolean {
  return writer.status !== "LEFT" && !unreachableReason(writer);
}

/** The letter's status in a sentence's words, for refusals. */
function statusWords(l: FullLetter): string {
  const writer = displayNameOf(l.writer);
  switch (l.status) {
    case "DRAFT":
      return "still a draft";
    case "ASKED":
      return `waiting for ${writer}'s answer`;
    case "MORE_INFO":
      return `waiting for more information for ${writer}`;
    case "ACCEPTED":
      return `accepted by ${writer}`;
    case "DECLINED":
      return `declined by ${writer}`;
    case "SUBMITTED":
      return "submitted";
    default:
      return "cancelled";
  }
}

/** Why the writer can't act on a letter any more, said to them. */
function writerRefusal(l: FullLetter): string {
  switch (l.status) {
    case "ACCEPTED":
      return "You've already said yes to this letter. Thank you!";
    case "DECLINED":
      return "You already declined this request.";
    case "SUBMITTED":
      return "You already marked this letter as submitted. Thank you!";
    case "CANCELLED":
      return l.mentee.status === "LEFT"
        ? `${displayNameOf(l.mentee)} has left Tandem, so this request is closed: nothing more to do.`
        : `${displayNameOf(l.mentee)} cancelled this request: nothing more to do.`;
    case "MORE_INFO":
      return `You asked ${displayNameOf(l.mentee)} for more information: Tandem brings you their answer.`;
    default:
      return `This request is ${statusWords(l)}.`;
  }
}

export class LetterService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---------- the mentee ----------

  /** The mentors a person may ask: everyone who mentored them in a mentorship that started. */
  async writersFor(workspaceId: string, slackUserId: string): Promise<WriterChoice[]> {
    const me = await this.member(workspaceId, slackUserId);
    if (!me) return [];
    const mentorships = await this.prisma.mentorship.findMany({
      where: { menteeId: me.id, status: { in: [...WORKED_TOGETHER] } },
      include: { mentor: true, program: { select: { name: true } } },
      orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }],
    });
    const seen = new Set<string>();
    const writers: WriterChoice[] = [];
    for (const m of mentorships) {
      if (seen.has(m.mentorId) || !canBeAsked(m.mentor)) continue;
      seen.add(m.mentorId);
      writers.push({
        memberId: m.mentorId,
        name: displayNameOf(m.mentor),
        programName: m.program.name,
        running: m.status !== "COMPLETED",
      });
    }
    return writers;
  }

  /** The request modal's content: whom they may ask, and the draft being edited. */
  async requestForm(workspaceId: string, slackUserId: string, letterId?: string): Promise<RequestForm> {
    const writers = await this.writersFor(workspaceId, slackUserId);
    if (writers.length === 0) {
      throw new UserError(
        "Letters come from mentors who know your work, and you don't have a mentor in Tandem yet. " +
          "Find one with `/mentor find`; once you've worked together, ask them here.",
      );
    }
    if (!letterId) return { writers, draft: null };
    const l = await this.own(workspaceId, slackUserId, letterId, "mentee");
    if (l.status !== "DRAFT")
      throw new UserError(`This request is ${statusWords(l)}: its details can't change now.`);
    return {
      writers,
      draft: {
        id: l.id,
        writerMemberId: l.writerId,
        purpose: l.purpose,
        deadline: isoDay(l.deadline),
        targets: l.targets.map((t) => ({ name: t.name, deadline: t.deadline ? isoDay(t.deadline) : null })),
        howToSubmit: l.howToSubmit,
      },
    };
  }

  /**
   * Saves the request's details as a draft (not yet sent): whom, what for, where and by when.
   * Problems are FieldErrors named after the field: writer, purpose, deadline, targets, howToSubmit.
   */
  async saveDraft(
    workspaceId: string,
    slackUserId: string,
    input: LetterDraftInput,
  ): Promise<{ letterId: string }> {
    const me = await this.member(workspaceId, slackUserId);
    if (!me) throw new NotFoundError("Join Tandem first: `/mentor join`.");
    const purpose = letterPurposes.find((p) => p === input.purpose);
    if (!purpose) throw new FieldError("purpose", "Choose what the letter is for.");
    const writers = await this.writersFor(workspaceId, slackUserId);
    const writer = writers.find((w) => w.memberId === input.writerMemberId);
    if (!writer) throw new FieldError("writer", "Choose one of your mentors.");
    const today = localDate(this.now(), me.tz);
    const problem = deadlineProblem(input.deadline, today);
    if (problem) throw new FieldError("deadline", problem);
    const targets = parseTargets(input.targets, input.deadline);
    if (!targets.ok) throw new FieldError("targets", targets.error);
    for (const t of targets.targets) {
      const late = t.deadline ? deadlineProblem(t.deadline, today) : undefined;
      if (late) throw new FieldError("targets", `${t.name} (${t.deadline}): ${late}`);
    }
    const howToSubmit = input.howToSubmit?.trim() || null;
    if (howToSubmit && howToSubmit.length > HOW_TO_SUBMIT_MAX) {
      throw new FieldError("howToSubmit", `Keep it under ${HOW_TO_SUBMIT_MAX} characters.`);
    }
    const mentorship = await this.prisma.mentorship.findFirst({
      where: { menteeId: me.id, mentorId: writer.memberId, status: { in: [...WORKED_TOGETHER] } },
      orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }],
      select: { id: true },
    });
    const data = {
      writerId: writer.memberId,
      mentorshipId: mentorship?.id ?? null,
      purpose,
      deadline: new Date(`${input.deadline}T00:00:00Z`),
      howToSubmit,
      lateAsk: lateAsk(purpose, input.deadline, today) !== null,
    };
    const targetRows = targets.targets.map((t) => ({
      name: t.name,
      deadline: t.deadline ? new Date(`${t.deadline}T00:00:00Z`) : null,
    }));
    if (input.letterId) {
      const l = await this.own(workspaceId, slackUserId, input.letterId, "mentee");
      if (l.status !== "DRAFT") {
        throw new FieldError("writer", `This request is ${statusWords(l)}: its details can't change now.`);
      }
      await this.prisma.$transaction([
        this.prisma.letterTarget.deleteMany({ where: { letterRequestId: l.id } }),
        this.prisma.letterRequest.update({
          where: { id: l.id },
          data: { ...data, targets: { create: targetRows } },
        }),
      ]);
      return { letterId: l.id };
    }
    const created = await this.prisma.letterRequest.create({
      data: { menteeId: me.id, ...data, targets: { create: targetRows } },
      select: { id: true },
    });
    return { letterId: created.id };
  }

  /** The packet modal's content: the letter, the work summary to review, and a late-ask warning. */
  async packetForm(workspaceId: string, slackUserId: string, letterId: string): Promise<PacketForm> {
    const l = await this.own(workspaceId, slackUserId, letterId, "mentee");
    if (!OPEN_LETTERS.includes(l.status)) {
      throw new UserError(`This request is ${statusWords(l)}: there is nothing more to send.`);
    }
    const summary = await summaryOfWork(
      this.prisma,
      { id: l.menteeId, name: displayNameOf(l.mentee), tz: l.mentee.tz },
      l.writerId,
    );
    const today = localDate(this.now(), l.mentee.tz);
    return {
      letter: this.viewOf(l, "mentee"),
      summary,
      summaryKey: summary ? keyOf(summary) : null,
      shareSummary: l.status === "DRAFT" ? true : l.summaryApprovedAt !== null,
      lateNow: l.status === "DRAFT" ? lateAsk(l.purpose, isoDay(l.deadline), today) : null,
    };
  }

  /**
   * Sends the packet: a draft's ask goes out (and after "Need more information", the ask goes
   * again); for a letter the writer already has, the packet is updated and they are told.
   */
  async sendPacket(
    workspaceId: string,
    slackUserId: string,
    letterId: string,
    input: PacketInput,
  ): Promise<PacketSent> {
    const packet = {
      cvUrl: link(input.cvUrl, "cv"),
      statementUrl: link(input.statementUrl, "statement"),
      goalsText: bounded(input.goals, PACKET_TEXT_MAX, "goals"),
      whyThisProgram: bounded(input.whyThisProgram, PACKET_TEXT_MAX, "why"),
      menteeNote: bounded(input.note, NOTE_MAX, "note"),
    };
    const l = await this.own(workspaceId, slackUserId, letterId, "mentee");
    if (!OPEN_LETTERS.includes(l.status)) {
      throw new FieldError("note", `This request is ${statusWords(l)}: there is nothing more to send.`);
    }
    if (!canBeAsked(l.writer)) {
      throw new FieldError(
        "note",
        `${displayNameOf(l.writer)} is no longer in Tandem, so they can't be asked here. Cancel this request and ask another mentor.`,
      );
    }
    const now = this.now();
    let workSummary: string | null = null;
    if (input.shareSummary) {
      workSummary = await summaryOfWork(
        this.prisma,
        { id: l.menteeId, name: displayNameOf(l.mentee), tz: l.mentee.tz },
        l.writerId,
      );
      if (workSummary && input.summaryKey !== keyOf(workSummary)) {
        throw new FieldError(
          "summary",
          "Your mentorship record changed while you were reviewing it. Close this and open the packet again to review the latest summary.",
        );
      }
    }
    const today = localDate(now, l.mentee.tz);
    const outcome: PacketSent["outcome"] =
      l.status === "DRAFT" ? "asked" : l.status === "MORE_INFO" ? "asked_again" : "updated";
    if (outcome === "asked" && deadlineProblem(isoDay(l.deadline), today)) {
      // A draft kept past its deadline: asking now would plan a late note for a day gone by.
      throw new FieldError(
        "note",
        `The deadline, ${DateTime.fromJSDate(l.deadline, { zone: "UTC" }).toFormat("d LLLL yyyy")}, is no longer ahead. Edit the details and choose a later one.`,
      );
    }
    const late = outcome === "asked" ? lateAsk(l.purpose, isoDay(l.deadline), today) : null;
    const round = l.askRound + 1;
    await this.prisma.$transaction(async (tx) => {
      const changed = await tx.letterRequest.updateMany({
        where: { id: l.id, status: l.status, askRound: l.askRound },
        data: {
          ...packet,
          workSummary,
          summaryApprovedAt: workSummary ? now : null,
          ...(outcome === "updated"
            ? {}
            : {
                status: "ASKED",
                askRound: round,
                ...(outcome === "asked" ? { askedAt: now, lateAsk: late !== null } : {}),
              }),
        },
      });
      if (changed.count === 0)
        throw new FieldError("note", "This request just changed. Close this and look again.");
      if (outcome === "updated") {
        await this.queueUpdate(tx, l, { event: "packet_updated" }, now);
        return;
      }
      await enqueue(
        tx,
        {
          workspaceId,
          programId: l.mentorship?.programId ?? null,
          kind: "letter_ask",
          key: `letter_ask:${l.id}:${round}`,
          payload: { letterId: l.id, round },
        },
        now,
      );
      if (outcome === "asked") await this.planLateNotes(tx, l, now);
    });
    this.jobsEnqueued();
    const at = deliveryTime(now, l.writer, now, this.windowOf(l.mentorship?.program));
    return {
      writerName: displayNameOf(l.writer),
      outcome,
      late,
      reachesAt:
        outcome !== "updated" && at.getTime() > now.getTime() + SLACK_MS
          ? DateTime.fromJSDate(at, { zone: l.writer.tz }).toFormat("cccc d LLLL 'at' HH:mm")
          : null,
    };
  }

  /**
   * The mentee no longer needs the letter: the writer (if asked) is told and thanked. An ask still
   * waiting for the writer's working hours is withdrawn unseen, and then there is nothing to tell.
   */
  async cancel(workspaceId: string, slackUserId: string, letterId: string): Promise<LetterView> {
    const l = await this.own(workspaceId, slackUserId, letterId, "mentee");
    if (!OPEN_LETTERS.includes(l.status)) throw new UserError(`This request is already ${statusWords(l)}.`);
    const now = this.now();
    await this.prisma.$transaction(async (tx) => {
      const changed = await tx.letterRequest.updateMany({
        where: { id: l.id, status: l.status },
        data: { status: "CANCELLED", respondedAt: l.respondedAt ?? null },
      });
      if (changed.count === 0) throw new UserError("This request just changed. Look again in Home.");
      const unseen = await withdrawUnseenAsk(tx, l, "the request was cancelled", now);
      if (l.status !== "DRAFT" && !unseen) await this.queueUpdate(tx, l, { event: "cancelled" }, now);
      await cancelPlannedLetterJobs(tx, l.id, "the request was cancelled", now);
    });
    this.jobsEnqueued();
    return this.view(workspaceId, slackUserId, letterId);
  }

  /** The mentee's thank-you to the writer, in their own words, once the letter went in. */
  async thank(
    workspaceId: string,
    slackUserId: string,
    letterId: string,
    message: string,
  ): Promise<LetterView> {
    const text = bounded(message, NOTE_MAX, "message");
    if (!text) throw new FieldError("message", "Write a few words of thanks.");
    const l = await this.submittedOwn(workspaceId, slackUserId, letterId, "message");
    if (l.thankedAt)
      throw new FieldError("message", `You already thanked ${displayNameOf(l.writer)} for this letter.`);
    const now = this.now();
    await this.prisma.$transaction(async (tx) => {
      await tx.letterRequest.update({ where: { id: l.id }, data: { thankedAt: now } });
      await this.queueUpdate(tx, l, { event: "thanks", message: text }, now);
    });
    this.jobsEnqueued();
    return this.view(workspaceId, slackUserId, letterId);
  }

  /** "I matched at …": the mentee tells the writer how it went (again whenever there is news). */
  async shareOutcome(
    workspaceId: string,
    slackUserId: string,
    letterId: string,
    outcome: string,
  ): Promise<LetterView> {
    const text = bounded(outcome, NOTE_MAX, "outcome");
    if (!text) throw new FieldError("outcome", "Say how it went, in a sentence or two.");
    const l = await this.submittedOwn(workspaceId, slackUserId, letterId, "outcome");
    const now = this.now();
    await this.prisma.$transaction(async (tx) => {
      await tx.letterRequest.update({ where: { id: l.id }, data: { outcome: text, outcomeSharedAt: now } });
      await this.queueUpdate(tx, l, { event: "outcome" }, now);
    });
    this.jobsEnqueued();
    return this.view(workspaceId, slackUserId, letterId);
  }

  /** The mentee's letter, once it went in somewhere: thanks and outcomes come after that. */
  private async submittedOwn(workspaceId: string, slackUserId: string, letterId: string, field: string) {
    const l = await this.own(workspaceId, slackUserId, letterId, "mentee");
    if (!l.targets.some((t) => t.status === "SUBMITTED")) {
      throw new FieldError(field, `${displayNameOf(l.writer)} hasn't submitted this letter yet.`);
    }
    return l;
  }

  // ---------- the writer ----------

  /**
   * The writer's answer: yes (reminders are planned), a graceful no with an optional note, or a
   * question for the mentee. A second answer to the same ask is refused with what happened.
   */
  async answer(
    workspaceId: string,
    slackUserId: string,
    letterId: string,
    a: WriterAnswer,
  ): Promise<AnswerResult> {
    const note =
      a.answer === "decline"
        ? bounded(a.note, NOTE_MAX, "note")
        : a.answer === "more_info"
          ? bounded(a.question, NOTE_MAX, "question")
          : null;
    if (a.answer === "more_info" && !note) throw new FieldError("question", "Say what would help you.");
    const l = await this.own(workspaceId, slackUserId, letterId, "writer");
    const from: readonly LetterStatus[] =
      a.answer === "decline" ? WITH_WRITER : a.answer === "accept" ? ["ASKED", "MORE_INFO"] : ["ASKED"];
    if (!from.includes(l.status)) {
      throw new UserError(writerRefusal(l));
    }
    const now = this.now();
    const status: LetterStatus =
      a.answer === "accept" ? "ACCEPTED" : a.answer === "decline" ? "DECLINED" : "MORE_INFO";
    let reminders: string[] = [];
    await this.prisma.$transaction(async (tx) => {
      const changed = await tx.letterRequest.updateMany({
        where: { id: l.id, status: l.status },
        data: { status, respondedAt: now, ...(a.answer === "accept" ? {} : { writerNote: note }) },
      });
      if (changed.count === 0) throw new UserError("This request just changed. Look at it again in Home.");
      const event: LetterEvent =
        a.answer === "accept" ? "accepted" : a.answer === "decline" ? "declined" : "more_info";
      await this.queueUpdate(tx, l, { event }, now);
      if (a.answer === "accept") reminders = await this.planReminders(tx, l, now);
      if (a.answer === "decline") await cancelPlannedLetterJobs(tx, l.id, "the writer declined", now);
    });
    this.jobsEnqueued();
    return { letter: await this.view(workspaceId, slackUserId, letterId), reminders };
  }

  /**
   * The writer submitted the letter to these targets. When none is left pending the letter is
   * submitted; the mentee hears each time, with a prompt to say thank you.
   */
  async markSubmitted(
    workspaceId: string,
    slackUserId: string,
    letterId: string,
    targetIds: readonly string[],
  ): Promise<LetterView> {
    const l = await this.own(workspaceId, slackUserId, letterId, "writer");
    if (!WITH_WRITER.includes(l.status)) throw new UserError(writerRefusal(l));
    const chosen = l.targets.filter((t) => targetIds.includes(t.id) && t.status === "PENDING");
    if (chosen.length === 0) throw new FieldError("targets", "Tick where you submitted the letter.");
    const now = this.now();
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.letterTarget.updateMany({
        where: { id: { in: chosen.map((t) => t.id) }, status: "PENDING" },
        data: { status: "SUBMITTED", submittedAt: now },
      });
      if (count === 0) throw new FieldError("targets", "Those are already marked as submitted.");
      const pending = await tx.letterTarget.count({ where: { letterRequestId: l.id, status: "PENDING" } });
      await tx.letterRequest.update({
        where: { id: l.id },
        data: {
          ...(pending === 0 ? { status: "SUBMITTED", submittedAt: now } : {}),
          ...(l.status !== "ACCEPTED" ? { respondedAt: l.respondedAt ?? now } : {}),
          ...(l.status !== "ACCEPTED" && pending > 0 ? { status: "ACCEPTED" } : {}),
        },
      });
      await this.queueUpdate(tx, l, { event: "submitted", targetIds: chosen.map((t) => t.id) }, now);
      if (pending === 0) await cancelPlannedLetterJobs(tx, l.id, "the letter was submitted", now);
      // Submitted somewhere without a yes first: that is a yes, and the rest get their reminders.
      else if (l.status !== "ACCEPTED") await this.planReminders(tx, l, now);
    });
    this.jobsEnqueued();
    return this.view(workspaceId, slackUserId, letterId);
  }

  // ---------- both ----------

  /** One letter as the asking person (its mentee or its writer) sees it. */
  async view(workspaceId: string, slackUserId: string, letterId: string): Promise<LetterView> {
    const l = await this.own(workspaceId, slackUserId, letterId);
    // `own` checked the workspace: the Slack id alone says which of the two they are.
    return this.viewOf(l, l.mentee.slackUserId === slackUserId ? "mentee" : "writer");
  }

  /**
   * Home's letters: those the person asked for, and those they are writing. Open letters come
   * first, soonest deadline first; finished ones fill the rest for a while. A mentee keeps a
   * submitted letter until they share its outcome (results can take months), for up to a year.
   */
  async overview(workspaceId: string, slackUserId: string): Promise<LettersOverview> {
    const me = await this.member(workspaceId, slackUserId);
    if (!me) return { canAsk: false, asMentee: [], asWriter: [], moreAsMentee: 0, moreAsWriter: 0 };
    const ago = (days: number) => new Date(this.now().getTime() - days * DAY);
    const recent = ago(FINISHED_SHOWN_DAYS);
    // By the letter's own dates (updatedAt is the database's clock, not Tandem's).
    const submitted = {
      status: "SUBMITTED" as const,
      OR: [
        { submittedAt: { gte: recent } },
        { thankedAt: { gte: recent } },
        { outcomeSharedAt: { gte: recent } },
      ],
    };
    const awaitingOutcome = {
      status: "SUBMITTED" as const,
      outcomeSharedAt: null,
      submittedAt: { gte: ago(OUTCOME_SHOWN_DAYS) },
    };
    const declined = { status: "DECLINED" as const, respondedAt: { gte: recent } };
    const [asMentee, asWriter, writers] = await Promise.all([
      this.openThenFinished(
        { menteeId: me.id, status: { in: [...OPEN_LETTERS] } },
        { menteeId: me.id, OR: [submitted, awaitingOutcome, declined] },
        "mentee",
      ),
      this.openThenFinished(
        { writerId: me.id, status: { in: [...WITH_WRITER] } },
        { writerId: me.id, ...submitted },
        "writer",
      ),
      // The same mentors the request offers: one who left Tandem can't be asked.
      this.writersFor(workspaceId, slackUserId),
    ]);
    return {
      canAsk: writers.length > 0,
      asMentee: asMentee.shown,
      asWriter: asWriter.shown,
      moreAsMentee: asMentee.more,
      moreAsWriter: asWriter.more,
    };
  }

  /** Up to HOME_LETTERS letters: open ones by deadline, then finished ones, newest first. */
  private async openThenFinished(
    open: Prisma.LetterRequestWhereInput,
    finished: Prisma.LetterRequestWhereInput,
    viewer: "mentee" | "writer",
  ): Promise<{ shown: LetterView[]; more: number }> {
    const [openRows, openCount, finishedCount] = await Promise.all([
      this.prisma.letterRequest.findMany({
        where: open,
        include: letterInclude,
        orderBy: [{ deadline: "asc" }, { createdAt: "asc" }],
        take: HOME_LETTERS,
      }),
      this.prisma.letterRequest.count({ where: open }),
      this.prisma.letterRequest.count({ where: finished }),
    ]);
    const room = HOME_LETTERS - openRows.length;
    const finishedRows =
      room > 0 && finishedCount > 0
        ? await this.prisma.letterRequest.findMany({
            where: finished,
            include: letterInclude,
            orderBy: [{ deadline: "desc" }, { createdAt: "desc" }],
            take: room,
          })
        : [];
    const rows = [...openRows, ...finishedRows];
    return { shown: rows.map((l) => this.viewOf(l, viewer)), more: openCount + finishedCount - rows.length };
  }

  /** Slack ids of a letter's two people (Home refreshes after a change). */
  async peopleOf(letterId: string): Promise<string[]> {
    const l = await this.prisma.letterRequest.findUnique({
      where: { id: letterId },
      select: { mentee: { select: { slackUserId: true } }, writer: { select: { slackUserId: true } } },
    });
    return l ? [l.mentee.slackUserId, l.writer.slackUserId] : [];
  }

  // ---------- jobs ----------

  /** The ask DM to the writer, or why not now (answered or cancelled meanwhile, working hours). */
  async prepareAsk(p: JobPayload<"letter_ask">): Promise<Step<LetterView>> {
    const l = await loadLetter(this.prisma, p.letterId);
    if (!l) return { do: "skip", reason: "the letter request no longer exists" };
    if (l.status !== "ASKED" || l.askRound !== p.round) {
      const reason =
        l.status === "ASKED" ? "a newer ask replaced this one" : `the request is ${statusWords(l)}`;
      return { do: "skip", reason, to: l.writer.slackUserId };
    }
    return this.stepTo(l, "writer", this.now(), () => this.viewOf(l, "writer"));
  }

  /** One update DM: to the mentee for the writer's doings, to the writer for the mentee's. */
  async prepareUpdate(p: JobPayload<"letter_update">): Promise<Step<LetterUpdate>> {
    const l = await loadLetter(this.prisma, p.letterId);
    if (!l) return { do: "skip", reason: "the letter request no longer exists" };
    const toWriter = ["packet_updated", "cancelled", "thanks", "outcome"].includes(p.event);
    const role = toWriter ? "writer" : "mentee";
    // Closed because the writer is gone: the mentee was told where things stood when it closed.
    if (role === "mentee" && l.status === "CANCELLED") {
      return { do: "skip", reason: "the request is cancelled", to: l.mentee.slackUserId };
    }
    if (p.event === "packet_updated" && !WITH_WRITER.includes(l.status)) {
      return { do: "skip", reason: `the request is ${statusWords(l)}`, to: l.writer.slackUserId };
    }
    return this.stepTo(l, role, this.now(), () => ({
      event: p.event,
      letter: this.viewOf(l, role),
      submittedTo: l.targets.filter((t) => p.targetIds?.includes(t.id)).map((t) => t.name),
      message: p.message ?? null,
    }));
  }

  /** The writer's one reminder for a deadline, unless every target with it is submitted. */
  async prepareReminder(p: JobPayload<"letter_reminder">): Promise<Step<LetterReminder>> {
    const l = await loadLetter(this.prisma, p.letterId);
    if (!l) return { do: "skip", reason: "the letter request no longer exists" };
    const due = this.pendingFor(l, p.deadline);
    if (l.status !== "ACCEPTED")
      return { do: "skip", reason: `the request is ${statusWords(l)}`, to: l.writer.slackUserId };
    if (due.length === 0)
      return { do: "skip", reason: "submitted for that deadline", to: l.writer.slackUserId };
    return this.stepTo(l, "writer", this.now(), () => ({
      letter: this.viewOf(l, "writer"),
      due,
      deadline: p.deadline,
    }));
  }

  /** The mentee's note the day after a deadline passed with the letter not submitted there. */
  async prepareLate(p: JobPayload<"letter_late">): Promise<Step<LetterReminder>> {
    const l = await loadLetter(this.prisma, p.letterId);
    if (!l) return { do: "skip", reason: "the letter request no longer exists" };
    const due = this.pendingFor(l, p.deadline);
    if (!WITH_WRITER.includes(l.status)) {
      return { do: "skip", reason: `the request is ${statusWords(l)}`, to: l.mentee.slackUserId };
    }
    if (due.length === 0)
      return { do: "skip", reason: "submitted for that deadline", to: l.mentee.slackUserId };
    return this.stepTo(l, "mentee", this.now(), () => ({
      letter: this.viewOf(l, "mentee"),
      due,
      deadline: p.deadline,
    }));
  }

  // ---------- internals ----------

  private member(workspaceId: string, slackUserId: string): Promise<Member | null> {
    return this.prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
    });
  }

  /** The letter, if the Slack user is its mentee (or writer, or either): otherwise NotFoundError. */
  private async own(
    workspaceId: string,
    slackUserId: string,
    letterId: string,
    as?: "mentee" | "writer",
  ): Promise<FullLetter> {
    const l = letterId ? await loadLetter(this.prisma, letterId) : null;
    const isMentee = l?.mentee.workspaceId === workspaceId && l.mentee.slackUserId === slackUserId;
    const isWriter = l?.writer.workspaceId === workspaceId && l.writer.slackUserId === slackUserId;
    const ok = as === "mentee" ? isMentee : as === "writer" ? isWriter : isMentee || isWriter;
    // A writer never sees a letter the mentee hasn't sent them (a draft, or a draft cancelled).
    if (!l || !ok || (!isMentee && (l.status === "DRAFT" || l.askRound === 0))) {
      throw new NotFoundError(NOT_YOURS);
    }
    return l;
  }

  private viewOf(l: FullLetter, viewer: "mentee" | "writer"): LetterView {
    const deadline = isoDay(l.deadline);
    const tz = viewer === "mentee" ? l.mentee.tz : l.writer.tz;
    const shareSummary = l.summaryApprovedAt !== null;
    return {
      id: l.id,
      status: l.status,
      purpose: l.purpose,
      viewer,
      menteeName: displayNameOf(l.mentee),
      writerName: displayNameOf(l.writer),
      deadline,
      daysLeft: daysBetween(localDate(this.now(), tz), deadline),
      howToSubmit: l.howToSubmit,
      targets: l.targets.map((t) => ({
        id: t.id,
        name: t.name,
        deadline: t.deadline ? isoDay(t.deadline) : deadline,
        status: t.status,
        submittedOn: t.submittedAt ? localDate(t.submittedAt, tz) : null,
      })),
      packet: {
        cvUrl: l.cvUrl,
        statementUrl: l.statementUrl,
        goals: l.goalsText,
        whyThisProgram: l.whyThisProgram,
        workSummary: shareSummary ? l.workSummary : null,
        note: l.menteeNote,
      },
      late: l.lateAsk && l.askedAt ? lateAsk(l.purpose, deadline, localDate(l.askedAt, l.mentee.tz)) : null,
      writerNote: l.writerNote,
      askedOn: l.askedAt ? localDate(l.askedAt, tz) : null,
      thanked: l.thankedAt !== null,
      outcome: l.outcome,
    };
  }

  private windowOf(program: Program | null | undefined) {
    return program ? programWindow(program) : undefined;
  }

  /** A message to one of the letter's people, now or in their working hours, unless they left. */
  private stepTo<T>(l: FullLetter, role: "mentee" | "writer", now: Date, what: () => T): Step<T> {
    const person = role === "mentee" ? l.mentee : l.writer;
    const to = person.slackUserId;
    const unreachable = unreachableReason(person);
    if (unreachable) return { do: "skip", reason: `recipient is ${unreachable}`, to };
    if (person.status === "LEFT") return { do: "skip", reason: "recipient left Tandem", to };
    const at = deliveryTime(now, person, now, this.windowOf(l.mentorship?.program));
    if (at.getTime() > now.getTime() + SLACK_MS) {
      return { do: "defer", until: at, reason: deferralReason(person, now, at), to };
    }
    return { do: "send", to, what: what() };
  }

  /** Pending targets whose deadline is `deadline`. */
  private pendingFor(l: FullLetter, deadline: string): LetterTargetView[] {
    return this.viewOf(l, "writer").targets.filter((t) => t.status === "PENDING" && t.deadline === deadline);
  }

  /** Distinct deadlines among the letter's targets (the letter's own first). */
  private deadlines(l: FullLetter): string[] {
    const letter = isoDay(l.deadline);
    return [...new Set(l.targets.map((t) => (t.deadline ? isoDay(t.deadline) : letter)))].sort();
  }

  private async queueUpdate(
    tx: Db,
    l: FullLetter,
    u: { event: LetterEvent; targetIds?: string[]; message?: string },
    now: Date,
  ): Promise<void> {
    await enqueue(
      tx,
      {
        workspaceId: l.mentee.workspaceId,
        programId: l.mentorship?.programId ?? null,
        kind: "letter_update",
        // Submissions are told apart by their targets (each is submitted once), however close.
        key: `letter_update:${l.id}:${u.event}:${now.getTime()}${u.targetIds ? `:${u.targetIds.join(",")}` : ""}`,
        payload: {
          letterId: l.id,
          event: u.event,
          ...(u.targetIds ? { targetIds: u.targetIds } : {}),
          ...(u.message ? { message: u.message } : {}),
        },
      },
      now,
    );
  }

  /** On a yes: one reminder per deadline, 10 (or 7) days before it, in the writer's morning. */
  private async planReminders(tx: Db, l: FullLetter, now: Date): Promise<string[]> {
    const acceptedOn = localDate(now, l.writer.tz);
    const planned: string[] = [];
    for (const deadline of this.deadlines(l)) {
      const on = reminderDay(deadline, acceptedOn);
      if (!on) continue;
      planned.push(on);
      await this.planForDeadline(tx, l, "letter_reminder", deadline, on, l.writer, now);
    }
    return planned;
  }

  /** On the ask: a note to the mentee the day after each deadline, should it pass unsubmitted. */
  private async planLateNotes(tx: Db, l: FullLetter, now: Date): Promise<void> {
    for (const deadline of this.deadlines(l)) {
      await this.planForDeadline(tx, l, "letter_late", deadline, lateNoteDay(deadline), l.mentee, now);
    }
  }

  /** A deadline's job for one of the letter's people, at the start of their working day `on`. */
  private async planForDeadline(
    tx: Db,
    l: FullLetter,
    kind: "letter_reminder" | "letter_late",
    deadline: string,
    on: string,
    person: Member,
    now: Date,
  ): Promise<void> {
    await enqueue(
      tx,
      {
        workspaceId: l.mentee.workspaceId,
        programId: l.mentorship?.programId ?? null,
        kind,
        key: `${kind}:${l.id}:${deadline}`,
        payload: { letterId: l.id, deadline },
        dueAt: deliveryTime(startOfDayIn(on, person.tz), person, now, this.windowOf(l.mentorship?.program)),
      },
      now,
    );
  }
}

/** A short fingerprint of the reviewed summary. */
function keyOf(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function bounded(text: string | undefined, max: number, field: string): string | null {
  const value = text?.trim();
  if (!value) return null;
  if (value.length > max) throw new FieldError(field, `Keep it under ${max} characters.`);
  return value;
}

function link(text: string | undefined, field: string): string | null {
  const value = text?.trim();
  if (!value) return null;
  if (value.length > LINK_MAX || !isLink(value)) {
    throw new FieldError(
      field,
      "Paste a link that starts with https://, e.g. a shared Drive, Box or Slack file link.",
    );
  }
  return value;
}
