// Feedback both ways: after a session, at a milestone, and as a relationship-health pulse (half-way
// between reviews, or volunteered with /mentor feedback), each person rates how helpful the
// mentorship was, 1 to 4, with an optional comment.
//
// Feedback is private: it is kept for the program's coordinators (in aggregate) unless its author
// shares it, and only then does the partner ever hear of it, once, by DM. There is one piece of
// feedback per person per session or milestone: answering again updates it.

import { dayLabel } from "../domain/dates.ts";
import { feedbackScale } from "../domain/feedback.ts";
import { type JobPayload, mentorshipJobKey } from "../domain/jobs.ts";
import { displayNameOf } from "../domain/members.ts";
import { deliveryTime, programWindow } from "../domain/schedule.ts";
import type { Feedback } from "../generated/prisma/client.ts";
import type { Db, Member, PrismaClient } from "./db.ts";
import { FieldError, UserError } from "./errors.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import {
  type Pair,
  type PairView,
  reachable,
  requirePair,
  runningPairsOf,
  type Step,
} from "./pair-access.ts";

export type { Step } from "./pair-access.ts";

const DAY = 24 * 60 * 60 * 1000;
/** A pulse request is skipped when the person gave pulse feedback this recently. */
const RECENT_PULSE_DAYS = 7;
/** Pulse feedback given again within this long updates the earlier answer (a double submit). */
const SAME_PULSE_MS = DAY;
export const FEEDBACK_COMMENT_MAX = 2000;

export type FeedbackOn = "SESSION" | "MILESTONE" | "PULSE";

/** A `feedback_request` job's payload (PULSE requests are planned by the review schedule). */
export type FeedbackRequest = JobPayload<"feedback_request">;

/** What a piece of feedback is about. */
export interface FeedbackTarget {
  mentorshipId: string;
  context: FeedbackOn;
  sessionId?: string | undefined;
  milestoneId?: string | undefined;
}

/** The DM asking one person for feedback. */
export interface FeedbackRequestMessage {
  target: FeedbackTarget;
  partnerName: string;
  programName: string;
  /** SESSION: the session's day in the recipient's words ("Friday 12 June"); MILESTONE: its title. */
  occasion: string;
}

/** What the feedback modal shows. */
export interface FeedbackForm {
  target: FeedbackTarget;
  partnerName: string;
  programName: string;
  occasion: string;
  /** The person's earlier answer to the same question, to edit. */
  current: { rating: number; comment: string | null; shared: boolean } | null;
}

export interface FeedbackInput extends FeedbackTarget {
  rating: number;
  comment?: string | undefined;
  share: boolean;
}

export interface FeedbackSaved {
  partnerName: string;
  rating: number;
  shared: boolean;
  /** True when this answer replaced the person's earlier one. */
  updated: boolean;
  /** True when this save sent the partner the feedback (once per piece of feedback). */
  partnerTold: boolean;
  /** The partner was sent an earlier version of this feedback (sharing can't be taken back). */
  partnerSawEarlier: boolean;
}

/** One piece of feedback as the person may see it: what they wrote, or what was shared with them. */
export interface VisibleFeedback {
  id: string;
  mentorshipId: string;
  direction: "given" | "received";
  otherName: string;
  context: FeedbackOn | "REVIEW";
  rating: number;
  comment: string | null;
  sharedWithPartner: boolean;
  createdAt: Date;
}

/** A program's feedback in aggregate, for its coordinators: numbers only, never comments. */
export interface ProgramFeedbackSummary {
  responses: number;
  /** Mean rating, one decimal, or null with no responses. */
  average: number | null;
  /** Responses per rating, 1 to 4. */
  byRating: Record<1 | 2 | 3 | 4, number>;
  byContext: Partial<Record<FeedbackOn | "REVIEW", { responses: number; average: number }>>;
  /** Running mentorships whose latest rating (by either person) is 1 or 2. */
  pairsRatedLow: number;
}

/** What a piece of feedback is about, as found in the record. */
interface Subject {
  occasion: string;
  goalId: string | null;
  /** MILESTONE: the milestone it is about. */
  milestoneId: string | null;
  /** Why it can no longer be given, when it can't. */
  stale?: string;
}

/** A session's day is stored as midnight UTC of the day it was held. */
const sessionDay = (heldOn: Date) => dayLabel(heldOn, "UTC");

/**
 * Asks both people of a mentorship for a pulse half-way to review `cycle`: one
 * `feedback_request` each, in their working hours. Called by the review schedule.
 */
export async function planPulseRequests(tx: Db, m: Pair, cycle: number, at: Date, now: Date): Promise<void> {
  for (const person of [m.mentor, m.mentee]) {
    const payload: FeedbackRequest = { mentorshipId: m.id, memberId: person.id, context: "PULSE" };
    await enqueue(
      tx,
      {
        workspaceId: m.program.workspaceId,
        programId: m.programId,
        kind: "feedback_request",
        key: mentorshipJobKey("feedback_request", m.id, "pulse", String(cycle), person.id),
        payload,
        dueAt: deliveryTime(at, person, now, programWindow(m.program)),
      },
      now,
    );
  }
}

export class FeedbackService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---------- jobs ----------

  /**
   * One person's feedback request: whom to ask and about what, or why not now (the pair ended,
   * the session or milestone is gone, they already answered, outside their hours).
   */
  async prepareRequest(p: FeedbackRequest): Promise<Step<FeedbackRequestMessage>> {
    const now = this.now();
    const subject = await this.subjectOf(this.prisma, p);
    const found = await reachable(this.prisma, p, now, { stale: () => subject.stale });
    if ("stop" in found) return found.stop;
    const { m, person } = found;
    const to = person.slackUserId;
    const earlier = await this.existing(this.prisma, person.id, p, subject);
    if (earlier) return { do: "skip", reason: "already gave this feedback", to };
    if (p.context === "PULSE") {
      const recent = await this.prisma.feedback.findFirst({
        where: {
          mentorshipId: m.id,
          authorId: person.id,
          createdAt: { gte: new Date(now.getTime() - RECENT_PULSE_DAYS * DAY) },
        },
        select: { id: true },
      });
      if (recent) return { do: "skip", reason: "gave feedback in the last week", to };
    }
    return {
      do: "send",
      to,
      what: {
        target: targetOf(p),
        partnerName: displayNameOf(m.mentorId === person.id ? m.mentee : m.mentor),
        programName: m.program.name,
        occasion: subject.occasion,
      },
    };
  }

  // ---------- people ----------

  /** The running mentorships a person may give feedback about (for `/mentor feedback`). */
  pairsOf(workspaceId: string, slackUserId: string): Promise<PairView[]> {
    return runningPairsOf(this.prisma, workspaceId, slackUserId);
  }

  /** The modal's content for one target, checked against the person who asks. */
  async form(workspaceId: string, slackUserId: string, target: FeedbackTarget): Promise<FeedbackForm> {
    const pv = await requirePair(this.prisma, workspaceId, slackUserId, target.mentorshipId);
    const subject = await this.subjectOf(this.prisma, target);
    if (subject.stale) throw new UserError(`This feedback can't be given any more: ${subject.stale}.`);
    const current = await this.existing(this.prisma, pv.person.id, target, subject);
    return {
      target: targetOf(target),
      partnerName: displayNameOf(pv.partner),
      programName: pv.m.program.name,
      occasion: subject.occasion,
      current: current
        ? { rating: current.rating, comment: current.comment, shared: current.sharedWithPartner }
        : null,
    };
  }

  /**
   * Saves a person's feedback about their partner (a second answer to the same session,
   * milestone or recent pulse updates the first). When shared, the partner gets one DM.
   */
  async give(workspaceId: string, slackUserId: string, input: FeedbackInput): Promise<FeedbackSaved> {
    if (!feedbackScale.some((s) => s.value === input.rating)) {
      throw new FieldError("rating", "Choose how helpful it was.");
    }
    const comment = input.comment?.trim() ? input.comment.trim().slice(0, FEEDBACK_COMMENT_MAX) : null;
    const pv = await requirePair(this.prisma, workspaceId, slackUserId, input.mentorshipId);
    const { m, person, partner } = pv;
    const subject = await this.subjectOf(this.prisma, input);
    if (subject.stale) throw new UserError(`This feedback can't be given any more: ${subject.stale}.`);
    const now = this.now();
    const result = await this.prisma.$transaction(async (tx) => {
      // One answer per person and subject, even when two submits race.
      await tx.$queryRaw`SELECT id FROM "Member" WHERE id = ${person.id} FOR UPDATE`;
      const earlier = await this.existing(tx, person.id, input, subject);
      const data = { rating: input.rating, comment, sharedWithPartner: input.share };
      const saved = earlier
        ? await tx.feedback.update({ where: { id: earlier.id }, data })
        : await tx.feedback.create({
            data: {
              mentorshipId: m.id,
              authorId: person.id,
              subjectId: partner.id,
              context: input.context,
              sessionId: input.context === "SESSION" ? (input.sessionId ?? null) : null,
              goalId: subject.goalId,
              milestoneId: subject.milestoneId,
              createdAt: now,
              ...data,
            },
          });
      const partnerTold = input.share && !earlier?.sharedWithPartner;
      if (partnerTold) await this.tellPartner(tx, pv.m, person, partner, saved, subject, now);
      return {
        updated: earlier !== null,
        partnerTold,
        partnerSawEarlier: earlier?.sharedWithPartner === true,
      };
    });
    if (result.partnerTold) this.jobsEnqueued();
    return {
      partnerName: displayNameOf(partner),
      rating: input.rating,
      shared: input.share,
      ...result,
    };
  }

  /**
   * The feedback a person may read: everything they wrote, and what their partners chose to
   * share with them. Feedback about them that was not shared never appears here.
   */
  async visibleTo(workspaceId: string, slackUserId: string): Promise<VisibleFeedback[]> {
    const member = await this.prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
    });
    if (!member) return [];
    const rows = await this.prisma.feedback.findMany({
      where: {
        OR: [{ authorId: member.id }, { subjectId: member.id, sharedWithPartner: true }],
      },
      include: { author: true, subject: true },
      orderBy: { createdAt: "desc" },
      take: 200,
    });
    return rows.map((f) => {
      const given = f.authorId === member.id;
      return {
        id: f.id,
        mentorshipId: f.mentorshipId,
        direction: given ? "given" : "received",
        otherName: displayNameOf(given ? f.subject : f.author),
        context: f.context,
        rating: f.rating,
        comment: f.comment,
        sharedWithPartner: f.sharedWithPartner,
        createdAt: f.createdAt,
      };
    });
  }

  /**
   * A program's feedback in aggregate, for a coordinator dashboard: counts and averages, no
   * comments and no names. The caller checks that the reader coordinates the program.
   */
  async programSummary(programId: string, since?: Date): Promise<ProgramFeedbackSummary> {
    const where = { mentorship: { programId }, ...(since ? { createdAt: { gte: since } } : {}) };
    const [byRating, byContext, latest] = await Promise.all([
      this.prisma.feedback.groupBy({ by: ["rating"], where, _count: { _all: true } }),
      this.prisma.feedback.groupBy({
        by: ["context"],
        where,
        _count: { _all: true },
        _avg: { rating: true },
      }),
      this.prisma.feedback.findMany({
        where: { mentorship: { programId, status: { in: ["ACTIVE", "PAUSED"] } } },
        orderBy: { createdAt: "desc" },
        distinct: ["mentorshipId"],
        select: { rating: true },
      }),
    ]);
    const counts: Record<1 | 2 | 3 | 4, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
    let total = 0;
    let sum = 0;
    for (const row of byRating) {
      if (row.rating >= 1 && row.rating <= 4) counts[row.rating as 1 | 2 | 3 | 4] = row._count._all;
      total += row._count._all;
      sum += row.rating * row._count._all;
    }
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      responses: total,
      average: total ? round(sum / total) : null,
      byRating: counts,
      byContext: Object.fromEntries(
        byContext.map((c) => [c.context, { responses: c._count._all, average: round(c._avg.rating ?? 0) }]),
      ),
      pairsRatedLow: latest.filter((f) => f.rating <= 2).length,
    };
  }

  // ---------- internals ----------

  /**
   * What the feedback is about, checked against the mentorship: the session (logged as held)
   * or the completed milestone. `stale` says why it can no longer be asked for.
   */
  private async subjectOf(db: Db, t: FeedbackTarget): Promise<Subject> {
    if (t.context === "SESSION") {
      const session = t.sessionId
        ? await db.mentoringSession.findUnique({ where: { id: t.sessionId } })
        : null;
      if (!session || session.mentorshipId !== t.mentorshipId || session.status !== "HELD") {
        return {
          occasion: "",
          goalId: null,
          milestoneId: null,
          stale: "that session is no longer in your log",
        };
      }
      return { occasion: sessionDay(session.heldOn), goalId: null, milestoneId: null };
    }
    if (t.context === "MILESTONE") {
      const milestone = t.milestoneId
        ? await db.milestone.findUnique({ where: { id: t.milestoneId }, include: { goal: true } })
        : null;
      if (!milestone || milestone.goal.mentorshipId !== t.mentorshipId) {
        return { occasion: "", goalId: null, milestoneId: null, stale: "that milestone no longer exists" };
      }
      const about = { occasion: milestone.title, goalId: milestone.goalId, milestoneId: milestone.id };
      if (milestone.status !== "DONE") return { ...about, stale: "that milestone isn't done" };
      return about;
    }
    return { occasion: "", goalId: null, milestoneId: null };
  }

  /** The person's earlier feedback on the same subject, if any. */
  private async existing(
    db: Db,
    authorId: string,
    t: FeedbackTarget,
    subject: Subject,
  ): Promise<Feedback | null> {
    const base = { mentorshipId: t.mentorshipId, authorId, context: t.context };
    if (t.context === "SESSION") {
      if (!t.sessionId) return null;
      return db.feedback.findFirst({ where: { ...base, sessionId: t.sessionId } });
    }
    if (t.context === "MILESTONE") {
      if (!subject.milestoneId) return null;
      return db.feedback.findFirst({ where: { ...base, milestoneId: subject.milestoneId } });
    }
    return db.feedback.findFirst({
      where: { ...base, createdAt: { gte: new Date(this.now().getTime() - SAME_PULSE_MS) } },
      orderBy: { createdAt: "desc" },
    });
  }

  /** The partner's one DM about shared feedback, with the occasion in their own words. */
  private async tellPartner(
    tx: Db,
    m: Pair,
    author: Member,
    partner: Member,
    saved: Feedback,
    subject: { occasion: string },
    now: Date,
  ): Promise<void> {
    const occasion =
      saved.context === "SESSION"
        ? `after your session on ${subject.occasion}`
        : saved.context === "MILESTONE"
          ? `on reaching “${subject.occasion}”`
          : "about how your mentorship is going";
    await enqueue(
      tx,
      {
        workspaceId: m.program.workspaceId,
        programId: m.programId,
        kind: "dm",
        key: `feedback_shared:${saved.id}`,
        payload: {
          recipient: partner.slackUserId,
          notice: {
            type: "feedback_shared",
            partnerName: displayNameOf(author),
            occasion,
            rating: saved.rating,
            comment: saved.comment,
          },
        },
      },
      now,
    );
  }
}

function targetOf(t: FeedbackTarget): FeedbackTarget {
  return {
    mentorshipId: t.mentorshipId,
    context: t.context,
    ...(t.context === "SESSION" && t.sessionId ? { sessionId: t.sessionId } : {}),
    ...(t.context === "MILESTONE" && t.milestoneId ? { milestoneId: t.milestoneId } : {}),
  };
}
