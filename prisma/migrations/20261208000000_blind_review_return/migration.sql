-- Why an editor sent a blind review back while it was open (they changed the claim's text
-- or span, so that both reviewers judge the claim as it now stands), and when: shown at
-- the top of the reviewer's form until they submit again.
ALTER TABLE "BlindReview" ADD COLUMN "returnReason" TEXT, ADD COLUMN "returnedAt" TIMESTAMPTZ(3);
