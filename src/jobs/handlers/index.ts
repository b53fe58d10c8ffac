// Every job kind's handler, keyed by kind.
import type { JobKind } from "../../domain/jobs.ts";
import type { CheckinService } from "../../services/checkins.ts";
import type { PrismaClient } from "../../services/db.ts";
import type { DigestService } from "../../services/digest.ts";
import type { EmbeddingService } from "../../services/embeddings.ts";
import type { ExportService } from "../../services/exports.ts";
import type { FeedbackService } from "../../services/feedback.ts";
import type { GoalService } from "../../services/goals.ts";
import type { LetterService } from "../../services/letters.ts";
import type { MatchingService } from "../../services/matching.ts";
import type { ReviewService } from "../../services/reviews.ts";
import type { RoundService } from "../../services/rounds.ts";
import type { SessionService } from "../../services/sessions.ts";
import type { SlackMessenger } from "../../services/slack-port.ts";
import type { JobHandler } from "../runner.ts";
import {
  checkinHandler,
  checkinRoundHandler,
  mentorshipResumeHandler,
  quietFollowupHandler,
  reflectionHandler,
} from "./checkins.ts";
import { digestHandlers } from "./digest.ts";
import { dmHandler } from "./dm.ts";
import { profileEmbeddingHandler } from "./embeddings.ts";
import { exportHandlers } from "./exports.ts";
import { feedbackHandlers } from "./feedback.ts";
import { goalHandlers } from "./goals.ts";
import { letterHandlers } from "./letters.ts";
import { introHandler, mentorRequestHandler, requestExpiryHandler } from "./matching.ts";
import { pauseEndHandler } from "./pause-end.ts";
import { reviewHandlers } from "./reviews.ts";
import { matchingRoundHandler, roundPublishHandler } from "./rounds.ts";
import { sessionHandlers } from "./sessions.ts";

export interface JobHandlerDeps {
  prisma: PrismaClient;
  messenger: SlackMessenger;
  matching: MatchingService;
  rounds: RoundService;
  checkins: CheckinService;
  goals: GoalService;
  sessions: SessionService;
  feedback: FeedbackService;
  reviews: ReviewService;
  exports: ExportService;
  digests: DigestService;
  letters: LetterService;
  /** Semantic matching's cached embeddings (computed only with AI set up and consent). */
  embeddings: EmbeddingService;
  /** Wakes the runner when a handler enqueued follow-up jobs. */
  kick: () => void;
  now?: () => Date;
}

export function createJobHandlers(deps: JobHandlerDeps): Record<JobKind, JobHandler> {
  const now = deps.now ?? (() => new Date());
  const roundDeps = { prisma: deps.prisma, rounds: deps.rounds, kick: deps.kick, now };
  return {
    dm: dmHandler(deps.prisma, deps.messenger, now),
    pause_end: pauseEndHandler(deps.prisma, deps.messenger, now),
    mentor_request: mentorRequestHandler(deps.matching, deps.messenger, now),
    request_expiry: requestExpiryHandler(deps.matching),
    intro: introHandler(deps.prisma, deps.matching, deps.messenger, now),
    matching_round: matchingRoundHandler(roundDeps),
    round_publish: roundPublishHandler(roundDeps),
    ...checkinHandlers({ checkins: deps.checkins, messenger: deps.messenger, kick: deps.kick, now }),
    ...goalHandlers({ ...deps, now }),
    ...sessionHandlers({ ...deps, now }),
    ...feedbackHandlers({ ...deps, now }),
    ...reviewHandlers({ ...deps, now }),
    ...exportHandlers({ ...deps, now }),
    ...digestHandlers({ ...deps, now }),
    ...letterHandlers({ ...deps, now }),
    profile_embedding: profileEmbeddingHandler(deps.embeddings),
  };
}

function checkinHandlers(deps: Parameters<typeof checkinHandler>[0]) {
  return {
    checkin_round: checkinRoundHandler(deps),
    checkin: checkinHandler(deps),
    reflection: reflectionHandler(deps),
    quiet_followup: quietFollowupHandler(deps),
    mentorship_resume: mentorshipResumeHandler(deps),
  };
}
