// Several Tandem processes may start together on one PostgreSQL: migrations must be applied once,
// with every process coming up on the same schema.
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { readMigrationList } from "../../src/db/migrations.ts";
import { createScratchDatabase } from "../support/db.ts";

describe("concurrent starts on one PostgreSQL", () => {
  const opened: Database[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await drop?.();
  });

  it("four instances migrating at once apply each migration exactly once", async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    for (let i = 0; i < 4; i++) opened.push(await openDatabase({ kind: "postgres", url: scratch.url }));
    const results = await Promise.all(opened.map((db) => db.migrate()));
    const expected = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    expect(results.flat().sort()).toEqual(expected.sort());
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    const first = opened[0];
    if (!first) throw new Error("no database");
    const rows = await first.prisma.$queryRaw<
      Array<{ n: bigint }>
    >`SELECT count(*) AS n FROM _prisma_migrations`;
    expect(Number(rows[0]?.n)).toBe(expected.length);
    expect(await Promise.all(opened.map((db) => db.healthy()))).toEqual([true, true, true, true]);
  });
});
