-- AlterTable
ALTER TABLE "AiUsage" ADD COLUMN     "failed" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ProfileEmbedding" DROP CONSTRAINT "ProfileEmbedding_pkey",
ADD COLUMN     "purpose" TEXT NOT NULL,
DROP COLUMN "vector",
ADD COLUMN     "vector" BYTEA NOT NULL,
ADD CONSTRAINT "ProfileEmbedding_pkey" PRIMARY KEY ("memberId", "purpose");
