// What a member's App Home tab shows, gathered in one read.
import type { ParticipantRole } from "../domain/roles.ts";
import type { MemberStatus } from "../generated/prisma/enums.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { PrismaClient } from "./db.ts";
import type { DeliveryService, MessageCounts } from "./deliveries.ts";
import type { MemberService } from "./members.ts";

export interface HomeData {
  slackUserId: string;
  name: string | null;
  role: ParticipantRole | null;
  status: MemberStatus;
  pausedUntil: Date | null;
  tz: string;
  programs: Array<{ name: string; role: ParticipantRole; isDefault: boolean }>;
  isCoordinator: boolean;
  /** Programs a coordinator can manage (empty for everyone else). */
  managedPrograms: Array<{ id: string; name: string; status: string; messages: MessageCounts }>;
}

export class HomeService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly members: MemberService,
    private readonly coordinators: CoordinatorService,
    private readonly deliveries: DeliveryService,
  ) {}

  async forMember(workspaceId: string, slackUserId: string): Promise<HomeData> {
    const member = await this.members.resolve(workspaceId, slackUserId);
    const [enrollments, isCoordinator] = await Promise.all([
      this.prisma.enrollment.findMany({
        where: { memberId: member.id, status: "ACTIVE" },
        include: { program: { select: { name: true, isDefault: true } } },
        orderBy: { enrolledAt: "asc" },
      }),
      this.coordinators.isCoordinator(member),
    ]);
    const programs = isCoordinator
      ? await this.prisma.program.findMany({
          where: { workspaceId, status: { not: "ARCHIVED" } },
          select: { id: true, name: true, status: true },
          orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
          take: 20,
        })
      : [];
    const counts = programs.length
      ? await this.deliveries.countsByProgram(
          workspaceId,
          programs.map((p) => p.id),
        )
      : new Map<string, MessageCounts>();
    const managedPrograms = programs.map((p) => ({
      ...p,
      messages: counts.get(p.id) ?? { sent: 0, waiting: 0, failed: 0, atRisk: 0 },
    }));
    return {
      slackUserId,
      name: member.displayName || member.realName,
      role: member.joinedAt ? member.role : null,
      status: member.status,
      pausedUntil: member.pausedUntil,
      tz: member.tz,
      programs: enrollments.map((e) => ({
        name: e.program.name,
        role: e.role,
        isDefault: e.program.isDefault,
      })),
      isCoordinator,
      managedPrograms,
    };
  }
}
