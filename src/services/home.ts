// What a member's App Home tab shows, gathered in one read: where they stand, their running
// mentorships (agreement, goals, their own open action items, next check-in and session), their
// newest journal entries, their letters of recommendation, and for coordinators the dashboard.

import { DateTime } from "luxon";
import { dayLabel, isoDateOf, localDate } from "../domain/dates.ts";
import { milestoneProgress } from "../domain/goals.ts";
import { displayNameOf } from "../domain/members.ts";
import type { ParticipantRole } from "../domain/roles.ts";
import { deliveryTime, programWindow } from "../domain/schedule.ts";
import type { MemberStatus } from "../generated/prisma/enums.ts";
import type { CoordinatorService } from "./coordinators.ts";
import type { PrismaClient } from "./db.ts";
import type { JournalEntryView, JournalService } from "./journal.ts";
import type { LetterService, LettersOverview } from "./letters.ts";
import type { MemberService } from "./members.ts";
import { runningPairsOf } from "./pair-access.ts";
import type { Dashboard, ProgramStatsService } from "./program-stats.ts";

export interface HomeData {
  slackUserId: string;
  name: string | null;
  role: ParticipantRole | null;
  status: MemberStatus;
  pausedUntil: Date | null;
  tz: string;
  programs: Array<{ name: string; role: ParticipantRole; isDefault: boolean }>;
  isCoordinator: boolean;
  /** The coordinator dashboard (null for everyone else). */
  dashboard: Dashboard | null;
  /** Running mentorships (active or paused), oldest first. */
  mentorships: HomeMentorship[];
  /** The newest journal entries and how many there are. */
  journal: { recent: JournalEntryView[]; count: number };
  /** Letters of recommendation the person asked for or is writing. */
  letters: LettersOverview;
}

export interface HomeMentorship {
  id: string;
  partnerName: string;
  /** The viewer's role in it. */
  role: "mentor" | "mentee";
  programName: string;
  /** Dates in the viewer's time zone ("3 June"). */
  since: string;
  pausedUntil: string | null;
  nextCheckin: string | null;
  nextSession: string | null;
  lastSession: string | null;
  agreement: { cadenceDays: number | null; channel: string | null; waitingFor: string | null } | null;
  goals: Array<{ title: string; done: number; total: number; achieved: boolean }>;
  /** The viewer's own open action items, soonest due first (at most MAX_ACTIONS). */
  myActions: Array<{ id: string; text: string; due: string | null; overdue: boolean }>;
  myOpenActions: number;
}

const MAX_PAIRS = 5;
const MAX_ACTIONS = 3;
const RECENT_JOURNAL = 3;

export class HomeService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly members: MemberService,
    private readonly coordinators: CoordinatorService,
    private readonly stats: ProgramStatsService,
    private readonly journal: JournalService,
    private readonly letters: LetterService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async mentorshipsOf(workspaceId: string, slackUserId: string): Promise<HomeMentorship[]> {
    const pairs = (await runningPairsOf(this.prisma, workspaceId, slackUserId)).slice(0, MAX_PAIRS);
    const now = this.now();
    return Promise.all(
      pairs.map(async ({ m, person, partner, role }) => {
        const [agreement, goals, actions, openActions, planned] = await Promise.all([
          this.prisma.agreement.findUnique({ where: { mentorshipId: m.id } }),
          this.prisma.goal.findMany({
            where: { mentorshipId: m.id, status: { in: ["ACTIVE", "ACHIEVED"] } },
            orderBy: [{ position: "asc" }, { createdAt: "asc" }],
            take: 3,
            include: { milestones: { select: { status: true } } },
          }),
          this.prisma.actionItem.findMany({
            where: { mentorshipId: m.id, ownerId: person.id, status: "OPEN" },
            orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
            take: MAX_ACTIONS,
          }),
          this.prisma.actionItem.count({ where: { mentorshipId: m.id, ownerId: person.id, status: "OPEN" } }),
          this.prisma.mentoringSession.findFirst({
            where: { mentorshipId: m.id, status: "PLANNED", heldOn: { gte: now } },
            orderBy: { heldOn: "asc" },
          }),
        ]);
        const today = localDate(now, person.tz);
        const agreedByMe = role === "mentor" ? agreement?.mentorAgreedAt : agreement?.menteeAgreedAt;
        const agreedByPartner = role === "mentor" ? agreement?.menteeAgreedAt : agreement?.mentorAgreedAt;
        return {
          id: m.id,
          partnerName: displayNameOf(partner),
          role,
          programName: m.program.name,
          since: DateTime.fromJSDate(m.startedAt ?? m.createdAt, { zone: person.tz }).toFormat("d LLLL yyyy"),
          pausedUntil: m.status === "PAUSED" && m.pausedUntil ? dayLabel(m.pausedUntil, person.tz) : null,
          nextCheckin:
            m.status === "ACTIVE" && m.nextCheckinAt
              ? dayLabel(deliveryTime(m.nextCheckinAt, person, now, programWindow(m.program)), person.tz)
              : null,
          nextSession: planned
            ? DateTime.fromJSDate(planned.heldOn, { zone: person.tz }).toFormat("cccc d LLLL 'at' HH:mm")
            : null,
          lastSession: m.lastSessionAt ? dayLabel(m.lastSessionAt, "UTC") : null,
          agreement: agreement
            ? {
                cadenceDays: agreement.cadenceDays,
                channel: agreement.channel,
                waitingFor: !agreedByMe ? "you" : !agreedByPartner ? displayNameOf(partner) : null,
              }
            : null,
          goals: goals.map((g) => ({
            title: g.title,
            ...milestoneProgress(g.milestones),
            achieved: g.status === "ACHIEVED",
          })),
          myActions: actions.map((a) => {
            const due = a.dueOn ? isoDateOf(a.dueOn) : null;
            return {
              id: a.id,
              text: a.text,
              due: a.dueOn ? dayLabel(a.dueOn, "UTC") : null,
              overdue: due !== null && due < today,
            };
          }),
          myOpenActions: openActions,
        };
      }),
    );
  }

  /** The Slack ids of the people whose Home shows this mentorship or member (for refreshes). */
  async peopleConcerned(about: {
    mentorshipId?: string | undefined;
    memberId?: string | undefined;
  }): Promise<string[]> {
    const ids: string[] = [];
    if (about.mentorshipId) {
      const m = await this.prisma.mentorship.findUnique({
        where: { id: about.mentorshipId },
        select: { mentor: { select: { slackUserId: true } }, mentee: { select: { slackUserId: true } } },
      });
      if (m) ids.push(m.mentor.slackUserId, m.mentee.slackUserId);
    } else if (about.memberId) {
      const member = await this.prisma.member.findUnique({
        where: { id: about.memberId },
        select: { slackUserId: true },
      });
      if (member) ids.push(member.slackUserId);
    }
    return ids;
  }

  /** Everything the person's Home shows; coordinators' dashboard shows `view`'s program and page. */
  async forMember(
    workspaceId: string,
    slackUserId: string,
    view: { programId?: string; atRiskPage?: number } = {},
  ): Promise<HomeData> {
    const member = await this.members.resolve(workspaceId, slackUserId);
    const [enrollments, isCoordinator] = await Promise.all([
      this.prisma.enrollment.findMany({
        where: { memberId: member.id, status: "ACTIVE" },
        include: { program: { select: { name: true, isDefault: true } } },
        orderBy: { enrolledAt: "asc" },
      }),
      this.coordinators.isCoordinator(member),
    ]);
    const [mentorships, journal, dashboard, letters] = await Promise.all([
      this.mentorshipsOf(workspaceId, slackUserId),
      this.journal.browse(workspaceId, slackUserId, null, RECENT_JOURNAL),
      isCoordinator ? this.stats.dashboard(workspaceId, slackUserId, view) : null,
      this.letters.overview(workspaceId, slackUserId),
    ]);
    return {
      mentorships,
      letters,
      journal: { recent: journal.entries, count: journal.all },
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
      dashboard,
    };
  }
}
