-- Per-person notification preferences: for each event, in the app and by email (a row
-- only where the person changed the defaults of lib/domain/events.ts), and a daily digest.
CREATE TABLE "NotificationPreference" (
  "userId" UUID NOT NULL REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "event" TEXT NOT NULL,
  "inApp" BOOLEAN NOT NULL,
  "email" BOOLEAN NOT NULL,
  "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("userId", "event")
);
ALTER TABLE "User" ADD COLUMN "dailyDigest" BOOLEAN NOT NULL DEFAULT false;

-- Webhook endpoints (admins): where events are POSTed, signed with the endpoint's secret.
CREATE TABLE "WebhookEndpoint" (
  "id" UUID PRIMARY KEY,
  "name" TEXT NOT NULL,
  "url" TEXT NOT NULL,
  "secret" TEXT NOT NULL,
  "events" TEXT[],
  "format" TEXT NOT NULL DEFAULT 'json' CHECK ("format" IN ('json', 'slack')),
  "createdById" UUID NOT NULL REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "failingSince" TIMESTAMPTZ(3),
  "disabledAt" TIMESTAMPTZ(3),
  "disabledReason" TEXT
);

-- One delivery of an event (or a daily digest) to one channel's target: a person's mailbox
-- or a webhook endpoint. Written by the dispatcher in the event's own transaction, then
-- sent by a worker's delivery lane under a lease, retried with backoff, logged.
CREATE TABLE "Delivery" (
  "id" BIGSERIAL PRIMARY KEY,
  "channel" TEXT NOT NULL CHECK ("channel" IN ('email', 'webhook')),
  "eventId" BIGINT REFERENCES "OutboxEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "claimId" UUID,
  "userId" UUID REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "endpointId" UUID REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "digestDay" DATE,
  "status" TEXT NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'delivered', 'failed')),
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "leaseUntil" TIMESTAMPTZ(3),
  "firstAttemptAt" TIMESTAMPTZ(3),
  "lastAttemptAt" TIMESTAMPTZ(3),
  "responseCode" INTEGER,
  "lastError" TEXT,
  "deliveredAt" TIMESTAMPTZ(3),
  "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CHECK (("channel" = 'email') = ("userId" IS NOT NULL)),
  CHECK (("channel" = 'webhook') = ("endpointId" IS NOT NULL)),
  CHECK (("eventId" IS NOT NULL) <> ("digestDay" IS NOT NULL))
);
-- Once per event and target, once per person and day (NULLs are distinct: each key binds
-- only its own kind of row).
CREATE UNIQUE INDEX "Delivery_eventId_userId_key" ON "Delivery" ("eventId", "userId");
CREATE UNIQUE INDEX "Delivery_eventId_endpointId_key" ON "Delivery" ("eventId", "endpointId");
CREATE UNIQUE INDEX "Delivery_userId_digestDay_key" ON "Delivery" ("userId", "digestDay");
-- The delivery lane reads the pending ones due first; an endpoint's log newest first.
CREATE INDEX "Delivery_due_idx" ON "Delivery" ("nextAttemptAt") WHERE "status" = 'pending';
-- Whether an older delivery of the same claim to the same endpoint is still pending (order
-- per claim): one probe, however long the backlog.
CREATE INDEX "Delivery_claim_pending_idx" ON "Delivery" ("endpointId", "claimId", "id") WHERE "status" = 'pending';
CREATE INDEX "Delivery_endpointId_id_idx" ON "Delivery" ("endpointId", "id" DESC);

-- The event's sentence, as the dispatcher wrote it for every channel.
ALTER TABLE "OutboxEvent" ADD COLUMN "text" TEXT;

-- When an import's owner was told it had finished (with failures) or, without failures,
-- when it was seen finished: batches before this migration count as told.
ALTER TABLE "ImportBatch" ADD COLUMN "toldAt" TIMESTAMPTZ(3);
UPDATE "ImportBatch" SET "toldAt" = "createdAt";
CREATE INDEX "ImportBatch_untold_idx" ON "ImportBatch" ("createdAt") WHERE "toldAt" IS NULL;
-- Whether an import still has an item waiting or running: one probe of its live items,
-- however many of its items are done.
CREATE INDEX "ImportItem_batch_live_idx" ON "ImportItem" ("batchId") WHERE status IN ('QUEUED', 'RUNNING');
