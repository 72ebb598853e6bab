-- Imports run as jobs (pg-boss, in its own schema "pgboss", installed by the app): each
-- file or article is an ImportItem whose progress the import page shows live.

-- CreateEnum
CREATE TYPE "ImportItemKind" AS ENUM ('FILE', 'ARTICLE');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('QUEUED', 'RUNNING', 'IMPORTED', 'DUPLICATE', 'FAILED', 'CANCELLED', 'EXPANDED');

-- AlterTable: articles imported before this migration have the rule extractor's claims.
ALTER TABLE "Article" ADD COLUMN "extractorVersion" TEXT NOT NULL DEFAULT 'rules-1';

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" UUID NOT NULL,
    "createdById" UUID,
    "label" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportItem" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "parentId" UUID,
    "position" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "kind" "ImportItemKind" NOT NULL,
    "content" BYTEA,
    "status" "ImportStatus" NOT NULL DEFAULT 'QUEUED',
    "error" TEXT,
    "note" TEXT,
    "articleId" UUID,
    "claims" INTEGER,
    "children" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "jobId" UUID,
    "workerId" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ImportItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "threads" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportBatch_createdById_createdAt_idx" ON "ImportBatch"("createdById", "createdAt");

-- CreateIndex
CREATE INDEX "ImportItem_batchId_position_idx" ON "ImportItem"("batchId", "position");

-- CreateIndex
CREATE INDEX "ImportItem_parentId_position_idx" ON "ImportItem"("parentId", "position");

-- CreateIndex
CREATE INDEX "ImportItem_status_updatedAt_idx" ON "ImportItem"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "WorkerHeartbeat_seenAt_idx" ON "WorkerHeartbeat"("seenAt");

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportItem" ADD CONSTRAINT "ImportItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportItem" ADD CONSTRAINT "ImportItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "ImportItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportItem" ADD CONSTRAINT "ImportItem_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;
