-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "dashboardProgramId" TEXT,
ADD COLUMN     "weeklyDigest" BOOLEAN NOT NULL DEFAULT true;
