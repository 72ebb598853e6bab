import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ApiScope } from "@/lib/domain/api-scopes";
import { hashTokenSecret, newTokenSecret } from "@/lib/domain/api-tokens";
import { requireUserRole, type SessionUser } from "./users";
import { recordAudit } from "./audit";

/** Creates a token; the secret is returned once and only its hash is stored. */
export async function createApiToken(
  admin: SessionUser,
  input: { name: string; scopes: ApiScope[] },
) {
  requireUserRole(admin, "ADMIN", "create API tokens");
  const secret = newTokenSecret();
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix: secret.slice(0, 10),
        secretHash: hashTokenSecret(secret),
        scopes: input.scopes,
        createdById: admin.id,
      },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "token.create",
      entity: "ApiToken",
      entityId: token.id,
      after: { name: input.name, scopes: input.scopes },
    });
    return { id: token.id, secret };
  });
}

export async function revokeApiToken(admin: SessionUser, input: { tokenId: string }) {
  requireUserRole(admin, "ADMIN", "revoke API tokens");
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.tokenId } });
    if (!token) throw new AppError("NOT_FOUND", "This token no longer exists.");
    if (!token.revokedAt)
      await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "token.revoke",
      entity: "ApiToken",
      entityId: token.id,
    });
    return { id: token.id };
  });
}

export async function listApiTokens() {
  return prisma.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true, disabledAt: true, role: true } },
    },
  });
}

/**
 * A token belongs to the admin who made it and works only while they do: revoked, or made
 * by someone since disabled or no longer an admin, it is refused like an unknown one.
 */
export function tokenIsLive(token: {
  revokedAt: Date | null;
  createdBy: { disabledAt: Date | null; role: string };
}): boolean {
  return !token.revokedAt && !token.createdBy.disabledAt && token.createdBy.role === "ADMIN";
}

/** The live token for a presented secret, or null; notes its use at most once a minute. */
export async function findActiveToken(secret: string) {
  const token = await prisma.apiToken.findUnique({
    where: { secretHash: hashTokenSecret(secret) },
    select: {
      id: true,
      scopes: true,
      revokedAt: true,
      lastUsedAt: true,
      createdBy: { select: { disabledAt: true, role: true } },
    },
  });
  if (!token || !tokenIsLive(token)) return null;
  const now = new Date();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { id: token.id, scopes: token.scopes };
}
