-- AlterTable
ALTER TABLE "LetterRequest" ADD COLUMN     "askRound" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "menteeNote" TEXT;
