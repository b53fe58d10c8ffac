// Matching for one mentee at a time (/mentor find): rank mentors, ask one, accept or decline,
// move an unanswered request on after three days, and introduce each new pair.
import { MentorIndex } from "../domain/matching/candidates.ts";
import { exclusionReason } from "../domain/matching/exclusion.ts";
import { blockedPairs, pairKey } from "../domain/matching/history.ts";
import {
  attachTextVectors,
  type MatchPerson,
  type MatchPersonInput,
  needsTextOf,
  offersTextOf,
  preparePerson,
} from "../domain/matching/person.ts";
import { rankMentors } from "../domain/matching/rank.ts";
import { type MatchRules, scorePair } from "../domain/matching/score.ts";
import { TextModel, TextOverlay } from "../domain/matching/similarity.ts";
import { displayNameOf } from "../domain/members.ts";
import { parseMatchingWeights } from "../domain/program.ts";
import { recordAudit } from "./audit.ts";
import type { Member, Mentorship, Prisma, PrismaClient, Program } from "./db.ts";
import type { EmbeddingRefresh, EmbeddingService } from "./embeddings.ts";
import { NotFoundError, UserError, unlessNotFound } from "./errors.ts";
import type { MemberService } from "./members.ts";
import { onMentorshipStarted } from "./mentorships.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";

const DAY = 24 * 60 * 60 * 1000;
export const REQUEST_ANSWER_DAYS = 3;
/** Statuses that take one of a mentor's places. */
const LOAD_STATUSES = ["ACTIVE", "PAUSED", "REQUESTED"] as const;
/**
 * How long `/mentor find` reuses a program's text model (its IDF). Reading every profile text of
 * a 100,000-person program takes seconds; the weights move little in minutes.
 */
const TEXT_MODEL_TTL_MS = 10 * 60 * 1000;

export interface PoolEntry {
  member: Member;
  person: MatchPerson;
  /** Why this person can't be matched now, if they can't. */
  exclusion: string | undefined;
}

export interface Pool {
  program: Program;
  rules: MatchRules;
  mentees: PoolEntry[];
  mentors: PoolEntry[];
}

/** A program's mentors, ready for `/mentor find` to rank (see `MatchingService.mentorsForFind`). */
interface FindMentors {
  signature: string;
  model: TextModel;
  builtAt: number;
  /** When a mentor's pause ends (their exclusion changes with the clock alone). */
  until: number;
  /** The text model's view for this build: mentees' texts are read through it too. */
  text: TextOverlay;
  byId: Map<string, PoolEntry>;
  /** Mentors who can be matched now, and their candidate index. */
  available: MatchPerson[];
  index: MentorIndex;
}

export interface MentorSuggestion {
  programId: string;
  programName: string;
  mentorMemberId: string;
  slackUserId: string;
  name: string;
  title: string | null;
  department: string | null;
  score: number;
  reasons: string[];
  freePlaces: number;
  capacity: number;
}

export interface RequestDetails {
  mentorship: Mentorship;
  mentor: Member;
  mentee: Member;
  program: Program;
}

export function rulesOf(program: Program): MatchRules {
  // Weights a coordinator set are checked like any input; unusable ones fall back to the defaults.
  const weights = parseMatchingWeights(program.matchingWeights);
  return {
    departmentRule: program.departmentRule,
    avoidSameReportingLine: program.avoidSameReportingLine,
    minOverlapHours: program.minOverlapHours,
    ...(weights ? { weights } : {}),
  };
}

export class MatchingService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly members: MemberService,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
    /** Cached AI embeddings (semantic matching); without them, text similarity is TF-IDF only. */
    private readonly embeddings?: EmbeddingService,
  ) {}

  /** Each program's text model for `find`, and when it was built (this service's clock). */
  private readonly textModels = new Map<string, { model: TextModel; builtAt: number }>();
  /** Text models being built now, per program. */
  private readonly textModelBuilds = new Map<string, Promise<TextModel>>();
  /** Each program's mentors as `find` last built them. */
  private readonly findMentors = new Map<string, FindMentors>();

  /**
   * Before a round scores: computes the missing or stale embeddings of the program's opted-in
   * members. Never fails for AI: the outcome says what happened (nothing, when AI isn't in use).
   */
  async refreshEmbeddings(programId: string): Promise<EmbeddingRefresh | null> {
    const program = await this.prisma.program.findUnique({ where: { id: programId } });
    if (!program || !this.embeddings?.usableIn(program)) return null;
    const enrolments = await this.prisma.enrollment.findMany({
      where: { programId, status: "ACTIVE", member: { aiOptIn: true } },
      include: { member: true },
      orderBy: { member: { slackUserId: "asc" } },
    });
    return this.embeddings.refresh(
      program.workspaceId,
      enrolments.map((e) => e.member),
    );
  }

  /** Everyone enrolled in a program, prepared for scoring, with mentors' free places. */
  async pool(programId: string): Promise<Pool> {
    const now = this.now();
    const program = await this.requireProgram(programId);
    const enrolments = await this.prisma.enrollment.findMany({
      where: { programId, status: "ACTIVE" },
      include: { member: true },
      orderBy: { member: { slackUserId: "asc" } },
    });
    const mentees = enrolments.filter((e) => e.role !== "MENTOR").map((e) => menteeEntry(e.member, now));
    const mentors = await this.mentorEntries(
      program,
      enrolments.filter((e) => e.role !== "MENTEE"),
      now,
    );
    // Text similarity: TF-IDF with IDF over this pool, and cached embeddings where allowed.
    attachTextVectors(
      mentees.map((m) => m.person),
      mentors.map((m) => m.person),
    );
    await this.attachEmbeddings(program, mentees, mentors);
    return { program, rules: rulesOf(program), mentees, mentors };
  }

  /**
   * A program's mentors as `/mentor find` ranks them, without reading its mentees: kept between
   * calls while nothing they were built from has changed (see `mentorSignature`), no mentor's
   * pause has ended, and the program's text model is the same. Words typed since the text model
   * was built count as the rarest (`TextOverlay`).
   */
  private async mentorsForFind(program: Program): Promise<FindMentors> {
    const now = this.now();
    const model = await this.textModelOf(program.id);
    const signature = await this.mentorSignature(program);
    const cached = this.findMentors.get(program.id);
    const at = now.getTime();
    if (
      cached?.signature === signature &&
      cached.model === model &&
      at >= cached.builtAt &&
      at < cached.until
    ) {
      return cached;
    }
    const enrolled = await this.prisma.enrollment.findMany({
      where: { programId: program.id, status: "ACTIVE", role: { not: "MENTEE" } },
      include: { member: true },
      orderBy: { member: { slackUserId: "asc" } },
    });
    const entries = await this.mentorEntries(program, enrolled, now);
    const text = new TextOverlay(model);
    for (const m of entries) m.person.offersVector = text.vectorOf(offersTextOf(m.person));
    await this.attachEmbeddings(program, [], entries);
    const available = entries.filter((m) => !m.exclusion).map((m) => m.person);
    // The first pause to end: that mentor's exclusion changes with the clock alone.
    let until = Number.POSITIVE_INFINITY;
    for (const m of entries) {
      const ends = m.member.status === "PAUSED" ? m.member.pausedUntil?.getTime() : undefined;
      if (ends !== undefined && ends > at && ends < until) until = ends;
    }
    const built: FindMentors = {
      signature,
      model,
      builtAt: at,
      until,
      text,
      byId: new Map(entries.map((m) => [m.member.id, m])),
      available,
      index: new MentorIndex(available),
    };
    remember(this.findMentors, program.id, built);
    return built;
  }

  /**
   * A fingerprint of everything a program's mentors are built from, computed in the database: their
   * enrolments and the member columns matching reads (not, say, a Slack status or the last
   * check-in prompt), the mentorships that take their places, and (where AI is in use) their
   * cached embeddings. Any change to one of them changes it.
   */
  private async mentorSignature(program: Program): Promise<string> {
    const withVectors = this.embeddings?.usableIn(program) ?? false;
    const [row] = await this.prisma.$queryRaw<
      Array<{ mentors: number; profiles: string; places: string; vectors: string }>
    >`
      WITH mentor AS (
        SELECT e."memberId", hashtext(row(
          e.id, e.role, e.capacity, m."slackUserId", m."realName", m."displayName", m.title, m.tz,
          m."isGuest", m."isBot", m."isDeleted", m.role, m."careerStage", m.department,
          m."managerSlackId", m.expertise, m.interests, m."mentoringKinds", m."goalsText",
          m."mentorCapacity", m."meetingMode", m.languages, m."workdayStartMinute",
          m."workdayEndMinute", m."openToMatching", m."aiOptIn", m.status, m."pausedUntil",
          m."joinedAt"
        )::text)::bigint AS h
        FROM "Enrollment" e JOIN "Member" m ON m.id = e."memberId"
        WHERE e."programId" = ${program.id} AND e.status = 'ACTIVE' AND e.role <> 'MENTEE'
      )
      SELECT
        (SELECT count(*) FROM mentor)::int AS mentors,
        (SELECT coalesce(sum(h), 0) FROM mentor)::text AS profiles,
        (SELECT coalesce(sum(hashtext(s.id || s."mentorId" || s.status::text)::bigint), 0) FROM "Mentorship" s
          WHERE s."mentorId" IN (SELECT "memberId" FROM mentor)
            AND s.status IN ('ACTIVE', 'PAUSED', 'REQUESTED'))::text AS places,
        (SELECT coalesce(sum(hashtext(v."memberId" || v.purpose || v."updatedAt"::text)::bigint), 0)
          FROM "ProfileEmbedding" v
          WHERE ${withVectors} AND v."memberId" IN (SELECT "memberId" FROM mentor))::text AS vectors`;
    return [program.updatedAt.toISOString(), row?.mentors, row?.profiles, row?.places, row?.vectors].join(
      "|",
    );
  }

  /** The mentee, prepared now and read through the mentors' text view, with their cached embedding. */
  private async readMentee(program: Program, mentors: FindMentors, member: Member): Promise<PoolEntry> {
    const me = menteeEntry(member, this.now());
    me.person.needsVector = mentors.text.vectorOf(needsTextOf(me.person));
    me.person.vocabulary = mentors.text.words;
    await this.attachEmbeddings(program, [me], []);
    return me;
  }

  /** The program's text model (IDF over all its people's texts), rebuilt when TEXT_MODEL_TTL_MS old. */
  private async textModelOf(programId: string): Promise<TextModel> {
    const at = this.now().getTime();
    const cached = this.textModels.get(programId);
    if (cached && at >= cached.builtAt && at - cached.builtAt < TEXT_MODEL_TTL_MS) return cached.model;
    // One build per program at a time: finds arriving meanwhile wait for it instead of reading
    // every profile text again.
    const building = this.textModelBuilds.get(programId);
    if (building) return building;
    const build = this.buildTextModel(programId).finally(() => this.textModelBuilds.delete(programId));
    this.textModelBuilds.set(programId, build);
    const model = await build;
    remember(this.textModels, programId, { model, builtAt: at });
    return model;
  }

  private async buildTextModel(programId: string): Promise<TextModel> {
    const texts = await this.prisma.enrollment.findMany({
      where: { programId, status: "ACTIVE" },
      select: {
        role: true,
        member: { select: { interests: true, goalsText: true, expertise: true, title: true } },
      },
    });
    const model = new TextModel();
    for (const { role, member } of texts) {
      if (role !== "MENTOR") model.add(needsTextOf({ needs: member.interests, goalsText: member.goalsText }));
      if (role !== "MENTEE") model.add(offersTextOf(member));
    }
    return model.finish().releaseDocuments();
  }

  /** Mentors as the pool holds them: free places after their current load, and why not now. */
  private async mentorEntries(
    program: Program,
    enrolments: ReadonlyArray<{ memberId: string; capacity: number | null; member: Member }>,
    now: Date,
  ): Promise<PoolEntry[]> {
    const load = await this.prisma.mentorship.groupBy({
      by: ["mentorId"],
      where: { mentorId: { in: enrolments.map((e) => e.memberId) }, status: { in: [...LOAD_STATUSES] } },
      _count: { _all: true },
    });
    const loadOf = new Map(load.map((l) => [l.mentorId, l._count._all]));
    return enrolments.map((e) => {
      const capacity = Math.min(
        e.capacity ?? e.member.mentorCapacity,
        e.member.mentorCapacity,
        program.mentorCapacityCap,
      );
      const free = Math.max(0, capacity - (loadOf.get(e.memberId) ?? 0));
      return {
        member: e.member,
        person: preparePerson({ ...personInput(e.member), capacity: free }, now),
        exclusion: exclusionReason(e.member, now),
      };
    });
  }

  /** Cached AI embeddings where the program allows AI (none are computed here). */
  private async attachEmbeddings(
    program: Program,
    mentees: PoolEntry[],
    mentors: PoolEntry[],
  ): Promise<void> {
    if (!this.embeddings?.usableIn(program)) return;
    const vectors = await this.embeddings.cached([...mentees, ...mentors].map((e) => e.member));
    for (const entry of mentees) entry.person.needsEmbedding = vectors.get(entry.member.id)?.needs ?? null;
    for (const entry of mentors) entry.person.offersEmbedding = vectors.get(entry.member.id)?.offers ?? null;
  }

  private async requireProgram(programId: string): Promise<Program> {
    const program = await this.prisma.program.findUnique({ where: { id: programId } });
    if (!program) throw new NotFoundError("That program no longer exists.");
    return program;
  }

  /** The best mentors for a mentee across the programs they take part in as a mentee. */
  async find(workspaceId: string, slackUserId: string, query = "", limit = 5): Promise<MentorSuggestion[]> {
    const member = await this.members.resolve(workspaceId, slackUserId);
    if (!member.joinedAt) throw new UserError("Join Tandem first: type `/mentor join` and choose mentee.");
    if (member.role === "MENTOR") {
      throw new UserError(
        "You take part as a mentor. To look for a mentor too, choose *Both* in `/mentor profile`.",
      );
    }
    const exclusion = exclusionReason(member, this.now());
    if (exclusion) throw new UserError(`Tandem can't look for a mentor for you right now: ${exclusion}.`);
    const programs = await this.prisma.enrollment.findMany({
      where: {
        memberId: member.id,
        status: "ACTIVE",
        role: { in: ["MENTEE", "BOTH"] },
        program: { status: { not: "ARCHIVED" } },
      },
      select: { program: true },
    });
    const suggestions: MentorSuggestion[] = [];
    const history = await this.historyOf(member.id, "mentee");
    for (const { program } of programs) {
      const programId = program.id;
      const mentors = await this.mentorsForFind(program);
      const me = await this.readMentee(program, mentors, member);
      const blocked = blockedPairs(history, program.repeatCooldownMonths, this.now());
      const ranked = rankMentors(me.person, mentors.available, rulesOf(program), {
        limit,
        query,
        index: mentors.index,
        context: (mentor) => {
          const reason = blocked.get(pairKey(member.id, mentor.id));
          return reason ? { blockedBecause: reason } : {};
        },
      });
      for (const r of ranked) {
        const entry = mentors.byId.get(r.mentor.id);
        if (!entry) continue;
        suggestions.push({
          programId,
          programName: program.name,
          mentorMemberId: entry.member.id,
          slackUserId: entry.member.slackUserId,
          name: displayNameOf(entry.member),
          title: entry.member.title,
          department: entry.member.department,
          score: r.score,
          reasons: r.reasons,
          freePlaces: r.mentor.capacity,
          capacity: Math.min(entry.member.mentorCapacity, program.mentorCapacityCap),
        });
      }
    }
    // One entry per mentor (their best program), best first; stable on ties.
    const best = new Map<string, MentorSuggestion>();
    for (const s of suggestions) {
      const seen = best.get(s.mentorMemberId);
      if (!seen || s.score > seen.score) best.set(s.mentorMemberId, s);
    }
    return [...best.values()]
      .sort(
        (a, b) =>
          b.score - a.score ||
          b.freePlaces - a.freePlaces ||
          a.mentorMemberId.localeCompare(b.mentorMemberId),
      )
      .slice(0, limit);
  }

  /**
   * A mentee asks a mentor. The mentor gets a DM right away; without an answer in three days
   * the request moves to the mentee's next choice.
   */
  async request(
    workspaceId: string,
    menteeSlackId: string,
    mentorMemberId: string,
    programId: string,
    note: string | undefined,
  ): Promise<{ mentorName: string; respondBy: Date; menteeTz: string }> {
    const mentee = await this.members.resolve(workspaceId, menteeSlackId);
    const program = await this.prisma.program.findFirst({ where: { id: programId, workspaceId } });
    if (!program) throw new NotFoundError("That program no longer exists.");
    // The chosen mentor is checked on their own (they may have been found with a topic filter).
    const [choice] = await this.available(mentee, program, [mentorMemberId]);
    if (!choice) {
      throw new UserError(
        "That mentor can't take a request from you right now (no free places, or already asked). `/mentor find` shows who can.",
      );
    }
    const ranked = await this.find(workspaceId, menteeSlackId, "", 6);
    const alternatives = ranked
      .filter((s) => s.mentorMemberId !== mentorMemberId)
      .map((s) => s.mentorMemberId);
    const respondBy = new Date(this.now().getTime() + REQUEST_ANSWER_DAYS * DAY);
    await this.prisma.$transaction((tx) =>
      this.createRequest(tx, {
        workspaceId,
        menteeId: mentee.id,
        choice,
        note,
        respondBy,
        alternatives,
        rank: 1,
      }),
    );
    this.jobsEnqueued();
    return { mentorName: choice.name, respondBy, menteeTz: mentee.tz };
  }

  private async createRequest(
    tx: Prisma.TransactionClient,
    args: {
      workspaceId: string;
      menteeId: string;
      choice: Pick<MentorSuggestion, "mentorMemberId" | "programId" | "score" | "reasons">;
      note: string | undefined;
      respondBy: Date;
      alternatives: string[];
      rank: number;
    },
  ): Promise<Mentorship> {
    const mentorship = await tx.mentorship.create({
      data: {
        programId: args.choice.programId,
        mentorId: args.choice.mentorMemberId,
        menteeId: args.menteeId,
        status: "REQUESTED",
        origin: "REQUEST",
        score: args.choice.score,
        reasons: args.choice.reasons,
        requestNote: args.note ?? null,
        respondBy: args.respondBy,
        requestRank: args.rank,
      },
    });
    await enqueue(
      tx,
      {
        workspaceId: args.workspaceId,
        programId: args.choice.programId,
        kind: "mentor_request",
        key: `mentor_request:${mentorship.id}`,
        payload: { mentorshipId: mentorship.id },
      },
      this.now(),
    );
    await enqueue(
      tx,
      {
        workspaceId: args.workspaceId,
        programId: args.choice.programId,
        kind: "request_expiry",
        key: `request_expiry:${mentorship.id}`,
        dueAt: args.respondBy,
        payload: { mentorshipId: mentorship.id, alternatives: args.alternatives },
      },
      this.now(),
    );
    await recordAudit(tx, {
      workspaceId: args.workspaceId,
      actorSlackId: undefined,
      action: "mentorship.requested",
      subjectType: "mentorship",
      subjectId: mentorship.id,
      data: { rank: args.rank },
    });
    return mentorship;
  }

  async requestDetails(mentorshipId: string): Promise<RequestDetails> {
    const mentorship = await this.prisma.mentorship.findUnique({
      where: { id: mentorshipId },
      include: { mentor: true, mentee: true, program: true },
    });
    if (!mentorship) throw new NotFoundError("That request no longer exists.");
    const { mentor, mentee, program, ...row } = mentorship;
    return { mentorship: row, mentor, mentee, program };
  }

  /** The mentor answers. Accepting starts the mentorship and sends the intro. */
  async respond(
    workspaceId: string,
    mentorSlackId: string,
    mentorshipId: string,
    answer: { accept: true } | { accept: false; reason: string; note?: string },
  ): Promise<RequestDetails> {
    const details = await this.requestDetails(mentorshipId);
    const { mentorship, mentor, mentee, program } = details;
    if (mentor.slackUserId !== mentorSlackId || mentor.workspaceId !== workspaceId) {
      throw new UserError("Only the mentor who was asked can answer this request.");
    }
    if (mentorship.status !== "REQUESTED") {
      const what =
        mentorship.status === "ACTIVE"
          ? "you already accepted it"
          : mentorship.status === "DECLINED"
            ? "you declined it"
            : "it expired or was withdrawn";
      throw new UserError(`This request is closed: ${what}.`);
    }
    const now = this.now();
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.mentorship.updateMany({
        where: { id: mentorship.id, status: "REQUESTED" },
        data: answer.accept
          ? { status: "ACTIVE", startedAt: now, cadenceDays: program.checkinCadenceDays, respondBy: null }
          : { status: "DECLINED", declineReason: answer.reason, endedAt: now, respondBy: null },
      });
      if (count === 0) throw new UserError("This request was answered a moment ago.");
      await tx.scheduledJob.updateMany({
        where: { idempotencyKey: `request_expiry:${mentorship.id}`, status: "PENDING" },
        data: { status: "CANCELLED", cancelReason: "answered", finishedAt: now },
      });
      if (answer.accept) {
        await onMentorshipStarted(
          tx,
          { workspaceId, programId: program.id, mentorshipId: mentorship.id },
          now,
        );
      } else {
        await enqueue(
          tx,
          {
            workspaceId,
            programId: program.id,
            kind: "dm",
            key: `request_declined:${mentorship.id}`,
            payload: {
              recipient: mentee.slackUserId,
              notice: {
                type: "request_declined",
                mentorName: displayNameOf(mentor),
                reason: answer.reason,
                ...(answer.note ? { note: answer.note } : {}),
              },
            },
          },
          now,
        );
      }
      await recordAudit(tx, {
        workspaceId,
        actorSlackId: mentorSlackId,
        action: answer.accept ? "mentorship.accepted" : "mentorship.declined",
        subjectType: "mentorship",
        subjectId: mentorship.id,
      });
    });
    this.jobsEnqueued();
    return this.requestDetails(mentorshipId);
  }

  /**
   * A request's three days are up: it is withdrawn, both people are told, and the mentee's next
   * available choice is asked. Returns false when the request had been answered meanwhile.
   */
  async expire(mentorshipId: string, alternatives: string[]): Promise<boolean> {
    const now = this.now();
    const details = await unlessNotFound(this.requestDetails(mentorshipId));
    if (details?.mentorship.status !== "REQUESTED") return false;
    const { mentorship, mentor, mentee, program } = details;
    const next = await this.nextAvailable(mentee, program, alternatives);
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.mentorship.updateMany({
        where: { id: mentorship.id, status: "REQUESTED" },
        data: {
          status: "CANCELLED",
          endedAt: now,
          endReason: `no answer in ${REQUEST_ANSWER_DAYS} days`,
          respondBy: null,
        },
      });
      if (count === 0) return;
      const tell = (recipient: Member, to: "mentee" | "mentor", other: Member) =>
        enqueue(
          tx,
          {
            workspaceId: mentee.workspaceId,
            programId: program.id,
            kind: "dm",
            key: `request_expired:${mentorship.id}:${to}`,
            payload: {
              recipient: recipient.slackUserId,
              notice: {
                type: "request_expired",
                to,
                otherName: displayNameOf(other),
                nextMentorName: next ? next.name : null,
              },
            },
          },
          now,
        );
      await tell(mentee, "mentee", mentor);
      await tell(mentor, "mentor", mentee);
      if (next) {
        await this.createRequest(tx, {
          workspaceId: mentee.workspaceId,
          menteeId: mentee.id,
          choice: next,
          note: mentorship.requestNote ?? undefined,
          respondBy: new Date(now.getTime() + REQUEST_ANSWER_DAYS * DAY),
          alternatives: alternatives.filter((id) => id !== next.mentorMemberId),
          rank: (mentorship.requestRank ?? 1) + 1,
        });
      }
    });
    this.jobsEnqueued();
    return true;
  }

  /** The first of the mentee's alternatives who can still take them, re-scored now. */
  private async nextAvailable(mentee: Member, program: Program, alternatives: string[]) {
    return (await this.available(mentee, program, alternatives, 1))[0];
  }

  /** Those of `mentorIds` (in order) who can take this mentee now, re-scored; at most `limit`. */
  private async available(mentee: Member, program: Program, mentorIds: string[], limit = mentorIds.length) {
    const found: Array<{
      mentorMemberId: string;
      programId: string;
      score: number;
      reasons: string[];
      name: string;
    }> = [];
    if (mentorIds.length === 0) return found;
    const enrolled = await this.prisma.enrollment.count({
      where: { programId: program.id, memberId: mentee.id, status: "ACTIVE", role: { not: "MENTOR" } },
    });
    if (enrolled === 0 || exclusionReason(mentee, this.now())) return found;
    // The mentors as /mentor find ranked them (fresh places and pauses), so the score and reasons
    // stored with the request are the ones the mentee was shown.
    const mentors = await this.mentorsForFind(program);
    const me = await this.readMentee(program, mentors, mentee);
    const blocked = blockedPairs(
      await this.historyOf(mentee.id, "mentee"),
      program.repeatCooldownMonths,
      this.now(),
    );
    for (const id of mentorIds) {
      const entry = mentors.byId.get(id);
      if (!entry || entry.exclusion || entry.person.capacity <= 0) continue;
      const reason = blocked.get(pairKey(mentee.id, id));
      const verdict = scorePair(
        me.person,
        entry.person,
        rulesOf(program),
        reason ? { blockedBecause: reason } : {},
      );
      if (!verdict.eligible) continue;
      found.push({
        mentorMemberId: id,
        programId: program.id,
        score: verdict.score,
        reasons: verdict.reasons,
        name: displayNameOf(entry.member),
      });
      if (found.length >= limit) break;
    }
    return found;
  }

  private historyOf(memberId: string, as: "mentee" | "mentor") {
    return this.prisma.mentorship.findMany({
      where: as === "mentee" ? { menteeId: memberId } : { mentorId: memberId },
      select: {
        mentorId: true,
        menteeId: true,
        status: true,
        createdAt: true,
        endedAt: true,
        updatedAt: true,
      },
      orderBy: { createdAt: "desc" },
    });
  }
}

/** Programs whose text model and mentors `find` keeps at once; the least recently built go first. */
const KEPT_PROGRAMS = 50;

function remember<T>(cache: Map<string, T>, programId: string, value: T): void {
  cache.delete(programId);
  cache.set(programId, value);
  for (const oldest of cache.keys()) {
    if (cache.size <= KEPT_PROGRAMS) break;
    cache.delete(oldest);
  }
}

/** A mentee as the pool holds them, and why they can't be matched now, if they can't. */
function menteeEntry(member: Member, now: Date): PoolEntry {
  return {
    member,
    person: preparePerson({ ...personInput(member), capacity: 0 }, now),
    exclusion: exclusionReason(member, now),
  };
}

/** Slack facts and profile answers, as matching needs them. */
export function personInput(member: Member): Omit<MatchPersonInput, "capacity"> {
  return {
    id: member.id,
    slackUserId: member.slackUserId,
    careerStage: member.careerStage,
    department: member.department,
    managerSlackId: member.managerSlackId,
    needs: member.interests,
    expertise: member.expertise,
    kinds: member.mentoringKinds,
    tz: member.tz,
    workdayStartMinute: member.workdayStartMinute,
    workdayEndMinute: member.workdayEndMinute,
    languages: member.languages,
    meetingMode: member.meetingMode,
    goalsText: member.goalsText,
    title: member.title,
  };
}
