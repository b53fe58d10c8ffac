// Workspaces Tandem serves, created on first contact, each with its default evergreen program
// so that join and find work before any coordinator has configured anything.
import { defaultTaxonomy } from "../domain/profile.ts";
import type { Db, PrismaClient, Program, Workspace } from "./db.ts";
import { planDigestRound } from "./digest.ts";

export const DEFAULT_PROGRAM_NAME = "Open mentoring";

export class WorkspaceService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The workspace for a Slack team id, created (with its default program) on first contact.
   *
   * This runs before every request is acked, and a new workspace's first requests arrive together
   * (several people typing /mentor join at once, on one process or several). So creation never
   * fails on a duplicate: each insert is `INSERT … ON CONFLICT DO NOTHING` (Prisma's `upsert` with
   * an empty update is a SELECT then an INSERT, and all but one concurrent caller got a unique
   * violation, which left their request unacked). The workspace and its program are created in one
   * transaction, so no request ever sees a workspace without its default program; a concurrent
   * first request waits only for that short transaction.
   */
  async ensure(slackTeamId: string): Promise<Workspace> {
    const existing = await this.prisma.workspace.findUnique({ where: { slackTeamId } });
    if (existing) return existing;
    return this.prisma.$transaction(async (tx) => {
      await tx.workspace.createMany({ data: [{ slackTeamId }], skipDuplicates: true });
      const workspace = await tx.workspace.findUniqueOrThrow({ where: { slackTeamId } });
      await ensureDefaultProgram(tx, workspace.id);
      await planDigestRound(tx, workspace.id, this.now());
      return workspace;
    });
  }

  /** Idempotent across processes: the default program's id is derived from the workspace's. */
  async ensureDefaultProgram(workspaceId: string): Promise<Program> {
    return ensureDefaultProgram(this.prisma, workspaceId);
  }
}

/** The workspace's default program, created if missing; safe to call concurrently. */
export async function ensureDefaultProgram(db: Db, workspaceId: string): Promise<Program> {
  const id = defaultProgramId(workspaceId);
  const existing = await db.program.findUnique({ where: { id } });
  if (existing) return existing;
  await db.program.createMany({
    data: [
      {
        id,
        workspaceId,
        name: DEFAULT_PROGRAM_NAME,
        description: "Always open: anyone can join as a mentee or a mentor and find a match.",
        kind: "EVERGREEN",
        status: "OPEN",
        isDefault: true,
        taxonomy: [...defaultTaxonomy],
      },
    ],
    skipDuplicates: true,
  });
  return db.program.findUniqueOrThrow({ where: { id } });
}

export function defaultProgramId(workspaceId: string): string {
  return `default_${workspaceId}`;
}
