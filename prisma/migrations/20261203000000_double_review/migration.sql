-- Blind double review: a claim can need two independent reviews, each kept from the other
-- reviewer until both are submitted, and reconciled by an editor.

-- CreateEnum
CREATE TYPE "ReconciliationOutcome" AS ENUM ('ADOPT', 'FINAL', 'RETURN');

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN "doubleReview" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "BlindReview" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "reviewerId" UUID NOT NULL,
    "shortText" TEXT,
    "claimantName" TEXT,
    "claimantRole" TEXT,
    "claimantType" "ClaimantType",
    "appearanceUrl" TEXT,
    "appearanceDate" TIMESTAMPTZ(3),
    "firstAppearanceUrl" TEXT,
    "firstAppearanceDate" TIMESTAMPTZ(3),
    "verdictId" UUID,
    "rationale" TEXT,
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "submittedAt" TIMESTAMPTZ(3),
    "firstSubmittedAt" TIMESTAMPTZ(3),
    "blindVerdictId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "takenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BlindReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reconciliation" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "editorId" UUID NOT NULL,
    "outcome" "ReconciliationOutcome" NOT NULL,
    "adoptedReviewId" UUID,
    "verdictId" UUID,
    "rationale" TEXT,
    "reason" TEXT,
    "firstReviewId" UUID NOT NULL,
    "secondReviewId" UUID NOT NULL,
    "firstVerdictId" UUID NOT NULL,
    "secondVerdictId" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reconciliation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BlindReview_claimId_reviewerId_key" ON "BlindReview"("claimId", "reviewerId");

-- CreateIndex
CREATE INDEX "BlindReview_reviewerId_idx" ON "BlindReview"("reviewerId");

-- CreateIndex
CREATE INDEX "Reconciliation_claimId_decidedAt_idx" ON "Reconciliation"("claimId", "decidedAt");

-- AddForeignKey
ALTER TABLE "BlindReview" ADD CONSTRAINT "BlindReview_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlindReview" ADD CONSTRAINT "BlindReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlindReview" ADD CONSTRAINT "BlindReview_verdictId_fkey" FOREIGN KEY ("verdictId") REFERENCES "Verdict"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlindReview" ADD CONSTRAINT "BlindReview_blindVerdictId_fkey" FOREIGN KEY ("blindVerdictId") REFERENCES "Verdict"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reconciliation" ADD CONSTRAINT "Reconciliation_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reconciliation" ADD CONSTRAINT "Reconciliation_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reconciliation" ADD CONSTRAINT "Reconciliation_verdictId_fkey" FOREIGN KEY ("verdictId") REFERENCES "Verdict"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
