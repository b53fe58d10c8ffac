// The durable outbox and job runner on a real database: delivery, idempotency, retries with
// back-off, permanent failures, skipped recipients and recovery of a crashed claim.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "../../src/jobs/runner.ts";
import { enqueue } from "../../src/services/outbox.ts";
import { SlackDeliveryError } from "../../src/services/slack-port.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { RecordingMessenger, testStack } from "../support/stack.ts";

const notice = { type: "coordinator_added" as const, byName: "Dana" };

describe("job runner", () => {
  let db: TestDatabase;
  let workspaceId: string;
  const messenger = new RecordingMessenger();
  let clock = new Date("2026-05-04T09:00:00Z");
  let runner: JobRunner;

  beforeAll(async () => {
    db = await openTestDatabase();
    workspaceId = (await db.database.prisma.workspace.create({ data: { slackTeamId: "T_JOBS" } })).id;
    runner = testStack(db.database.prisma, { messenger, now: () => clock }).runner;
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    messenger.sent = [];
    messenger.failures = [];
    await db.database.prisma.delivery.deleteMany();
    await db.database.prisma.scheduledJob.deleteMany();
  });

  const dm = (key: string, recipient = "U0DANA", dueAt?: Date) =>
    enqueue(
      db.database.prisma,
      { workspaceId, kind: "dm", key, payload: { recipient, notice }, ...(dueAt ? { dueAt } : {}) },
      clock,
    );

  it("sends a due job once, marks it done and logs the delivery", async () => {
    await dm("k1");
    expect(await runner.runDue()).toBe(1);
    expect(messenger.sent.map((s) => s.to)).toEqual(["U0DANA"]);
    expect(messenger.sent[0]?.message.text).toContain("Dana made you a Tandem coordinator");
    const job = await db.database.prisma.scheduledJob.findUniqueOrThrow({ where: { idempotencyKey: "k1" } });
    expect(job).toMatchObject({ status: "DONE", attempts: 1, leaseUntil: null });
    const deliveries = await db.database.prisma.delivery.findMany({ where: { jobId: job.id } });
    expect(deliveries).toMatchObject([{ status: "SENT", recipient: "U0DANA", channelId: "D_U0DANA" }]);
    expect(await runner.runDue()).toBe(0);
  });

  it("enqueueing the same intent twice makes one job", async () => {
    await dm("same");
    await dm("same");
    expect(await db.database.prisma.scheduledJob.count()).toBe(1);
  });

  it("waits for the due time", async () => {
    await dm("later", "U0DANA", new Date(clock.getTime() + 60_000));
    expect(await runner.runDue()).toBe(0);
    clock = new Date(clock.getTime() + 61_000);
    expect(await runner.runDue()).toBe(1);
  });

  it("retries a transient failure with back-off, then delivers", async () => {
    messenger.failures.push(new Error("socket hang up"));
    await dm("flaky");
    expect(await runner.runDue()).toBe(1);
    const pending = await db.database.prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: "flaky" },
    });
    expect(pending.status).toBe("PENDING");
    expect(pending.lastError).toBe("socket hang up");
    expect(pending.dueAt.getTime() - clock.getTime()).toBe(30_000);
    expect(await runner.runDue()).toBe(0);
    clock = new Date(clock.getTime() + 30_000);
    expect(await runner.runDue()).toBe(1);
    expect(messenger.sent).toHaveLength(1);
    const statuses = (await db.database.prisma.delivery.findMany({ orderBy: { createdAt: "asc" } })).map(
      (d) => d.status,
    );
    expect(statuses).toEqual(["RETRYING", "SENT"]);
  });

  it("stops at a permanent Slack refusal and records it", async () => {
    messenger.failures.push(new SlackDeliveryError("user_disabled", true));
    await dm("gone");
    await runner.runDue();
    const job = await db.database.prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: "gone" },
    });
    expect(job).toMatchObject({ status: "FAILED", lastError: "user_disabled" });
    expect(await db.database.prisma.delivery.findFirst({ where: { jobId: job.id } })).toMatchObject({
      status: "FAILED",
      error: "user_disabled",
    });
  });

  it("gives up after the last attempt", async () => {
    await dm("hopeless");
    await db.database.prisma.scheduledJob.update({
      where: { idempotencyKey: "hopeless" },
      data: { maxAttempts: 2 },
    });
    for (let i = 0; i < 2; i++) {
      messenger.failures.push(new Error("503"));
      await runner.runDue();
      clock = new Date(clock.getTime() + 10 * 60_000);
    }
    const job = await db.database.prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: "hopeless" },
    });
    expect(job.status).toBe("FAILED");
    expect(job.lastError).toMatch(/gave up after 2 attempts/);
  });

  it("never messages deleted people, guests or bots: the job is cancelled with the reason", async () => {
    for (const [id, flags] of [
      ["U0GONE", { isDeleted: true }],
      ["U0GUEST", { isGuest: true }],
      ["B0BOT", { isBot: true }],
    ] as const) {
      await db.database.prisma.member.upsert({
        where: { workspaceId_slackUserId: { workspaceId, slackUserId: id } },
        create: { workspaceId, slackUserId: id, ...flags },
        update: flags,
      });
      await dm(`to-${id}`, id.startsWith("B") ? "U0BOTLIKE" : id);
    }
    await db.database.prisma.member.update({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId: "B0BOT" } },
      data: { slackUserId: "U0BOTLIKE" },
    });
    await runner.runDue();
    expect(messenger.sent).toEqual([]);
    const jobs = await db.database.prisma.scheduledJob.findMany({ orderBy: { idempotencyKey: "asc" } });
    expect(jobs.map((j) => [j.status, j.cancelReason])).toEqual([
      ["CANCELLED", "recipient is bot"],
      ["CANCELLED", "recipient is deleted"],
      ["CANCELLED", "recipient is guest"],
    ]);
  });

  it("a claim whose process died is taken over when its lease expires", async () => {
    await dm("orphan");
    // Another process claimed it and crashed before sending.
    await db.database.prisma.scheduledJob.update({
      where: { idempotencyKey: "orphan" },
      data: {
        status: "RUNNING",
        lockedBy: "worker-dead",
        attempts: 1,
        leaseUntil: new Date(clock.getTime() + 60_000),
      },
    });
    expect(await runner.runDue()).toBe(0);
    clock = new Date(clock.getTime() + 61_000);
    expect(await runner.runDue()).toBe(1);
    const job = await db.database.prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: "orphan" },
    });
    expect(job).toMatchObject({ status: "DONE", attempts: 2, lockedBy: runner.workerId });
    expect(messenger.sent).toHaveLength(1);
  });

  it("a process that died after sending: the next attempt finds the message and doesn't send it again", async () => {
    await dm("sent-then-crashed");
    const job = await db.database.prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: "sent-then-crashed" },
    });
    // The dead process got as far as Slack (the message carries the job id), not to recording it.
    await messenger.sendDm("U0DANA", { text: "Dana made you a Tandem coordinator" }, { key: job.id });
    await db.database.prisma.scheduledJob.update({
      where: { id: job.id },
      data: {
        status: "RUNNING",
        lockedBy: "worker-dead",
        attempts: 1,
        leaseUntil: new Date(clock.getTime() - 1),
      },
    });
    expect(await runner.runDue()).toBe(1);
    expect(messenger.sent).toHaveLength(1);
    expect(await db.database.prisma.scheduledJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "DONE",
      attempts: 2,
    });
    expect(await db.database.prisma.delivery.findFirst({ where: { jobId: job.id } })).toMatchObject({
      status: "SENT",
      messageTs: "1.000",
    });
  });

  it("Slack's rate limit defers the job until Retry-After without using up an attempt", async () => {
    messenger.failures.push(new SlackDeliveryError("ratelimited", false, 45_000));
    await dm("limited");
    expect(await runner.runDue()).toBe(1);
    const waiting = await db.database.prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: "limited" },
    });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(waiting.dueAt.getTime() - clock.getTime()).toBe(45_000);
    expect(await db.database.prisma.delivery.findFirst({ where: { jobId: waiting.id } })).toMatchObject({
      status: "DEFERRED",
    });
    clock = new Date(clock.getTime() + 45_000);
    expect(await runner.runDue()).toBe(1);
    expect(messenger.sent).toHaveLength(1);
    expect(
      await db.database.prisma.scheduledJob.findUniqueOrThrow({ where: { idempotencyKey: "limited" } }),
    ).toMatchObject({ status: "DONE", attempts: 1 });
  });

  it("a slow job keeps its lease while it runs: another process never takes it over", async () => {
    const { JobRunner } = await import("../../src/jobs/runner.ts");
    const { createLogger } = await import("../../src/logger.ts");
    let sends = 0;
    let started: () => void = () => {};
    const claimed = new Promise<void>((resolve) => {
      started = resolve;
    });
    const LEASE_MS = 600;
    const slow = {
      dm: async () => {
        started();
        // Runs for more than two leases: only renewals keep it.
        await new Promise((resolve) => setTimeout(resolve, 2.5 * LEASE_MS));
        sends++;
        return { status: "done" as const };
      },
    };
    const options = { leaseMs: LEASE_MS, now: () => new Date() };
    const first = new JobRunner(db.database.prisma, slow, createLogger("error"), options);
    const second = new JobRunner(db.database.prisma, slow, createLogger("error"), options);
    await enqueue(db.database.prisma, {
      workspaceId,
      kind: "dm",
      key: "slow",
      payload: { recipient: "U0DANA", notice },
    });
    const running = first.runDue();
    // Once the first process holds it, past its first lease, the second finds nothing to take over.
    await claimed;
    await new Promise((resolve) => setTimeout(resolve, 1.5 * LEASE_MS));
    expect(await second.runDue()).toBe(0);
    expect(await running).toBe(1);
    expect(sends).toBe(1);
  });

  it("a job whose process died on every attempt is failed, not run again", async () => {
    await dm("poison");
    await db.database.prisma.scheduledJob.update({
      where: { idempotencyKey: "poison" },
      data: {
        status: "RUNNING",
        lockedBy: "worker-dead",
        attempts: 8,
        maxAttempts: 8,
        leaseUntil: new Date(clock.getTime() - 1000),
      },
    });
    expect(await runner.runDue()).toBe(0);
    const job = await db.database.prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: "poison" },
    });
    expect(job).toMatchObject({ status: "FAILED", lastError: "the process running it stopped every time" });
    expect(messenger.sent).toEqual([]);
  });

  it("a payload that fails validation fails the job instead of crashing the runner", async () => {
    await db.database.prisma.scheduledJob.create({
      data: { workspaceId, kind: "dm", dueAt: clock, payload: { recipient: 42 }, idempotencyKey: "bad" },
    });
    await db.database.prisma.scheduledJob.create({
      data: { workspaceId, kind: "no_such_kind", dueAt: clock, payload: {}, idempotencyKey: "unknown" },
    });
    await dm("fine");
    expect(await runner.runDue()).toBe(3);
    const byKey = Object.fromEntries(
      (await db.database.prisma.scheduledJob.findMany()).map((j) => [j.idempotencyKey, j.status]),
    );
    expect(byKey).toEqual({ bad: "FAILED", unknown: "FAILED", fine: "DONE" });
  });
});
