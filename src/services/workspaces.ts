// Workspaces Tandem serves, created on first contact, each with its default evergreen program
// so that join and find work before any coordinator has configured anything.
import { defaultTaxonomy } from "../domain/profile.ts";
import type { Db, Program, Workspace } from "./db.ts";

export const DEFAULT_PROGRAM_NAME = "Open mentoring";

export class WorkspaceService {
  constructor(private readonly db: Db) {}

  /** The workspace for a Slack team id, created (with its default program) on first contact. */
  async ensure(slackTeamId: string): Promise<Workspace> {
    const existing = await this.db.workspace.findUnique({ where: { slackTeamId } });
    if (existing) return existing;
    const workspace = await this.db.workspace.upsert({
      where: { slackTeamId },
      create: { slackTeamId },
      update: {},
    });
    await this.ensureDefaultProgram(workspace.id);
    return workspace;
  }

  /** Idempotent across processes: the default program's id is derived from the workspace's. */
  async ensureDefaultProgram(workspaceId: string): Promise<Program> {
    return this.db.program.upsert({
      where: { id: defaultProgramId(workspaceId) },
      create: {
        id: defaultProgramId(workspaceId),
        workspaceId,
        name: DEFAULT_PROGRAM_NAME,
        description: "Always open: anyone can join as a mentee or a mentor and find a match.",
        kind: "EVERGREEN",
        status: "OPEN",
        isDefault: true,
        taxonomy: [...defaultTaxonomy],
      },
      update: {},
    });
  }
}

export function defaultProgramId(workspaceId: string): string {
  return `default_${workspaceId}`;
}
