// Sessions: the session log (date, length, agenda, private notes, takeaways, action items, the
// next session), action items and their reminders, the pair's session history, and the agenda
// prompt each person gets the working day before a planned session.
//
// A held session is stored on its calendar date (UTC midnight of the day the person chose); a
// planned one at its exact instant. Both people may log the same meeting: logs of the same day
// make one session, the second adding to the first. Logging on the day of a planned session
// turns the plan into the held session, so its agenda prompts fall silent by themselves: a prompt
// runs only while its session is still planned for the time it was written for.
//
// "Suggest takeaways" fills the log's takeaways and action items from its agenda and notes: by the
// AI only when it is set up, the program allows it and both people opted in (private notes are
// otherwise never sent anywhere), else by Tandem's local reading of the notes.
import { DateTime } from "luxon";
import { type AiClient, aiFailureLabels } from "../ai/client.ts";
import { namePartsOf } from "../ai/privacy.ts";
import {
  fingerprint,
  fromAiAnswer,
  keepsSuggestions,
  localSummary,
  normalise,
  type PairNames,
  SESSION_SUMMARY_MAX_TOKENS,
  SESSION_SUMMARY_SCHEMA_NAME,
  SESSION_SUMMARY_TASK,
  type SummarySuggestion,
  sessionSummarySchema,
  summaryRequestData,
} from "../ai/session-summary.ts";
import { pairConsent } from "../domain/ai-consent.ts";
import { isKnownTimeZone, isoDateOf } from "../domain/dates.ts";
import { mentorshipJobKey } from "../domain/jobs.ts";
import { displayNameOf } from "../domain/members.ts";
import { deliveryTime, programWindow, riskOf } from "../domain/schedule.ts";
import type { Db, Member, PrismaClient } from "./db.ts";
import { FieldError, NotFoundError, UserError } from "./errors.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import {
  type Pair,
  type PairView,
  partnerOf,
  reachable,
  requirePair,
  runningPairsOf,
  type Step,
} from "./pair-access.ts";

const HOUR = 60 * 60 * 1000;
/** Up to this many action items per log (rows of the form). */
export const MAX_ACTION_ITEMS = 3;
/** The next session may be planned at these times (half-hours, the logger's time zone). */
export const SESSION_TIMES: readonly string[] = Array.from({ length: 27 }, (_, i) => {
  const minutes = 7 * 60 + i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
});
/** The takeaways box holds this many characters; the log keeps this many takeaways. */
export const TAKEAWAYS_INPUT_MAX = 1500;
export const MAX_TAKEAWAYS = 10;
/** The history shows at most this many sessions, newest first. */
export const HISTORY_SESSIONS = 10;
/** Feedback on a session is asked for this long after it is logged. */
const FEEDBACK_DELAY_MS = 2 * HOUR;
/** An agenda prompt that would land less than this before the session is not sent. */
const AGENDA_MIN_LEAD_MS = HOUR;
/** Plans, due dates and the held date must fall within this many days. */
const HORIZON_DAYS = 366;

export interface SessionForm {
  mentorshipId: string;
  /** Set when the log answers a check-in ("We met: log it"). */
  checkInId?: string;
  partnerName: string;
  programName: string;
  /** Today in the person's time zone (YYYY-MM-DD), the held date's default. */
  today: string;
  startedOn: string;
  /** The person's time zone, in which the next session's time is read. */
  timeZone: string;
}

export interface ActionItemRow {
  text?: string | undefined;
  /** "me" (the logger) or "partner"; the logger when not chosen. */
  owner?: string | undefined;
  dueOn?: string | undefined;
}

export interface SessionLogInput {
  mentorshipId: string;
  checkInId?: string | undefined;
  heldOn?: string | undefined;
  minutes?: number | undefined;
  agenda?: string | undefined;
  privateNotes?: string | undefined;
  takeaways?: string | undefined;
  actionItems?: ActionItemRow[];
  /** The next session: a date and a half-hour in the logger's time zone. */
  nextOn?: string | undefined;
  nextTime?: string | undefined;
  /** Fingerprints of AI-made suggestions put in the form: still there when saved, the session says so. */
  aiSuggestions?: readonly string[] | undefined;
}

/** What "Suggest takeaways" works from: the log as typed so far. */
export interface SummaryRequest {
  mentorshipId: string;
  agenda?: string | undefined;
  privateNotes?: string | undefined;
  /** Already in the takeaways box and the action item rows: kept, the suggestions go around them. */
  takeaways?: string | undefined;
  actionItems?: ActionItemRow[];
}

/** The takeaways box and action item rows filled with suggestions, and where they came from. */
export interface SessionSuggestion {
  form: SessionForm;
  /** Who made them; "empty": there were no notes to work from, nothing changed. */
  source: "ai" | "local" | "empty";
  /** Why not the AI (local suggestions only), in words a person may read. */
  reason: string | null;
  takeaways: string;
  /** Every row of the form (MAX_ACTION_ITEMS), typed ones unchanged. */
  actionItems: ActionItemRow[];
  added: { takeaways: number; actionItems: number };
  /** Fingerprints of the AI-made lines added, to carry until the log is saved. */
  aiSuggestions: string[];
}

export interface LoggedSession {
  sessionId: string;
  mentorshipId: string;
  partnerName: string;
  /** "Friday 12 June". */
  heldOn: string;
  minutes: number;
  /** The partner had already logged this day: this log was added to theirs. */
  merged: boolean;
  actionItems: number;
  /** "Tuesday 16 June at 15:00", in the logger's time zone, when a next session was planned. */
  nextSession: string | null;
  /** When the logger's next check-in arrives, when one is planned. */
  nextCheckin: string | null;
  /** Slack ids of both people, whose Home shows the pair's sessions and items. */
  people: string[];
}

/** Several problems with one form, each shown next to its field at once. */
export class FormErrors extends FieldError {
  constructor(readonly errors: FieldError[]) {
    super(errors[0]?.field ?? "form", errors[0]?.message ?? "Check the form.");
    this.name = "FormErrors";
  }
}

export interface ActionItemView {
  id: string;
  text: string;
  /** "You" or the partner's name, from the viewer's side. */
  ownerName: string;
  yours: boolean;
  status: "OPEN" | "DONE" | "DROPPED";
  /** "Friday 19 June", or null without a due date. */
  dueOn: string | null;
  overdue: boolean;
}

export interface SessionView {
  id: string;
  /** "Friday 12 June 2026". */
  heldOn: string;
  minutes: number | null;
  agenda: string | null;
  takeaways: string[];
  privateNotes: string | null;
  /** "you", the partner's name, or null when unknown. */
  loggedBy: string | null;
  actionItems: ActionItemView[];
}

export interface SessionHistory {
  mentorshipId: string;
  partnerName: string;
  programName: string;
  running: boolean;
  /** The next planned session, in the viewer's time zone ("Tuesday 16 June at 15:00"). */
  nextSession: string | null;
  sessions: SessionView[];
  /** Held sessions older than the ones shown. */
  olderSessions: number;
  /** Open action items not tied to a shown session. */
  otherOpenItems: ActionItemView[];
}

export interface ActionItemReminder {
  itemId: string;
  mentorshipId: string;
  text: string;
  /** "today", "tomorrow", or a date ("Monday 22 June"); `overdue` when it has passed. */
  due: string;
  overdue: boolean;
  partnerName: string;
  /** The session it was agreed in ("Friday 12 June"), when known. */
  agreedOn: string | null;
}

export interface AgendaPrompt {
  mentorshipId: string;
  sessionId: string;
  partnerName: string;
  programName: string;
  /** "Tomorrow at 15:00", "Today at 15:00", "On Monday 22 June at 15:00": the recipient's time. */
  when: string;
  openItems: ActionItemView[];
  lastSession: { heldOn: string; takeaways: string[] } | null;
}

export interface ActionItemDone {
  itemId: string;
  mentorshipId: string;
  text: string;
  /** "You" or the partner's name, from the clicker's side. */
  ownerName: string;
  /** It had already been ticked off (by either person). */
  already: boolean;
  /** Slack ids of both people, whose Home shows the pair's items. */
  people: string[];
}

const zoneOf = (tz: string) => (isKnownTimeZone(tz) ? tz : "UTC");
const local = (instant: Date, tz: string) => DateTime.fromJSDate(instant, { zone: zoneOf(tz) });
const todayIn = (now: Date, tz: string) => local(now, tz).startOf("day");
/** A stored calendar date (UTC midnight) as the day it names. */
const calendarDay = (date: Date) => DateTime.fromJSDate(date, { zone: "UTC" }).startOf("day");
const dateLabel = (day: DateTime) => day.toFormat("cccc d LLLL");
const instantLabel = (instant: Date, tz: string) => local(instant, tz).toFormat("cccc d LLLL 'at' HH:mm");
const isoDay = (day: DateTime) => day.toISODate() ?? "";

function splitLines(text: string | undefined, max: number): string[] {
  return (text ?? "")
    .split("\n")
    .map((t) => t.replace(/^\s*[-•*]\s*/, "").trim())
    .filter(Boolean)
    .slice(0, max);
}

function cleanText(text: string | undefined): string | null {
  const t = text?.trim();
  return t ? t : null;
}

/** `extra` appended to `before` as a new paragraph, leaving out lines `before` already has. */
function appendParagraphs(before: string | null, extra: string | null): string | null {
  if (!extra) return before;
  if (!before) return extra;
  const known = new Set(before.split("\n").map((l) => l.trim()));
  const fresh = extra
    .split("\n")
    .filter((l) => l.trim() !== "" && !known.has(l.trim()))
    .join("\n");
  return fresh ? `${before}\n\n${fresh}` : before;
}

/**
 * The takeaways box and action item rows with `suggestion` added: takeaways after the typed ones
 * (none repeated, within the box's size and the log's count), action items in the empty rows.
 */
function fillForm(typed: string, rows: ActionItemRow[], suggestion: SummarySuggestion) {
  const lines = typed.split("\n").filter((l) => l.trim() !== "");
  // Compared as normalise() sees them: "The aims page decides." is "the aims page decides".
  const known = new Set(lines.map((l) => normalise(l.replace(/^\s*[-•*]\s*/, ""))));
  const addedTexts: string[] = [];
  let takeaways = typed.trimEnd();
  let count = lines.length;
  for (const t of suggestion.takeaways) {
    if (known.has(normalise(t)) || count >= MAX_TAKEAWAYS) continue;
    const next = takeaways ? `${takeaways}\n${t}` : t;
    if (next.length > TAKEAWAYS_INPUT_MAX) break;
    takeaways = next;
    known.add(normalise(t));
    addedTexts.push(t);
    count++;
  }
  const addedTakeaways = addedTexts.length;
  const typedItems = new Set(rows.map((r) => normalise(r.text ?? "")).filter(Boolean));
  const pending = suggestion.actionItems.filter((i) => !typedItems.has(normalise(i.text)));
  let addedItems = 0;
  const actionItems = rows.map((row) => {
    const free = !row.text?.trim() && !row.owner && !row.dueOn;
    const item = free ? pending.shift() : undefined;
    if (!item) return row;
    addedItems++;
    addedTexts.push(item.text);
    return {
      text: item.text,
      ...(item.owner ? { owner: item.owner } : {}),
      ...(item.dueOn ? { dueOn: item.dueOn } : {}),
    };
  });
  return {
    takeaways,
    actionItems,
    added: { takeaways: addedTakeaways, actionItems: addedItems },
    addedTexts,
  };
}

export class SessionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---------- the session log ----------

  /** The person's running mentorships, for `/mentor log` (none, one, or a picker). */
  pairsOf(workspaceId: string, slackUserId: string): Promise<PairView[]> {
    return runningPairsOf(this.prisma, workspaceId, slackUserId);
  }

  /** The session log form for one of the person's mentorships. */
  async form(workspaceId: string, slackUserId: string, mentorshipId: string): Promise<SessionForm> {
    return this.formOf(await requirePair(this.prisma, workspaceId, slackUserId, mentorshipId));
  }

  /** The session log form that answers a check-in ("We met: log it"). */
  async formForCheckin(workspaceId: string, slackUserId: string, checkInId: string): Promise<SessionForm> {
    const checkIn = await this.ownCheckIn(this.prisma, workspaceId, slackUserId, checkInId);
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, checkIn.mentorshipId);
    return { ...this.formOf(pair), checkInId: checkIn.id };
  }

  private formOf({ m, person, partner }: PairView): SessionForm {
    const now = this.now();
    return {
      mentorshipId: m.id,
      partnerName: displayNameOf(partner),
      programName: m.program.name,
      today: isoDay(todayIn(now, person.tz)),
      startedOn: isoDay(local(m.startedAt ?? m.createdAt, person.tz)),
      timeZone: zoneOf(person.tz),
    };
  }

  private async ownCheckIn(db: Db, workspaceId: string, slackUserId: string, checkInId: string) {
    const checkIn = checkInId
      ? await db.checkIn.findUnique({ where: { id: checkInId }, include: { member: true } })
      : null;
    if (
      !checkIn ||
      checkIn.member.slackUserId !== slackUserId ||
      checkIn.member.workspaceId !== workspaceId
    ) {
      throw new NotFoundError("This check-in isn't one of yours, or it no longer exists.");
    }
    return checkIn;
  }

  /**
   * Saves a session log in one transaction: the held session (merged with the partner's log of
   * the same day, or turning that day's planned session into the held one), its action items
   * with their reminders, the takeaways in the logger's journal, the check-in it answers, the
   * pair's rhythm, the next planned session with both people's agenda prompts, and a request
   * for feedback to each of the two. Every problem with the form is reported at once.
   */
  async log(workspaceId: string, slackUserId: string, input: SessionLogInput): Promise<LoggedSession> {
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, input.mentorshipId);
    const { m, person, partner } = pair;
    if (input.checkInId) {
      const checkIn = await this.ownCheckIn(this.prisma, workspaceId, slackUserId, input.checkInId);
      if (checkIn.mentorshipId !== m.id)
        throw new NotFoundError("This check-in isn't one of yours, or it no longer exists.");
    }
    const now = this.now();
    const form = this.validate(pair, input, now);
    const window = programWindow(m.program);
    const heldOn = new Date(`${isoDay(form.day)}T00:00:00.000Z`);
    const dayStart = form.day.startOf("day");
    const personName = displayNameOf(person);
    const aiSummaryUsed = keepsSuggestions(input.aiSuggestions ?? [], [
      ...form.takeaways,
      ...form.items.map((i) => i.text),
    ]);

    const result = await this.prisma.$transaction(async (tx) => {
      // One log at a time per pair: two people saving the same day make one session.
      await tx.$queryRaw`SELECT id FROM "Mentorship" WHERE id = ${m.id} FOR UPDATE`;
      const fresh = await tx.mentorship.findUniqueOrThrow({ where: { id: m.id } });
      const same = await tx.mentoringSession.findFirst({
        where: { mentorshipId: m.id, heldOn, status: "HELD" },
        include: { loggedBy: true },
      });
      const plannedThatDay = await tx.mentoringSession.findFirst({
        where: {
          mentorshipId: m.id,
          status: "PLANNED",
          heldOn: { gte: dayStart.toJSDate(), lt: dayStart.plus({ days: 1 }).toJSDate() },
        },
        orderBy: { heldOn: "asc" },
      });
      let sessionId: string;
      if (same) {
        const earlierAuthor = same.loggedBy ? displayNameOf(same.loggedBy) : null;
        const notesBefore =
          same.privateNotes && earlierAuthor && !same.privateNotes.startsWith(`${earlierAuthor}: `)
            ? `${earlierAuthor}: ${same.privateNotes}`
            : same.privateNotes;
        await tx.mentoringSession.update({
          where: { id: same.id },
          data: {
            durationMinutes: same.durationMinutes ?? form.minutes,
            agenda: appendParagraphs(same.agenda, form.agenda),
            privateNotes: form.notes
              ? appendParagraphs(notesBefore, `${personName}: ${form.notes}`)
              : same.privateNotes,
            takeaways: [...same.takeaways, ...form.takeaways.filter((t) => !same.takeaways.includes(t))],
            loggedById: same.loggedById ?? person.id,
            aiSummaryUsed: same.aiSummaryUsed || aiSummaryUsed,
          },
        });
        sessionId = same.id;
        if (plannedThatDay) {
          await tx.mentoringSession.update({
            where: { id: plannedThatDay.id },
            data: { status: "CANCELLED" },
          });
        }
      } else {
        const data = {
          status: "HELD" as const,
          heldOn,
          durationMinutes: form.minutes,
          agenda: form.agenda,
          privateNotes: form.notes,
          takeaways: form.takeaways,
          loggedById: person.id,
          aiSummaryUsed,
        };
        sessionId = plannedThatDay
          ? (await tx.mentoringSession.update({ where: { id: plannedThatDay.id }, data })).id
          : (await tx.mentoringSession.create({ data: { mentorshipId: m.id, ...data } })).id;
      }
      if (plannedThatDay)
        await cancelAgendaPrompts(tx, m.id, plannedThatDay.id, "the session was logged", now);

      for (const item of form.items) {
        const owner = item.owner === "partner" ? partner : person;
        const created = await tx.actionItem.create({
          data: {
            mentorshipId: m.id,
            sessionId,
            ownerId: owner.id,
            text: item.text,
            dueOn: item.dueOn ? new Date(`${item.dueOn}T00:00:00.000Z`) : null,
          },
        });
        if (item.dueOn) await this.planReminder(tx, m, owner, created.id, item.dueOn, now);
      }
      for (const takeaway of form.takeaways) {
        await tx.journalEntry.create({
          data: { memberId: person.id, mentorshipId: m.id, kind: "TAKEAWAY", body: takeaway, createdAt: now },
        });
      }
      if (input.checkInId) {
        await tx.checkIn.update({ where: { id: input.checkInId }, data: { answer: "MET", answeredAt: now } });
      }
      const lastSessionAt =
        fresh.lastSessionAt && fresh.lastSessionAt > heldOn ? fresh.lastSessionAt : heldOn;
      const risk = riskOf(
        {
          startedAt: m.startedAt ?? m.createdAt,
          lastSessionAt,
          cadenceDays: m.cadenceDays ?? m.program.checkinCadenceDays,
          unansweredCheckins: 0,
        },
        now,
      );
      await tx.mentorship.update({
        where: { id: m.id },
        data: { lastSessionAt, unansweredCheckins: 0, atRiskReason: risk ?? null },
      });
      if (form.next) await this.planNext(tx, m, form.next, now);
      for (const who of [m.mentor, m.mentee]) {
        await enqueue(
          tx,
          {
            workspaceId: m.program.workspaceId,
            programId: m.programId,
            kind: "feedback_request",
            key: mentorshipJobKey("feedback_request", m.id, "session", sessionId, who.id),
            payload: { mentorshipId: m.id, memberId: who.id, context: "SESSION", sessionId },
            dueAt: deliveryTime(new Date(now.getTime() + FEEDBACK_DELAY_MS), who, now, window),
          },
          now,
        );
      }
      return { sessionId, merged: same !== null, nextCheckinAt: fresh.nextCheckinAt };
    });
    this.jobsEnqueued();
    return {
      sessionId: result.sessionId,
      mentorshipId: m.id,
      partnerName: displayNameOf(partner),
      heldOn: dateLabel(form.day),
      minutes: form.minutes,
      merged: result.merged,
      actionItems: form.items.length,
      nextSession: form.next ? instantLabel(form.next, person.tz) : null,
      nextCheckin:
        m.status === "ACTIVE" && result.nextCheckinAt
          ? dateLabel(local(deliveryTime(result.nextCheckinAt, person, now, window), person.tz))
          : null,
      people: [person.slackUserId, partner.slackUserId],
    };
  }

  /**
   * "Suggest takeaways": proposes takeaways and action items from the log's agenda and notes and
   * fills them in around what is already typed (new takeaways after the typed ones, action items
   * in empty rows). The AI is asked only when it is set up and the pair consents (the program
   * allows AI and both people opted in), with names, emails and links scrubbed; otherwise, or when
   * it fails, Tandem reads the notes itself and says why. Nothing is saved.
   */
  async suggestSummary(
    workspaceId: string,
    slackUserId: string,
    request: SummaryRequest,
    ai: AiClient,
  ): Promise<SessionSuggestion> {
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, request.mentorshipId);
    const { m, person, partner, role } = pair;
    const form = this.formOf(pair);
    const rows = Array.from({ length: MAX_ACTION_ITEMS }, (_, i) => ({ ...request.actionItems?.[i] }));
    const agenda = cleanText(request.agenda) ?? undefined;
    const notes = cleanText(request.privateNotes) ?? undefined;
    const unchanged = { form, takeaways: request.takeaways ?? "", actionItems: rows };
    if (!agenda && !notes) {
      return {
        ...unchanged,
        source: "empty",
        reason: null,
        added: { takeaways: 0, actionItems: 0 },
        aiSuggestions: [],
      };
    }
    const names: PairNames = {
      me: { role, names: namePartsOf(person.realName, person.displayName), label: displayNameOf(person) },
      partner: {
        role: role === "mentor" ? "mentee" : "mentor",
        names: namePartsOf(partner.realName, partner.displayName),
        label: displayNameOf(partner),
      },
    };
    let suggestion: SummarySuggestion | null = null;
    let reason: string | null = null;
    const consent = pairConsent(m.program, person, {
      aiOptIn: partner.aiOptIn,
      displayName: displayNameOf(partner),
    });
    if (!ai.configured) reason = aiFailureLabels.off;
    else if (!consent.allowed) reason = consent.reason;
    else {
      const result = await ai.structured({
        workspaceId,
        feature: "session_summary",
        task: SESSION_SUMMARY_TASK,
        data: summaryRequestData({ agenda, notes }, names),
        schema: sessionSummarySchema,
        schemaName: SESSION_SUMMARY_SCHEMA_NAME,
        maxOutputTokens: SESSION_SUMMARY_MAX_TOKENS,
      });
      if (!result.ok) reason = aiFailureLabels[result.failure];
      else {
        const answer = fromAiAnswer(result.value, names, form.today);
        if (answer.takeaways.length || answer.actionItems.length) suggestion = answer;
        else reason = "the AI found nothing to suggest";
      }
    }
    const source = suggestion ? "ai" : "local";
    suggestion ??= localSummary({
      agenda,
      notes,
      names: { me: names.me.names, partner: names.partner.names },
      today: form.today,
    });
    const { addedTexts, ...filled } = fillForm(request.takeaways ?? "", rows, suggestion);
    return {
      form,
      source,
      reason,
      ...filled,
      aiSuggestions: source === "ai" ? [...new Set(addedTexts.map(fingerprint))] : [],
    };
  }

  /** The form read and checked; every problem is collected and thrown together. */
  private validate({ m, person }: PairView, input: SessionLogInput, now: Date) {
    const tz = zoneOf(person.tz);
    const today = todayIn(now, tz);
    const horizon = today.plus({ days: HORIZON_DAYS });
    const problems: FieldError[] = [];
    const problem = (field: string, message: string) => problems.push(new FieldError(field, message));

    const day = input.heldOn ? DateTime.fromISO(input.heldOn, { zone: tz }).startOf("day") : null;
    const started = local(m.startedAt ?? m.createdAt, tz).startOf("day");
    if (!day?.isValid) problem("held_on", "Choose the date you met.");
    else if (day > today) problem("held_on", "That date is in the future. Choose the day you met.");
    else if (day < started) {
      problem(
        "held_on",
        `Your mentorship started on ${started.toFormat("d LLLL yyyy")}. Choose a date from then on.`,
      );
    }
    const minutes = input.minutes ?? Number.NaN;
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 480)
      problem("minutes", "Choose how long you met.");

    const items: Array<{ text: string; owner: "me" | "partner"; dueOn: string | null }> = [];
    (input.actionItems ?? []).slice(0, MAX_ACTION_ITEMS).forEach((row, i) => {
      const n = i + 1;
      const text = cleanText(row.text)?.replace(/\s+/g, " ") ?? null;
      const owner = row.owner === "partner" ? "partner" : "me";
      if (!text) {
        if (row.owner || row.dueOn)
          problem(`item_${n}`, "Write what needs doing, or clear this item's owner and due date.");
        return;
      }
      if (text.length > 300) problem(`item_${n}`, "Keep an action item under 300 characters.");
      let dueOn: string | null = null;
      if (row.dueOn) {
        const due = DateTime.fromISO(row.dueOn, { zone: tz }).startOf("day");
        if (!due.isValid) problem(`item_${n}_due`, "Choose a due date.");
        else if (due < today) problem(`item_${n}_due`, "That date has passed. Choose today or a later date.");
        else if (due > horizon) problem(`item_${n}_due`, "Choose a due date within a year.");
        else dueOn = isoDay(due);
      }
      items.push({ text: text.slice(0, 300), owner, dueOn });
    });

    let next: Date | null = null;
    if (input.nextOn || input.nextTime) {
      const nextDay = input.nextOn ? DateTime.fromISO(input.nextOn, { zone: tz }).startOf("day") : null;
      const time = input.nextTime && SESSION_TIMES.includes(input.nextTime) ? input.nextTime : null;
      if (!nextDay) problem("next_on", "Choose the date of the next session, or clear its time.");
      else if (!nextDay.isValid) problem("next_on", "Choose the date of the next session.");
      else if (nextDay < today) problem("next_on", "That date has passed. Choose today or a later date.");
      else if (nextDay > horizon) problem("next_on", "Plan the next session within a year.");
      else if (!time) problem("next_time", "Choose the time you'll meet (your time).");
      else {
        const at = DateTime.fromISO(`${isoDay(nextDay)}T${time}`, { zone: tz });
        if (at.toMillis() <= now.getTime())
          problem("next_time", "That time has passed. Choose a later time.");
        else next = at.toJSDate();
      }
    }
    if (problems.length > 0) throw new FormErrors(problems);
    return {
      day: day as DateTime<true>,
      minutes,
      agenda: cleanText(input.agenda),
      notes: cleanText(input.privateNotes),
      takeaways: splitLines(input.takeaways, MAX_TAKEAWAYS),
      items,
      next,
    };
  }

  /** An action item's reminder: on its due date (the Friday before a weekend one), in the owner's hours. */
  private async planReminder(tx: Db, m: Pair, owner: Member, itemId: string, dueOn: string, now: Date) {
    let day = DateTime.fromISO(dueOn, { zone: zoneOf(owner.tz) }).startOf("day");
    while (day.weekday > 5 && day > todayIn(now, owner.tz)) day = day.minus({ days: 1 });
    await enqueue(
      tx,
      {
        workspaceId: m.program.workspaceId,
        programId: m.programId,
        kind: "action_item_due",
        key: mentorshipJobKey("action_item_due", m.id, itemId, dueOn),
        payload: { mentorshipId: m.id, actionItemId: itemId, dueOn },
        dueAt: deliveryTime(day.toJSDate(), owner, now, programWindow(m.program)),
      },
      now,
    );
  }

  /**
   * The next session: replaces any future plan (its prompts fall silent), and queues each
   * person's agenda prompt for the working day before, in their own hours.
   */
  private async planNext(tx: Db, m: Pair, at: Date, now: Date): Promise<void> {
    const future = await tx.mentoringSession.findMany({
      where: { mentorshipId: m.id, status: "PLANNED", heldOn: { gt: now } },
    });
    if (future.some((s) => s.heldOn.getTime() === at.getTime())) return;
    for (const old of future) {
      await tx.mentoringSession.update({ where: { id: old.id }, data: { status: "CANCELLED" } });
      await cancelAgendaPrompts(tx, m.id, old.id, "the next session was moved", now);
    }
    const planned = await tx.mentoringSession.create({
      data: { mentorshipId: m.id, status: "PLANNED", heldOn: at },
    });
    for (const who of [m.mentor, m.mentee]) {
      let day = local(at, who.tz).startOf("day").minus({ days: 1 });
      while (day.weekday > 5) day = day.minus({ days: 1 });
      const dueAt = deliveryTime(day.toJSDate(), who, now, programWindow(m.program));
      if (dueAt.getTime() > at.getTime() - AGENDA_MIN_LEAD_MS) continue;
      await enqueue(
        tx,
        {
          workspaceId: m.program.workspaceId,
          programId: m.programId,
          kind: "agenda_prompt",
          key: mentorshipJobKey("agenda_prompt", m.id, planned.id, who.id),
          payload: {
            mentorshipId: m.id,
            sessionId: planned.id,
            memberId: who.id,
            plannedFor: at.toISOString(),
          },
          dueAt,
        },
        now,
      );
    }
  }

  // ---------- the pair's sessions ----------

  /** "Our sessions": newest first, private notes included; only the two people may read it. */
  async history(workspaceId: string, slackUserId: string, mentorshipId: string): Promise<SessionHistory> {
    const { m, person, partner } = await requirePair(this.prisma, workspaceId, slackUserId, mentorshipId, {
      running: false,
    });
    const now = this.now();
    const [held, total, planned] = await Promise.all([
      this.prisma.mentoringSession.findMany({
        where: { mentorshipId: m.id, status: "HELD" },
        orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }],
        take: HISTORY_SESSIONS,
        include: { loggedBy: true, actionItems: { orderBy: { createdAt: "asc" } } },
      }),
      this.prisma.mentoringSession.count({ where: { mentorshipId: m.id, status: "HELD" } }),
      this.prisma.mentoringSession.findFirst({
        where: { mentorshipId: m.id, status: "PLANNED", heldOn: { gt: now } },
        orderBy: { heldOn: "asc" },
      }),
    ]);
    // Open items of older sessions (or of none) still count: they are listed on their own.
    const others = await this.prisma.actionItem.findMany({
      where: {
        mentorshipId: m.id,
        status: "OPEN",
        OR: [{ sessionId: null }, { sessionId: { notIn: held.map((s) => s.id) } }],
      },
      orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
      take: 20,
    });
    const itemView = (i: ItemRow) => viewItem(i, person, partner, now);
    return {
      mentorshipId: m.id,
      partnerName: displayNameOf(partner),
      programName: m.program.name,
      running: m.status === "ACTIVE" || m.status === "PAUSED",
      nextSession: planned ? instantLabel(planned.heldOn, person.tz) : null,
      sessions: held.map((s) => ({
        id: s.id,
        heldOn: calendarDay(s.heldOn).toFormat("cccc d LLLL yyyy"),
        minutes: s.durationMinutes,
        agenda: s.agenda,
        takeaways: s.takeaways,
        privateNotes: s.privateNotes,
        loggedBy: !s.loggedBy ? null : s.loggedBy.id === person.id ? "you" : displayNameOf(s.loggedBy),
        actionItems: s.actionItems.filter((i) => i.status !== "DROPPED").map(itemView),
      })),
      olderSessions: Math.max(0, total - held.length),
      otherOpenItems: others.map(itemView),
    };
  }

  // ---------- action items ----------

  /**
   * Ticks an action item off: either person of the pair may tick any of the pair's items (the
   * other sees it next time). Ticking twice is harmless; an item of another pair is refused.
   */
  async completeActionItem(
    workspaceId: string,
    slackUserId: string,
    itemId: string,
  ): Promise<ActionItemDone> {
    const refused = new NotFoundError("That action item isn't one of yours, or it no longer exists.");
    const item = itemId ? await this.prisma.actionItem.findUnique({ where: { id: itemId } }) : null;
    if (!item) throw refused;
    let pair: PairView;
    try {
      pair = await requirePair(this.prisma, workspaceId, slackUserId, item.mentorshipId, { running: false });
    } catch (error) {
      if (error instanceof NotFoundError) throw refused;
      throw error;
    }
    const { person, partner } = pair;
    if (item.status === "DROPPED") throw new UserError("That action item was dropped.");
    const now = this.now();
    let already = item.status === "DONE";
    if (!already) {
      already = await this.prisma.$transaction(async (tx) => {
        const { count } = await tx.actionItem.updateMany({
          where: { id: item.id, status: "OPEN" },
          data: { status: "DONE", doneAt: now },
        });
        await tx.scheduledJob.updateMany({
          where: {
            status: "PENDING",
            idempotencyKey: {
              startsWith: `${mentorshipJobKey("action_item_due", item.mentorshipId, item.id)}:`,
            },
          },
          data: { status: "CANCELLED", cancelReason: "the action item is done", finishedAt: now },
        });
        return count === 0;
      });
    }
    return {
      itemId: item.id,
      mentorshipId: item.mentorshipId,
      text: item.text,
      ownerName: item.ownerId === person.id ? "You" : displayNameOf(partner),
      already,
      people: [person.slackUserId, partner.slackUserId],
    };
  }

  // ---------- jobs ----------

  /** An action item's due-date reminder to its owner, or why not now (done, re-dated, paused). */
  async prepareActionItemReminder(p: {
    mentorshipId: string;
    actionItemId: string;
    dueOn: string;
  }): Promise<Step<ActionItemReminder>> {
    const now = this.now();
    const item = await this.prisma.actionItem.findUnique({
      where: { id: p.actionItemId },
      include: { session: true },
    });
    if (!item || item.mentorshipId !== p.mentorshipId)
      return { do: "skip", reason: "the action item no longer exists" };
    const found = await reachable(
      this.prisma,
      { mentorshipId: p.mentorshipId, memberId: item.ownerId },
      now,
      {
        whenPaused: "defer",
        stale: () =>
          item.status === "DONE"
            ? "the action item is done"
            : item.status === "DROPPED"
              ? "the action item was dropped"
              : !item.dueOn || isoDateOf(item.dueOn) !== p.dueOn
                ? "the action item's due date changed"
                : undefined,
      },
    );
    if ("stop" in found) return found.stop;
    const { m, person } = found;
    const today = todayIn(now, person.tz);
    const due = DateTime.fromISO(p.dueOn, { zone: zoneOf(person.tz) }).startOf("day");
    const days = Math.round(due.diff(today, "days").days);
    return {
      do: "send",
      to: person.slackUserId,
      what: {
        itemId: item.id,
        mentorshipId: m.id,
        text: item.text,
        due: days === 0 ? "today" : days === 1 ? "tomorrow" : dateLabel(due),
        overdue: days < 0,
        partnerName: displayNameOf(partnerOf(m, person.id)),
        agreedOn: item.session ? dateLabel(calendarDay(item.session.heldOn)) : null,
      },
    };
  }

  /** One person's agenda prompt the day before a planned session, or why not (moved, logged, over). */
  async prepareAgendaPrompt(p: {
    mentorshipId: string;
    sessionId: string;
    memberId: string;
    plannedFor: string;
  }): Promise<Step<AgendaPrompt>> {
    const now = this.now();
    const session = await this.prisma.mentoringSession.findUnique({ where: { id: p.sessionId } });
    const found = await reachable(this.prisma, p, now, {
      stale: () => {
        if (!session || session.mentorshipId !== p.mentorshipId)
          return "the planned session no longer exists";
        if (session.status === "HELD") return "the session was logged as held";
        if (session.status === "CANCELLED") return "the planned session was cancelled or moved";
        if (session.heldOn.toISOString() !== new Date(p.plannedFor).toISOString())
          return "the planned session was moved";
        if (session.heldOn.getTime() - now.getTime() < AGENDA_MIN_LEAD_MS)
          return "the session is about to start or has passed";
        return undefined;
      },
    });
    if ("stop" in found) return found.stop;
    const { m, person } = found;
    const partner = partnerOf(m, person.id);
    const at = new Date(p.plannedFor);
    const [open, last] = await Promise.all([
      this.prisma.actionItem.findMany({
        where: { mentorshipId: m.id, status: "OPEN" },
        orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
        take: 15,
      }),
      this.prisma.mentoringSession.findFirst({
        where: { mentorshipId: m.id, status: "HELD" },
        orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }],
      }),
    ]);
    const days = Math.round(local(at, person.tz).startOf("day").diff(todayIn(now, person.tz), "days").days);
    const time = local(at, person.tz).toFormat("HH:mm");
    const when =
      days <= 0
        ? `Today at ${time}`
        : days === 1
          ? `Tomorrow at ${time}`
          : `On ${dateLabel(local(at, person.tz))} at ${time}`;
    return {
      do: "send",
      to: person.slackUserId,
      what: {
        mentorshipId: m.id,
        sessionId: p.sessionId,
        partnerName: displayNameOf(partner),
        programName: m.program.name,
        when,
        openItems: open.map((i) => viewItem(i, person, partner, now)),
        lastSession: last ? { heldOn: dateLabel(calendarDay(last.heldOn)), takeaways: last.takeaways } : null,
      },
    };
  }
}

type ItemRow = {
  id: string;
  text: string;
  ownerId: string;
  status: ActionItemView["status"];
  dueOn: Date | null;
};

function viewItem(i: ItemRow, viewer: Member, partner: Member, now: Date): ActionItemView {
  const yours = i.ownerId === viewer.id;
  return {
    id: i.id,
    text: i.text,
    ownerName: yours ? "You" : displayNameOf(partner),
    yours,
    status: i.status,
    dueOn: i.dueOn ? dateLabel(calendarDay(i.dueOn)) : null,
    overdue: i.status === "OPEN" && i.dueOn !== null && isoDateOf(i.dueOn) < isoDay(todayIn(now, viewer.tz)),
  };
}

/** Cancels the pending agenda prompts of one planned session. */
async function cancelAgendaPrompts(
  tx: Db,
  mentorshipId: string,
  sessionId: string,
  reason: string,
  now: Date,
) {
  await tx.scheduledJob.updateMany({
    where: {
      status: "PENDING",
      idempotencyKey: { startsWith: `${mentorshipJobKey("agenda_prompt", mentorshipId, sessionId)}:` },
    },
    data: { status: "CANCELLED", cancelReason: reason, finishedAt: now },
  });
}
