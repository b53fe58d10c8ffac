-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "CareerStage" AS ENUM ('STUDENT', 'TRAINEE', 'EARLY_CAREER', 'MID_CAREER', 'SENIOR', 'EXECUTIVE');

-- CreateEnum
CREATE TYPE "ParticipantRole" AS ENUM ('MENTEE', 'MENTOR', 'BOTH');

-- CreateEnum
CREATE TYPE "MentoringKind" AS ENUM ('CAREER', 'TECHNICAL', 'RESEARCH', 'LEADERSHIP', 'WELLBEING');

-- CreateEnum
CREATE TYPE "MeetingMode" AS ENUM ('IN_PERSON', 'VIDEO', 'CHAT', 'ANY');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('ACTIVE', 'PAUSED', 'LEFT');

-- CreateEnum
CREATE TYPE "RoleKind" AS ENUM ('COORDINATOR');

-- CreateEnum
CREATE TYPE "RoleSource" AS ENUM ('SLACK_ADMIN', 'GRANTED');

-- CreateEnum
CREATE TYPE "ProgramKind" AS ENUM ('COHORT', 'EVERGREEN');

-- CreateEnum
CREATE TYPE "ProgramStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "DepartmentRule" AS ENUM ('IGNORE', 'PREFERRED', 'REQUIRED');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('ACTIVE', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "EnrollmentSource" AS ENUM ('SELF', 'ROSTER', 'COORDINATOR');

-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('QUEUED', 'RUNNING', 'DRAFT', 'PUBLISHING', 'PUBLISHED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "MentorshipStatus" AS ENUM ('PROPOSED', 'REQUESTED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'DECLINED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MentorshipOrigin" AS ENUM ('ROUND', 'REQUEST', 'COORDINATOR');

-- CreateEnum
CREATE TYPE "GoalKind" AS ENUM ('PROFESSIONAL', 'PERSONAL');

-- CreateEnum
CREATE TYPE "GoalStatus" AS ENUM ('ACTIVE', 'ACHIEVED', 'DROPPED');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('OPEN', 'DONE', 'SKIPPED');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('PLANNED', 'HELD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('OPEN', 'DONE', 'DROPPED');

-- CreateEnum
CREATE TYPE "CheckInKind" AS ENUM ('NUDGE', 'PULSE', 'END_OF_ROUND');

-- CreateEnum
CREATE TYPE "CheckInAnswer" AS ENUM ('MET', 'RESCHEDULED', 'NOT_YET', 'SNOOZED', 'PAUSE');

-- CreateEnum
CREATE TYPE "JournalKind" AS ENUM ('REFLECTION', 'TAKEAWAY', 'NOTE');

-- CreateEnum
CREATE TYPE "FeedbackContext" AS ENUM ('SESSION', 'MILESTONE', 'PULSE', 'REVIEW');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('CONTINUE', 'CHANGE', 'CLOSE');

-- CreateEnum
CREATE TYPE "LetterPurpose" AS ENUM ('SCHOOL', 'RESIDENCY', 'FELLOWSHIP', 'JOB', 'PROMOTION', 'AWARD', 'OTHER');

-- CreateEnum
CREATE TYPE "LetterStatus" AS ENUM ('DRAFT', 'ASKED', 'MORE_INFO', 'ACCEPTED', 'DECLINED', 'SUBMITTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LetterTargetStatus" AS ENUM ('PENDING', 'SUBMITTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('SENT', 'SKIPPED', 'RETRYING', 'FAILED');

-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "slackTeamId" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "name" TEXT,
    "domain" TEXT,
    "botUserId" TEXT,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "realName" TEXT,
    "displayName" TEXT,
    "email" TEXT,
    "title" TEXT,
    "tz" TEXT NOT NULL DEFAULT 'UTC',
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "isOwner" BOOLEAN NOT NULL DEFAULT false,
    "isGuest" BOOLEAN NOT NULL DEFAULT false,
    "isBot" BOOLEAN NOT NULL DEFAULT false,
    "isDeleted" BOOLEAN NOT NULL DEFAULT false,
    "statusText" TEXT,
    "statusEmoji" TEXT,
    "statusExpiresAt" TIMESTAMP(3),
    "slackSyncedAt" TIMESTAMP(3),
    "role" "ParticipantRole",
    "careerStage" "CareerStage",
    "department" TEXT,
    "team" TEXT,
    "managerSlackId" TEXT,
    "expertise" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "interests" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "mentoringKinds" "MentoringKind"[] DEFAULT ARRAY[]::"MentoringKind"[],
    "goalsText" TEXT,
    "mentorCapacity" INTEGER NOT NULL DEFAULT 2,
    "preferredCadenceDays" INTEGER,
    "meetingMode" "MeetingMode" NOT NULL DEFAULT 'ANY',
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "workdayStartMinute" INTEGER NOT NULL DEFAULT 540,
    "workdayEndMinute" INTEGER NOT NULL DEFAULT 1020,
    "availabilityNote" TEXT,
    "openToMatching" BOOLEAN NOT NULL DEFAULT true,
    "aiOptIn" BOOLEAN NOT NULL DEFAULT false,
    "status" "MemberStatus" NOT NULL DEFAULT 'ACTIVE',
    "pausedUntil" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "joinedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Role" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" "RoleKind" NOT NULL,
    "source" "RoleSource" NOT NULL DEFAULT 'GRANTED',
    "grantedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" "ProgramKind" NOT NULL DEFAULT 'EVERGREEN',
    "status" "ProgramStatus" NOT NULL DEFAULT 'OPEN',
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "startsOn" DATE,
    "endsOn" DATE,
    "checkinCadenceDays" INTEGER NOT NULL DEFAULT 14,
    "midCadencePulse" BOOLEAN NOT NULL DEFAULT false,
    "reviewEveryWeeks" INTEGER NOT NULL DEFAULT 12,
    "workdayStartMinute" INTEGER NOT NULL DEFAULT 540,
    "workdayEndMinute" INTEGER NOT NULL DEFAULT 1020,
    "departmentRule" "DepartmentRule" NOT NULL DEFAULT 'PREFERRED',
    "avoidSameReportingLine" BOOLEAN NOT NULL DEFAULT true,
    "repeatCooldownMonths" INTEGER NOT NULL DEFAULT 12,
    "minOverlapHours" INTEGER NOT NULL DEFAULT 2,
    "mentorCapacityCap" INTEGER NOT NULL DEFAULT 3,
    "matchingWeights" JSONB,
    "taxonomy" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "aiAllowed" BOOLEAN NOT NULL DEFAULT false,
    "announceChannelId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "role" "ParticipantRole" NOT NULL,
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "source" "EnrollmentSource" NOT NULL DEFAULT 'SELF',
    "capacity" INTEGER,
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchingRound" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'QUEUED',
    "startedById" TEXT,
    "summary" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "solvedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MatchingRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundUnmatched" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "RoundUnmatched_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mentorship" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "status" "MentorshipStatus" NOT NULL,
    "origin" "MentorshipOrigin" NOT NULL,
    "roundId" TEXT,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "score" DOUBLE PRECISION,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requestNote" TEXT,
    "respondBy" TIMESTAMP(3),
    "requestRank" INTEGER,
    "declineReason" TEXT,
    "introChannelId" TEXT,
    "introMessageTs" TEXT,
    "cadenceDays" INTEGER,
    "pausedUntil" TIMESTAMP(3),
    "lastSessionAt" TIMESTAMP(3),
    "nextCheckinAt" TIMESTAMP(3),
    "unansweredCheckins" INTEGER NOT NULL DEFAULT 0,
    "atRiskReason" TEXT,
    "nextReviewAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mentorship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "mentorshipId" TEXT NOT NULL,
    "purpose" TEXT,
    "mentorHopes" TEXT,
    "menteeHopes" TEXT,
    "cadenceDays" INTEGER,
    "channel" TEXT,
    "topics" TEXT,
    "confidentiality" TEXT,
    "endsOn" DATE,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "mentorAgreedAt" TIMESTAMP(3),
    "menteeAgreedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "mentorshipId" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "kind" "GoalKind" NOT NULL DEFAULT 'PROFESSIONAL',
    "status" "GoalStatus" NOT NULL DEFAULT 'ACTIVE',
    "targetDate" DATE,
    "position" INTEGER NOT NULL DEFAULT 0,
    "aiSuggested" BOOLEAN NOT NULL DEFAULT false,
    "achievedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoalRevision" (
    "id" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "authorId" TEXT,
    "reason" TEXT NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "targetDate" DATE,
    "status" "MilestoneStatus" NOT NULL DEFAULT 'OPEN',
    "position" INTEGER NOT NULL DEFAULT 0,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentoringSession" (
    "id" TEXT NOT NULL,
    "mentorshipId" TEXT NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'HELD',
    "heldOn" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER,
    "agenda" TEXT,
    "privateNotes" TEXT,
    "takeaways" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "loggedById" TEXT,
    "aiSummaryUsed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MentoringSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL,
    "mentorshipId" TEXT NOT NULL,
    "sessionId" TEXT,
    "ownerId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "dueOn" DATE,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'OPEN',
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL,
    "mentorshipId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" "CheckInKind" NOT NULL DEFAULT 'NUDGE',
    "sentAt" TIMESTAMP(3) NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,
    "answer" "CheckInAnswer",
    "answeredAt" TIMESTAMP(3),
    "pulse" INTEGER,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JournalEntry" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "mentorshipId" TEXT,
    "kind" "JournalKind" NOT NULL DEFAULT 'REFLECTION',
    "promptKey" TEXT,
    "prompt" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JournalEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL,
    "mentorshipId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "context" "FeedbackContext" NOT NULL,
    "sessionId" TEXT,
    "goalId" TEXT,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "sharedWithPartner" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "mentorshipId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "decision" "ReviewDecision",
    "wins" TEXT,
    "adjustments" TEXT,
    "reflection" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LetterRequest" (
    "id" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "writerId" TEXT NOT NULL,
    "mentorshipId" TEXT,
    "purpose" "LetterPurpose" NOT NULL,
    "status" "LetterStatus" NOT NULL DEFAULT 'DRAFT',
    "deadline" DATE NOT NULL,
    "howToSubmit" TEXT,
    "lateAsk" BOOLEAN NOT NULL DEFAULT false,
    "cvUrl" TEXT,
    "statementUrl" TEXT,
    "goalsText" TEXT,
    "whyThisProgram" TEXT,
    "workSummary" TEXT,
    "summaryApprovedAt" TIMESTAMP(3),
    "writerNote" TEXT,
    "askedAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "thankedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "outcomeSharedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LetterRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LetterTarget" (
    "id" TEXT NOT NULL,
    "letterRequestId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "deadline" DATE,
    "status" "LetterTargetStatus" NOT NULL DEFAULT 'PENDING',
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "LetterTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "programId" TEXT,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "lockedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "cancelReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ScheduledJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "jobId" TEXT,
    "programId" TEXT,
    "recipient" TEXT,
    "channelId" TEXT,
    "kind" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL,
    "error" TEXT,
    "messageTs" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "actorSlackId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "AiUsage" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "feature" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AiUsage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfileEmbedding" (
    "memberId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "vector" DOUBLE PRECISION[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProfileEmbedding_pkey" PRIMARY KEY ("memberId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slackTeamId_key" ON "Workspace"("slackTeamId");

-- CreateIndex
CREATE INDEX "Member_workspaceId_status_role_idx" ON "Member"("workspaceId", "status", "role");

-- CreateIndex
CREATE INDEX "Member_workspaceId_department_idx" ON "Member"("workspaceId", "department");

-- CreateIndex
CREATE INDEX "Member_expertise_idx" ON "Member" USING GIN ("expertise");

-- CreateIndex
CREATE INDEX "Member_interests_idx" ON "Member" USING GIN ("interests");

-- CreateIndex
CREATE UNIQUE INDEX "Member_workspaceId_slackUserId_key" ON "Member"("workspaceId", "slackUserId");

-- CreateIndex
CREATE INDEX "Role_workspaceId_kind_idx" ON "Role"("workspaceId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Role_memberId_kind_key" ON "Role"("memberId", "kind");

-- CreateIndex
CREATE INDEX "Program_workspaceId_status_idx" ON "Program"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "Program_workspaceId_isDefault_idx" ON "Program"("workspaceId", "isDefault");

-- CreateIndex
CREATE INDEX "Enrollment_programId_status_role_idx" ON "Enrollment"("programId", "status", "role");

-- CreateIndex
CREATE INDEX "Enrollment_memberId_status_idx" ON "Enrollment"("memberId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollment_programId_memberId_key" ON "Enrollment"("programId", "memberId");

-- CreateIndex
CREATE INDEX "MatchingRound_programId_createdAt_idx" ON "MatchingRound"("programId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RoundUnmatched_roundId_menteeId_key" ON "RoundUnmatched"("roundId", "menteeId");

-- CreateIndex
CREATE INDEX "Mentorship_programId_status_idx" ON "Mentorship"("programId", "status");

-- CreateIndex
CREATE INDEX "Mentorship_mentorId_status_idx" ON "Mentorship"("mentorId", "status");

-- CreateIndex
CREATE INDEX "Mentorship_menteeId_status_idx" ON "Mentorship"("menteeId", "status");

-- CreateIndex
CREATE INDEX "Mentorship_mentorId_menteeId_endedAt_idx" ON "Mentorship"("mentorId", "menteeId", "endedAt");

-- CreateIndex
CREATE INDEX "Mentorship_roundId_idx" ON "Mentorship"("roundId");

-- CreateIndex
CREATE INDEX "Mentorship_status_respondBy_idx" ON "Mentorship"("status", "respondBy");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_mentorshipId_key" ON "Agreement"("mentorshipId");

-- CreateIndex
CREATE INDEX "Goal_ownerId_status_idx" ON "Goal"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Goal_mentorshipId_idx" ON "Goal"("mentorshipId");

-- CreateIndex
CREATE INDEX "GoalRevision_goalId_createdAt_idx" ON "GoalRevision"("goalId", "createdAt");

-- CreateIndex
CREATE INDEX "Milestone_goalId_position_idx" ON "Milestone"("goalId", "position");

-- CreateIndex
CREATE INDEX "Milestone_status_targetDate_idx" ON "Milestone"("status", "targetDate");

-- CreateIndex
CREATE INDEX "MentoringSession_mentorshipId_heldOn_idx" ON "MentoringSession"("mentorshipId", "heldOn");

-- CreateIndex
CREATE INDEX "MentoringSession_status_heldOn_idx" ON "MentoringSession"("status", "heldOn");

-- CreateIndex
CREATE INDEX "ActionItem_ownerId_status_dueOn_idx" ON "ActionItem"("ownerId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "ActionItem_mentorshipId_status_idx" ON "ActionItem"("mentorshipId", "status");

-- CreateIndex
CREATE INDEX "CheckIn_mentorshipId_sentAt_idx" ON "CheckIn"("mentorshipId", "sentAt");

-- CreateIndex
CREATE INDEX "CheckIn_memberId_sentAt_idx" ON "CheckIn"("memberId", "sentAt");

-- CreateIndex
CREATE INDEX "JournalEntry_memberId_createdAt_idx" ON "JournalEntry"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "JournalEntry_memberId_promptKey_idx" ON "JournalEntry"("memberId", "promptKey");

-- CreateIndex
CREATE INDEX "Feedback_mentorshipId_createdAt_idx" ON "Feedback"("mentorshipId", "createdAt");

-- CreateIndex
CREATE INDEX "Feedback_subjectId_idx" ON "Feedback"("subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_mentorshipId_memberId_cycle_key" ON "Review"("mentorshipId", "memberId", "cycle");

-- CreateIndex
CREATE INDEX "LetterRequest_menteeId_status_idx" ON "LetterRequest"("menteeId", "status");

-- CreateIndex
CREATE INDEX "LetterRequest_writerId_status_idx" ON "LetterRequest"("writerId", "status");

-- CreateIndex
CREATE INDEX "LetterRequest_status_deadline_idx" ON "LetterRequest"("status", "deadline");

-- CreateIndex
CREATE INDEX "LetterTarget_letterRequestId_idx" ON "LetterTarget"("letterRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledJob_idempotencyKey_key" ON "ScheduledJob"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ScheduledJob_status_dueAt_idx" ON "ScheduledJob"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ScheduledJob_status_leaseUntil_idx" ON "ScheduledJob"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "ScheduledJob_programId_status_idx" ON "ScheduledJob"("programId", "status");

-- CreateIndex
CREATE INDEX "Delivery_workspaceId_createdAt_idx" ON "Delivery"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_programId_status_createdAt_idx" ON "Delivery"("programId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_jobId_idx" ON "Delivery"("jobId");

-- CreateIndex
CREATE INDEX "AuditEntry_workspaceId_createdAt_idx" ON "AuditEntry"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_subjectType_subjectId_idx" ON "AuditEntry"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "ProcessedEvent_receivedAt_idx" ON "ProcessedEvent"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AiUsage_workspaceId_day_feature_key" ON "AiUsage"("workspaceId", "day", "feature");

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchingRound" ADD CONSTRAINT "MatchingRound_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchingRound" ADD CONSTRAINT "MatchingRound_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundUnmatched" ADD CONSTRAINT "RoundUnmatched_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MatchingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MatchingRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalRevision" ADD CONSTRAINT "GoalRevision_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringSession" ADD CONSTRAINT "MentoringSession_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringSession" ADD CONSTRAINT "MentoringSession_loggedById_fkey" FOREIGN KEY ("loggedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MentoringSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JournalEntry" ADD CONSTRAINT "JournalEntry_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JournalEntry" ADD CONSTRAINT "JournalEntry_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MentoringSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterRequest" ADD CONSTRAINT "LetterRequest_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterRequest" ADD CONSTRAINT "LetterRequest_writerId_fkey" FOREIGN KEY ("writerId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterRequest" ADD CONSTRAINT "LetterRequest_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterTarget" ADD CONSTRAINT "LetterTarget_letterRequestId_fkey" FOREIGN KEY ("letterRequestId") REFERENCES "LetterRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduledJob" ADD CONSTRAINT "ScheduledJob_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduledJob" ADD CONSTRAINT "ScheduledJob_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ScheduledJob"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessedEvent" ADD CONSTRAINT "ProcessedEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiUsage" ADD CONSTRAINT "AiUsage_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileEmbedding" ADD CONSTRAINT "ProfileEmbedding_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
