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
} as const;

export type JobKind = keyof typeof jobPayloads;
export type JobPayload<K extends JobKind> = z.infer<(typeof jobPayloads)[K]>;

/** Exponential back-off for a retry: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}
