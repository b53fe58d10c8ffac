// Scheduler processes die at random while four of them drain one queue on PostgreSQL: every job
// is still delivered exactly once. Real processes (bench/scheduler/worker.ts: the JobRunner, the
// job handlers and slackMessenger over HTTP) send to a Slack stand-in in this process; two of
// them are SIGKILLed mid-run at random points and not replaced, so the survivors take over the
// jobs the dead ones held once their lease runs out.
//
// Each send waits 20 ms after Slack answered before the job is recorded, so a process killed
// mid-batch has posted messages it never recorded: the job's next run must find its message by
// its metadata key (conversations.history) instead of sending again.
import { afterAll, describe, expect, it } from "vitest";
import { runScenario } from "../../bench/scheduler/harness.ts";
import { createScratchDatabase } from "../support/db.ts";

const JOBS = 1500;

describe("scheduler processes killed mid-run", () => {
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await drop?.();
  });

  it("deliver each of 1,500 jobs exactly once while 2 of 4 processes are SIGKILLed", async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    const kills = [
      { atFraction: 0.1 + Math.random() * 0.25, replace: false },
      { atFraction: 0.4 + Math.random() * 0.25, replace: false },
    ];
    const result = await runScenario({
      db: { kind: "postgres", url: scratch.url },
      jobs: JOBS,
      processes: 4,
      messenger: "slack",
      kills,
      leaseMs: 5000,
      sentDelayMs: 20,
      timeoutMs: 60_000,
    });
    const context = JSON.stringify(result);

    expect(result.unclean, context).toEqual([]);
    expect(result.kills, context).toHaveLength(2);
    // Every job ran to DONE, and the stand-in got exactly one message per job id.
    expect(result.statuses, context).toEqual({ DONE: JOBS });
    expect(result.duplicates, context).toBe(0);
    expect(result.lost, context).toBe(0);
    expect(result.messagesWithoutKey, context).toBe(0);
    expect(result.slackCalls?.["chat.postMessage"], context).toBe(JOBS);
    // One SENT delivery per job, naming the very message Slack holds.
    expect(result.sentDeliveries, context).toBe(JOBS);
    expect(result.doubleRecorded, context).toBe(0);
    expect(result.deliveryMismatches, context).toBe(0);
    expect(result.violations, context).toEqual([]);
    // The kills did strand jobs, and some had been sent before their process died: found again
    // through their metadata rather than sent twice.
    expect(result.takenOver, context).toBeGreaterThan(0);
    expect(result.recoveredFromHistory, context).toBeGreaterThan(0);
  }, 90_000);
});
