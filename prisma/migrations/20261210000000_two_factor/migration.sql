-- A second factor for password accounts: an authenticator app's secret (sealed with a key
-- derived from NEXTAUTH_SECRET), when it came into force, the last time step accepted (no
-- code is accepted twice), and one-time recovery codes stored hashed.
ALTER TABLE "User" ADD COLUMN "totpSecret" TEXT;
ALTER TABLE "User" ADD COLUMN "totpEnabledAt" TIMESTAMPTZ(3);
ALTER TABLE "User" ADD COLUMN "totpLastStep" INTEGER;

CREATE TABLE "RecoveryCode" (
  "id" UUID PRIMARY KEY,
  "userId" UUID NOT NULL REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "codeHash" TEXT NOT NULL,
  "usedAt" TIMESTAMPTZ(3),
  "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "RecoveryCode_userId_codeHash_key" ON "RecoveryCode" ("userId", "codeHash");
