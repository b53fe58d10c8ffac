// Members: Slack's facts about a person kept fresh, the profile they give Tandem, and their
// choices to pause, leave, take their data with them, or erase it.
import { randomUUID } from "node:crypto";
import { nextWorkingTime, parsePauseUntil } from "../domain/dates.ts";
import { displayNameOf, isPaused, unreachableReason } from "../domain/members.ts";
import type { GoneReason } from "../domain/notices.ts";
import { defaultTaxonomy, type ProfileInput } from "../domain/profile.ts";
import type { ParticipantRole } from "../domain/roles.ts";
import { recordAudit } from "./audit.ts";
import type { Db, Member, PrismaClient, Program } from "./db.ts";
import { forgetEmbeddings } from "./embeddings.ts";
import { NotFoundError, UserError } from "./errors.ts";
import { closeLettersOf, countOpenLettersOf } from "./letter-closing.ts";
import { countRunningMentorships, endMentorshipsOf } from "./mentorships.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import type { SlackDirectory, SlackUserFacts } from "./slack-port.ts";
import { defaultProgramId, WorkspaceService } from "./workspaces.ts";

/** Slack facts older than this are refreshed from users.info when the person next shows up. */
const SLACK_FACTS_TTL_MS = 24 * 60 * 60 * 1000;

export interface ProfileFormData {
  slack: { name: string; title: string | null; tz: string };
  current: (ProfileInput & { joined: boolean }) | null;
  suggestedRole: ParticipantRole | undefined;
  taxonomy: string[];
  programName: string | undefined;
}

export interface SaveProfileResult {
  member: Member;
  /** The program the save enrolled the member in, if any. */
  program: Program | null;
  firstTime: boolean;
}

export class MemberService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly directory: SlackDirectory,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The member for a Slack user, created or refreshed from Slack when needed. */
  async resolve(workspaceId: string, slackUserId: string): Promise<Member> {
    const known = await this.prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
    });
    const fresh =
      known?.slackSyncedAt && this.now().getTime() - known.slackSyncedAt.getTime() < SLACK_FACTS_TTL_MS;
    let member = known;
    if (!fresh) {
      // Slack is asked; if it no longer knows the person, what Tandem had stays in use.
      const facts = await this.directory.userInfo(slackUserId);
      if (facts) member = (await this.applySlackFacts(workspaceId, facts)).member;
    }
    if (!member) throw new NotFoundError("Slack doesn't know this account, so Tandem can't set it up.");
    return this.endExpiredPause(member);
  }

  /**
   * A pause whose date has passed is over: record it, so every reader agrees. The date stays, as
   * the record of when it ended (the pause_end job checks it before welcoming the member back).
   */
  private async endExpiredPause(member: Member): Promise<Member> {
    if (member.status !== "PAUSED" || isPaused(member, this.now())) return member;
    return this.prisma.member.update({ where: { id: member.id }, data: { status: "ACTIVE" } });
  }

  /**
   * Writes what Slack says about a person (users.info, user_change, team_join). When the account
   * was just deactivated, their open mentorships end and each partner is told.
   */
  /**
   * A directory event (user_change, team_join): refreshes someone Tandem already knows, and never
   * creates a row for anyone else (nor re-creates one that was erased). Null when unknown.
   */
  async refreshFromSlack(
    workspaceId: string,
    facts: SlackUserFacts,
  ): Promise<{ member: Member; deactivated: boolean } | null> {
    const known = await this.prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId: facts.slackUserId } },
      select: { id: true },
    });
    return known ? this.applySlackFacts(workspaceId, facts) : null;
  }

  async applySlackFacts(
    workspaceId: string,
    facts: SlackUserFacts,
  ): Promise<{ member: Member; deactivated: boolean }> {
    const slackFields = {
      realName: facts.realName ?? null,
      displayName: facts.displayName ?? null,
      email: facts.email ?? null,
      title: facts.title ?? null,
      tz: facts.tz ?? "UTC",
      isAdmin: facts.isAdmin,
      isOwner: facts.isOwner,
      isGuest: facts.isGuest,
      isBot: facts.isBot,
      isDeleted: facts.isDeleted,
      statusText: facts.statusText ?? null,
      statusEmoji: facts.statusEmoji ?? null,
      statusExpiresAt: facts.statusExpiresAt ?? null,
      slackSyncedAt: this.now(),
    };
    const result = await this.prisma.$transaction(async (tx) => {
      const before = await tx.member.findUnique({
        where: { workspaceId_slackUserId: { workspaceId, slackUserId: facts.slackUserId } },
      });
      const member = await tx.member.upsert({
        where: { workspaceId_slackUserId: { workspaceId, slackUserId: facts.slackUserId } },
        create: { workspaceId, slackUserId: facts.slackUserId, ...slackFields },
        update: slackFields,
      });
      const deactivated = facts.isDeleted && before !== null && !before.isDeleted;
      if (deactivated) {
        const gone = await goneFromTandem(tx, member, "account_deactivated", this.now());
        await recordAudit(tx, {
          workspaceId,
          actorSlackId: undefined,
          action: "member.deactivated",
          subjectType: "member",
          subjectId: member.id,
          data: gone,
        });
      }
      return { member, deactivated };
    });
    if (result.deactivated) this.jobsEnqueued();
    return result;
  }

  /** What the profile modal needs: Slack's facts, the current answers, the taxonomy to offer. */
  async profileForm(
    workspaceId: string,
    slackUserId: string,
    options: { programId?: string; suggestedRole?: ParticipantRole } = {},
  ): Promise<ProfileFormData> {
    const member = await this.resolve(workspaceId, slackUserId);
    this.assertMayTakePart(member);
    const programs = await this.prisma.program.findMany({
      where: {
        workspaceId,
        OR: [
          { id: options.programId ?? defaultProgramId(workspaceId) },
          { enrollments: { some: { memberId: member.id, status: "ACTIVE" } } },
        ],
      },
      select: { id: true, name: true, taxonomy: true },
    });
    const taxonomy = [...new Set(programs.flatMap((p) => p.taxonomy))];
    return {
      slack: { name: displayNameOf(member), title: member.title, tz: member.tz },
      current:
        member.role && member.careerStage ? { ...profileOf(member), joined: member.joinedAt !== null } : null,
      suggestedRole: options.suggestedRole ?? member.role ?? undefined,
      taxonomy: taxonomy.length > 0 ? taxonomy : [...defaultTaxonomy],
      programName: programs.find((p) => p.id === options.programId)?.name,
    };
  }

  /**
   * Saves a validated profile. The first save is joining Tandem; it (and any save from a program's
   * join card) also enrols the member in that program with the role they chose.
   */
  async saveProfile(
    workspaceId: string,
    slackUserId: string,
    profile: ProfileInput,
    programId?: string,
  ): Promise<SaveProfileResult> {
    const member = await this.resolve(workspaceId, slackUserId);
    this.assertMayTakePart(member);
    const firstTime = member.joinedAt === null;
    // A program's join card enrols in that program; joining Tandem at all enrols in the default
    // program while it is open; a later edit enrols nowhere new.
    const program = programId
      ? await this.openProgram(workspaceId, programId)
      : firstTime
        ? await this.openDefaultProgram(workspaceId)
        : null;
    const aiOptIn = profile.aiOptIn ?? member.aiOptIn;
    let embeddingQueued = false;
    const saved = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.member.update({
        where: { id: member.id },
        data: {
          role: profile.role,
          careerStage: profile.careerStage,
          department: profile.department ?? null,
          team: profile.team ?? null,
          expertise: profile.expertise,
          interests: profile.interests,
          mentoringKinds: profile.mentoringKinds,
          goalsText: profile.goalsText ?? null,
          mentorCapacity: profile.mentorCapacity,
          preferredCadenceDays: profile.preferredCadenceDays ?? null,
          meetingMode: profile.meetingMode,
          languages: profile.languages,
          managerSlackId: profile.managerSlackId ?? null,
          aiOptIn,
          joinedAt: member.joinedAt ?? this.now(),
          status: member.status === "LEFT" ? "ACTIVE" : member.status,
          leftAt: null,
        },
      });
      if (program) {
        const enrolment = await tx.enrollment.findUnique({
          where: { programId_memberId: { programId: program.id, memberId: member.id } },
        });
        await tx.enrollment.upsert({
          where: { programId_memberId: { programId: program.id, memberId: member.id } },
          create: { programId: program.id, memberId: member.id, role: profile.role },
          update: { role: profile.role, status: "ACTIVE" },
        });
        if (enrolment?.status !== "ACTIVE") {
          await recordAudit(tx, {
            workspaceId,
            actorSlackId: slackUserId,
            action: "program.enrolled",
            subjectType: "program",
            subjectId: program.id,
            data: { member: member.id, role: profile.role, source: "self" },
          });
        }
      }
      if (!firstTime && member.role !== profile.role) {
        // The role someone chose for themselves follows their profile; roles a coordinator set
        // through a roster stay as the coordinator set them.
        await tx.enrollment.updateMany({
          where: { memberId: member.id, status: "ACTIVE", source: "SELF" },
          data: { role: profile.role },
        });
      }
      if (aiOptIn !== member.aiOptIn) {
        // Turning AI off takes back what was computed from the profile; on is recorded too.
        if (!aiOptIn) await forgetEmbeddings(tx, member.id);
        await recordAudit(tx, {
          workspaceId,
          actorSlackId: slackUserId,
          action: aiOptIn ? "member.ai_on" : "member.ai_off",
          subjectType: "member",
          subjectId: member.id,
        });
      }
      if (aiOptIn && (!member.aiOptIn || profileTextChanged(member, profile))) {
        // Semantic matching's vectors are computed off the request path: each such save is its
        // own intent (the job computes only what is stale, so an extra one costs nothing).
        await enqueue(
          tx,
          {
            workspaceId,
            kind: "profile_embedding",
            key: `profile_embedding:${member.id}:${randomUUID()}`,
            payload: { memberId: member.id },
          },
          this.now(),
        );
        embeddingQueued = true;
      }
      if (firstTime || member.role !== profile.role) {
        await recordAudit(tx, {
          workspaceId,
          actorSlackId: slackUserId,
          action: firstTime ? "member.joined" : "member.role_changed",
          subjectType: "member",
          subjectId: member.id,
          data: { from: member.role, to: profile.role },
        });
      }
      return updated;
    });
    if (embeddingQueued) this.jobsEnqueued();
    return { member: saved, program, firstTime };
  }

  /** Enrols a member who already has a profile in another program, with their profile's role. */
  async enrolWithProfile(
    workspaceId: string,
    slackUserId: string,
    programId: string,
  ): Promise<{ program: Program; role: ParticipantRole; alreadyEnrolled: boolean } | { needsProfile: true }> {
    const member = await this.resolve(workspaceId, slackUserId);
    this.assertMayTakePart(member);
    const program = await this.openProgram(workspaceId, programId);
    if (!member.joinedAt || !member.role || !member.careerStage) return { needsProfile: true };
    const role = member.role;
    const alreadyEnrolled = await this.prisma.$transaction(async (tx) => {
      const existing = await tx.enrollment.findUnique({
        where: { programId_memberId: { programId: program.id, memberId: member.id } },
      });
      if (existing?.status === "ACTIVE") return true;
      await tx.enrollment.upsert({
        where: { programId_memberId: { programId: program.id, memberId: member.id } },
        create: { programId: program.id, memberId: member.id, role },
        update: { status: "ACTIVE", role },
      });
      await recordAudit(tx, {
        workspaceId,
        actorSlackId: slackUserId,
        action: "program.enrolled",
        subjectType: "program",
        subjectId: program.id,
        data: { member: member.id, role, source: "self" },
      });
      return false;
    });
    return { program, role, alreadyEnrolled };
  }

  /** /mentor pause's text ("until 2026-12-01", "3 weeks", nothing), read in the member's time zone. */
  async pauseFromText(workspaceId: string, slackUserId: string, text: string): Promise<{ label: string }> {
    const member = await this.requireJoined(workspaceId, slackUserId);
    const parsed = parsePauseUntil(text, member.tz, this.now());
    if (!parsed.ok) throw new UserError(parsed.error);
    await this.pause(workspaceId, slackUserId, parsed.until);
    return { label: parsed.label };
  }

  /** Pauses matching, nudges and requests, until a date (it ends by itself) or until resumed. */
  async pause(workspaceId: string, slackUserId: string, until: Date | null): Promise<Member> {
    const member = await this.requireJoined(workspaceId, slackUserId);
    return this.prisma.$transaction(async (tx) => {
      if (until) {
        await enqueue(tx, {
          workspaceId,
          kind: "pause_end",
          key: `pause_end:${member.id}:${until.toISOString()}`,
          // The pause is over at the start of that day; the welcome-back note waits for working hours.
          dueAt: nextWorkingTime(until, member.tz, member.workdayStartMinute, member.workdayEndMinute),
          payload: { memberId: member.id, until: until.toISOString() },
        });
      }
      await recordAudit(tx, {
        workspaceId,
        actorSlackId: slackUserId,
        action: "member.paused",
        subjectType: "member",
        subjectId: member.id,
        data: { until: until?.toISOString() ?? null },
      });
      return tx.member.update({ where: { id: member.id }, data: { status: "PAUSED", pausedUntil: until } });
    });
  }

  /** Ends a pause now; returns false when the member was not paused. */
  async resume(workspaceId: string, slackUserId: string): Promise<boolean> {
    const member = await this.requireJoined(workspaceId, slackUserId);
    if (member.status !== "PAUSED") return false;
    await this.prisma.$transaction([
      this.prisma.member.update({ where: { id: member.id }, data: { status: "ACTIVE", pausedUntil: null } }),
      this.prisma.auditEntry.create({
        data: {
          workspaceId,
          actorSlackId: slackUserId,
          action: "member.resumed",
          subjectType: "member",
          subjectId: member.id,
        },
      }),
    ]);
    return true;
  }

  /** What leaving (or erasing their data) would end, for the confirmation: mentorships and open letter requests. */
  async whatLeavingEnds(workspaceId: string, slackUserId: string): Promise<LeavingEnds> {
    const member = await this.requireJoined(workspaceId, slackUserId);
    const [mentorships, letters] = await Promise.all([
      countRunningMentorships(this.prisma, member.id),
      countOpenLettersOf(this.prisma, member.id),
    ]);
    return { mentorships, letters };
  }

  /**
   * Leaves Tandem: open mentorships end (each partner is told), enrolments are withdrawn, and
   * the profile stays so that joining again is quick. Returns how many mentorships ended.
   */
  async leave(workspaceId: string, slackUserId: string): Promise<number> {
    const member = await this.requireJoined(workspaceId, slackUserId);
    const ended = await this.prisma.$transaction(async (tx) => {
      const gone = await goneFromTandem(tx, member, "left", this.now());
      await tx.enrollment.updateMany({ where: { memberId: member.id }, data: { status: "WITHDRAWN" } });
      await tx.member.update({
        where: { id: member.id },
        data: { status: "LEFT", leftAt: this.now(), joinedAt: null, pausedUntil: null },
      });
      await recordAudit(tx, {
        workspaceId,
        actorSlackId: slackUserId,
        action: "member.left",
        subjectType: "member",
        subjectId: member.id,
        data: gone,
      });
      return gone.mentorshipsEnded;
    });
    this.jobsEnqueued();
    return ended;
  }

  /** Everything Tandem keeps about this person, as a JSON-ready object. */
  async exportData(workspaceId: string, slackUserId: string): Promise<Record<string, unknown>> {
    const member = await this.prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
      include: {
        enrollments: { include: { program: { select: { name: true } } } },
        roles: true,
        mentorships: { include: { mentee: { select: { slackUserId: true, realName: true } } } },
        menteeships: { include: { mentor: { select: { slackUserId: true, realName: true } } } },
        goals: { include: { milestones: true, revisions: true } },
        actionItems: true,
        sessionsLogged: true,
        checkIns: true,
        journal: true,
        feedbackGiven: true,
        reviews: true,
        lettersAsked: { include: { targets: true } },
        lettersToWrite: { include: { targets: true } },
        // That AI vectors of their profile exist (not the numbers: they mean nothing to read).
        embeddings: { select: { purpose: true, model: true, updatedAt: true } },
      },
    });
    if (!member) throw new NotFoundError("Tandem has no data about you.");
    const { workspaceId: _w, ...rest } = member;
    return { exportedAt: this.now().toISOString(), member: rest };
  }

  /**
   * Erases a member: open mentorships end (each partner is told, by name, before the name is
   * gone) and every row about them is deleted. The audit log keeps that it happened, not who.
   */
  async deleteData(workspaceId: string, slackUserId: string): Promise<{ mentorshipsEnded: number }> {
    const member = await this.prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
    });
    if (!member) return { mentorshipsEnded: 0 };
    const mentorshipsEnded = await this.prisma.$transaction(async (tx) => {
      const gone = await goneFromTandem(tx, member, "deleted_data", this.now());
      await tx.member.delete({ where: { id: member.id } });
      // Nothing that names them stays behind: their Slack id leaves the audit and delivery logs,
      // and anything still queued for them is cancelled.
      await tx.auditEntry.updateMany({
        where: { workspaceId, actorSlackId: slackUserId },
        data: { actorSlackId: null },
      });
      await tx.delivery.updateMany({
        where: { workspaceId, recipient: slackUserId },
        data: { recipient: null },
      });
      await tx.scheduledJob.updateMany({
        where: { workspaceId, status: "PENDING", payload: { path: ["recipient"], equals: slackUserId } },
        data: {
          status: "CANCELLED",
          cancelReason: "the recipient erased their data",
          finishedAt: this.now(),
        },
      });
      await recordAudit(tx, {
        workspaceId,
        actorSlackId: undefined,
        action: "member.data_deleted",
        subjectType: "member",
        data: gone,
      });
      return gone.mentorshipsEnded;
    });
    this.jobsEnqueued();
    return { mentorshipsEnded };
  }

  private async requireJoined(workspaceId: string, slackUserId: string): Promise<Member> {
    const member = await this.resolve(workspaceId, slackUserId);
    if (!member.joinedAt) throw new UserError("You haven't joined Tandem yet. Type `/mentor join` to start.");
    return member;
  }

  private assertMayTakePart(member: Member): void {
    const reason = unreachableReason(member);
    if (reason === "guest") {
      throw new UserError(
        "Guest accounts can't join Tandem's mentorship programs. Ask a coordinator if you think this is a mistake.",
      );
    }
    if (reason) throw new UserError("This account can't join Tandem.");
  }

  /** The default program, when it is open for joining (a coordinator may have closed it). */
  private async openDefaultProgram(workspaceId: string): Promise<Program | null> {
    const program = await new WorkspaceService(this.prisma).ensureDefaultProgram(workspaceId);
    return program.status === "OPEN" ? program : null;
  }

  private async openProgram(workspaceId: string, programId: string): Promise<Program> {
    const program = await this.prisma.program.findFirst({ where: { id: programId, workspaceId } });
    if (!program) throw new NotFoundError("That program no longer exists.");
    if (program.status !== "OPEN") throw new UserError(`"${program.name}" isn't open for joining right now.`);
    return program;
  }
}

/** What leaving Tandem ends: running mentorships, and open letter requests either way. */
export interface LeavingEnds {
  mentorships: number;
  letters: number;
}

/**
 * Someone is gone from Tandem: their open mentorships end and their open letter requests close,
 * each other person told once. Runs in the transaction that removes them.
 */
async function goneFromTandem(
  tx: Db,
  member: Member,
  reason: GoneReason,
  now: Date,
): Promise<{ mentorshipsEnded: number; lettersClosed: number }> {
  const mentorshipsEnded = await endMentorshipsOf(tx, member, reason, now);
  const lettersClosed = await closeLettersOf(tx, member, reason, now);
  return { mentorshipsEnded, lettersClosed };
}

/** The profile answers stored on a member row. */
export function profileOf(member: Member): ProfileInput {
  return {
    role: member.role ?? "MENTEE",
    careerStage: member.careerStage ?? "EARLY_CAREER",
    department: member.department ?? undefined,
    team: member.team ?? undefined,
    expertise: member.expertise,
    interests: member.interests,
    mentoringKinds: member.mentoringKinds,
    goalsText: member.goalsText ?? undefined,
    mentorCapacity: member.mentorCapacity,
    preferredCadenceDays: member.preferredCadenceDays ?? undefined,
    meetingMode: member.meetingMode,
    languages: member.languages,
    managerSlackId: member.managerSlackId ?? undefined,
    aiOptIn: member.aiOptIn,
  };
}

/** Whether a save changes the text semantic matching embeds (areas, goals, expertise, role). */
function profileTextChanged(member: Member, profile: ProfileInput): boolean {
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    member.role !== profile.role ||
    (member.goalsText ?? "") !== (profile.goalsText ?? "") ||
    !same(member.interests, profile.interests) ||
    !same(member.expertise, profile.expertise)
  );
}
