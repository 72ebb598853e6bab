-- The job queue moves into the app's own tables (lib/data/import-queue.ts): an import item
-- is its own job, taken by a fair pick under SKIP LOCKED with a lease and a fencing token
-- (its attempt number); re-extraction gets a table of its own; a feed's poll is taken from
-- the feed itself. pg-boss, which settled jobs without awaiting them (a worker exited when
-- PostgreSQL went away) and used a job's lease as its handler's timeout, is dropped.

-- AlterTable
ALTER TABLE "ImportItem" DROP COLUMN "jobId",
ADD COLUMN     "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "host" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "ownerKey" TEXT,
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "writtenAttempt" INTEGER;

-- Items queued before this migration belong to their batch's creator (or label); feed
-- batches (labelled "feed: …") come after what people sent; URL items get their host.
UPDATE "ImportItem" i
   SET "ownerKey" = COALESCE(b."createdById"::text, 'label:' || b.label, 'system'),
       "priority" = CASE WHEN b.label LIKE 'feed: %' THEN 1 ELSE 0 END,
       "host" = CASE WHEN i.kind = 'URL' AND i.status IN ('QUEUED', 'RUNNING')
                     THEN lower(substring(convert_from(i.content, 'UTF8') from '^[a-zA-Z]+://(?:[^@/?#]*@)?([^/?#]+)'))
                END,
       "leaseUntil" = CASE WHEN i.status = 'RUNNING' THEN now() END
  FROM "ImportBatch" b
 WHERE b.id = i."batchId";
ALTER TABLE "ImportItem" ALTER COLUMN "ownerKey" SET NOT NULL;

-- AlterTable
ALTER TABLE "Feed" ADD COLUMN     "lastNote" TEXT,
ADD COLUMN     "pollAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pollingUntil" TIMESTAMPTZ(3);

-- CreateEnum
CREATE TYPE "ReextractStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "ImportTurn" (
    "ownerKey" TEXT NOT NULL,
    "servedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ImportTurn_pkey" PRIMARY KEY ("ownerKey")
);

-- CreateTable
CREATE TABLE "ReextractItem" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT,
    "status" "ReextractStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMPTZ(3),
    "workerId" TEXT,
    "outcome" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ReextractItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReextractItem_articleId_idx" ON "ReextractItem"("articleId");

-- AddForeignKey
ALTER TABLE "ReextractItem" ADD CONSTRAINT "ReextractItem_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The queue's own indexes (partial, so Prisma's schema cannot describe them; listed in
-- tests/support/schema-drift.ts): work waiting, per owner in the order it is taken, apart
-- for documents and for web addresses (two lanes of workers); deliveries running, by
-- lease (the sweep) and by host (the per-host limit).
CREATE INDEX "ImportItem_queued_documents_idx" ON "ImportItem" ("ownerKey", priority, "createdAt", position)
  WHERE status = 'QUEUED' AND kind <> 'URL';
CREATE INDEX "ImportItem_queued_urls_idx" ON "ImportItem" ("ownerKey", priority, "createdAt", position)
  WHERE status = 'QUEUED' AND kind = 'URL';
CREATE INDEX "ImportItem_running_idx" ON "ImportItem" ("ownerKey", kind, host) WHERE status = 'RUNNING';
CREATE INDEX "ReextractItem_queued_idx" ON "ReextractItem" ("createdAt", id) WHERE status IN ('QUEUED', 'RUNNING');

-- "Checked before?" looks only among approved claims: their own band index, a fraction of
-- the whole (at a million claims the full index returned candidates of every state).
CREATE INDEX "Claim_approved_matchBands_idx" ON "Claim" USING GIN ("matchBands") WHERE state = 'APPROVED';

-- Re-extractions still waiting in pg-boss move to the new table; then pg-boss goes.
DO $$
BEGIN
  IF to_regclass('pgboss.job') IS NOT NULL THEN
    INSERT INTO "ReextractItem" (id, "articleId", "actorId", "actorLabel")
    SELECT gen_random_uuid(), a.id, u.id, j.data->>'actorLabel'
      FROM pgboss.job j
      JOIN "Article" a ON a.id::text = j.data->>'articleId'
      LEFT JOIN "User" u ON u.id::text = j.data->>'actorId'
     WHERE j.name = 'reextract-article' AND j.state IN ('created', 'retry', 'active');
  END IF;
END $$;
DROP SCHEMA IF EXISTS pgboss CASCADE;
