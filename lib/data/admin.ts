import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/domain/roles";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";

/** A one-time password: shown once to the admin, stored only as its argon2id hash. */
export function oneTimePassword(): string {
  return randomBytes(12).toString("base64url");
}

function requireAdmin(user: SessionUser) {
  if (user.role !== "ADMIN")
    throw new AppError("FORBIDDEN", "Only admins manage users and the verdict vocabulary.");
}

/** Locks the active admins' rows, so two admins cannot remove the last admin at once. */
async function activeAdmins(tx: Prisma.TransactionClient): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'ADMIN' AND "disabledAt" IS NULL FOR UPDATE`;
  return rows.map((r) => r.id);
}

export async function createUserAccount(
  admin: SessionUser,
  input: { email: string; name: string; role: Role },
) {
  requireAdmin(admin);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new AppError("VALIDATION", "A user with this email already exists.", {
        email: "Already in use",
      });
    }
    const user = await tx.user.create({ data: { ...input, passwordHash } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "user.create",
      entity: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
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

// ---- Verdict vocabulary ----

export async function listVerdicts() {
  return prisma.verdict.findMany({
    orderBy: { order: "asc" },
    select: {
      id: true,
      key: true,
      label: true,
      ratingValue: true,
      description: true,
      order: true,
      retiredAt: true,
      _count: { select: { claims: true, reviews: true } },
    },
  });
}

export async function createVerdict(
  admin: SessionUser,
  input: { key: string; label: string; ratingValue: number; description: string | null },
) {
  requireAdmin(admin);
  return prisma.$transaction(async (tx) => {
    if (await tx.verdict.findUnique({ where: { key: input.key } })) {
      throw new AppError("VALIDATION", "A verdict with this key exists.", {
        key: "Already in use",
      });
    }
    const last = await tx.verdict.aggregate({ _max: { order: true } });
    const verdict = await tx.verdict.create({
      data: { ...input, order: (last._max.order ?? -1) + 1 },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "verdict.create",
      entity: "Verdict",
      entityId: verdict.id,
      after: input,
    });
    return { id: verdict.id };
  });
}

export async function updateVerdict(
  admin: SessionUser,
  input: { verdictId: string; label: string; ratingValue: number; description: string | null },
) {
  requireAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const verdict = await tx.verdict.findUnique({ where: { id: input.verdictId } });
    if (!verdict) throw new AppError("NOT_FOUND", "This verdict no longer exists.");
    const data = {
      label: input.label,
      ratingValue: input.ratingValue,
      description: input.description,
    };
    await tx.verdict.update({ where: { id: verdict.id }, data });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "verdict.update",
      entity: "Verdict",
      entityId: verdict.id,
      before: {
        label: verdict.label,
        ratingValue: verdict.ratingValue,
        description: verdict.description,
      },
      after: data,
    });
    return { id: verdict.id };
  });
}

export async function moveVerdict(
  admin: SessionUser,
  input: { verdictId: string; direction: "up" | "down" },
) {
  requireAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const all = await tx.verdict.findMany({
      orderBy: { order: "asc" },
      select: { id: true, order: true },
    });
    const i = all.findIndex((v) => v.id === input.verdictId);
    if (i < 0) throw new AppError("NOT_FOUND", "This verdict no longer exists.");
    const j = input.direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= all.length) return { id: input.verdictId };
    const [a, b] = [all[i]!, all[j]!];
    await tx.verdict.update({ where: { id: a.id }, data: { order: b.order } });
    await tx.verdict.update({ where: { id: b.id }, data: { order: a.order } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "verdict.reorder",
      entity: "Verdict",
      entityId: a.id,
      before: { order: a.order },
      after: { order: b.order },
    });
    return { id: a.id };
  });
}

export async function setVerdictRetired(
  admin: SessionUser,
  input: { verdictId: string; retired: boolean },
) {
  requireAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const verdict = await tx.verdict.findUnique({ where: { id: input.verdictId } });
    if (!verdict) throw new AppError("NOT_FOUND", "This verdict no longer exists.");
    await tx.verdict.update({
      where: { id: verdict.id },
      data: { retiredAt: input.retired ? new Date() : null },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: input.retired ? "verdict.retire" : "verdict.restore",
      entity: "Verdict",
      entityId: verdict.id,
    });
    return { id: verdict.id };
  });
}

/** Deletes a verdict nobody used; one in use can only be retired. */
export async function deleteVerdict(admin: SessionUser, input: { verdictId: string }) {
  requireAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const verdict = await tx.verdict.findUnique({
      where: { id: input.verdictId },
      include: { _count: { select: { claims: true, reviews: true } } },
    });
    if (!verdict) throw new AppError("NOT_FOUND", "This verdict no longer exists.");
    if (verdict._count.claims + verdict._count.reviews > 0) {
      throw new AppError(
        "INVALID_STATE",
        "This verdict is in use; retire it instead of deleting it.",
      );
    }
    await tx.verdict.delete({ where: { id: verdict.id } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "verdict.delete",
      entity: "Verdict",
      entityId: verdict.id,
      before: { key: verdict.key, label: verdict.label },
    });
    return { id: verdict.id };
  });
}
