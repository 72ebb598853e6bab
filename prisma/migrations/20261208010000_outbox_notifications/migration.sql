-- The event outbox: every event worth telling, written in the same transaction as the
-- change and its audit event; a worker's dispatcher delivers each to its channels, in
-- order per claim, and marks it dispatched.
CREATE TABLE "OutboxEvent" (
  "id" BIGSERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "claimId" UUID REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "actorId" UUID REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "payload" JSONB NOT NULL DEFAULT '{}',
  "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "dispatchedAt" TIMESTAMPTZ(3),
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "lastError" TEXT
);
-- What the dispatcher reads: the events not dispatched yet, oldest first, and per claim.
CREATE INDEX "OutboxEvent_pending_idx" ON "OutboxEvent" ("id") WHERE "dispatchedAt" IS NULL;
CREATE INDEX "OutboxEvent_claim_pending_idx" ON "OutboxEvent" ("claimId", "id") WHERE "dispatchedAt" IS NULL;

-- In-app notifications: one per person per event (the dispatcher's retries add none).
CREATE TABLE "Notification" (
  "id" UUID PRIMARY KEY,
  "userId" UUID NOT NULL REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "eventId" BIGINT NOT NULL REFERENCES "OutboxEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "event" TEXT NOT NULL,
  "claimId" UUID REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "text" TEXT NOT NULL,
  "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "readAt" TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX "Notification_userId_eventId_key" ON "Notification" ("userId", "eventId");
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification" ("userId", "createdAt" DESC);
-- The bell's count: a person's unread ones.
CREATE INDEX "Notification_unread_idx" ON "Notification" ("userId") WHERE "readAt" IS NULL;
