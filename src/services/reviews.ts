// Periodic reviews: every N weeks (the program's setting, 12 by default) both people look back at
// what the record shows (sessions, milestones, goals, action items), celebrate wins, say what
// should change, and choose to keep going, change something, or close. Closing well: the pair is
// thanked, a final reflection goes to the journal, and the mentee is invited to mentor in turn.
//
// The mentorship's `nextReviewAt` is the one source of truth for the review plan: a round runs
// only while its planned time still equals it. A paused pair's review moves to after the pause.
//
// A `review` job speaks to one person about one review cycle, and says what that cycle calls for
// when it runs: the invitation while they haven't answered, the pair's summary (as a group DM)
// once both have, and the closing thanks once the mentorship was closed at that review.

import { dayLabel } from "../domain/dates.ts";
import { mentorshipJobKey } from "../domain/jobs.ts";
import { displayNameOf, unreachableReason } from "../domain/members.ts";
import { deliveryTime, programWindow } from "../domain/schedule.ts";
import type { Review } from "../generated/prisma/client.ts";
import { closeMentorship } from "./closing.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { Db, Member, PrismaClient } from "./db.ts";
import { FieldError, NotFoundError } from "./errors.ts";
import { planPulseRequests } from "./feedback.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import { type Pair, pairInclude, partnerOf, reachable, requirePair, type Step } from "./pair-access.ts";

export type { Step } from "./pair-access.ts";

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
export const REVIEW_TEXT_MAX = 2000;

export const reviewDecisions = ["CONTINUE", "CHANGE", "CLOSE"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

/** What the record shows about a mentorship so far. */
export interface ReviewSummary {
  sessions: { held: number; last: string | null };
  /** Titles of completed milestones, most recent first (at most 10), and how many in all. */
  milestones: { titles: string[]; total: number };
  goals: { achieved: string[]; inProgress: number };
  actionItems: { done: number; open: number };
}

interface ReviewAbout {
  mentorshipId: string;
  cycle: number;
  partnerName: string;
  programName: string;
  /** Whole weeks since the mentorship started (at least 1). */
  weeks: number;
}

/** What a review job says when it runs. */
export type ReviewNote =
  | (ReviewAbout & { kind: "invite"; everyWeeks: number; summary: ReviewSummary })
  | (ReviewAbout & {
      kind: "closing";
      /** Whether the recipient closed it themselves or their partner did. */
      closedBy: "you" | "partner";
      sessionsHeld: number;
      milestonesDone: number;
      /** The recipient's final reflection is already in their journal. */
      reflected: boolean;
      /** For the mentee: an invitation to mentor in turn (or, already a mentor, to keep their profile current). */
      invite: "become_mentor" | "already_mentor" | null;
    })
  | (ReviewAbout & {
      kind: "summary";
      /** Both people's Slack ids: the summary goes to their group DM. */
      together: [string, string];
      decisions: Array<{ name: string; decision: ReviewDecision }>;
      nextReview: string | null;
    });

export interface ReviewForm extends ReviewAbout {
  /** "review" while the mentorship runs; "reflection" (a final reflection only) once it ended. */
  mode: "review" | "reflection";
  summary: ReviewSummary | null;
  current: {
    decision: ReviewDecision | null;
    wins: string | null;
    adjustments: string | null;
    reflection: string | null;
  };
}

export interface ReviewAnswer {
  mentorshipId: string;
  cycle: number;
  decision: string | undefined;
  wins?: string | undefined;
  adjustments?: string | undefined;
  reflection?: string | undefined;
}

export interface ReviewAnswered {
  mentorshipId: string;
  decision: ReviewDecision;
  partnerName: string;
  /** This answer closed the mentorship. */
  closed: boolean;
  /** The mentorship had already ended (the answers are kept all the same). */
  alreadyEnded: boolean;
  /** When the next review comes, in the person's time zone, while the pair goes on. */
  nextReview: string | null;
  reflectionSaved: boolean;
}

const clean = (text: string | undefined | null) => {
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, REVIEW_TEXT_MAX) : null;
};

const RUNNING = new Set(["ACTIVE", "PAUSED"]);

function weeksSince(m: Pair, now: Date): number {
  const start = m.startedAt ?? m.createdAt;
  return Math.max(1, Math.round((now.getTime() - start.getTime()) / WEEK));
}

/**
 * Plans a new mentorship's first review, `reviewEveryWeeks` after it started, and the pulse
 * half-way to it. Runs in the transaction that activated it.
 */
export async function scheduleReviews(tx: Db, mentorshipId: string, now: Date): Promise<void> {
  const m = await tx.mentorship.findUniqueOrThrow({ where: { id: mentorshipId }, include: pairInclude });
  const start = m.startedAt ?? now;
  const at = new Date(start.getTime() + Math.max(1, m.program.reviewEveryWeeks) * WEEK);
  await planRound(tx, m, 1, at, start, now);
}

/**
 * Queues review `cycle` at `at` and makes it the mentorship's plan; with `from` (the previous
 * review or the start) also the pulse half-way between the two, when that is still ahead.
 */
async function planRound(tx: Db, m: Pair, cycle: number, at: Date, from: Date | null, now: Date) {
  const iso = at.toISOString();
  await enqueue(
    tx,
    {
      workspaceId: m.program.workspaceId,
      programId: m.programId,
      kind: "review_round",
      key: mentorshipJobKey("review_round", m.id, iso),
      payload: { mentorshipId: m.id, cycle, at: iso },
      dueAt: at,
    },
    now,
  );
  await tx.mentorship.update({ where: { id: m.id }, data: { nextReviewAt: at } });
  if (from) {
    const halfway = new Date(from.getTime() + (at.getTime() - from.getTime()) / 2);
    if (halfway.getTime() > now.getTime()) await planPulseRequests(tx, m, cycle, halfway, now);
  }
}

export class ReviewService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly coordinators: CoordinatorService,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---------- jobs ----------

  /**
   * A review comes round: each person's invitation is queued for their working hours, and the
   * next review planned. A paused pair's review waits until the day after the pause ends.
   */
  async runRound(p: { mentorshipId: string; cycle: number; at: string }): Promise<string> {
    const now = this.now();
    const result = await this.prisma.$transaction(async (tx) => {
      const m = await tx.mentorship.findUnique({ where: { id: p.mentorshipId }, include: pairInclude });
      if (!m) return "skip:the mentorship no longer exists";
      if (!RUNNING.has(m.status)) return "skip:the mentorship has ended";
      if (m.nextReviewAt?.toISOString() !== p.at) return "skip:replaced by a newer review plan";
      if (m.status === "PAUSED") {
        const pauseEnds = m.pausedUntil && m.pausedUntil > now ? m.pausedUntil : now;
        const after = new Date(pauseEnds.getTime() + DAY);
        await planRound(tx, m, p.cycle, after, null, now);
        return `done:the mentorship is paused; review ${p.cycle} moved to ${after.toISOString().slice(0, 10)}`;
      }
      const window = programWindow(m.program);
      for (const person of [m.mentor, m.mentee]) {
        await enqueue(
          tx,
          {
            workspaceId: m.program.workspaceId,
            programId: m.programId,
            kind: "review",
            key: mentorshipJobKey("review", m.id, String(p.cycle), person.id),
            payload: { mentorshipId: m.id, memberId: person.id, cycle: p.cycle },
            dueAt: deliveryTime(now, person, now, window),
          },
          now,
        );
      }
      // The next review, every N weeks from this one; reviews missed while Tandem was down are
      // skipped rather than sent in a burst.
      const every = Math.max(1, m.program.reviewEveryWeeks) * WEEK;
      const at = new Date(p.at);
      let next = new Date(at.getTime() + every);
      let cycle = p.cycle + 1;
      while (next.getTime() < now.getTime() + every / 2) {
        next = new Date(next.getTime() + every);
        cycle++;
      }
      await planRound(tx, m, cycle, next, at > now ? at : now, now);
      return `done:review ${p.cycle} queued for both; review ${cycle} planned`;
    });
    this.jobsEnqueued();
    return result;
  }

  /** What one review job says to its person now, or why it waits or stays silent. */
  async prepareReview(p: {
    mentorshipId: string;
    memberId: string;
    cycle: number;
  }): Promise<Step<ReviewNote>> {
    const now = this.now();
    const m = await this.prisma.mentorship.findUnique({
      where: { id: p.mentorshipId },
      include: pairInclude,
    });
    if (!m) return { do: "skip", reason: "the mentorship no longer exists" };
    const person = m.mentorId === p.memberId ? m.mentor : m.menteeId === p.memberId ? m.mentee : undefined;
    if (!person) return { do: "skip", reason: "no longer part of this mentorship" };
    const to = person.slackUserId;
    if (!RUNNING.has(m.status)) return this.closingNote(m, person, p.cycle, now);

    const found = await reachable(this.prisma, p, now, { whenPaused: "defer" });
    if ("stop" in found) return found.stop;
    const partner = partnerOf(m, person.id);
    const [mine, theirs] = await Promise.all([
      this.reviewOf(m.id, person.id, p.cycle),
      this.reviewOf(m.id, partner.id, p.cycle),
    ]);
    const about = this.about(m, person, p.cycle, now);
    if (mine?.answeredAt) {
      if (!theirs?.answeredAt || !mine.decision || !theirs.decision)
        return { do: "skip", reason: "already answered", to };
      if (unreachableReason(partner)) return { do: "skip", reason: "the partner can't be messaged", to };
      const decisionOf = (memberId: string) =>
        ((memberId === person.id ? mine : theirs).decision ?? "CONTINUE") as ReviewDecision;
      return {
        do: "send",
        to,
        what: {
          ...about,
          kind: "summary",
          together: [m.mentee.slackUserId, m.mentor.slackUserId],
          decisions: [
            { name: displayNameOf(m.mentee), decision: decisionOf(m.menteeId) },
            { name: displayNameOf(m.mentor), decision: decisionOf(m.mentorId) },
          ],
          nextReview: m.nextReviewAt
            ? dayLabel(deliveryTime(m.nextReviewAt, m.mentee, now, programWindow(m.program)), m.mentee.tz)
            : null,
        },
      };
    }
    // The invitation: the review row exists from now on, so its button can be checked.
    await this.prisma.review.upsert({
      where: { mentorshipId_memberId_cycle: { mentorshipId: m.id, memberId: person.id, cycle: p.cycle } },
      create: { mentorshipId: m.id, memberId: person.id, cycle: p.cycle },
      update: {},
    });
    return {
      do: "send",
      to,
      what: {
        ...about,
        kind: "invite",
        everyWeeks: m.program.reviewEveryWeeks,
        summary: await this.summaryOf(m),
      },
    };
  }

  /** The thanks after a close at this review, to the person who closed it or to their partner. */
  private async closingNote(m: Pair, person: Member, cycle: number, now: Date): Promise<Step<ReviewNote>> {
    const to = person.slackUserId;
    const closer =
      m.endedAt &&
      (await this.prisma.review.findFirst({
        where: { mentorshipId: m.id, cycle, decision: "CLOSE", answeredAt: { lte: m.endedAt } },
        orderBy: { answeredAt: "asc" },
      }));
    if (!closer) return { do: "skip", reason: `the mentorship is ${m.status.toLowerCase()}`, to };
    const unreachable = unreachableReason(person);
    if (unreachable) return { do: "skip", reason: `recipient is ${unreachable}`, to };
    const mine = await this.prisma.review.upsert({
      where: { mentorshipId_memberId_cycle: { mentorshipId: m.id, memberId: person.id, cycle } },
      create: { mentorshipId: m.id, memberId: person.id, cycle },
      update: {},
    });
    const [sessionsHeld, milestonesDone] = await Promise.all([
      this.prisma.mentoringSession.count({ where: { mentorshipId: m.id, status: "HELD" } }),
      this.prisma.milestone.count({ where: { goal: { mentorshipId: m.id }, status: "DONE" } }),
    ]);
    const isMentee = m.menteeId === person.id;
    return {
      do: "send",
      to,
      what: {
        ...this.about(m, person, cycle, m.endedAt ?? now),
        kind: "closing",
        closedBy: closer.memberId === person.id ? "you" : "partner",
        sessionsHeld,
        milestonesDone,
        reflected: Boolean(mine.reflection),
        invite: !isMentee
          ? null
          : person.role === "MENTOR" || person.role === "BOTH"
            ? "already_mentor"
            : "become_mentor",
      },
    };
  }

  // ---------- people ----------

  /** The review modal for one cycle, checked against the person who opens it. */
  async form(
    workspaceId: string,
    slackUserId: string,
    mentorshipId: string,
    cycle: number,
  ): Promise<ReviewForm> {
    const { m, person } = await requirePair(this.prisma, workspaceId, slackUserId, mentorshipId, {
      running: false,
    });
    const review = await this.requireReview(m.id, person.id, cycle);
    const running = RUNNING.has(m.status);
    return {
      ...this.about(m, person, cycle, running ? this.now() : (m.endedAt ?? this.now())),
      mode: running ? "review" : "reflection",
      summary: running ? await this.summaryOf(m) : null,
      current: {
        decision: review.decision,
        wins: review.wins,
        adjustments: review.adjustments,
        reflection: review.reflection,
      },
    };
  }

  /**
   * Saves one person's review (a second answer replaces the first) and acts on the decision:
   * keep going changes nothing, change something points at the agreement and goals, close ends
   * the mentorship well. Once both have answered and it goes on, the pair gets a summary.
   */
  async answer(workspaceId: string, slackUserId: string, input: ReviewAnswer): Promise<ReviewAnswered> {
    const decision = reviewDecisions.find((d) => d === input.decision);
    if (!decision) throw new FieldError("decision", "Choose what you'd like to do next.");
    const wins = clean(input.wins);
    const adjustments = clean(input.adjustments);
    const reflection = clean(input.reflection);
    if (decision === "CHANGE" && !adjustments) {
      throw new FieldError("adjustments", "Say what you'd like to change: a few words are enough.");
    }
    const pv = await requirePair(this.prisma, workspaceId, slackUserId, input.mentorshipId, {
      running: false,
    });
    const { person, partner } = pv;
    await this.requireReview(pv.m.id, person.id, input.cycle);
    const now = this.now();
    const outcome = await this.prisma.$transaction(async (tx) => {
      // Both answers to one review are taken one at a time: the second sees the first.
      await tx.$queryRaw`SELECT id FROM "Mentorship" WHERE id = ${pv.m.id} FOR UPDATE`;
      const m = await tx.mentorship.findUniqueOrThrow({ where: { id: pv.m.id }, include: pairInclude });
      const running = RUNNING.has(m.status);
      await tx.review.update({
        where: {
          mentorshipId_memberId_cycle: { mentorshipId: m.id, memberId: person.id, cycle: input.cycle },
        },
        data: { decision, wins, adjustments, reflection, answeredAt: now },
      });
      if (reflection)
        await this.journal(tx, m, person, input.cycle, reflection, decision === "CLOSE" || !running);
      if (!running) return { m, closed: false, alreadyEnded: true };
      if (decision === "CLOSE") {
        await this.close(tx, m, person, input.cycle, now);
        return { m, closed: true, alreadyEnded: false };
      }
      const theirs = await tx.review.findUnique({
        where: {
          mentorshipId_memberId_cycle: { mentorshipId: m.id, memberId: partner.id, cycle: input.cycle },
        },
      });
      if (theirs?.answeredAt) {
        await enqueue(
          tx,
          {
            workspaceId: m.program.workspaceId,
            programId: m.programId,
            kind: "review",
            key: mentorshipJobKey("review", m.id, String(input.cycle), "summary"),
            payload: { mentorshipId: m.id, memberId: person.id, cycle: input.cycle },
          },
          now,
        );
      }
      return { m, closed: false, alreadyEnded: false };
    });
    this.jobsEnqueued();
    if (outcome.closed) {
      await this.coordinators.tellProgramCoordinators(
        outcome.m.program,
        `closed:${outcome.m.id}`,
        {
          type: "pair_closed",
          programName: outcome.m.program.name,
          closedByName: displayNameOf(person),
          partnerName: displayNameOf(partner),
          where: "review",
        },
        this.now(),
      );
    }
    const next = outcome.m.nextReviewAt;
    return {
      mentorshipId: outcome.m.id,
      decision,
      partnerName: displayNameOf(partner),
      closed: outcome.closed,
      alreadyEnded: outcome.alreadyEnded,
      nextReview:
        !outcome.closed && !outcome.alreadyEnded && next
          ? dayLabel(deliveryTime(next, person, this.now(), programWindow(outcome.m.program)), person.tz)
          : null,
      reflectionSaved: reflection !== null,
    };
  }

  /** A final reflection written after the mentorship ended: kept with the review and in the journal. */
  async saveFinalReflection(
    workspaceId: string,
    slackUserId: string,
    input: { mentorshipId: string; cycle: number; reflection: string | undefined },
  ): Promise<{ partnerName: string }> {
    const reflection = clean(input.reflection);
    if (!reflection || reflection.length < 2) {
      throw new FieldError("reflection", "Write a sentence or two; it's only for you.");
    }
    const { m, person, partner } = await requirePair(
      this.prisma,
      workspaceId,
      slackUserId,
      input.mentorshipId,
      {
        running: false,
      },
    );
    await this.requireReview(m.id, person.id, input.cycle);
    await this.prisma.$transaction(async (tx) => {
      await tx.review.update({
        where: {
          mentorshipId_memberId_cycle: { mentorshipId: m.id, memberId: person.id, cycle: input.cycle },
        },
        data: { reflection },
      });
      await this.journal(tx, m, person, input.cycle, reflection, true);
    });
    return { partnerName: displayNameOf(partner) };
  }

  // ---------- internals ----------

  /** Closing at a review: the mentorship completes, everything planned for it is cancelled, both are thanked. */
  private async close(tx: Db, m: Pair, person: Member, cycle: number, now: Date): Promise<void> {
    const partner = partnerOf(m, person.id);
    await closeMentorship(
      tx,
      m,
      person,
      {
        where: "review",
        endReason: `closed at the ${weeksSince(m, now)}-week review by ${displayNameOf(person)}`,
      },
      now,
    );
    // The thanks: to the closer now, to the partner in their working hours.
    for (const [who, dueAt] of [
      [person, now],
      [partner, deliveryTime(now, partner, now, programWindow(m.program))],
    ] as const) {
      await enqueue(
        tx,
        {
          workspaceId: m.program.workspaceId,
          programId: m.programId,
          kind: "review",
          key: mentorshipJobKey("review", m.id, String(cycle), "closed", who.id),
          payload: { mentorshipId: m.id, memberId: who.id, cycle },
          dueAt,
        },
        now,
      );
    }
  }

  /** The person's reflection at this review, in their journal (answering again updates it). */
  private async journal(tx: Db, m: Pair, person: Member, cycle: number, body: string, final: boolean) {
    const promptKey = `review:${m.id}:${cycle}`.slice(0, 64);
    const partnerName = displayNameOf(partnerOf(m, person.id));
    const prompt = final
      ? `A final reflection on your mentorship with ${partnerName}`
      : `Looking back on your mentorship with ${partnerName}`;
    const earlier = await tx.journalEntry.findFirst({
      where: { memberId: person.id, mentorshipId: m.id, promptKey },
      select: { id: true },
    });
    if (earlier) await tx.journalEntry.update({ where: { id: earlier.id }, data: { body, prompt } });
    else
      await tx.journalEntry.create({
        data: {
          memberId: person.id,
          mentorshipId: m.id,
          kind: "REFLECTION",
          promptKey,
          prompt,
          body,
          createdAt: this.now(),
        },
      });
  }

  private reviewOf(mentorshipId: string, memberId: string, cycle: number): Promise<Review | null> {
    return this.prisma.review.findUnique({
      where: { mentorshipId_memberId_cycle: { mentorshipId, memberId, cycle } },
    });
  }

  /** The review a button names, only if Tandem invited this person to it. */
  private async requireReview(mentorshipId: string, memberId: string, cycle: number): Promise<Review> {
    const review = Number.isInteger(cycle) ? await this.reviewOf(mentorshipId, memberId, cycle) : null;
    if (!review) throw new NotFoundError("That review isn't one of yours, or it no longer exists.");
    return review;
  }

  private about(m: Pair, person: Member, cycle: number, at: Date): ReviewAbout {
    return {
      mentorshipId: m.id,
      cycle,
      partnerName: displayNameOf(partnerOf(m, person.id)),
      programName: m.program.name,
      weeks: weeksSince(m, at),
    };
  }

  /** The record of a mentorship so far, for a review. */
  async summaryOf(m: Pair): Promise<ReviewSummary> {
    const [held, last, milestones, milestonesDone, goals, actions] = await Promise.all([
      this.prisma.mentoringSession.count({ where: { mentorshipId: m.id, status: "HELD" } }),
      this.prisma.mentoringSession.findFirst({
        where: { mentorshipId: m.id, status: "HELD" },
        orderBy: { heldOn: "desc" },
        select: { heldOn: true },
      }),
      this.prisma.milestone.findMany({
        where: { goal: { mentorshipId: m.id }, status: "DONE" },
        orderBy: [{ completedAt: "desc" }, { position: "asc" }],
        select: { title: true },
        take: 10,
      }),
      this.prisma.milestone.count({ where: { goal: { mentorshipId: m.id }, status: "DONE" } }),
      this.prisma.goal.findMany({
        where: { mentorshipId: m.id, status: { in: ["ACTIVE", "ACHIEVED"] } },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { title: true, status: true },
      }),
      this.prisma.actionItem.groupBy({
        by: ["status"],
        where: { mentorshipId: m.id },
        _count: { _all: true },
      }),
    ]);
    const count = (status: string) => actions.find((a) => a.status === status)?._count._all ?? 0;
    return {
      // A session's day is stored as midnight UTC of the day it was held.
      sessions: { held, last: last ? dayLabel(last.heldOn, "UTC") : null },
      milestones: { titles: milestones.map((x) => x.title), total: milestonesDone },
      goals: {
        achieved: goals.filter((g) => g.status === "ACHIEVED").map((g) => g.title),
        inProgress: goals.filter((g) => g.status === "ACTIVE").length,
      },
      actionItems: { done: count("DONE"), open: count("OPEN") },
    };
  }
}
