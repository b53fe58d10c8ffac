// Job kinds and their payloads. A job is a row first (written with the change that caused it),
// run later by src/jobs/runner.ts; payloads are re-validated when the job runs.
import { z } from "zod";
import { noticeSchema } from "./notices.ts";

export const jobPayloads = {
  /** A direct message to one person. */
  dm: z.object({ recipient: z.string().regex(/^[UW][A-Z0-9]+$/), notice: noticeSchema }),
  /** A pause reaches its end date: the member is active again and is welcomed back. */
  pause_end: z.object({ memberId: z.string(), until: z.iso.datetime() }),
  /** Ask a mentor, in DM, to accept or decline a mentee's request. */
  mentor_request: z.object({ mentorshipId: z.string() }),
  /** A request unanswered for 3 days moves on to the mentee's next choice. */
  request_expiry: z.object({ mentorshipId: z.string(), alternatives: z.array(z.string()) }),
  /** Introduce a new pair in a group DM. */
  intro: z.object({ mentorshipId: z.string() }),
  /** Solve a coordinator's matching round (slow: never inside Slack's 3 seconds). */
  matching_round: z.object({ roundId: z.string() }),
  /** Turn a reviewed draft into mentorships and introductions. */
  round_publish: z.object({ roundId: z.string() }),
  /**
   * A mentorship's check-in cycle comes round (every cadence, with an optional pulse half-way):
   * count the last cycle's answers, flag risk, queue each person's nudge and the next cycle.
   */
  checkin_round: z.object({
    mentorshipId: z.string(),
    seq: z.number().int().min(1),
    kind: z.enum(["NUDGE", "PULSE"]),
    /** The cycle's planned time; the mentorship's nextCheckinAt must still equal it. */
    at: z.iso.datetime(),
  }),
  /** One person's check-in DM, delivered inside their working hours. */
  checkin: z.object({
    mentorshipId: z.string(),
    memberId: z.string(),
    kind: z.enum(["NUDGE", "PULSE", "END_OF_ROUND", "CONTINUE"]),
    /** Follow this nudge with a reflection prompt two days after it reaches the person. */
    reflect: z.boolean().optional(),
    /** END_OF_ROUND: the end date it asks about (stale once the pair's or program's end moved). */
    endsOn: z.iso.date().optional(),
  }),
  /** A reflection prompt for one person, answered into their journal. */
  reflection: z.object({ mentorshipId: z.string(), memberId: z.string() }),
  /** A week after "shall we keep going?" went unanswered by both: the coordinators are told. */
  quiet_followup: z.object({ mentorshipId: z.string(), askedAt: z.iso.datetime() }),
  /** A paused mentorship's pause ends: check-ins start again. */
  mentorship_resume: z.object({ mentorshipId: z.string(), until: z.iso.datetime() }),
  /** A milestone's target date is near: the mentee is reminded, in their working hours. */
  milestone_due: z.object({ mentorshipId: z.string(), milestoneId: z.string(), targetDate: z.iso.date() }),
  /** A milestone was completed: the pair's group DM celebrates it. */
  milestone_done: z.object({ mentorshipId: z.string(), milestoneId: z.string() }),
  /** An action item is due: its owner is reminded, with a button to tick it off. */
  action_item_due: z.object({ mentorshipId: z.string(), actionItemId: z.string(), dueOn: z.iso.date() }),
  /** The day before a planned session: one person's agenda prompt (open actions, last takeaways). */
  agenda_prompt: z.object({
    mentorshipId: z.string(),
    sessionId: z.string(),
    memberId: z.string(),
    /** The session's planned time; the session must still be planned for it. */
    plannedFor: z.iso.datetime(),
  }),
  /**
   * One person is invited to give feedback about the other: after a session (SESSION, with
   * `sessionId`), at a completed milestone (MILESTONE, with `milestoneId`), or as the pulse on how
   * the mentorship is going, half-way between two periodic reviews (PULSE).
   */
  feedback_request: z.object({
    mentorshipId: z.string(),
    memberId: z.string(),
    context: z.enum(["SESSION", "MILESTONE", "PULSE"]),
    sessionId: z.string().optional(),
    milestoneId: z.string().optional(),
  }),
  /** A mentorship's periodic review comes round (every N weeks): both people are invited. */
  review_round: z.object({
    mentorshipId: z.string(),
    cycle: z.number().int().min(1),
    /** The review's planned time; the mentorship's nextReviewAt must still equal it. */
    at: z.iso.datetime(),
  }),
  /** One person's invitation to a periodic review. */
  review: z.object({ mentorshipId: z.string(), memberId: z.string(), cycle: z.number().int().min(1) }),
  /**
   * A workspace's week comes round (Monday): each coordinator's digest is queued for their
   * Monday morning, and next week's round is planned. `week` is the Monday, an ISO date.
   */
  digest_round: z.object({ week: z.iso.date() }),
  /** One coordinator's weekly digest: the week's changes per program and a chart, in DM. */
  digest: z.object({ memberId: z.string(), week: z.iso.date() }),
  /** A coordinator asked for a program's CSV export: built off the request path, sent as a file in DM. */
  program_export: z.object({ programId: z.string(), recipient: z.string().regex(/^[UW][A-Z0-9]+$/) }),
  /** A mentee's ask for a letter reaches the writer, in their working hours (again after more information). */
  letter_ask: z.object({ letterId: z.string(), round: z.number().int().min(1) }),
  /**
   * One person hears of a change to a letter the other made: the writer's answer or submission
   * (to the mentee), or the mentee's updated packet, cancellation, thanks or outcome (to the writer).
   */
  letter_update: z.object({
    letterId: z.string(),
    event: z.enum([
      "accepted",
      "declined",
      "more_info",
      "submitted",
      "packet_updated",
      "cancelled",
      "thanks",
      "outcome",
    ]),
    /** "submitted": the targets submitted this time. */
    targetIds: z.array(z.string()).optional(),
    /** "thanks": the mentee's own words. */
    message: z.string().max(3000).optional(),
  }),
  /** The one polite reminder to the writer, 1-2 weeks before a deadline, in their working hours. */
  letter_reminder: z.object({ letterId: z.string(), deadline: z.iso.date() }),
  /** The day after a deadline with the letter not yet submitted: a note to the mentee. */
  letter_late: z.object({ letterId: z.string(), deadline: z.iso.date() }),
  /**
   * A profile was saved (or AI suggestions turned on) by someone who opted in: compute their
   * stale profile embeddings for semantic matching, off the request path.
   */
  profile_embedding: z.object({ memberId: z.string() }),
} as const;

export type JobKind = keyof typeof jobPayloads;
export type JobPayload<K extends JobKind> = z.infer<(typeof jobPayloads)[K]>;

/** Job kinds as a coordinator reads them. */
export const jobKindLabels: Record<JobKind, string> = {
  dm: "notice",
  pause_end: "welcome back",
  mentor_request: "mentor request",
  request_expiry: "request expiry",
  intro: "introduction",
  matching_round: "matching round",
  round_publish: "round publishing",
  checkin_round: "check-in cycle",
  checkin: "check-in",
  reflection: "reflection prompt",
  quiet_followup: "quiet-pair follow-up",
  mentorship_resume: "end of a pause",
  milestone_due: "milestone reminder",
  milestone_done: "milestone celebration",
  action_item_due: "action item reminder",
  agenda_prompt: "agenda prompt",
  feedback_request: "feedback request",
  review_round: "periodic review",
  review: "review invitation",
  digest_round: "weekly digest round",
  digest: "weekly digest",
  program_export: "program export",
  letter_ask: "letter request",
  letter_update: "letter update",
  letter_reminder: "letter reminder",
  letter_late: "late letter note",
  profile_embedding: "semantic matching profile",
};

/**
 * Job kinds that belong to one mentorship. Their idempotency keys start with
 * `<kind>:<mentorshipId>:`, so everything planned for a pair can be found and cancelled.
 */
export const mentorshipJobKinds = [
  "checkin_round",
  "checkin",
  "reflection",
  "quiet_followup",
  "milestone_due",
  "milestone_done",
  "action_item_due",
  "agenda_prompt",
  "feedback_request",
  "review_round",
  "review",
] as const satisfies readonly JobKind[];

/** The check-in kinds a pause holds back (reminders of dated commitments wait instead). */
export const checkinJobKinds = ["checkin_round", "checkin", "reflection", "quiet_followup"] as const;

/** The idempotency key of a mentorship's job: `<kind>:<mentorshipId>:<rest…>`. */
export function mentorshipJobKey(
  kind: (typeof mentorshipJobKinds)[number],
  mentorshipId: string,
  ...rest: string[]
): string {
  return [kind, mentorshipId, ...rest].join(":");
}

/** Exponential back-off for a retry: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

/** What a job is for, in a few words, for the logs: ids only, never names or message text. */
export function describeJob(kind: string, payload: unknown): string {
  const p = (typeof payload === "object" && payload !== null ? payload : {}) as Record<string, unknown>;
  const mentorship = typeof p.mentorshipId === "string" ? ` of mentorship ${p.mentorshipId}` : "";
  switch (kind) {
    case "dm": {
      const notice = p.notice as { type?: unknown } | undefined;
      return `notice "${String(notice?.type ?? "unknown")}"`;
    }
    case "checkin":
      return `${String(p.kind ?? "")
        .toLowerCase()
        .replace(/_/g, " ")} check-in${mentorship}`;
    case "checkin_round":
      return `check-in cycle ${String(p.seq ?? "")}${mentorship}`;
    case "reflection":
      return `reflection prompt${mentorship}`;
    case "intro":
      return `introduction${mentorship}`;
    case "mentor_request":
      return `mentor request${mentorship}`;
    default:
      return `${jobKindLabels[kind as JobKind] ?? kind}${mentorship}`;
  }
}
