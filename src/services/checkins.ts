// Keeping a mentorship alive between sessions: check-in cycles on the pair's cadence, each
// person's nudge inside their own working hours, the answers and what they change (a session
// log, a snooze, a pause, closing), the at-risk flag, the "shall we keep going?" question after
// three silent cycles, reflection prompts saved to the journal, and the end-of-program question.
//
// The mentorship's `nextCheckinAt` is the one source of truth for its cycle: a check-in round job
// runs only while its planned time still equals it, so a pause, a resume or a changed cadence
// simply plans a new round and every older one turns into a no-op.

import { DateTime } from "luxon";
import type { AiClient } from "../ai/client.ts";
import { namePartsOf } from "../ai/privacy.ts";
import { aiPromptKey, aiReflectionPrompt } from "../ai/reflection.ts";
import { pairConsent } from "../domain/ai-consent.ts";
import { dayLabel, isoDateOf } from "../domain/dates.ts";
import { checkinJobKinds } from "../domain/jobs.ts";
import { displayNameOf } from "../domain/members.ts";
import { type PromptAudience, pickPrompt } from "../domain/reflection-prompts.ts";
import { deliveryTime, nextCheckin, programWindow, riskOf } from "../domain/schedule.ts";
import type { CheckInAnswer, CheckInKind } from "../generated/prisma/enums.ts";
import { closeMentorship } from "./closing.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { Db, Member, PrismaClient } from "./db.ts";
import { FieldError, NotFoundError, UserError } from "./errors.ts";
import { cancelMentorshipJobs, enqueue, type JobsEnqueued } from "./outbox.ts";
import { type Pair, pairInclude, partnerOf, reachable, type Step } from "./pair-access.ts";

export type { Step } from "./pair-access.ts";

const DAY = 24 * 60 * 60 * 1000;
export const SNOOZE_DAYS = 7;
export const QUIET_FOLLOWUP_DAYS = 7;
/** Mentees get a reflection prompt two days after each nudge; mentors every other nudge. */
const REFLECTION_DELAY_DAYS = 2;

export type CheckinKind = "NUDGE" | "PULSE" | "END_OF_ROUND" | "CONTINUE";

export interface CheckinMessage {
  checkInId: string;
  kind: CheckinKind;
  partnerName: string;
  programName: string;
  cadenceDays: number;
  /** The last session's date in the recipient's time zone, or null when none was logged. */
  lastSession: string | null;
  startedOn: string;
  programEndsOn: string | null;
}

export interface ReflectionMessage {
  mentorshipId: string;
  promptKey: string;
  prompt: string;
  partnerName: string;
  /** Written by AI from the mentee's goals and the pair's last takeaways (the DM says so). */
  tailored: boolean;
}

export interface CheckinContext {
  checkInId: string;
  kind: CheckInKind;
  mentorshipId: string;
  partnerName: string;
  programName: string;
  /** Today in the member's time zone (YYYY-MM-DD), for the session log's date picker. */
  today: string;
  startedOn: string;
}

export interface AnswerResult {
  answer: CheckInAnswer | "PULSE";
  partnerName: string;
  /** When the pair hears from Tandem next, in the member's time zone (human words). */
  next: string | null;
  pulse?: number;
  /** Set when the pair's check-ins are paused: until when, in the member's time zone. */
  pausedUntil?: string;
}

const localDay = (instant: Date, tz: string) => DateTime.fromJSDate(instant, { zone: tz });

function cadenceOf(m: Pair): number {
  return m.cadenceDays ?? m.program.checkinCadenceDays;
}

/**
 * Plans the first check-in cycle of a mentorship that just started, and the end-of-program
 * question when the program has an end date. Runs in the transaction that activated it.
 */
export async function scheduleCheckins(tx: Db, mentorshipId: string, now: Date): Promise<void> {
  const m = await tx.mentorship.findUniqueOrThrow({ where: { id: mentorshipId }, include: pairInclude });
  await planRound(tx, m, { at: m.startedAt ?? now, kind: "START" }, 1, now);
  const endsOn = m.program.endsOn;
  if (endsOn && endsOn.getTime() > now.getTime()) {
    for (const person of [m.mentor, m.mentee]) {
      await enqueue(
        tx,
        {
          workspaceId: m.program.workspaceId,
          programId: m.programId,
          kind: "checkin",
          key: `checkin:${m.id}:end:${isoDateOf(endsOn)}:${person.id}`,
          payload: {
            mentorshipId: m.id,
            memberId: person.id,
            kind: "END_OF_ROUND",
            endsOn: isoDateOf(endsOn),
          },
          dueAt: deliveryTime(endsOn, person, now, programWindow(m.program)),
        },
        now,
      );
    }
  }
}

/**
 * Queues the cycle after `last`. Cycles that fell in the past (Tandem was down) are skipped, and
 * so is one that would come less than half a cadence from now: a late nudge going out today is
 * not followed by the next one tomorrow.
 */
export async function planRound(
  tx: Db,
  m: Pair,
  last: { at: Date; kind: "NUDGE" | "PULSE" | "START" },
  seq: number,
  now: Date,
): Promise<Date> {
  const cadence = cadenceOf(m);
  let next = nextCheckin(last, cadence, m.program.midCadencePulse);
  let n = seq;
  const minGap = Math.max(DAY, Math.floor(cadence / 2) * DAY) - 6 * 60 * 60 * 1000;
  while (next.at.getTime() < now.getTime() + minGap) {
    next = nextCheckin(next, cadence, m.program.midCadencePulse);
    n++;
  }
  await enqueue(
    tx,
    {
      workspaceId: m.program.workspaceId,
      programId: m.programId,
      kind: "checkin_round",
      key: `checkin_round:${m.id}:${next.at.toISOString()}`,
      payload: { mentorshipId: m.id, seq: n, kind: next.kind, at: next.at.toISOString() },
      dueAt: next.at,
    },
    now,
  );
  await tx.mentorship.update({ where: { id: m.id }, data: { nextCheckinAt: next.at } });
  return next.at;
}

export class CheckinService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly coordinators: CoordinatorService,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
    /** Tailors reflection prompts when set up and both people allow it; else the library's. */
    private readonly ai?: AiClient,
  ) {}

  // ---------- jobs ----------

  /**
   * A check-in cycle comes round: count the last cycle's answers, update the at-risk flag,
   * queue each person's nudge (or, after three silent cycles, the "keep going?" question) and
   * reflection prompts, and plan the next cycle.
   */
  async runRound(p: {
    mentorshipId: string;
    seq: number;
    kind: "NUDGE" | "PULSE";
    at: string;
  }): Promise<string> {
    const now = this.now();
    const result = await this.prisma.$transaction(async (tx) => {
      const m = await tx.mentorship.findUnique({ where: { id: p.mentorshipId }, include: pairInclude });
      if (!m) return "skip:the mentorship no longer exists";
      if (m.status === "PAUSED")
        return "skip:the mentorship is paused; check-ins restart when the pause ends";
      if (m.status !== "ACTIVE") return "skip:the mentorship has ended";
      if (m.nextCheckinAt?.toISOString() !== p.at) return "skip:replaced by a newer check-in plan";

      let unanswered = m.unansweredCheckins;
      if (m.lastCheckinAt) {
        const sent = await tx.checkIn.findMany({
          where: {
            mentorshipId: m.id,
            sentAt: { gte: m.lastCheckinAt },
            kind: { in: ["NUDGE", "PULSE", "CONTINUE"] },
          },
          select: { answeredAt: true },
        });
        if (sent.length > 0 && sent.every((c) => c.answeredAt === null)) unanswered++;
      }
      const risk = riskOf(
        {
          startedAt: m.startedAt ?? m.createdAt,
          lastSessionAt: m.lastSessionAt,
          cadenceDays: cadenceOf(m),
          unansweredCheckins: unanswered,
        },
        now,
      );
      const window = programWindow(m.program);
      const queue = (person: Member, kind: CheckinKind, key: string, reflect = false) =>
        enqueue(
          tx,
          {
            workspaceId: m.program.workspaceId,
            programId: m.programId,
            kind: "checkin",
            key,
            payload: { mentorshipId: m.id, memberId: person.id, kind, ...(reflect ? { reflect } : {}) },
            dueAt: deliveryTime(now, person, now, window),
          },
          now,
        );
      let sentWhat: string;
      if (unanswered >= 3) {
        // Ask once per silent streak; answering anything resets the streak.
        if (unanswered === 3) {
          for (const person of [m.mentor, m.mentee])
            await queue(person, "CONTINUE", `checkin:${m.id}:${p.at}:continue:${person.id}`);
          await enqueue(
            tx,
            {
              workspaceId: m.program.workspaceId,
              programId: m.programId,
              kind: "quiet_followup",
              key: `quiet_followup:${m.id}:${p.at}`,
              payload: { mentorshipId: m.id, askedAt: now.toISOString() },
              dueAt: new Date(now.getTime() + QUIET_FOLLOWUP_DAYS * DAY),
            },
            now,
          );
          sentWhat = "asked whether to keep going";
        } else sentWhat = "quiet: already asked whether to keep going";
      } else {
        // Reflections follow nudges: the mentee's every time, the mentor's every other time.
        const nudgeNo = m.program.midCadencePulse ? Math.ceil(p.seq / 2) : p.seq;
        for (const person of [m.mentor, m.mentee]) {
          const reflect = p.kind === "NUDGE" && (person.id === m.menteeId || nudgeNo % 2 === 0);
          await queue(person, p.kind, `checkin:${m.id}:${p.at}:${person.id}`, reflect);
        }
        sentWhat = `${p.kind.toLowerCase()} queued for both`;
      }
      await tx.mentorship.update({
        where: { id: m.id },
        data: {
          unansweredCheckins: unanswered,
          atRiskReason: risk ?? null,
          lastCheckinAt: now,
          checkinRounds: { increment: 1 },
        },
      });
      await planRound(tx, m, { at: new Date(p.at), kind: p.kind }, p.seq + 1, now);
      return `done:cycle ${p.seq}: ${sentWhat}${risk ? `; at risk: ${risk}` : ""}`;
    });
    this.jobsEnqueued();
    return result;
  }

  /** One person's check-in DM: whom to send it to and what it says, or why not now. */
  async prepareCheckin(
    jobId: string,
    p: { mentorshipId: string; memberId: string; kind: CheckinKind; endsOn?: string | undefined },
  ): Promise<Step<CheckinMessage>> {
    const now = this.now();
    // The end-of-mentorship question is stale once the end date moved: the pair's agreed end
    // date wins over the program's.
    const agreedEnd =
      p.kind === "END_OF_ROUND"
        ? (await this.prisma.agreement.findUnique({ where: { mentorshipId: p.mentorshipId } }))?.endsOn
        : null;
    const found = await reachable(this.prisma, p, now, {
      stale: (m) => {
        if (p.kind !== "END_OF_ROUND") return undefined;
        const endsOn = agreedEnd ?? m.program.endsOn;
        const changed = p.endsOn
          ? (endsOn ? isoDateOf(endsOn) : undefined) !== p.endsOn
          : !endsOn || endsOn.getTime() > now.getTime() + DAY;
        return changed ? "the end date changed" : undefined;
      },
    });
    if ("stop" in found) return found.stop;
    const { m, person } = found;
    const to = person.slackUserId;
    const partner = partnerOf(m, person.id);
    const endsOn = agreedEnd ?? m.program.endsOn;
    return {
      do: "send",
      to,
      what: {
        checkInId: jobId,
        kind: p.kind,
        partnerName: displayNameOf(partner),
        programName: m.program.name,
        cadenceDays: cadenceOf(m),
        lastSession: m.lastSessionAt ? dayLabel(m.lastSessionAt, person.tz) : null,
        startedOn: dayLabel(m.startedAt ?? m.createdAt, person.tz),
        programEndsOn: endsOn ? dayLabel(endsOn, "UTC") : null,
      },
    };
  }

  /**
   * The check-in DM went out: record it, so its buttons work and the next cycle can count it,
   * and plan the reflection prompt that follows a nudge two days after it reached the person.
   */
  async recordCheckinSent(
    checkInId: string,
    p: { mentorshipId: string; memberId: string; kind: CheckinKind; reflect?: boolean | undefined },
    sent: { channelId?: string | undefined; messageTs?: string | undefined },
  ): Promise<void> {
    const now = this.now();
    const data = { sentAt: now, channelId: sent.channelId ?? null, messageTs: sent.messageTs ?? null };
    await this.prisma.$transaction(async (tx) => {
      await tx.checkIn.upsert({
        where: { id: checkInId },
        create: { id: checkInId, mentorshipId: p.mentorshipId, memberId: p.memberId, kind: p.kind, ...data },
        update: { channelId: data.channelId, messageTs: data.messageTs },
      });
      if (!p.reflect) return;
      const m = await tx.mentorship.findUnique({ where: { id: p.mentorshipId }, include: pairInclude });
      const person = m && (m.mentorId === p.memberId ? m.mentor : m.mentee);
      if (!m || !person) return;
      const after = new Date(now.getTime() + REFLECTION_DELAY_DAYS * DAY);
      await enqueue(
        tx,
        {
          workspaceId: m.program.workspaceId,
          programId: m.programId,
          kind: "reflection",
          key: `reflection:${m.id}:${checkInId}`,
          payload: { mentorshipId: m.id, memberId: person.id },
          dueAt: deliveryTime(after, person, now, programWindow(m.program)),
        },
        now,
      );
    });
  }

  /**
   * A person's reflection prompt. With AI set up, the program allowing it and both people opted
   * in (the prompt draws on the pair's takeaways), a question tailored to the mentee's active
   * goals and the last takeaways; otherwise, or when the AI answer is unusable, the library's next
   * prompt. The member's last library prompt is remembered, so the library never repeats.
   */
  async prepareReflection(p: { mentorshipId: string; memberId: string }): Promise<Step<ReflectionMessage>> {
    const found = await reachable(this.prisma, p, this.now());
    if ("stop" in found) return found.stop;
    const { m, person } = found;
    const to = person.slackUserId;
    const audience: PromptAudience = person.id === m.menteeId ? "mentee" : "mentor";
    const [goals, session] = await Promise.all([
      this.prisma.goal.findMany({
        where: { mentorshipId: m.id, ownerId: m.menteeId, status: "ACTIVE" },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { title: true },
        take: 3,
      }),
      this.prisma.mentoringSession.findFirst({
        where: { mentorshipId: m.id, status: "HELD", takeaways: { isEmpty: false } },
        orderBy: { heldOn: "desc" },
        select: { takeaways: true },
      }),
    ]);
    const partner = partnerOf(m, person.id);
    const partnerName = displayNameOf(partner);
    const takeaways = session?.takeaways ?? [];
    const tailored = await this.tailoredPrompt(m, person, partner, audience, goals, takeaways);
    // A tailored prompt leaves the library's place alone: the next library prompt (when the AI
    // is off or fails) follows the last library one, not the top of the list again.
    const prompt = tailored
      ? { key: aiPromptKey(tailored), text: tailored }
      : // Choose and remember the prompt under a lock on the member: two prompts to one person (a
        // mentor of several) that run side by side still never repeat each other.
        await this.prisma.$transaction(async (tx) => {
          const [locked] = await tx.$queryRaw<Array<{ lastPromptKey: string | null }>>`
            SELECT "lastPromptKey" FROM "Member" WHERE id = ${person.id} FOR UPDATE`;
          const chosen = pickPrompt(
            { audience, partnerName, goal: goals[0]?.title, takeaway: takeaways[0] },
            locked?.lastPromptKey ?? null,
          );
          await tx.member.update({ where: { id: person.id }, data: { lastPromptKey: chosen.key } });
          return chosen;
        });
    return {
      do: "send",
      to,
      what: {
        mentorshipId: m.id,
        promptKey: prompt.key,
        prompt: prompt.text,
        partnerName,
        tailored: tailored !== undefined,
      },
    };
  }

  /** The AI's question for this person, or undefined (AI off, no consent, nothing to tailor to, a failure). */
  private async tailoredPrompt(
    m: Pair,
    person: Member,
    partner: Member,
    audience: PromptAudience,
    goals: ReadonlyArray<{ title: string }>,
    takeaways: readonly string[],
  ): Promise<string | undefined> {
    const ai = this.ai;
    if (!ai?.configured || (goals.length === 0 && takeaways.length === 0)) return undefined;
    if (!pairConsent(m.program, person, { aiOptIn: partner.aiOptIn }).allowed) return undefined;
    const names = namePartsOf(person.realName, person.displayName, partner.realName, partner.displayName);
    const answer = await aiReflectionPrompt(
      ai,
      m.program.workspaceId,
      { audience, goals: goals.map((g) => g.title), takeaways },
      names,
    );
    return answer.ok ? answer.question : undefined;
  }

  /** A week after the "keep going?" question: tell the coordinators if nobody answered. */
  async quietFollowup(p: { mentorshipId: string; askedAt: string }): Promise<string> {
    const m = await this.prisma.mentorship.findUnique({
      where: { id: p.mentorshipId },
      include: pairInclude,
    });
    if (m?.status !== "ACTIVE") return "skip:the mentorship is no longer active";
    const answered = await this.prisma.checkIn.count({
      where: { mentorshipId: m.id, answeredAt: { gte: new Date(p.askedAt) } },
    });
    if (answered > 0) return "skip:the pair answered";
    const sent = await this.coordinators.tellProgramCoordinators(
      m.program,
      `quiet:${m.id}:${p.askedAt}`,
      {
        type: "pair_quiet",
        programName: m.program.name,
        mentorName: displayNameOf(m.mentor),
        menteeName: displayNameOf(m.mentee),
        unanswered: m.unansweredCheckins,
      },
      this.now(),
    );
    return `done:told ${sent} coordinator${sent === 1 ? "" : "s"}`;
  }

  /** A mentorship's pause ends: check-ins start again and both people are told. */
  async resume(p: { mentorshipId: string; until: string }): Promise<string> {
    const now = this.now();
    const result = await this.prisma.$transaction(async (tx) => {
      const m = await tx.mentorship.findUnique({ where: { id: p.mentorshipId }, include: pairInclude });
      if (m?.status !== "PAUSED" || m.pausedUntil?.toISOString() !== p.until)
        return "skip:the pause had already ended or changed";
      await tx.mentorship.update({ where: { id: m.id }, data: { status: "ACTIVE", pausedUntil: null } });
      await planRound(tx, m, { at: now, kind: "START" }, 1, now);
      for (const person of [m.mentor, m.mentee]) {
        await enqueue(
          tx,
          {
            workspaceId: m.program.workspaceId,
            programId: m.programId,
            kind: "dm",
            key: `mentorship_resumed:${m.id}:${p.until}:${person.id}`,
            payload: {
              recipient: person.slackUserId,
              notice: {
                type: "mentorship_resumed",
                partnerName: displayNameOf(partnerOf(m, person.id)),
                programName: m.program.name,
              },
            },
            dueAt: deliveryTime(now, person, now, programWindow(m.program)),
          },
          now,
        );
      }
      return "done:check-ins are on again";
    });
    this.jobsEnqueued();
    return result;
  }

  // ---------- answers ----------

  /** The check-in a button belongs to, checked against the person who clicked it. */
  async context(workspaceId: string, slackUserId: string, checkInId: string): Promise<CheckinContext> {
    const { checkIn, m, person } = await this.owned(workspaceId, slackUserId, checkInId);
    return {
      checkInId: checkIn.id,
      kind: checkIn.kind,
      mentorshipId: m.id,
      partnerName: displayNameOf(partnerOf(m, person.id)),
      programName: m.program.name,
      today: localDay(this.now(), person.tz).toISODate() ?? "",
      startedOn: localDay(m.startedAt ?? m.createdAt, person.tz).toISODate() ?? "",
    };
  }

  private async owned(workspaceId: string, slackUserId: string, checkInId: string) {
    const checkIn = await this.prisma.checkIn.findUnique({
      where: { id: checkInId },
      include: { member: true, mentorship: { include: pairInclude } },
    });
    if (
      !checkIn ||
      checkIn.member.slackUserId !== slackUserId ||
      checkIn.member.workspaceId !== workspaceId
    ) {
      throw new NotFoundError("This check-in isn't one of yours, or it no longer exists.");
    }
    const m = checkIn.mentorship;
    if (m.status !== "ACTIVE" && m.status !== "PAUSED") {
      throw new UserError(`Your mentorship with ${displayNameOf(partnerOf(m, checkIn.memberId))} has ended.`);
    }
    return { checkIn, m, person: checkIn.member };
  }

  /** Rescheduled, not yet, snooze, keep going: stored, and the silent streak ends. */
  async answer(
    workspaceId: string,
    slackUserId: string,
    checkInId: string,
    answer: "RESCHEDULED" | "NOT_YET" | "SNOOZED" | "CONTINUE" | "MET_AT_END" | "NOT_MET_AT_END",
  ): Promise<AnswerResult> {
    const { checkIn, m, person } = await this.owned(workspaceId, slackUserId, checkInId);
    const now = this.now();
    const stored: CheckInAnswer =
      answer === "MET_AT_END" ? "MET" : answer === "NOT_MET_AT_END" ? "NOT_YET" : answer;
    let next: Date | null = m.nextCheckinAt;
    await this.prisma.$transaction(async (tx) => {
      await tx.checkIn.update({ where: { id: checkIn.id }, data: { answer: stored, answeredAt: now } });
      await tx.mentorship.update({
        where: { id: m.id },
        data: { unansweredCheckins: 0, atRiskReason: this.riskAfterAnswer(m, now) },
      });
      if (answer === "SNOOZED" && m.status === "ACTIVE") {
        next = deliveryTime(
          new Date(now.getTime() + SNOOZE_DAYS * DAY),
          person,
          now,
          programWindow(m.program),
        );
        await enqueue(
          tx,
          {
            workspaceId: m.program.workspaceId,
            programId: m.programId,
            kind: "checkin",
            key: `checkin:${m.id}:snooze:${checkIn.id}`,
            payload: { mentorshipId: m.id, memberId: person.id, kind: checkIn.kind },
            dueAt: next,
          },
          now,
        );
      }
    });
    this.jobsEnqueued();
    return {
      answer: stored,
      partnerName: displayNameOf(partnerOf(m, person.id)),
      next:
        m.status !== "ACTIVE"
          ? null
          : answer === "SNOOZED" && next
            ? dayLabel(next, person.tz)
            : this.nextFor(m, person, now),
      ...(m.status === "PAUSED" && m.pausedUntil ? { pausedUntil: dayLabel(m.pausedUntil, person.tz) } : {}),
    };
  }

  /** The mid-cycle pulse: how the mentorship is going, 1 (not working) to 4 (going well). */
  async pulse(
    workspaceId: string,
    slackUserId: string,
    checkInId: string,
    value: number,
  ): Promise<AnswerResult> {
    if (!Number.isInteger(value) || value < 1 || value > 4)
      throw new UserError("That answer isn't on the scale.");
    const { checkIn, m, person } = await this.owned(workspaceId, slackUserId, checkInId);
    const now = this.now();
    await this.prisma.$transaction([
      this.prisma.checkIn.update({
        where: { id: checkIn.id },
        data: { answer: "PULSE", pulse: value, answeredAt: now },
      }),
      this.prisma.mentorship.update({
        where: { id: m.id },
        data: { unansweredCheckins: 0, atRiskReason: this.riskAfterAnswer(m, now) },
      }),
    ]);
    return {
      answer: "PULSE",
      pulse: value,
      partnerName: displayNameOf(partnerOf(m, person.id)),
      next: this.nextFor(m, person, now),
    };
  }

  /** When the person's next check-in will reach them (the cycle's day moved into their hours). */
  private nextFor(m: Pair, person: Member, now: Date): string | null {
    if (!m.nextCheckinAt) return null;
    return dayLabel(deliveryTime(m.nextCheckinAt, person, now, programWindow(m.program)), person.tz);
  }

  private riskAfterAnswer(m: Pair, now: Date, lastSessionAt = m.lastSessionAt): string | null {
    return (
      riskOf(
        {
          startedAt: m.startedAt ?? m.createdAt,
          lastSessionAt,
          cadenceDays: cadenceOf(m),
          unansweredCheckins: 0,
        },
        now,
      ) ?? null
    );
  }

  /** "Pause check-ins": the pair hears nothing until the date; the partner is told. */
  async pause(
    workspaceId: string,
    slackUserId: string,
    checkInId: string,
    weeks: number,
  ): Promise<{ partnerName: string; until: string }> {
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 26)
      throw new FieldError("weeks", "Choose how long to pause.");
    const { checkIn, m, person } = await this.owned(workspaceId, slackUserId, checkInId);
    const now = this.now();
    const until = new Date(now.getTime() + weeks * 7 * DAY);
    const partner = partnerOf(m, person.id);
    await this.prisma.$transaction(async (tx) => {
      await tx.checkIn.update({ where: { id: checkIn.id }, data: { answer: "PAUSE", answeredAt: now } });
      await tx.mentorship.update({
        where: { id: m.id },
        data: {
          status: "PAUSED",
          pausedUntil: until,
          unansweredCheckins: 0,
          atRiskReason: null,
          nextCheckinAt: null,
        },
      });
      await cancelMentorshipJobs(tx, m.id, `paused by ${displayNameOf(person)}`, now, checkinJobKinds);
      await enqueue(
        tx,
        {
          workspaceId: m.program.workspaceId,
          programId: m.programId,
          kind: "mentorship_resume",
          key: `mentorship_resume:${m.id}:${until.toISOString()}`,
          payload: { mentorshipId: m.id, until: until.toISOString() },
          dueAt: until,
        },
        now,
      );
      await enqueue(
        tx,
        {
          workspaceId: m.program.workspaceId,
          programId: m.programId,
          kind: "dm",
          key: `partner_paused:${m.id}:${until.toISOString()}`,
          payload: {
            recipient: partner.slackUserId,
            notice: {
              type: "partner_paused",
              partnerName: displayNameOf(person),
              programName: m.program.name,
              untilText: dayLabel(until, partner.tz),
            },
          },
        },
        now,
      );
    });
    this.jobsEnqueued();
    return { partnerName: displayNameOf(partner), until: dayLabel(until, person.tz) };
  }

  /** "Close our mentorship" from a check-in: it completes, the partner and coordinators are told. */
  async close(workspaceId: string, slackUserId: string, checkInId: string): Promise<{ partnerName: string }> {
    const { checkIn, m, person } = await this.owned(workspaceId, slackUserId, checkInId);
    const now = this.now();
    const partner = partnerOf(m, person.id);
    await this.prisma.$transaction(async (tx) => {
      const closed = await closeMentorship(
        tx,
        m,
        person,
        { where: "checkin", endReason: `closed at a check-in by ${displayNameOf(person)}` },
        now,
      );
      if (!closed) throw new UserError("This mentorship has already ended.");
      await tx.checkIn.update({ where: { id: checkIn.id }, data: { answer: "END", answeredAt: now } });
    });
    await this.coordinators.tellProgramCoordinators(
      m.program,
      `closed:${m.id}`,
      {
        type: "pair_closed",
        programName: m.program.name,
        closedByName: displayNameOf(person),
        partnerName: displayNameOf(partner),
      },
      this.now(),
    );
    return { partnerName: displayNameOf(partner) };
  }

  /** A reflection answered in its modal: saved to the member's journal. */
  async saveReflection(
    workspaceId: string,
    slackUserId: string,
    input: { mentorshipId: string; promptKey: string; prompt: string; body: string },
  ): Promise<void> {
    const body = input.body.trim();
    if (body.length < 2) throw new FieldError("body", "Write a sentence or two; it's only for you.");
    const member = await this.prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
    });
    const m = await this.prisma.mentorship.findUnique({ where: { id: input.mentorshipId } });
    if (!member || !m || (m.mentorId !== member.id && m.menteeId !== member.id)) {
      throw new NotFoundError("This reflection belongs to a mentorship you're not part of.");
    }
    await this.prisma.journalEntry.create({
      data: {
        memberId: member.id,
        mentorshipId: m.id,
        kind: "REFLECTION",
        promptKey: input.promptKey.slice(0, 64),
        prompt: input.prompt.slice(0, 500),
        body,
        createdAt: this.now(),
      },
    });
  }
}
