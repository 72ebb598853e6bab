-- The approval queue's two lists of submitted claims: those needing two reviews, waiting
-- longest first, and how many of each kind wait. Without it both read every submitted claim
-- (at a million claims, 100,000 rows and a second a page); partial, so it holds only the
-- submitted claims. Prisma's schema cannot describe a partial index: tests/support/schema-drift.ts
-- lists it as written by hand.
CREATE INDEX "Claim_submitted_idx" ON "Claim" ("doubleReview", "updatedAt", id) WHERE state = 'SUBMITTED';
