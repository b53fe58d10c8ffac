// What Tandem tells a person in a DM, as data: services decide *that* someone is told and with
// which facts; the Slack layer decides how it reads. Validated again when a job is run.
import { z } from "zod";

const role = z.enum(["MENTEE", "MENTOR", "BOTH"]);

export const noticeSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("partner_left"),
    partnerName: z.string(),
    reason: z.enum(["left", "deleted_data", "account_deactivated"]),
    programName: z.string(),
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
  z.object({
    type: z.literal("round_published"),
    programName: z.string(),
    introduced: z.number(),
    dropped: z.array(z.object({ name: z.string(), reason: z.string() })),
  }),
]);

export type Notice = z.infer<typeof noticeSchema>;
