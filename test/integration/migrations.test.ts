// The offline migration path on a real database: applies the whole history once, records it in
// Prisma's standard table, does nothing the second time, and matches prisma/schema.prisma.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { noFilters, readMigrationList, readSchemaText } from "../../src/db/migrations.ts";
import { withSchemaEngine } from "../../src/db/schema-engine.ts";
import { createScratchDatabase, testBackend } from "../support/db.ts";

async function freshDatabase(): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (testBackend() === "postgres") {
    const scratch = await createScratchDatabase();
    const db = await openDatabase({ kind: "postgres", url: scratch.url });
    const dispose = async () => {
      await db.close();
      await scratch.drop();
    };
    return { db, dispose };
  }
  const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  return { db, dispose: () => db.close() };
}

describe(`migrations (${testBackend()})`, () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  afterAll(async () => fresh?.dispose());

  it("applies every migration once, records it, and a second run is a no-op", async () => {
    fresh = await freshDatabase();
    const expected = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    expect(expected.length).toBeGreaterThan(0);

    expect(await fresh.db.migrate()).toEqual(expected);
    expect(await fresh.db.migrate()).toEqual([]);

    const recorded = await fresh.db.prisma.$queryRaw<
      Array<{ migration_name: string; finished_at: Date | null }>
    >`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(recorded.map((r) => r.migration_name)).toEqual(expected);
    expect(recorded.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("leaves a schema the Prisma client can use", async () => {
    if (!fresh) throw new Error("first test did not run");
    const workspace = await fresh.db.prisma.workspace.create({ data: { slackTeamId: "T_MIGRATE" } });
    await fresh.db.prisma.member.create({
      data: { workspaceId: workspace.id, slackUserId: "U1", expertise: ["cardiology", "research"] },
    });
    const found = await fresh.db.prisma.member.findMany({ where: { expertise: { has: "research" } } });
    expect(found).toHaveLength(1);
  });
});

describe("prisma/schema.prisma", () => {
  it("has no change that a migration does not cover (run npm run db:new-migration)", async () => {
    const pglite = new PGlite("memory://");
    const [schemaText, migrations] = await Promise.all([readSchemaText(), readMigrationList()]);
    const diff = await withSchemaEngine(new PrismaPGlite(pglite), schemaText, (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrations },
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schemaText }] },
        script: true,
        exitCode: true,
        filters: noFilters,
      }),
    );
    await pglite.close();
    expect(diff.exitCode, diff.stdout ?? "").toBe(0);
  });
});
