// Members: Slack's facts about a person kept fresh, and joining Tandem with a role.

import { unreachableReason } from "../domain/members.ts";
import type { ParticipantRole } from "../domain/roles.ts";
import { recordAudit } from "./audit.ts";
import type { Member, PrismaClient, Program } from "./db.ts";
import { NotFoundError, UserError } from "./errors.ts";
import type { SlackDirectory, SlackUserFacts } from "./slack-port.ts";
import { WorkspaceService } from "./workspaces.ts";

/** Slack facts older than this are refreshed from users.info when the person next shows up. */
const SLACK_FACTS_TTL_MS = 24 * 60 * 60 * 1000;

export interface JoinResult {
  member: Member;
  program: Program;
  firstTime: boolean;
}

export class MemberService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly directory: SlackDirectory,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The member for a Slack user, created or refreshed from Slack when needed. */
  async resolve(workspaceId: string, slackUserId: string): Promise<Member> {
    const known = await this.prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
    });
    const fresh =
      known?.slackSyncedAt && this.now().getTime() - known.slackSyncedAt.getTime() < SLACK_FACTS_TTL_MS;
    if (known && fresh) return known;
    const facts = await this.directory.userInfo(slackUserId);
    if (!facts) {
      if (known) return known;
      throw new NotFoundError("Slack doesn't know this account, so Tandem can't set it up.");
    }
    return this.applySlackFacts(workspaceId, facts);
  }

  /** Writes what Slack says about a person (users.info, user_change) onto their member row. */
  async applySlackFacts(workspaceId: string, facts: SlackUserFacts): Promise<Member> {
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
    return this.prisma.member.upsert({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId: facts.slackUserId } },
      create: { workspaceId, slackUserId: facts.slackUserId, ...slackFields },
      update: slackFields,
    });
  }

  /**
   * Joins Tandem as mentee, mentor or both, enrolled in the workspace's default program.
   * Joining again changes the role; a member who had left comes back.
   */
  async join(workspaceId: string, slackUserId: string, role: ParticipantRole): Promise<JoinResult> {
    const member = await this.resolve(workspaceId, slackUserId);
    const reason = unreachableReason(member);
    if (reason === "guest") {
      throw new UserError(
        "Guest accounts can't join Tandem's mentorship programs. Ask a coordinator if you think this is a mistake.",
      );
    }
    if (reason) throw new UserError("This account can't join Tandem.");

    const program = await new WorkspaceService(this.prisma).ensureDefaultProgram(workspaceId);
    return this.prisma.$transaction(async (tx) => {
      const firstTime = member.joinedAt === null;
      const updated = await tx.member.update({
        where: { id: member.id },
        data: {
          role,
          joinedAt: member.joinedAt ?? this.now(),
          status: member.status === "LEFT" ? "ACTIVE" : member.status,
          leftAt: null,
        },
      });
      await tx.enrollment.upsert({
        where: { programId_memberId: { programId: program.id, memberId: member.id } },
        create: { programId: program.id, memberId: member.id, role },
        update: { role, status: "ACTIVE" },
      });
      if (firstTime || member.role !== role) {
        await recordAudit(tx, {
          workspaceId,
          actorSlackId: slackUserId,
          action: firstTime ? "member.joined" : "member.role_changed",
          subjectType: "member",
          subjectId: member.id,
          data: { from: member.role, to: role, program: program.id },
        });
      }
      return { member: updated, program, firstTime };
    });
  }
}
