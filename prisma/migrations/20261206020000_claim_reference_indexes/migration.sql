-- The claims that point at another claim ("checked before" and "duplicate of"), indexed:
-- deleting a claim (re-extraction removing an untouched one, a merge) makes PostgreSQL look
-- for claims pointing at it, and without these it read the whole table twice for each one
-- (minutes for a 2,000-claim article at 100,000 claims). Partial: most claims point at none.
-- Prisma's schema cannot describe a partial index: tests/support/schema-drift.ts lists them.
CREATE INDEX "Claim_matchedClaimId_idx" ON "Claim" ("matchedClaimId") WHERE "matchedClaimId" IS NOT NULL;
CREATE INDEX "Claim_duplicateOfId_idx" ON "Claim" ("duplicateOfId") WHERE "duplicateOfId" IS NOT NULL;

-- The same for a claim's speaker (re-extraction deletes the speakers no claim names any
-- more, which first looks for claims naming each) and an import item's article.
CREATE INDEX "Claim_speakerId_idx" ON "Claim"("speakerId");
CREATE INDEX "ImportItem_articleId_idx" ON "ImportItem"("articleId");
