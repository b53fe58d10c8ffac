// Who may see and change what in a mentorship, and whether a job may speak to a person now.
// Every capability of a running mentorship (agreement, goals, sessions, feedback, reviews)
// resolves the pair through here, so the privacy rule lives in one place: only the two people in
// a mentorship can read or change what belongs to it. Coordinators are not an exception.
import { displayNameOf, unreachableReason } from "../domain/members.ts";
import { deferralReason, deliveryTime, programWindow } from "../domain/schedule.ts";
import type { Db, Member, Mentorship, Program } from "./db.ts";
import { NotFoundError, UserError } from "./errors.ts";

/** A message due within this much of now goes now (the tick is a minute at most). */
export const SLACK_MS = 60_000;

export type Pair = Mentorship & { program: Program; mentor: Member; mentee: Member };
export const pairInclude = { program: true, mentor: true, mentee: true } as const;

/** What a job does next: send this message, wait, or nothing (with the reason). */
export type Step<T> =
  | { do: "send"; to: string; what: T }
  | { do: "defer"; until: Date; reason: string; to: string }
  | { do: "skip"; reason: string; to?: string };

export type Stop = Exclude<Step<never>, { do: "send" }>;

export function partnerOf(m: Pair, memberId: string): Member {
  return m.mentor.id === memberId ? m.mentee : m.mentor;
}

export function roleIn(m: { mentorId: string }, memberId: string): "mentor" | "mentee" {
  return m.mentorId === memberId ? "mentor" : "mentee";
}

/** The pair seen from one of its two people. */
export interface PairView {
  m: Pair;
  person: Member;
  partner: Member;
  role: "mentor" | "mentee";
}

const RUNNING = ["ACTIVE", "PAUSED"] as const;

/**
 * The mentorship `mentorshipId` as the Slack user sees it, or NotFoundError when they are not one
 * of its two people (a third person, a coordinator, another workspace: all the same answer).
 * `running` (the default) also refuses a mentorship that has ended.
 */
export async function requirePair(
  db: Db,
  workspaceId: string,
  slackUserId: string,
  mentorshipId: string,
  opts: { running?: boolean } = {},
): Promise<PairView> {
  const m = mentorshipId
    ? await db.mentorship.findUnique({ where: { id: mentorshipId }, include: pairInclude })
    : null;
  const person =
    m?.mentor.slackUserId === slackUserId
      ? m.mentor
      : m?.mentee.slackUserId === slackUserId
        ? m.mentee
        : null;
  if (!m || !person || person.workspaceId !== workspaceId || m.program.workspaceId !== workspaceId) {
    throw new NotFoundError("That mentorship isn't one of yours, or it no longer exists.");
  }
  const partner = partnerOf(m, person.id);
  if ((opts.running ?? true) && !RUNNING.includes(m.status as (typeof RUNNING)[number])) {
    throw new UserError(`Your mentorship with ${displayNameOf(partner)} has ended.`);
  }
  return { m, person, partner, role: roleIn(m, person.id) };
}

/** The running mentorships (active or paused) of a Slack user, oldest first. */
export async function runningPairsOf(db: Db, workspaceId: string, slackUserId: string): Promise<PairView[]> {
  const found = await db.mentorship.findMany({
    where: {
      status: { in: [...RUNNING] },
      program: { workspaceId },
      OR: [{ mentor: { workspaceId, slackUserId } }, { mentee: { workspaceId, slackUserId } }],
    },
    include: pairInclude,
    orderBy: [{ startedAt: "asc" }, { createdAt: "asc" }],
  });
  return found.map((m) => {
    const person = m.mentor.slackUserId === slackUserId ? m.mentor : m.mentee;
    return { m, person, partner: partnerOf(m, person.id), role: roleIn(m, person.id) };
  });
}

/**
 * The pair and the person a job speaks to, if it may speak now: otherwise why it is skipped
 * (the pair ended, the person left or can't be messaged, `stale` says so) or until when it
 * waits (outside their working hours, away). A paused mentorship skips by default; with
 * `whenPaused: "defer"` the message waits for the pause to end instead (a reminder that must
 * not be lost, such as an action item's due date).
 */
export async function reachable(
  db: Db,
  p: { mentorshipId: string; memberId: string },
  now: Date,
  opts: { stale?: (m: Pair) => string | undefined; whenPaused?: "skip" | "defer" } = {},
): Promise<{ stop: Stop } | { m: Pair; person: Member }> {
  const m = await db.mentorship.findUnique({ where: { id: p.mentorshipId }, include: pairInclude });
  if (!m) return { stop: { do: "skip", reason: "the mentorship no longer exists" } };
  const person = m.mentor.id === p.memberId ? m.mentor : m.mentee.id === p.memberId ? m.mentee : undefined;
  if (!person) return { stop: { do: "skip", reason: "no longer part of this mentorship" } };
  const to = person.slackUserId;
  const pausedUntil = m.status === "PAUSED" ? m.pausedUntil : null;
  if (opts.whenPaused === "defer" && pausedUntil !== null && pausedUntil <= now) {
    // The pause is over but its resume job hasn't run yet: look again in a few minutes.
    return {
      stop: { do: "defer", until: new Date(now.getTime() + 5 * 60_000), reason: "the pause is ending", to },
    };
  }
  const deferPause = opts.whenPaused === "defer" && pausedUntil !== null && pausedUntil > now;
  if (m.status !== "ACTIVE" && !deferPause)
    return { stop: { do: "skip", reason: `the mentorship is ${m.status.toLowerCase()}`, to } };
  const why = opts.stale?.(m);
  if (why) return { stop: { do: "skip", reason: why, to } };
  const unreachable = unreachableReason(person);
  if (unreachable) return { stop: { do: "skip", reason: `recipient is ${unreachable}`, to } };
  if (person.status === "LEFT") return { stop: { do: "skip", reason: "recipient left Tandem", to } };
  const from = deferPause && pausedUntil ? pausedUntil : now;
  const at = deliveryTime(from, person, now, programWindow(m.program));
  if (at.getTime() > now.getTime() + SLACK_MS) {
    const reason =
      deferPause && pausedUntil
        ? `the mentorship is paused until ${pausedUntil.toISOString().slice(0, 10)}`
        : deferralReason(person, now, at);
    return { stop: { do: "defer", until: at, reason, to } };
  }
  return { m, person };
}
