-- Single sign-on (OpenID Connect): accounts without a password, invitations (disabled until
-- the first sign-in through the provider), and the provider's subject each account is bound
-- to at that first sign-in.
ALTER TABLE "User" ALTER COLUMN "passwordHash" DROP NOT NULL;
ALTER TABLE "User" ADD COLUMN "invitedAt" TIMESTAMPTZ(3);
ALTER TABLE "User" ADD COLUMN "oidcSubject" TEXT;
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User" ("oidcSubject");
