-- Publishing: an approved claim's review becomes a public fact-check page, from a copy of
-- the review taken at each publication (Publication), with its corrections.

-- CreateEnum
CREATE TYPE "PublicationStatus" AS ENUM ('PUBLISHED', 'UNDER_REVIEW', 'UNPUBLISHED');

-- CreateTable
CREATE TABLE "Publication" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "PublicationStatus" NOT NULL DEFAULT 'PUBLISHED',
    "headline" TEXT NOT NULL,
    "summary" TEXT,
    "claimReviewed" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "quotePrefix" TEXT,
    "quoteSuffix" TEXT,
    "articleTitle" TEXT,
    "articleUrl" TEXT,
    "articleOutlet" TEXT,
    "articlePublishedAt" TIMESTAMPTZ(3),
    "claimantName" TEXT NOT NULL,
    "claimantRole" TEXT,
    "claimantType" "ClaimantType",
    "appearanceUrl" TEXT NOT NULL,
    "appearanceDate" TIMESTAMPTZ(3),
    "firstAppearanceUrl" TEXT,
    "verdictId" UUID NOT NULL,
    "verdictLabel" TEXT NOT NULL,
    "verdictRating" INTEGER NOT NULL,
    "rationale" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "byline" TEXT,
    "reviewedAt" TIMESTAMPTZ(3) NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "unpublishedAt" TIMESTAMPTZ(3),
    "unpublishReason" TEXT,
    "publishedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicationCorrection" (
    "id" UUID NOT NULL,
    "publicationId" UUID NOT NULL,
    "correctedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fromVerdictLabel" TEXT NOT NULL,
    "toVerdictLabel" TEXT NOT NULL,
    "note" TEXT NOT NULL,

    CONSTRAINT "PublicationCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Publication_claimId_key" ON "Publication"("claimId");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_slug_key" ON "Publication"("slug");

-- CreateIndex
CREATE INDEX "Publication_status_publishedAt_idx" ON "Publication"("status", "publishedAt");

-- CreateIndex
CREATE INDEX "Publication_verdictId_idx" ON "Publication"("verdictId");

-- CreateIndex
CREATE INDEX "Publication_publishedById_idx" ON "Publication"("publishedById");

-- CreateIndex
CREATE INDEX "PublicationCorrection_publicationId_correctedAt_idx" ON "PublicationCorrection"("publicationId", "correctedAt");

-- CreateIndex
CREATE INDEX "PublicationCorrection_correctedAt_idx" ON "PublicationCorrection"("correctedAt");

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_verdictId_fkey" FOREIGN KEY ("verdictId") REFERENCES "Verdict"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationCorrection" ADD CONSTRAINT "PublicationCorrection_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The public index, newest first, whole and by verdict: the pages that are up only (a
-- partial index Prisma's schema cannot describe: tests/support/schema-drift.ts lists it).
CREATE INDEX "Publication_listed_idx" ON "Publication" ("publishedAt", id) WHERE status <> 'UNPUBLISHED';
CREATE INDEX "Publication_listed_verdict_idx" ON "Publication" ("verdictId", "publishedAt", id) WHERE status <> 'UNPUBLISHED';
