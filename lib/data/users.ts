import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { hasRole, type Role } from "@/lib/domain/roles";
import { recordAudit, type AuditEntry } from "./audit";
import { secondFactorRequired } from "@/lib/auth/two-factor";
import { settings } from "@/lib/settings";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The interface language the person chose; absent: the browser's (lib/i18n/request.ts). */
  locale?: string;
  /**
   * Signed in with a password, required to have a second factor, and without one yet: only
   * the two-factor setup is open to this session (lib/auth/session.ts).
   */
  mustEnrolSecondFactor?: true;
}

/**
 * The user behind a session, read fresh from the database on every request so that a
 * disable, role change or logout elsewhere applies at once. Null when the session no
 * longer counts.
 */
export async function getActiveSessionUser(
  userId: string,
  sessionVersion: number,
  /** A session through the provider answers to the provider's own second factor. */
  method: "password" | "sso" = "password",
): Promise<SessionUser | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      sessionVersion: true,
      totpEnabledAt: true,
      locale: true,
    },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  const found: SessionUser = { id: user.id, email: user.email, name: user.name, role: user.role };
  if (user.locale) found.locale = user.locale;
  if (
    method === "password" &&
    !user.totpEnabledAt &&
    secondFactorRequired(user.role, settings().CLAIMDESK_REQUIRE_2FA)
  ) {
    found.mustEnrolSecondFactor = true;
  }
  return found;
}

/** The full user row for a login attempt; email must already be normalised (lower case). */
export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email } });
}

/** Ends every session of a user (logout, disable, password reset). */
export async function invalidateSessions(userId: string): Promise<void> {
  await prisma.user.updateMany({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
  });
}

export async function listUsers() {
  return prisma.user.findMany({
    orderBy: [{ role: "desc" }, { name: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      invitedAt: true,
      totpEnabledAt: true,
      createdAt: true,
    },
  });
}

/** People a claim can be assigned to, or filtered by: every enabled user. */
export async function listAssignableUsers() {
  return prisma.user.findMany({
    where: { disabledAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true },
  });
}

/** A one-time password: shown once to the admin, stored only as its argon2id hash. */
export function oneTimePassword(): string {
  return randomBytes(12).toString("base64url");
}

/**
 * The data layer's own role check, the one way it is written: every action has checked the
 * role already (runAction), and a function of lib/data called by anything else checks it
 * again. `what` finishes "Only admins …" (or editors).
 */
export function requireUserRole(user: SessionUser, role: "EDITOR" | "ADMIN", what: string) {
  if (!hasRole(user.role, role)) {
    throw new AppError("FORBIDDEN", `Only ${role === "ADMIN" ? "admins" : "editors"} ${what}.`);
  }
}

export function requireAdmin(user: SessionUser) {
  requireUserRole(user, "ADMIN", "manage users and the verdict vocabulary");
}

/** Who made a change: a user, or a script or the seed by name. */
export type Author = Pick<AuditEntry, "actorId" | "actorLabel">;

/**
 * Adds a user with its audit event, in the caller's transaction: the one way a user is
 * created (the admin page, `npm run user:create`, the seed). Null when the email is taken.
 */
export async function insertUser(
  tx: Prisma.TransactionClient,
  input: { email: string; name: string; role: Role; passwordHash: string | null },
  by: Author,
) {
  if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    return null;
  }
  const user = await tx.user.create({ data: input });
  await recordAudit(tx, {
    ...by,
    action: "user.create",
    entity: "User",
    entityId: user.id,
    after: { email: user.email, name: user.name, role: user.role },
  });
  return user;
}

/** Locks the active admins' rows, so two admins cannot remove the last admin at once. */
async function activeAdmins(tx: Prisma.TransactionClient): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'ADMIN' AND "disabledAt" IS NULL FOR UPDATE`;
  return rows.map((r) => r.id);
}

/** A user added by a script (`npm run user:create`): null when the email is taken. */
export async function createUserAs(
  input: { email: string; name: string; role: Role; passwordHash: string },
  by: Author,
) {
  return prisma.$transaction((tx) => insertUser(tx, input, by));
}

export async function createUserAccount(
  admin: SessionUser,
  input: { email: string; name: string; role: Role },
) {
  requireAdmin(admin);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const user = await insertUser(tx, { ...input, passwordHash }, { actorId: admin.id });
    if (!user) {
      throw new AppError("VALIDATION", "A user with this email already exists.", {
        email: "Already in use",
      });
    }
    return { id: user.id, email: user.email, password };
  });
}

export async function changeUserRole(admin: SessionUser, input: { userId: string; role: Role }) {
  requireAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const admins = await activeAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new AppError("NOT_FOUND", "This user no longer exists.");
    if (user.role === input.role) return { id: user.id };
    if (
      user.role === "ADMIN" &&
      input.role !== "ADMIN" &&
      admins.length === 1 &&
      admins[0] === user.id
    ) {
      throw new AppError(
        "INVALID_STATE",
        "This is the last admin; make someone else an admin first.",
      );
    }
    await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "user.role",
      entity: "User",
      entityId: user.id,
      before: { role: user.role },
      after: { role: input.role },
    });
    return { id: user.id };
  });
}

export async function setUserDisabled(
  admin: SessionUser,
  input: { userId: string; disabled: boolean },
) {
  requireAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const admins = await activeAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new AppError("NOT_FOUND", "This user no longer exists.");
    if (input.disabled && admins.length === 1 && admins[0] === user.id) {
      throw new AppError("INVALID_STATE", "This is the last admin; it cannot be disabled.");
    }
    await tx.user.update({
      where: { id: user.id },
      data: input.disabled
        ? { disabledAt: new Date(), sessionVersion: { increment: 1 } }
        : { disabledAt: null },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: input.disabled ? "user.disable" : "user.enable",
      entity: "User",
      entityId: user.id,
      before: { disabled: user.disabledAt !== null },
      after: { disabled: input.disabled },
    });
    return { id: user.id };
  });
}

export async function resetUserPassword(admin: SessionUser, input: { userId: string }) {
  requireAdmin(admin);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, email: true },
    });
    if (!user) throw new AppError("NOT_FOUND", "This user no longer exists.");
    // The old password and every open session stop working.
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "user.password-reset",
      entity: "User",
      entityId: user.id,
    });
    return { id: user.id, email: user.email, password };
  });
}

/**
 * The person's interface language (null: their browser's), with its audit event in the
 * same transaction.
 */
export async function setUserLocale(user: SessionUser, input: { locale: string | null }) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: user.id }, select: { locale: true } });
    if (!before) throw new AppError("NOT_FOUND", "This account no longer exists.");
    await tx.user.update({ where: { id: user.id }, data: { locale: input.locale } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.locale",
      entity: "User",
      entityId: user.id,
      before: { locale: before.locale },
      after: { locale: input.locale },
    });
    return { locale: input.locale };
  });
}
