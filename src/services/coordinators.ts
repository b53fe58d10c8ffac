// Coordinators run programs. Workspace admins and owners are coordinators by their Slack role;
// any coordinator can name others, and remove those named.
import { displayNameOf, unreachableReason } from "../domain/members.ts";
import type { Notice } from "../domain/notices.ts";
import { recordAudit } from "./audit.ts";
import type { Member, PrismaClient } from "./db.ts";
import { ForbiddenError, UserError } from "./errors.ts";
import type { MemberService } from "./members.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";

export interface CoordinatorEntry {
  slackUserId: string;
  name: string;
  source: "admin" | "granted";
}

export class CoordinatorService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly members: MemberService,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
  ) {}

  async isCoordinator(member: Member): Promise<boolean> {
    if (member.isAdmin || member.isOwner) return true;
    const role = await this.prisma.role.findUnique({
      where: { memberId_kind: { memberId: member.id, kind: "COORDINATOR" } },
    });
    return role !== null;
  }

  /** The member, when they are a coordinator; otherwise a clear refusal naming who to ask. */
  async require(workspaceId: string, slackUserId: string, doing: string): Promise<Member> {
    const member = await this.members.resolve(workspaceId, slackUserId);
    if (await this.isCoordinator(member)) return member;
    const names = (await this.list(workspaceId)).slice(0, 5).map((c) => c.name);
    const ask = names.length ? ` Ask a coordinator (${names.join(", ")}) if you need this.` : "";
    throw new ForbiddenError(`Only coordinators can ${doing}.${ask}`);
  }

  async list(workspaceId: string): Promise<CoordinatorEntry[]> {
    const [admins, granted] = await Promise.all([
      this.prisma.member.findMany({
        where: { workspaceId, isDeleted: false, OR: [{ isAdmin: true }, { isOwner: true }] },
        orderBy: { realName: "asc" },
      }),
      this.prisma.role.findMany({
        where: { workspaceId, kind: "COORDINATOR", member: { isDeleted: false } },
        include: { member: true },
        orderBy: { createdAt: "asc" },
      }),
    ]);
    const entries: CoordinatorEntry[] = admins.map((m) => ({
      slackUserId: m.slackUserId,
      name: displayNameOf(m),
      source: "admin",
    }));
    for (const r of granted) {
      if (!entries.some((e) => e.slackUserId === r.member.slackUserId)) {
        entries.push({ slackUserId: r.member.slackUserId, name: displayNameOf(r.member), source: "granted" });
      }
    }
    return entries;
  }

  async add(workspaceId: string, actorSlackId: string, targetSlackId: string): Promise<"added" | "already"> {
    const actor = await this.require(workspaceId, actorSlackId, "add coordinators");
    const target = await this.members.resolve(workspaceId, targetSlackId);
    if (unreachableReason(target)) {
      throw new UserError(
        `${displayNameOf(target)} can't be a coordinator: guests, bots and deactivated accounts can't.`,
      );
    }
    if (await this.isCoordinator(target)) return "already";
    await this.prisma.$transaction(async (tx) => {
      const role = await tx.role.create({
        data: {
          workspaceId,
          memberId: target.id,
          kind: "COORDINATOR",
          source: "GRANTED",
          grantedById: actor.id,
        },
      });
      await recordAudit(tx, {
        workspaceId,
        actorSlackId,
        action: "role.coordinator_added",
        subjectType: "member",
        subjectId: target.id,
      });
      await enqueue(tx, {
        workspaceId,
        kind: "dm",
        key: `coordinator_added:${role.id}`,
        payload: {
          recipient: target.slackUserId,
          notice: { type: "coordinator_added", byName: displayNameOf(actor) },
        },
      });
    });
    this.jobsEnqueued();
    return "added";
  }

  async remove(
    workspaceId: string,
    actorSlackId: string,
    targetSlackId: string,
  ): Promise<"removed" | "not_coordinator"> {
    await this.require(workspaceId, actorSlackId, "remove coordinators");
    const target = await this.members.resolve(workspaceId, targetSlackId);
    if (target.isAdmin || target.isOwner) {
      throw new UserError(
        `${displayNameOf(target)} is a workspace admin or owner, and they are always coordinators.`,
      );
    }
    const role = await this.prisma.role.findUnique({
      where: { memberId_kind: { memberId: target.id, kind: "COORDINATOR" } },
    });
    if (!role) return "not_coordinator";
    await this.prisma.$transaction(async (tx) => {
      await tx.role.delete({ where: { id: role.id } });
      await recordAudit(tx, {
        workspaceId,
        actorSlackId,
        action: "role.coordinator_removed",
        subjectType: "member",
        subjectId: target.id,
      });
    });
    return "removed";
  }

  /**
   * Tells a program's coordinators with a DM each: its creator, else every coordinator (at most
   * five). Returns how many were told. `key` makes the notice once per intent and recipient.
   */
  async tellProgramCoordinators(
    program: { id: string; workspaceId: string; createdById: string | null },
    key: string,
    notice: Notice,
    now: Date,
  ): Promise<number> {
    const creator = program.createdById
      ? await this.prisma.member.findUnique({ where: { id: program.createdById } })
      : null;
    const recipients =
      creator && !unreachableReason(creator)
        ? [creator.slackUserId]
        : (await this.list(program.workspaceId)).slice(0, 5).map((c) => c.slackUserId);
    for (const recipient of recipients) {
      await enqueue(
        this.prisma,
        {
          workspaceId: program.workspaceId,
          programId: program.id,
          kind: "dm",
          key: `${key}:${recipient}`,
          payload: { recipient, notice },
        },
        now,
      );
    }
    if (recipients.length) this.jobsEnqueued();
    return recipients.length;
  }
}
