// Builds every service from its dependencies: the one place they are wired together.

import { AiClient, type AiSettings } from "../ai/client.ts";
import { AiUsageLedger } from "../ai/usage.ts";
import type { Logger } from "../logger.ts";
import { AgreementService } from "./agreements.ts";
import { CheckinService } from "./checkins.ts";
import { CoordinatorService } from "./coordinators.ts";
import type { PrismaClient } from "./db.ts";
import { DeliveryService } from "./deliveries.ts";
import { DigestService } from "./digest.ts";
import { EmbeddingService } from "./embeddings.ts";
import { ExportService } from "./exports.ts";
import { FeedbackService } from "./feedback.ts";
import { GoalService } from "./goals.ts";
import { HomeService } from "./home.ts";
import { JournalService } from "./journal.ts";
import { LetterService } from "./letters.ts";
import { MatchingService } from "./matching.ts";
import { MemberService } from "./members.ts";
import type { JobsEnqueued } from "./outbox.ts";
import { ProgramStatsService } from "./program-stats.ts";
import { ProgramService } from "./programs.ts";
import { ReviewService } from "./reviews.ts";
import { RoundService } from "./rounds.ts";
import { SessionService } from "./sessions.ts";
import type { SlackDirectory, SlackMessenger } from "./slack-port.ts";
import { WorkspaceService } from "./workspaces.ts";

export interface ServiceDeps {
  prisma: PrismaClient;
  directory: SlackDirectory;
  messenger: SlackMessenger;
  /** Called after a change has committed jobs, so they go out within seconds. */
  jobsEnqueued?: JobsEnqueued;
  now?: () => Date;
  /** AI settings (config.openai); without them, or without a key, AI is off and fallbacks run. */
  ai?: AiSettings;
  logger?: Logger;
}

/** AI off: what a deployment without OPENAI_API_KEY gets. */
export const AI_OFF: AiSettings = {
  apiKey: undefined,
  baseUrl: undefined,
  model: "gpt-4o-mini",
  embeddingModel: "text-embedding-3-small",
  embeddingDimensions: 256,
  timeoutMs: 15_000,
  dailyTokenBudget: 0,
};

export interface Services {
  workspaces: WorkspaceService;
  members: MemberService;
  coordinators: CoordinatorService;
  programs: ProgramService;
  matching: MatchingService;
  rounds: RoundService;
  home: HomeService;
  checkins: CheckinService;
  deliveries: DeliveryService;
  agreements: AgreementService;
  goals: GoalService;
  sessions: SessionService;
  journal: JournalService;
  feedback: FeedbackService;
  reviews: ReviewService;
  exports: ExportService;
  stats: ProgramStatsService;
  digests: DigestService;
  letters: LetterService;
  ai: AiClient;
  embeddings: EmbeddingService;
  messenger: SlackMessenger;
}

export function createServices({
  prisma,
  directory,
  messenger,
  jobsEnqueued,
  now,
  ai: aiSettings = AI_OFF,
  logger,
}: ServiceDeps): Services {
  const ai = new AiClient(aiSettings, new AiUsageLedger(prisma), logger, now);
  const workspaces = new WorkspaceService(prisma, now);
  const members = new MemberService(prisma, directory, jobsEnqueued, now);
  const coordinators = new CoordinatorService(prisma, members, jobsEnqueued);
  const programs = new ProgramService(prisma, coordinators, members, directory, jobsEnqueued);
  const embeddings = new EmbeddingService(prisma, ai, logger);
  const matching = new MatchingService(prisma, members, jobsEnqueued, now, embeddings);
  const rounds = new RoundService(prisma, coordinators, matching, jobsEnqueued, now);
  const deliveries = new DeliveryService(prisma, coordinators, now);

  const checkins = new CheckinService(prisma, coordinators, jobsEnqueued, now, ai);
  const agreements = new AgreementService(prisma, jobsEnqueued, now);
  const goals = new GoalService(prisma, jobsEnqueued, now);
  const sessions = new SessionService(prisma, jobsEnqueued, now);
  const journal = new JournalService(prisma, now);

  const feedback = new FeedbackService(prisma, jobsEnqueued, now);
  const reviews = new ReviewService(prisma, coordinators, jobsEnqueued, now);
  const stats = new ProgramStatsService(prisma, coordinators, deliveries, now, ai);
  const exports = new ExportService(prisma, coordinators, stats, jobsEnqueued, now);

  const digests = new DigestService(prisma, coordinators, stats, jobsEnqueued, now);
  const letters = new LetterService(prisma, jobsEnqueued, now);
  const home = new HomeService(prisma, members, coordinators, stats, journal, letters, now);
  return {
    workspaces,
    members,
    coordinators,
    programs,
    matching,
    rounds,
    home,
    checkins,
    deliveries,
    agreements,
    goals,
    sessions,
    journal,
    feedback,
    reviews,
    exports,
    stats,
    digests,
    letters,
    ai,
    embeddings,
    messenger,
  };
}
