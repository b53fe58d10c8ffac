// The learning journal: reflections answered in DM, takeaways from sessions and free notes, which
// a member browses, searches and exports. Private to its author: every read here is by the
// author's own Slack id, so nobody else (a partner, a coordinator) can reach someone's journal.
import { DateTime } from "luxon";
import { displayNameOf } from "../domain/members.ts";
import type { JournalKind } from "../generated/prisma/enums.ts";
import type { Member, PrismaClient } from "./db.ts";
import { FieldError, NotFoundError } from "./errors.ts";
import { requirePair } from "./pair-access.ts";

export const JOURNAL_PAGE = 15;
export const NOTE_MAX = 3000;

export interface JournalEntryView {
  id: string;
  kind: JournalKind;
  /** The day it was written, in the author's time zone ("Monday 7 December 2026"). */
  writtenOn: string;
  prompt: string | null;
  body: string;
  /** The partner of the mentorship it belongs to, if any. */
  partnerName: string | null;
}

export interface JournalPage {
  query: string | null;
  entries: JournalEntryView[];
  /** Entries matching the query (all entries without one). */
  total: number;
  /** Entries in the whole journal. */
  all: number;
}

const kindLabels: Record<JournalKind, string> = {
  REFLECTION: "Reflection",
  TAKEAWAY: "Takeaway",
  NOTE: "Note",
};

export function journalKindLabel(kind: JournalKind): string {
  return kindLabels[kind];
}

export class JournalService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The newest entries, or those whose text or prompt contains every word of `query`
   * (case-insensitive).
   */
  async browse(
    workspaceId: string,
    slackUserId: string,
    query?: string | null,
    limit = JOURNAL_PAGE,
  ): Promise<JournalPage> {
    const member = await this.author(workspaceId, slackUserId);
    const words = (query ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
    const where = {
      memberId: member.id,
      AND: words.map((word) => ({
        OR: [
          { body: { contains: word, mode: "insensitive" as const } },
          { prompt: { contains: word, mode: "insensitive" as const } },
        ],
      })),
    };
    const [rows, total, all] = await Promise.all([
      this.prisma.journalEntry.findMany({
        where,
        orderBy: { createdAt: "desc" },
        take: limit,
        include: { mentorship: { include: { mentor: true, mentee: true } } },
      }),
      this.prisma.journalEntry.count({ where }),
      words.length ? this.prisma.journalEntry.count({ where: { memberId: member.id } }) : null,
    ]);
    return {
      query: words.length ? words.join(" ") : null,
      entries: rows.map((e) => this.view(member, e)),
      total,
      all: all ?? total,
    };
  }

  /** A free note, optionally about one of the member's mentorships. */
  async addNote(
    workspaceId: string,
    slackUserId: string,
    body: string,
    mentorshipId?: string | null,
  ): Promise<void> {
    const text = body.trim();
    if (text.length < 2) throw new FieldError("body", "Write a few words; it's only for you.");
    if (text.length > NOTE_MAX) throw new FieldError("body", `Keep it under ${NOTE_MAX} characters.`);
    const member = await this.author(workspaceId, slackUserId);
    const pair = mentorshipId
      ? await requirePair(this.prisma, workspaceId, slackUserId, mentorshipId, { running: false })
      : null;
    await this.prisma.journalEntry.create({
      data: {
        memberId: member.id,
        mentorshipId: pair?.m.id ?? null,
        kind: "NOTE",
        body: text,
        createdAt: this.now(),
      },
    });
  }

  /** The whole journal as a Markdown document, oldest first, for a file in the author's DM. */
  async exportMarkdown(
    workspaceId: string,
    slackUserId: string,
  ): Promise<{ filename: string; content: string; count: number }> {
    const member = await this.author(workspaceId, slackUserId);
    const rows = await this.prisma.journalEntry.findMany({
      where: { memberId: member.id },
      orderBy: { createdAt: "asc" },
      include: { mentorship: { include: { mentor: true, mentee: true } } },
    });
    const today = DateTime.fromJSDate(this.now(), { zone: member.tz });
    const lines = [
      `# Learning journal of ${displayNameOf(member)}`,
      "",
      `Exported from Tandem on ${today.toFormat("d LLLL yyyy")}. ${rows.length} entr${rows.length === 1 ? "y" : "ies"}. Private to you.`,
    ];
    for (const e of rows) {
      const v = this.view(member, e);
      lines.push(
        "",
        `## ${v.writtenOn}: ${journalKindLabel(v.kind)}${v.partnerName ? ` (with ${v.partnerName})` : ""}`,
      );
      if (v.prompt) lines.push("", `> ${v.prompt.replace(/\n/g, "\n> ")}`);
      lines.push("", v.body);
    }
    return {
      filename: `tandem-journal-${today.toISODate()}.md`,
      content: `${lines.join("\n")}\n`,
      count: rows.length,
    };
  }

  private async author(workspaceId: string, slackUserId: string): Promise<Member> {
    const member = await this.prisma.member.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
    });
    if (!member)
      throw new NotFoundError("You don't have a journal yet: join with `/mentor join` to start one.");
    return member;
  }

  private view(
    author: Member,
    e: {
      id: string;
      kind: JournalKind;
      createdAt: Date;
      prompt: string | null;
      body: string;
      mentorship: { mentorId: string; mentor: Member; mentee: Member } | null;
    },
  ): JournalEntryView {
    const partner = e.mentorship
      ? e.mentorship.mentorId === author.id
        ? e.mentorship.mentee
        : e.mentorship.mentor
      : null;
    return {
      id: e.id,
      kind: e.kind,
      writtenOn: DateTime.fromJSDate(e.createdAt, { zone: author.tz }).toFormat("cccc d LLLL yyyy"),
      prompt: e.prompt,
      body: e.body,
      partnerName: partner ? displayNameOf(partner) : null,
    };
  }
}
