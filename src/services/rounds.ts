// Coordinator-run matching rounds: solve the whole program at once (exactly, as a job), let the
// coordinator review the draft (lock, remove, swap, re-run around locks), then publish it.
import { randomUUID } from "node:crypto";
import { type AssignmentResult, solveAssignment, verifyOptimal } from "../domain/matching/assignment.ts";
import { blockedPairs, pairKey } from "../domain/matching/history.ts";
import { buildInstance, describeNoEligibleMentor } from "../domain/matching/instance.ts";
import { scorePair } from "../domain/matching/score.ts";
import { displayNameOf } from "../domain/members.ts";
import { recordAudit } from "./audit.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { MatchingRound, Member, Prisma, PrismaClient, Program } from "./db.ts";
import { NotFoundError, UserError } from "./errors.ts";
import type { MatchingService, PoolEntry } from "./matching.ts";
import { onMentorshipStarted } from "./mentorships.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";

export interface RoundSummary {
  mentees: number;
  matched: number;
  unmatched: number;
  totalScore: number;
  edges: number;
  seconds: number;
  verified: boolean;
  /**
   * Semantic matching's embeddings refreshed before scoring (absent when AI isn't in use here):
   * `failure` means some stayed stale, and their pairs used local text similarity.
   */
  embeddings?: { stale: number; computed: number; failure?: string };
}

export interface RoundPair {
  mentorshipId: string;
  mentee: { id: string; slackUserId: string; name: string };
  mentor: { id: string; slackUserId: string; name: string };
  score: number;
  reasons: string[];
  locked: boolean;
  /** Still a proposal (false once publishing made it a mentorship). */
  proposed: boolean;
}

export interface RoundView {
  round: MatchingRound;
  program: Program;
  summary: RoundSummary | null;
  pairs: RoundPair[];
  unmatched: Array<{ slackUserId: string; name: string; reason: string }>;
}

const OPEN_PAIR = ["ACTIVE", "PAUSED", "REQUESTED"] as const;

export class RoundService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly coordinators: CoordinatorService,
    private readonly matching: MatchingService,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Queues a new round for a program; the solving runs as a job, never inside Slack's 3 s. */
  async start(workspaceId: string, actorSlackId: string, programId: string): Promise<MatchingRound> {
    const actor = await this.coordinators.require(workspaceId, actorSlackId, "run matching rounds");
    const program = await this.prisma.program.findFirst({ where: { id: programId, workspaceId } });
    if (!program) throw new NotFoundError("That program no longer exists.");
    const round = await this.prisma.$transaction(async (tx) => {
      // One round at a time per program, even with two coordinators or a double click: the
      // program row is locked while we look.
      await tx.$queryRaw`SELECT id FROM "Program" WHERE id = ${programId} FOR UPDATE`;
      const busy = await tx.matchingRound.findFirst({
        where: { programId, status: { in: ["QUEUED", "RUNNING", "PUBLISHING"] } },
      });
      if (busy) {
        throw new UserError(
          `A round for "${program.name}" is already running; you'll get a DM when it's ready.`,
        );
      }
      // A new round replaces a draft nobody published.
      const drafts = await tx.matchingRound.findMany({
        where: { programId, status: "DRAFT" },
        select: { id: true },
      });
      for (const draft of drafts) {
        await tx.mentorship.deleteMany({ where: { roundId: draft.id, status: "PROPOSED" } });
        await tx.matchingRound.update({ where: { id: draft.id }, data: { status: "CANCELLED" } });
      }
      const created = await tx.matchingRound.create({
        data: { programId, startedById: actor.id, status: "QUEUED" },
      });
      await this.queueSolve(tx, workspaceId, created.id, programId);
      await recordAudit(tx, {
        workspaceId,
        actorSlackId,
        action: "round.started",
        subjectType: "round",
        subjectId: created.id,
        data: { replacedDrafts: drafts.map((d) => d.id) },
      });
      return created;
    });
    this.jobsEnqueued();
    return round;
  }

  /** Solves again, keeping the locked pairs and re-optimising everything else around them. */
  async rerun(workspaceId: string, actorSlackId: string, roundId: string): Promise<void> {
    await this.coordinators.require(workspaceId, actorSlackId, "run matching rounds");
    const round = await this.draft(roundId);
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.matchingRound.updateMany({
        where: { id: round.id, status: "DRAFT" },
        data: { status: "QUEUED" },
      });
      if (count === 0) throw new UserError("This round is already being solved again.");
      await this.queueSolve(tx, workspaceId, round.id, round.programId);
    });
    this.jobsEnqueued();
  }

  private queueSolve(tx: Prisma.TransactionClient, workspaceId: string, roundId: string, programId: string) {
    return enqueue(
      tx,
      {
        workspaceId,
        programId,
        kind: "matching_round",
        // Every solve (a start or a re-run) is its own intent.
        key: `matching_round:${roundId}:${randomUUID()}`,
        payload: { roundId },
      },
      this.now(),
    );
  }

  /**
   * The job: everyone in the program who can be matched and isn't paired yet, against every mentor
   * with free places; the exact optimum (most mentees matched, then the highest total score),
   * locked pairs kept. The draft replaces the round's unlocked proposals.
   */
  async solve(roundId: string): Promise<RoundSummary> {
    const round = await this.prisma.matchingRound.findUnique({ where: { id: roundId } });
    if (!round) throw new NotFoundError("That round no longer exists.");
    // Only a queued round (or one whose solver died mid-way) is solved: never a draft under
    // review, a cancelled one or one being published.
    const { count } = await this.prisma.matchingRound.updateMany({
      where: { id: roundId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "RUNNING", error: null },
    });
    if (count === 0) throw new NotFoundError("That round is not waiting to be solved.");
    // Stale embeddings first (opted-in people, programs allowing AI); AI trouble never fails a round.
    const embeddings = await this.matching.refreshEmbeddings(round.programId).catch(() => null);
    const pool = await this.matching.pool(round.programId);
    const locked = await this.prisma.mentorship.findMany({
      where: { roundId, status: "PROPOSED", locked: true },
      select: { menteeId: true, mentorId: true },
    });
    const lockedMentees = new Set(locked.map((l) => l.menteeId));
    // People already in a pair (or a pending request) in this program wait for the next round.
    const paired = await this.prisma.mentorship.findMany({
      where: { programId: round.programId, status: { in: [...OPEN_PAIR] } },
      select: { menteeId: true },
    });
    const pairedMentees = new Set(paired.map((p) => p.menteeId));
    const unmatched: Array<{ menteeId: string; reason: string }> = [];
    const mentees: PoolEntry[] = [];
    for (const entry of pool.mentees) {
      if (pairedMentees.has(entry.member.id) && !lockedMentees.has(entry.member.id)) continue;
      if (entry.exclusion) unmatched.push({ menteeId: entry.member.id, reason: entry.exclusion });
      else mentees.push(entry);
    }
    const mentors = pool.mentors.filter((m) => !m.exclusion);
    const history = await this.prisma.mentorship.findMany({
      where: { menteeId: { in: mentees.map((m) => m.member.id) } },
      select: {
        mentorId: true,
        menteeId: true,
        status: true,
        createdAt: true,
        endedAt: true,
        updatedAt: true,
      },
    });
    const blocked = blockedPairs(
      history.filter((h) => !(h.status === "PROPOSED")),
      pool.program.repeatCooldownMonths,
      this.now(),
    );
    const instance = buildInstance(
      mentees.map((m) => m.person),
      mentors.map((m) => m.person),
      pool.rules,
      (mentee, mentor) => {
        const reason = blocked.get(pairKey(mentee.id, mentor.id));
        return reason ? { blockedBecause: reason } : {};
      },
      locked.map((l) => [l.menteeId, l.mentorId]),
    );
    const result: AssignmentResult = solveAssignment(instance.input);
    const verified = verifyOptimal(instance.input, result).length === 0;
    for (const u of result.unmatched) {
      const mentee = instance.mentees[u.mentee];
      if (!mentee) continue;
      unmatched.push({
        menteeId: mentee.id,
        reason:
          u.reason === "capacity_exhausted"
            ? "capacity exhausted: every mentor who fits is full"
            : describeNoEligibleMentor(instance.ruledOut[u.mentee], instance.mentors.length),
      });
    }
    const summary: RoundSummary = {
      mentees: mentees.length + unmatched.length - result.unmatched.length,
      matched: result.matched,
      unmatched: unmatched.length,
      totalScore: Math.round(result.totalScore * 100) / 100,
      edges: instance.input.edgeMentee.length,
      seconds: result.stats.seconds,
      verified,
      ...(embeddings ? { embeddings } : {}),
    };
    const lockedKeys = new Set(locked.map((l) => pairKey(l.menteeId, l.mentorId)));
    await this.prisma.$transaction(
      async (tx) => {
        await tx.mentorship.deleteMany({ where: { roundId, status: "PROPOSED", locked: false } });
        await tx.roundUnmatched.deleteMany({ where: { roundId } });
        for (const [i, j] of result.pairs) {
          const mentee = instance.mentees[i];
          const mentor = instance.mentors[j];
          if (!mentee || !mentor || lockedKeys.has(pairKey(mentee.id, mentor.id))) continue;
          const verdict = scorePair(mentee, mentor, pool.rules, {}, true);
          await tx.mentorship.create({
            data: {
              programId: round.programId,
              roundId,
              mentorId: mentor.id,
              menteeId: mentee.id,
              status: "PROPOSED",
              origin: "ROUND",
              score: verdict.eligible ? verdict.score : null,
              reasons: verdict.eligible ? verdict.reasons : [],
            },
          });
        }
        if (unmatched.length) {
          await tx.roundUnmatched.createMany({ data: unmatched.map((u) => ({ roundId, ...u })) });
        }
        await tx.matchingRound.update({
          where: { id: roundId },
          data: { status: "DRAFT", solvedAt: this.now(), summary: { ...summary } },
        });
      },
      { timeout: 120_000 },
    );
    return summary;
  }

  /** Publishing stopped half-way: the round is a draft again, its remaining proposals intact. */
  async backToDraft(roundId: string, error: string): Promise<void> {
    await this.prisma.matchingRound.updateMany({
      where: { id: roundId, status: "PUBLISHING" },
      data: { status: "DRAFT", error },
    });
  }

  async markFailed(roundId: string, error: string): Promise<void> {
    await this.prisma.matchingRound.updateMany({ where: { id: roundId }, data: { status: "FAILED", error } });
  }

  /** A round as a coordinator of its workspace sees it; anyone else is refused. */
  async viewFor(workspaceId: string, actorSlackId: string, roundId: string): Promise<RoundView> {
    await this.coordinators.require(workspaceId, actorSlackId, "review matching rounds");
    const view = await this.view(roundId);
    if (view.program.workspaceId !== workspaceId) throw new NotFoundError("That round no longer exists.");
    return view;
  }

  /** The draft as a coordinator reviews it. */
  async view(roundId: string): Promise<RoundView> {
    const round = await this.prisma.matchingRound.findUnique({
      where: { id: roundId },
      include: {
        program: true,
        proposals: {
          where: { status: { in: ["PROPOSED", "ACTIVE"] } },
          include: { mentee: true, mentor: true },
          orderBy: [{ score: "desc" }, { id: "asc" }],
        },
        unmatched: true,
      },
    });
    if (!round) throw new NotFoundError("That round no longer exists.");
    const unmatchedMembers = await this.prisma.member.findMany({
      where: { id: { in: round.unmatched.map((u) => u.menteeId) } },
    });
    const byId = new Map(unmatchedMembers.map((m) => [m.id, m]));
    const person = (m: Member) => ({ id: m.id, slackUserId: m.slackUserId, name: displayNameOf(m) });
    const { program, proposals, unmatched, ...row } = round;
    return {
      round: row,
      program,
      summary: (row.summary as RoundSummary | null) ?? null,
      pairs: proposals.map((p) => ({
        mentorshipId: p.id,
        mentee: person(p.mentee),
        mentor: person(p.mentor),
        score: p.score ?? 0,
        reasons: p.reasons,
        locked: p.locked,
        proposed: p.status === "PROPOSED",
      })),
      unmatched: unmatched
        .map((u) => {
          const m = byId.get(u.menteeId);
          return {
            slackUserId: m?.slackUserId ?? "",
            name: m ? displayNameOf(m) : "someone who left",
            reason: u.reason,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  async setLocked(
    workspaceId: string,
    actorSlackId: string,
    mentorshipId: string,
    locked: boolean,
  ): Promise<string> {
    const pair = await this.proposal(workspaceId, actorSlackId, mentorshipId);
    await this.prisma.mentorship.update({ where: { id: pair.id }, data: { locked } });
    return pair.roundId ?? "";
  }

  /** Takes a pair out of the draft; the mentee is listed as unmatched, with that reason. */
  async remove(workspaceId: string, actorSlackId: string, mentorshipId: string): Promise<string> {
    const pair = await this.proposal(workspaceId, actorSlackId, mentorshipId);
    const roundId = pair.roundId ?? "";
    await this.prisma.$transaction([
      this.prisma.mentorship.delete({ where: { id: pair.id } }),
      this.prisma.roundUnmatched.upsert({
        where: { roundId_menteeId: { roundId, menteeId: pair.menteeId } },
        create: { roundId, menteeId: pair.menteeId, reason: "removed from the draft by a coordinator" },
        update: { reason: "removed from the draft by a coordinator" },
      }),
    ]);
    return roundId;
  }

  /** Exchanges the mentors of two pairs in the same draft, if both new pairs are allowed. */
  async swap(workspaceId: string, actorSlackId: string, aId: string, bId: string): Promise<string> {
    const a = await this.proposal(workspaceId, actorSlackId, aId);
    const b = await this.proposal(workspaceId, actorSlackId, bId);
    if (a.roundId !== b.roundId) throw new UserError("Both pairs must be in the same draft.");
    if (a.id === b.id) throw new UserError("Choose two different pairs to swap.");
    const pool = await this.matching.pool(a.programId);
    const find = (id: string, list: PoolEntry[]) => list.find((e) => e.member.id === id)?.person;
    const history = await this.prisma.mentorship.findMany({
      where: { menteeId: { in: [a.menteeId, b.menteeId] }, status: { not: "PROPOSED" } },
      select: {
        mentorId: true,
        menteeId: true,
        status: true,
        createdAt: true,
        endedAt: true,
        updatedAt: true,
      },
    });
    const blocked = blockedPairs(history, pool.program.repeatCooldownMonths, this.now());
    const check = (menteeId: string, mentorId: string) => {
      const mentee = find(menteeId, pool.mentees);
      const mentor = find(mentorId, pool.mentors);
      if (!mentee || !mentor) throw new UserError("One of these people is no longer in the program.");
      const reason = blocked.get(pairKey(menteeId, mentorId));
      const verdict = scorePair(mentee, mentor, pool.rules, reason ? { blockedBecause: reason } : {}, true);
      if (!verdict.eligible) throw new UserError(`That swap isn't allowed: ${verdict.reason}.`);
      return verdict;
    };
    const first = check(a.menteeId, b.mentorId);
    const second = check(b.menteeId, a.mentorId);
    await this.prisma.$transaction([
      this.prisma.mentorship.update({
        where: { id: a.id },
        data: { mentorId: b.mentorId, score: first.score, reasons: first.reasons },
      }),
      this.prisma.mentorship.update({
        where: { id: b.id },
        data: { mentorId: a.mentorId, score: second.score, reasons: second.reasons },
      }),
    ]);
    return a.roundId ?? "";
  }

  /** Publishing runs as a job: each pair becomes a mentorship and gets its introduction. */
  async publish(workspaceId: string, actorSlackId: string, roundId: string): Promise<void> {
    await this.coordinators.require(workspaceId, actorSlackId, "publish matching rounds");
    const round = await this.draft(roundId);
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.matchingRound.updateMany({
        where: { id: round.id, status: "DRAFT" },
        data: { status: "PUBLISHING" },
      });
      if (count === 0) throw new UserError("This round was published a moment ago.");
      await enqueue(
        tx,
        {
          workspaceId,
          programId: round.programId,
          kind: "round_publish",
          key: `round_publish:${round.id}`,
          payload: { roundId: round.id },
        },
        this.now(),
      );
      await recordAudit(tx, {
        workspaceId,
        actorSlackId,
        action: "round.published",
        subjectType: "round",
        subjectId: round.id,
      });
    });
    this.jobsEnqueued();
  }

  /**
   * The publish job: proposals whose people can still be matched become active mentorships with
   * an intro; the others are dropped with the reason. Returns what happened, for the coordinator.
   */
  async applyPublish(
    roundId: string,
  ): Promise<{ introduced: number; dropped: Array<{ name: string; reason: string }> }> {
    const view = await this.view(roundId);
    const pool = await this.matching.pool(view.round.programId);
    const now = this.now();
    const dropped: Array<{ name: string; reason: string }> = [];
    let introduced = 0;
    const mentorLoad = new Map<string, number>();
    // Someone who found a mentor by themselves since the draft (or in another round) keeps that one.
    const taken = new Set(
      (
        await this.prisma.mentorship.findMany({
          where: { programId: view.program.id, status: { in: [...OPEN_PAIR] } },
          select: { menteeId: true },
        })
      ).map((m) => m.menteeId),
    );
    for (const pair of view.pairs) {
      if (!pair.proposed) continue; // made active by an earlier attempt of this job
      if (taken.has(pair.mentee.id)) {
        dropped.push({
          name: `${pair.mentee.name} and ${pair.mentor.name}`,
          reason: "the mentee already has a mentor",
        });
        await this.prisma.mentorship.update({
          where: { id: pair.mentorshipId },
          data: { status: "CANCELLED", endedAt: now, endReason: "the mentee already has a mentor" },
        });
        continue;
      }
      const mentee = pool.mentees.find((m) => m.member.id === pair.mentee.id);
      const mentor = pool.mentors.find((m) => m.member.id === pair.mentor.id);
      const problem = !mentee || !mentor ? "left the program" : (mentee.exclusion ?? mentor.exclusion);
      const used = mentorLoad.get(pair.mentor.id) ?? 0;
      if (problem || !mentor || used >= mentor.person.capacity) {
        dropped.push({
          name: `${pair.mentee.name} and ${pair.mentor.name}`,
          reason: problem ?? "the mentor has no free place left",
        });
        await this.prisma.mentorship.update({
          where: { id: pair.mentorshipId },
          data: { status: "CANCELLED", endedAt: now, endReason: problem ?? "no free place left at publish" },
        });
        continue;
      }
      mentorLoad.set(pair.mentor.id, used + 1);
      taken.add(pair.mentee.id);
      await this.prisma.$transaction(async (tx) => {
        await tx.mentorship.update({
          where: { id: pair.mentorshipId },
          data: { status: "ACTIVE", startedAt: now, cadenceDays: view.program.checkinCadenceDays },
        });
        await onMentorshipStarted(
          tx,
          {
            workspaceId: view.program.workspaceId,
            programId: view.program.id,
            mentorshipId: pair.mentorshipId,
          },
          now,
        );
      });
      introduced++;
    }
    await this.prisma.matchingRound.update({
      where: { id: roundId },
      data: { status: "PUBLISHED", publishedAt: now },
    });
    this.jobsEnqueued();
    return { introduced, dropped };
  }

  /** Who started the round: they are told when it is ready and when it is published. */
  async coordinatorOf(roundId: string): Promise<Member | null> {
    const round = await this.prisma.matchingRound.findUnique({
      where: { id: roundId },
      include: { startedBy: true },
    });
    return round?.startedBy ?? null;
  }

  private async draft(roundId: string): Promise<MatchingRound> {
    const round = await this.prisma.matchingRound.findUnique({ where: { id: roundId } });
    if (!round) throw new NotFoundError("That round no longer exists.");
    if (round.status !== "DRAFT") {
      const what =
        round.status === "PUBLISHED" || round.status === "PUBLISHING" ? "already published" : "still running";
      throw new UserError(`This round is ${what}.`);
    }
    return round;
  }

  private async proposal(workspaceId: string, actorSlackId: string, mentorshipId: string) {
    await this.coordinators.require(workspaceId, actorSlackId, "review matching rounds");
    const pair = await this.prisma.mentorship.findUnique({ where: { id: mentorshipId } });
    if (pair?.status !== "PROPOSED" || !pair.roundId)
      throw new UserError("That pair is no longer in a draft.");
    await this.draft(pair.roundId);
    return pair;
  }
}
