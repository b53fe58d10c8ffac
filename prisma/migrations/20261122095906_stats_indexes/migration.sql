-- DropIndex
DROP INDEX "Feedback_mentorshipId_createdAt_idx";

-- DropIndex
DROP INDEX "MentoringSession_status_heldOn_idx";

-- CreateIndex
CREATE INDEX "CheckIn_sentAt_mentorshipId_answer_idx" ON "CheckIn"("sentAt", "mentorshipId", "answer");

-- CreateIndex
CREATE INDEX "Feedback_mentorshipId_createdAt_rating_idx" ON "Feedback"("mentorshipId", "createdAt", "rating");

-- CreateIndex
CREATE INDEX "MentoringSession_status_heldOn_mentorshipId_idx" ON "MentoringSession"("status", "heldOn", "mentorshipId");
