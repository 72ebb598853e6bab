import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireAdmin, type Author, type SessionUser } from "./users";
import { recordAudit } from "./audit";

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

type VerdictInput = {
  key: string;
  label: string;
  ratingValue: number;
  description: string | null;
};

/**
 * Adds a verdict at the end of the vocabulary with its audit event, in the caller's
 * transaction: the one way a verdict is created (the admin page, the seed). Null when the
 * key is taken.
 */
export async function insertVerdict(tx: Prisma.TransactionClient, input: VerdictInput, by: Author) {
  if (await tx.verdict.findUnique({ where: { key: input.key }, select: { id: true } })) {
    return null;
  }
  const last = await tx.verdict.aggregate({ _max: { order: true } });
  const verdict = await tx.verdict.create({
    data: { ...input, order: (last._max.order ?? -1) + 1 },
  });
  await recordAudit(tx, {
    ...by,
    action: "verdict.create",
    entity: "Verdict",
    entityId: verdict.id,
    after: input,
  });
  return verdict;
}

export async function createVerdict(admin: SessionUser, input: VerdictInput) {
  requireAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const verdict = await insertVerdict(tx, input, { actorId: admin.id });
    if (!verdict) {
      throw new AppError("VALIDATION", "A verdict with this key exists.", {
        key: "Already in use",
      });
    }
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

/** The verdicts a reviewer may propose, in the vocabulary's order. */
export async function listActiveVerdicts() {
  return prisma.verdict.findMany({
    where: { retiredAt: null },
    orderBy: { order: "asc" },
    select: { id: true, label: true, key: true },
  });
}
