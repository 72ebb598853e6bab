-- Trigram similarity and full-text search for "has this been checked before?"
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "matchBands" INTEGER[],
ADD COLUMN     "matchScore" DOUBLE PRECISION,
ADD COLUMN     "matchText" TEXT,
ADD COLUMN     "matchedClaimId" UUID;

-- CreateIndex
CREATE INDEX "Claim_matchBands_idx" ON "Claim" USING GIN ("matchBands");

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_matchedClaimId_fkey" FOREIGN KEY ("matchedClaimId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Full-text search over claims (text, claimant, rationale) and article titles. Expression
-- indexes that Prisma's schema cannot describe; the drift test lists them by name.
CREATE INDEX "Claim_search_idx" ON "Claim" USING GIN (
  to_tsvector('english', coalesce("text", '') || ' ' || coalesce("claimantName", '') || ' ' || coalesce("rationale", ''))
);
CREATE INDEX "Article_title_search_idx" ON "Article" USING GIN (to_tsvector('english', "title"));
