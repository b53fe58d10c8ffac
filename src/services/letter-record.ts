// The mentorship record a letter's packet draws on: every mentorship in which the writer mentored
// the mentee (running or ended), with its held sessions, goals, milestones and completed action
// items. Read here, turned into plain facts by domain/letters.ts `workSummary`.
import { isoDateOf, localDate } from "../domain/dates.ts";
import { type WorkRecord, workSummary } from "../domain/letters.ts";
import type { Db } from "./db.ts";

/** Mentorships that count as work together: they started (not requests, drafts or declines). */
export const WORKED_TOGETHER = ["ACTIVE", "PAUSED", "COMPLETED"] as const;

/**
 * The work the writer and the mentee did together, oldest mentorship first. Sessions are held on
 * calendar days; the other dates are moments, read as days in the mentee's time zone `tz`.
 */
export async function workRecords(
  db: Db,
  menteeId: string,
  writerId: string,
  tz = "UTC",
): Promise<WorkRecord[]> {
  const mentorships = await db.mentorship.findMany({
    where: { menteeId, mentorId: writerId, status: { in: [...WORKED_TOGETHER] } },
    include: {
      program: { select: { name: true } },
      sessions: {
        where: { status: "HELD" },
        orderBy: { heldOn: "asc" },
        select: { heldOn: true, agenda: true },
      },
      goals: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        include: { milestones: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] } },
      },
    },
    orderBy: [{ startedAt: "asc" }, { createdAt: "asc" }],
  });
  return Promise.all(
    mentorships.map(async (m) => ({
      programName: m.program.name,
      startedOn: localDate(m.startedAt ?? m.createdAt, tz),
      endedOn: m.status === "COMPLETED" && m.endedAt ? localDate(m.endedAt, tz) : null,
      sessions: m.sessions.map((s) => ({
        on: isoDateOf(s.heldOn),
        topic: s.agenda?.split(/\r?\n/).find((line) => line.trim() !== "") ?? null,
      })),
      goals: m.goals.map((g) => ({
        title: g.title,
        status: g.status,
        achievedOn: g.achievedAt ? localDate(g.achievedAt, tz) : null,
        milestones: g.milestones
          .filter((ms) => ms.status !== "SKIPPED")
          .map((ms) => ({
            title: ms.title,
            doneOn: ms.status === "DONE" ? localDate(ms.completedAt ?? ms.createdAt, tz) : null,
          })),
      })),
      actionItemsDone: await db.actionItem.count({ where: { mentorshipId: m.id, status: "DONE" } }),
    })),
  );
}

/** Tandem's factual summary of the work together, or null when there is no record. */
export async function summaryOfWork(
  db: Db,
  mentee: { id: string; name: string; tz: string },
  writerId: string,
): Promise<string | null> {
  return workSummary(mentee.name, await workRecords(db, mentee.id, writerId, mentee.tz));
}
