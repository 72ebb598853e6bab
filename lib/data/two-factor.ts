import "server-only";
import { prisma } from "@/lib/db";
import { settings } from "@/lib/settings";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { requireAdmin, type SessionUser } from "./users";
import {
  checkTotp,
  hashRecoveryCode,
  looksLikeTotp,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  openSecret,
  sealSecret,
  secondFactorRequired,
  totpUri,
} from "@/lib/auth/two-factor";
import { requestLog } from "@/lib/request-log";

/**
 * A person's second factor: enrolment (a secret shown once as a QR code, in force only after
 * a code from the app is typed back), recovery codes, turning it off, an admin's reset, and
 * the check at sign-in. lib/auth/two-factor.ts has the codes and the sealing.
 */

const appSecret = () => {
  const secret = settings().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: second factors cannot be sealed");
  return secret;
};

export interface TwoFactorStatus {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Whether this person may not use the desk (with a password) until they enrol. */
  required: boolean;
}

export async function twoFactorStatus(user: SessionUser): Promise<TwoFactorStatus> {
  const row = await prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: {
      totpEnabledAt: true,
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  return {
    enabledAt: row.totpEnabledAt,
    recoveryCodesLeft: row._count.recoveryCodes,
    required: secondFactorRequired(user.role, settings().CLAIMDESK_REQUIRE_2FA),
  };
}

/**
 * A new secret for the person's authenticator app, not yet in force: what the QR code shows.
 * Starting again replaces a secret never confirmed; a second factor in force is refused.
 */
export async function startEnrolment(user: SessionUser): Promise<{ secret: string; uri: string }> {
  const secret = newTotpSecret();
  const { count } = await prisma.user.updateMany({
    where: { id: user.id, totpEnabledAt: null },
    data: { totpSecret: sealSecret(secret, appSecret()), totpLastStep: null },
  });
  if (count === 0) {
    throw new AppError("INVALID_STATE", "Two-factor sign-in is already on for this account.");
  }
  return { secret, uri: totpUri(secret, user.email) };
}

/**
 * Puts the enrolled secret in force once a code from the app matches it, with new recovery
 * codes returned (the only time they are shown), audited in the same transaction.
 */
export async function confirmEnrolment(
  user: SessionUser,
  input: { code: string },
): Promise<{ recoveryCodes: string[] }> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ totpSecret: string | null; totpEnabledAt: Date | null }[]>`
      SELECT "totpSecret", "totpEnabledAt" FROM "User" WHERE id = ${user.id}::uuid FOR UPDATE`;
    if (row?.totpEnabledAt) {
      throw new AppError("INVALID_STATE", "Two-factor sign-in is already on for this account.");
    }
    const secret = row?.totpSecret ? openSecret(row.totpSecret, appSecret()) : null;
    if (!secret) {
      throw new AppError("INVALID_STATE", "Start the setup again: no code was waiting for you.");
    }
    const step = checkTotp(secret, input.code, null);
    if (step === null) {
      throw new AppError(
        "VALIDATION",
        "That code does not match. Type the six digits your app shows now.",
      );
    }
    await tx.user.update({
      where: { id: user.id },
      data: { totpEnabledAt: new Date(), totpLastStep: step },
    });
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.two-factor-enable",
      entity: "User",
      entityId: user.id,
    });
    return { recoveryCodes };
  });
}

/** New recovery codes for a code from the app; the old ones stop working. */
export async function regenerateRecoveryCodes(
  user: SessionUser,
  input: { code: string },
): Promise<{ recoveryCodes: string[] }> {
  return prisma.$transaction(async (tx) => {
    await useAppCode(tx, user.id, input.code);
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.two-factor-recovery-codes",
      entity: "User",
      entityId: user.id,
    });
    return { recoveryCodes };
  });
}

/** Turns the person's own second factor off, for a code from the app, unless it is required. */
export async function turnOffTwoFactor(user: SessionUser, input: { code: string }) {
  if (secondFactorRequired(user.role, settings().CLAIMDESK_REQUIRE_2FA)) {
    throw new AppError(
      "INVALID_STATE",
      "Two-factor sign-in is required for your account; it cannot be turned off.",
    );
  }
  return prisma.$transaction(async (tx) => {
    await useAppCode(tx, user.id, input.code);
    await clearSecondFactor(tx, user.id);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.two-factor-disable",
      entity: "User",
      entityId: user.id,
    });
    return { id: user.id };
  });
}

/**
 * An admin clears a person's second factor (a lost phone and lost recovery codes): their
 * sessions end, and they enrol again at their next sign-in if it is required. Audited.
 */
export async function resetTwoFactor(admin: SessionUser, input: { userId: string }) {
  requireAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, totpEnabledAt: true },
    });
    if (!user) throw new AppError("NOT_FOUND", "This user no longer exists.");
    if (!user.totpEnabledAt) {
      throw new AppError("INVALID_STATE", "This person has no second factor to reset.");
    }
    await clearSecondFactor(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "user.two-factor-reset",
      entity: "User",
      entityId: user.id,
      before: { enabledAt: user.totpEnabledAt.toISOString() },
    });
    return { id: user.id };
  });
}

export type SecondFactorCheck = "ok" | "wrong" | "unreadable";

/**
 * The sign-in check of what a person typed: a code from the app (a later step than the last
 * accepted, claimed by one conditional UPDATE so two requests cannot both use it) or an
 * unused recovery code (spent by one conditional UPDATE, audited). "unreadable" when the
 * stored secret was sealed under another NEXTAUTH_SECRET.
 */
export async function checkSecondFactor(
  user: { id: string; totpSecret: string | null; totpLastStep: number | null },
  typed: string,
): Promise<SecondFactorCheck> {
  if (looksLikeTotp(typed)) {
    const secret = user.totpSecret ? openSecret(user.totpSecret, appSecret()) : null;
    if (!secret) {
      (await requestLog()).error(
        { userId: user.id },
        "sign-in: this account's second factor cannot be read (NEXTAUTH_SECRET changed?); an admin can reset it",
      );
      return "unreadable";
    }
    const step = checkTotp(secret, typed, user.totpLastStep);
    if (step === null) return "wrong";
    const claimed = await prisma.$executeRaw`
      UPDATE "User" SET "totpLastStep" = ${step}
      WHERE id = ${user.id}::uuid AND ("totpLastStep" IS NULL OR "totpLastStep" < ${step})`;
    return claimed === 1 ? "ok" : "wrong";
  }
  const code = normaliseRecoveryCode(typed);
  if (!code) return "wrong";
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({
      where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count === 0) return "wrong";
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.two-factor-recovery-used",
      entity: "User",
      entityId: user.id,
    });
    return "ok";
  });
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** A code from the app for an account action (new recovery codes, turning off). */
async function useAppCode(tx: Tx, userId: string, typed: string): Promise<void> {
  const [row] = await tx.$queryRaw<
    { totpSecret: string | null; totpEnabledAt: Date | null; totpLastStep: number | null }[]
  >`SELECT "totpSecret", "totpEnabledAt", "totpLastStep" FROM "User"
    WHERE id = ${userId}::uuid FOR UPDATE`;
  if (!row?.totpEnabledAt) {
    throw new AppError("INVALID_STATE", "Two-factor sign-in is not on for this account.");
  }
  const secret = row.totpSecret ? openSecret(row.totpSecret, appSecret()) : null;
  const step = secret ? checkTotp(secret, typed, row.totpLastStep) : null;
  if (step === null) {
    throw new AppError(
      "VALIDATION",
      "That code does not match. Type the six digits your app shows now.",
    );
  }
  await tx.user.update({ where: { id: userId }, data: { totpLastStep: step } });
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })),
  });
  return codes;
}

async function clearSecondFactor(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}
