-- Which check-worthiness model scored a claim: the words model (extraction's, and the
-- fallback) or the encoder model (words and the sentence's embedding). Claims stored
-- before it were all scored by words.
CREATE TYPE "CheckworthinessScorer" AS ENUM ('WORDS', 'ENCODER');

ALTER TABLE "Claim" ADD COLUMN "checkworthinessBy" "CheckworthinessScorer" NOT NULL DEFAULT 'WORDS';
