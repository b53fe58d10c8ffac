// A workspace's first requests can reach several Tandem processes at once, each with its own
// connection pool. Creating the workspace (and its default program) on first contact runs before
// every request is acked, so it must never fail on a duplicate: each caller gets the same workspace,
// and the default program exists exactly once, as soon as the workspace is visible.
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { defaultProgramId, WorkspaceService } from "../../src/services/workspaces.ts";
import { createScratchDatabase } from "../support/db.ts";

describe("first contact with a workspace on one PostgreSQL", () => {
  const opened: Database[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await drop?.();
  });

  it("24 concurrent first requests across 4 processes all get the one workspace and its program", async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    for (let i = 0; i < 4; i++) opened.push(await openDatabase({ kind: "postgres", url: scratch.url }));
    const [first] = opened;
    if (!first) throw new Error("no database");
    await first.migrate();
    const services = opened.map((db) => new WorkspaceService(db.prisma));

    for (const team of ["T_FIRST_1", "T_FIRST_2", "T_FIRST_3"]) {
      const results = await Promise.allSettled(
        services.flatMap((s, i) =>
          Array.from({ length: 6 }, async () => {
            const workspace = await s.ensure(team);
            // Whoever sees the workspace sees its default program too.
            const program = await opened[i]?.prisma.program.findUnique({
              where: { id: defaultProgramId(workspace.id) },
            });
            return { id: workspace.id, program: program?.isDefault ?? false };
          }),
        ),
      );
      const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
      expect(failures, team).toEqual([]);
      const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      expect(ok).toHaveLength(24);
      expect(new Set(ok.map((r) => r.id)).size, team).toBe(1);
      expect(ok.every((r) => r.program)).toBe(true);

      const workspaces = await first.prisma.workspace.findMany({ where: { slackTeamId: team } });
      expect(workspaces).toHaveLength(1);
      expect(await first.prisma.program.count({ where: { workspaceId: workspaces[0]?.id } })).toBe(1);
    }

    // The default program is also created (once) by concurrent callers when it is missing.
    const bare = await first.prisma.workspace.create({ data: { slackTeamId: "T_NO_PROGRAM" } });
    const programs = await Promise.all(
      services.flatMap((s) => [s, s].map((x) => x.ensureDefaultProgram(bare.id))),
    );
    expect(new Set(programs.map((p) => p.id))).toEqual(new Set([defaultProgramId(bare.id)]));
    expect(await first.prisma.program.count({ where: { workspaceId: bare.id } })).toBe(1);
  }, 60_000);
});
