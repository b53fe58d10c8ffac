// Programs coordinators run: create, edit, list, announce, and enrol people from a roster.
import { displayNameOf, unreachableReason } from "../domain/members.ts";
import type { ProgramInput } from "../domain/program.ts";
import type { ParticipantRole } from "../domain/roles.ts";
import type { RosterProblem, RosterRow } from "../domain/roster.ts";
import { recordAudit } from "./audit.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { PrismaClient, Program } from "./db.ts";
import { FieldError, NotFoundError } from "./errors.ts";
import type { MemberService } from "./members.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import type { SlackDirectory } from "./slack-port.ts";

export interface ProgramSummary {
  id: string;
  name: string;
  description: string | null;
  kind: Program["kind"];
  status: Program["status"];
  isDefault: boolean;
  startsOn: Date | null;
  endsOn: Date | null;
  mentees: number;
  mentors: number;
}

export interface RosterResult {
  enrolled: number;
  alreadyEnrolled: number;
  problems: RosterProblem[];
}

const dateOrNull = (d: string | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);

export class ProgramService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly coordinators: CoordinatorService,
    private readonly members: MemberService,
    private readonly directory: SlackDirectory,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
  ) {}

  async list(workspaceId: string, options: { includeArchived?: boolean } = {}): Promise<ProgramSummary[]> {
    const programs = await this.prisma.program.findMany({
      where: { workspaceId, ...(options.includeArchived ? {} : { status: { not: "ARCHIVED" } }) },
      orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
    });
    const counts = await this.prisma.enrollment.groupBy({
      by: ["programId", "role"],
      where: { programId: { in: programs.map((p) => p.id) }, status: "ACTIVE" },
      _count: { _all: true },
    });
    const count = (programId: string, roles: ParticipantRole[]) =>
      counts
        .filter((c) => c.programId === programId && roles.includes(c.role))
        .reduce((n, c) => n + c._count._all, 0);
    return programs.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      kind: p.kind,
      status: p.status,
      isDefault: p.isDefault,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      mentees: count(p.id, ["MENTEE", "BOTH"]),
      mentors: count(p.id, ["MENTOR", "BOTH"]),
    }));
  }

  async get(workspaceId: string, programId: string): Promise<Program> {
    const program = await this.prisma.program.findFirst({ where: { id: programId, workspaceId } });
    if (!program) throw new NotFoundError("That program no longer exists.");
    return program;
  }

  /** The program whose name matches (case-insensitive), for commands that name one. */
  async findByName(workspaceId: string, name: string): Promise<Program | null> {
    return this.prisma.program.findFirst({
      where: { workspaceId, name: { equals: name.trim(), mode: "insensitive" }, status: { not: "ARCHIVED" } },
    });
  }

  async create(workspaceId: string, actorSlackId: string, input: ProgramInput): Promise<Program> {
    const actor = await this.coordinators.require(workspaceId, actorSlackId, "create programs");
    await this.assertNameFree(workspaceId, input.name);
    return this.prisma.$transaction(async (tx) => {
      const program = await tx.program.create({
        data: { workspaceId, createdById: actor.id, ...fieldsOf(input) },
      });
      await recordAudit(tx, {
        workspaceId,
        actorSlackId,
        action: "program.created",
        subjectType: "program",
        subjectId: program.id,
        data: { name: program.name },
      });
      return program;
    });
  }

  async update(
    workspaceId: string,
    actorSlackId: string,
    programId: string,
    input: ProgramInput,
  ): Promise<Program> {
    await this.coordinators.require(workspaceId, actorSlackId, "edit programs");
    const before = await this.get(workspaceId, programId);
    await this.assertNameFree(workspaceId, input.name, programId);
    if (before.isDefault && input.status === "ARCHIVED") {
      throw new FieldError("status", "The always-open default program can be closed, but not archived.");
    }
    return this.prisma.$transaction(async (tx) => {
      const program = await tx.program.update({ where: { id: programId }, data: fieldsOf(input) });
      const changed = Object.keys(fieldsOf(input)).filter(
        (k) => JSON.stringify(before[k as keyof Program]) !== JSON.stringify(program[k as keyof Program]),
      );
      await recordAudit(tx, {
        workspaceId,
        actorSlackId,
        action: "program.updated",
        subjectType: "program",
        subjectId: program.id,
        data: { changed },
      });
      return program;
    });
  }

  /** Checks the coordinator may announce, and remembers the channel. */
  async announce(
    workspaceId: string,
    actorSlackId: string,
    programId: string,
    channelId: string,
  ): Promise<Program> {
    await this.coordinators.require(workspaceId, actorSlackId, "announce programs");
    const program = await this.get(workspaceId, programId);
    if (program.status !== "OPEN") {
      throw new FieldError(
        "program",
        `"${program.name}" is closed to new members: reopen it before announcing.`,
      );
    }
    await this.prisma.$transaction(async (tx) => {
      await tx.program.update({ where: { id: programId }, data: { announceChannelId: channelId } });
      await recordAudit(tx, {
        workspaceId,
        actorSlackId,
        action: "program.announced",
        subjectType: "program",
        subjectId: programId,
        data: { channel: channelId },
      });
    });
    return program;
  }

  /**
   * Enrols the people on a roster. Each is looked up in Slack (by id or email); guests, bots,
   * deactivated and unknown accounts are reported, not enrolled. Newly enrolled people get a DM,
   * with a button to fill in their profile when they have none.
   */
  async importRoster(
    workspaceId: string,
    actorSlackId: string,
    programId: string,
    rows: RosterRow[],
  ): Promise<RosterResult> {
    await this.coordinators.require(workspaceId, actorSlackId, "import rosters");
    const program = await this.get(workspaceId, programId);
    const result: RosterResult = { enrolled: 0, alreadyEnrolled: 0, problems: [] };
    for (const row of rows) {
      const who = row.ref.kind === "slack" ? row.ref.id : row.ref.email;
      const facts =
        row.ref.kind === "slack"
          ? await this.directory.userInfo(row.ref.id)
          : await this.directory.userByEmail(row.ref.email);
      if (!facts) {
        result.problems.push({
          line: row.line,
          text: who,
          problem: "No one in this Slack workspace matches.",
        });
        continue;
      }
      const { member } = await this.members.applySlackFacts(workspaceId, facts);
      const unreachable = unreachableReason(member);
      if (unreachable) {
        const label = unreachable === "deleted" ? "a deactivated account" : `a ${unreachable} account`;
        result.problems.push({
          line: row.line,
          text: who,
          problem: `${displayNameOf(member)} is ${label}: not enrolled.`,
        });
        continue;
      }
      const outcome = await this.prisma.$transaction(async (tx) => {
        const existing = await tx.enrollment.findUnique({
          where: { programId_memberId: { programId, memberId: member.id } },
        });
        if (existing?.status === "ACTIVE" && existing.role === row.role) return "already" as const;
        const enrolment = await tx.enrollment.upsert({
          where: { programId_memberId: { programId, memberId: member.id } },
          create: { programId, memberId: member.id, role: row.role, source: "ROSTER" },
          update: { role: row.role, status: "ACTIVE", source: "ROSTER" },
        });
        if (!member.role) await tx.member.update({ where: { id: member.id }, data: { role: row.role } });
        await recordAudit(tx, {
          workspaceId,
          actorSlackId,
          action: "program.enrolled",
          subjectType: "program",
          subjectId: programId,
          data: { member: member.id, role: row.role, source: "roster" },
        });
        await enqueue(tx, {
          workspaceId,
          programId,
          kind: "dm",
          key: `roster_enrolled:${enrolment.id}:${row.role}:${enrolment.updatedAt.getTime()}`,
          payload: {
            recipient: member.slackUserId,
            notice: {
              type: "enrolled_by_roster",
              programId,
              programName: program.name,
              role: row.role,
              profileMissing: member.careerStage === null,
            },
          },
        });
        return "enrolled" as const;
      });
      if (outcome === "already") result.alreadyEnrolled++;
      else result.enrolled++;
    }
    if (result.enrolled > 0) this.jobsEnqueued();
    return result;
  }

  private async assertNameFree(workspaceId: string, name: string, exceptId?: string): Promise<void> {
    const clash = await this.prisma.program.findFirst({
      where: {
        workspaceId,
        name: { equals: name.trim(), mode: "insensitive" },
        ...(exceptId ? { id: { not: exceptId } } : {}),
      },
    });
    if (clash) throw new FieldError("name", `There is already a program called "${clash.name}".`);
  }
}

function fieldsOf(input: ProgramInput) {
  return {
    name: input.name,
    description: input.description ?? null,
    kind: input.kind,
    status: input.status,
    startsOn: dateOrNull(input.startsOn),
    endsOn: dateOrNull(input.endsOn),
    checkinCadenceDays: input.checkinCadenceDays,
    midCadencePulse: input.midCadencePulse,
    reviewEveryWeeks: input.reviewEveryWeeks,
    workdayStartMinute: input.workdayStartMinute,
    workdayEndMinute: input.workdayEndMinute,
    departmentRule: input.departmentRule,
    avoidSameReportingLine: input.avoidSameReportingLine,
    repeatCooldownMonths: input.repeatCooldownMonths,
    minOverlapHours: input.minOverlapHours,
    mentorCapacityCap: input.mentorCapacityCap,
    taxonomy: input.taxonomy,
    aiAllowed: input.aiAllowed,
  };
}
