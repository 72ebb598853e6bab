-- The interface language each person chose (en, es, ar); null: their browser's.
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
