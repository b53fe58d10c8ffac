-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN     "milestoneId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_milestoneId_authorId_key" ON "Feedback"("milestoneId", "authorId");

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE SET NULL ON UPDATE CASCADE;
