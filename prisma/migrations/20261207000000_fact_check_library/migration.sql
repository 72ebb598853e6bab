-- Checked before, anywhere: a library of fact-checks (the desk's approved verdicts and
-- other fact-checkers' ClaimReview records), their rating corrections, and the matches of
-- claims against it with what reviewers said of them.

-- When an article's claims were matched against the fact-check library (by a worker, after
-- the store; an article without it is matched by the next worker's sweep). Articles stored
-- before the library existed count as matched: the library starts with what comes next.
ALTER TABLE "Article" ADD COLUMN "libraryCheckedAt" TIMESTAMPTZ(3);

UPDATE "Article" SET "libraryCheckedAt" = "createdAt";

-- The articles still to match against the library (partial: almost none at any time;
-- listed as hand-written in tests/support/schema-drift.ts).
CREATE INDEX "Article_library_unmatched_idx" ON "Article" ("createdAt") WHERE "libraryCheckedAt" IS NULL;

-- A feed of fact-checks: its entries' pages are read for ClaimReview, into the library.
ALTER TABLE "Feed" ADD COLUMN "factChecks" BOOLEAN NOT NULL DEFAULT false;

-- CreateEnum
CREATE TYPE "FactCheckSource" AS ENUM ('DESK', 'PAGE', 'FEED', 'FILE');

-- CreateEnum
CREATE TYPE "MatchStage" AS ENUM ('LEXICAL', 'SEMANTIC', 'BOTH', 'FUSED');

-- CreateEnum
CREATE TYPE "MatchJudgement" AS ENUM ('SAME', 'NOT_SAME');

-- CreateTable
CREATE TABLE "FactCheck" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "url" TEXT,
    "claim" TEXT NOT NULL,
    "title" TEXT,
    "subtitle" TEXT,
    "ratingName" TEXT,
    "ratingValue" DOUBLE PRECISION,
    "publisher" TEXT,
    "claimant" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "language" TEXT,
    "source" "FactCheckSource" NOT NULL,
    "origin" TEXT,
    "claimId" UUID,
    "embedding" BYTEA,
    "embeddingModel" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FactCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FactCheckRevision" (
    "id" UUID NOT NULL,
    "factCheckId" UUID NOT NULL,
    "ratingName" TEXT,
    "ratingValue" DOUBLE PRECISION,
    "replacedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FactCheckRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FactCheckMatch" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "factCheckId" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "lexical" DOUBLE PRECISION NOT NULL,
    "semantic" DOUBLE PRECISION,
    "stage" "MatchStage" NOT NULL,
    "repeat" BOOLEAN NOT NULL DEFAULT false,
    "judgement" "MatchJudgement",
    "judgedById" UUID,
    "judgedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FactCheckMatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FactCheck_key_key" ON "FactCheck"("key");

-- CreateIndex
CREATE UNIQUE INDEX "FactCheck_claimId_key" ON "FactCheck"("claimId");

-- CreateIndex
CREATE INDEX "FactCheck_updatedAt_idx" ON "FactCheck"("updatedAt");

-- CreateIndex
CREATE INDEX "FactCheckRevision_factCheckId_replacedAt_idx" ON "FactCheckRevision"("factCheckId", "replacedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FactCheckMatch_claimId_factCheckId_key" ON "FactCheckMatch"("claimId", "factCheckId");

-- CreateIndex
CREATE INDEX "FactCheckMatch_factCheckId_idx" ON "FactCheckMatch"("factCheckId");

-- CreateIndex
CREATE INDEX "FactCheckMatch_repeat_createdAt_idx" ON "FactCheckMatch"("repeat", "createdAt");

-- AddForeignKey
ALTER TABLE "FactCheck" ADD CONSTRAINT "FactCheck_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FactCheckRevision" ADD CONSTRAINT "FactCheckRevision_factCheckId_fkey" FOREIGN KEY ("factCheckId") REFERENCES "FactCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FactCheckMatch" ADD CONSTRAINT "FactCheckMatch_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FactCheckMatch" ADD CONSTRAINT "FactCheckMatch_factCheckId_fkey" FOREIGN KEY ("factCheckId") REFERENCES "FactCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FactCheckMatch" ADD CONSTRAINT "FactCheckMatch_judgedById_fkey" FOREIGN KEY ("judgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The library page's search: full text over each record's claim and title (hand-written:
-- an expression index, listed in tests/support/schema-drift.ts).
CREATE INDEX "FactCheck_search_idx" ON "FactCheck"
  USING GIN (to_tsvector('simple', "claim" || ' ' || coalesce("title", '')));
