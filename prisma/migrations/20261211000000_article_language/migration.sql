-- Articles in more than one language: where each article's language came from (detected at
-- import, given, the desk's default, or a reviewer's correction), an index for the queue's
-- language filter, and claims whose check-worthiness is not scored (no model for the
-- language). Articles stored before were all read as English: their language is the default.
CREATE TYPE "LanguageSource" AS ENUM ('DETECTED', 'DECLARED', 'DEFAULT', 'REVIEWER');
ALTER TABLE "Article" ADD COLUMN "languageSource" "LanguageSource" NOT NULL DEFAULT 'DEFAULT';
CREATE INDEX "Article_language_idx" ON "Article" ("language");
ALTER TYPE "CheckworthinessScorer" ADD VALUE 'NONE';
