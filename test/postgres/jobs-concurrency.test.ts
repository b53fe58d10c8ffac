// Several Tandem processes share one PostgreSQL: four runners, each with its own connection pool,
// drain one queue at once. FOR UPDATE SKIP LOCKED must give every job to exactly one of them.
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { createScratchDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";

describe("job runners on one PostgreSQL", () => {
  const opened: Database[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await drop?.();
  });

  it("deliver each of 400 jobs exactly once across 4 runners", async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    for (let i = 0; i < 4; i++) opened.push(await openDatabase({ kind: "postgres", url: scratch.url }));
    const [first] = opened;
    if (!first) throw new Error("no database");
    await first.migrate();
    const workspace = await first.prisma.workspace.create({ data: { slackTeamId: "T_CONCURRENT" } });
    await first.prisma.scheduledJob.createMany({
      data: Array.from({ length: 400 }, (_, i) => ({
        workspaceId: workspace.id,
        kind: "dm",
        dueAt: new Date(Date.now() - 1000),
        idempotencyKey: `job-${i}`,
        payload: { recipient: `U${String(i).padStart(5, "0")}`, notice: { type: "paused_resumed" } },
      })),
    });

    const messengers = opened.map(() => Object.assign(new RecordingMessenger(), { delayMs: 1 }));
    const runners = opened.map(
      (db, index) => testStack(db.prisma, { messenger: messengers[index], batchSize: 10 }).runner,
    );
    const ran = await Promise.all(runners.map((r) => r.runDue()));

    expect(ran.reduce((a, b) => a + b, 0)).toBe(400);
    const sends = messengers.flatMap((m) => m.sent);
    expect(sends).toHaveLength(400);
    expect(new Set(sends.map((s) => s.to)).size).toBe(400);
    // Work was actually shared, not done by one runner while the others waited.
    expect(ran.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(await first.prisma.scheduledJob.count({ where: { status: "DONE" } })).toBe(400);
    expect(await first.prisma.delivery.count({ where: { status: "SENT" } })).toBe(400);
  }, 60_000);
});
