-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CheckInAnswer" ADD VALUE 'CONTINUE';
ALTER TYPE "CheckInAnswer" ADD VALUE 'END';
ALTER TYPE "CheckInAnswer" ADD VALUE 'PULSE';

-- AlterEnum
ALTER TYPE "CheckInKind" ADD VALUE 'CONTINUE';

-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'DEFERRED';

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "lastPromptKey" TEXT;

-- AlterTable
ALTER TABLE "Mentorship" ADD COLUMN     "checkinRounds" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastCheckinAt" TIMESTAMP(3);
