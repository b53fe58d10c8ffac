// What Tandem tells a person in a DM, as data: services decide *that* someone is told and with
// which facts; the Slack layer decides how it reads. Validated again when a job is run.
import { z } from "zod";
import { letterPurposes } from "./letters.ts";

const role = z.enum(["MENTEE", "MENTOR", "BOTH"]);
/**
 * Where a mentorship was closed: from a check-in DM or at a periodic review. Absent in notices
 * queued before it existed, which were all check-ins.
 */
const closedWhere = z.enum(["checkin", "review"]);
export type ClosedWhere = z.infer<typeof closedWhere>;
/** Why someone is gone from Tandem: they left, erased their data, or lost their Slack account. */
const goneReason = z.enum(["left", "deleted_data", "account_deactivated"]);
export type GoneReason = z.infer<typeof goneReason>;

export const noticeSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("partner_left"),
    partnerName: z.string(),
    reason: z.enum([...goneReason.options, "closed"]),
    programName: z.string(),
    /** With reason "closed": where the partner closed it (a check-in when absent). */
    where: closedWhere.optional(),
  }),
  /** A letter request closed because its mentee or writer is gone from Tandem. */
  z.object({
    type: z.literal("letter_closed"),
    /** Who is told: the mentee (their writer is gone) or the writer (the mentee is gone). */
    to: z.enum(["mentee", "writer"]),
    otherName: z.string(),
    reason: goneReason,
    purpose: z.enum(letterPurposes),
    /** The letter's deadline, an ISO day. */
    deadline: z.string(),
    /** The request had been sent to the writer (not still a draft). */
    asked: z.boolean(),
    /** The writer had said yes. */
    accepted: z.boolean(),
    /** Places the letter already went to. */
    submitted: z.array(z.string()),
    /** Places it still had to go to, each with its deadline (an ISO day). */
    pending: z.array(z.object({ name: z.string(), deadline: z.string() })),
  }),
  z.object({
    type: z.literal("enrolled_by_roster"),
    programId: z.string().optional(),
    programName: z.string(),
    role,
    profileMissing: z.boolean(),
  }),
  z.object({ type: z.literal("coordinator_added"), byName: z.string() }),
  z.object({ type: z.literal("paused_resumed") }),
  z.object({
    type: z.literal("request_declined"),
    mentorName: z.string(),
    reason: z.string(),
    note: z.string().optional(),
  }),
  z.object({
    type: z.literal("request_expired"),
    /** Who is told: the mentee (their request moved on) or the mentor (it expired). */
    to: z.enum(["mentee", "mentor"]),
    otherName: z.string(),
    nextMentorName: z.string().nullable(),
  }),
  z.object({
    type: z.literal("round_ready"),
    roundId: z.string(),
    programName: z.string(),
    mentees: z.number(),
    matched: z.number(),
    unmatched: z.number(),
  }),
  z.object({
    type: z.literal("round_failed"),
    stage: z.enum(["solve", "publish"]).default("solve"),
    programName: z.string(),
  }),
  /** The partner paused the pair's check-ins (from a check-in DM). */
  z.object({
    type: z.literal("partner_paused"),
    partnerName: z.string(),
    programName: z.string(),
    /** The end of the pause as the recipient reads it, e.g. "Monday 4 January". */
    untilText: z.string(),
  }),
  /** A paused mentorship's check-ins are on again. */
  z.object({ type: z.literal("mentorship_resumed"), partnerName: z.string(), programName: z.string() }),
  /** To coordinators: a pair left three check-ins and the "keep going?" question unanswered. */
  z.object({
    type: z.literal("pair_quiet"),
    programName: z.string(),
    mentorName: z.string(),
    menteeName: z.string(),
    unanswered: z.number(),
  }),
  /** To coordinators: one person closed their mentorship, from a check-in or at a periodic review. */
  z.object({
    type: z.literal("pair_closed"),
    programName: z.string(),
    closedByName: z.string(),
    partnerName: z.string(),
    /** Where it was closed (a check-in when absent). */
    where: closedWhere.optional(),
  }),
  /** The partner filled in or revised the pair's kick-off agreement. */
  z.object({
    type: z.literal("agreement_updated"),
    mentorshipId: z.string(),
    partnerName: z.string(),
    /** 1 for the first version, then 2, 3, … */
    revision: z.number().int().min(1),
    /** What changed, in a few words each ("cadence: every 2 weeks → every month"). */
    changes: z.array(z.string()).max(10),
  }),
  /** The partner chose to share a piece of feedback about the recipient. */
  z.object({
    type: z.literal("feedback_shared"),
    partnerName: z.string(),
    /** "after your session on Monday 7 December", "at a milestone", "" */
    occasion: z.string(),
    rating: z.number().int().min(1).max(4),
    comment: z.string().nullable(),
  }),
  z.object({
    type: z.literal("round_published"),
    programName: z.string(),
    introduced: z.number(),
    dropped: z.array(z.object({ name: z.string(), reason: z.string() })),
  }),
]);

export type Notice = z.infer<typeof noticeSchema>;
