// What bench/scheduler/worker.ts and its parent (bench/scheduler/harness.ts) say to each other,
// and the no-op messenger. Kept apart from worker.ts, which runs as soon as it is imported.
import type { PostedMessage, SlackMessenger } from "../../src/services/slack-port.ts";

export interface WorkerConfig {
  db: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  messenger: "slack" | "noop";
  /** The stand-in's Web API base URL and bot token (slack mode). */
  apiUrl?: string;
  token?: string;
  leaseMs: number;
  batchSize?: number;
  concurrency?: number;
  /** Sleep between a successful post and returning it: widens the "sent, not recorded" window. */
  sentDelayMs?: number;
  /** How often an idle worker looks for due jobs again (a killed process's lease runs out). */
  pollMs?: number;
  logLevel?: "debug" | "info" | "warn" | "error";
  /**
   * "runner": the JobRunner's own claim query. "split": an experiment, not the product's code: the
   * same claim written as two index-backed halves (see claimSplit in worker.ts), to measure what
   * that change to src/jobs/runner.ts would give.
   */
  claim?: "runner" | "split";
  /** Report every key sent (the no-op messenger has no other record of what was sent). */
  reportKeys?: boolean;
}

export type WorkerMessage =
  | { type: "ready"; workerId: string; pid: number }
  | { type: "progress"; workerId: string; ran: number }
  | { type: "drained"; workerId: string; at: number }
  | { type: "stats"; stats: WorkerStats };

export interface WorkerStats {
  workerId: string;
  pid: number;
  /** Jobs this process ran to an outcome (claimed and recorded, or skipped on a lost lease). */
  ran: number;
  sends: number;
  findSentCalls: number;
  findSentHits: number;
  /** Claim (the batch's claim query answered) to the message posted, per sent job, ms. */
  claimToSendMs: number[];
  maxRssMB: number;
  /** CPU time (user + system) this process used from "go" to the end of its drain, ms. */
  cpuMs: number;
  keys?: string[];
}

export type ParentMessage = { type: "go" } | { type: "stop" };

/** A messenger that posts nothing: fake channel and ts, at once. */
export function noopMessenger(): SlackMessenger {
  let counter = 0;
  const posted = (channel: string): PostedMessage => {
    counter += 1;
    return { channel, ts: `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, "0")}` };
  };
  return {
    sendDm: async (userId) => posted(`D${userId}`),
    sendGroupDm: async (userIds) => posted(`G${userIds.join("")}`),
    findSent: async () => null,
    sendFileDm: async (userId) => ({ channel: `D${userId}` }),
  };
}
