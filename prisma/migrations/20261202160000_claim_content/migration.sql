-- What a claim claims, apart from its span: the span is the provenance (speaker, speech
-- verb and statement as the article has them), the content the statement alone, the
-- default text for review and export. Claims stored before it was recorded have none
-- and use their span's text.
ALTER TABLE "Claim" ADD COLUMN "content" TEXT;
ALTER TABLE "Claim" ADD COLUMN "contentStart" INTEGER;
ALTER TABLE "Claim" ADD COLUMN "contentEnd" INTEGER;
