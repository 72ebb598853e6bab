import { prisma } from "@/lib/db";
import { requireUserRole, type SessionUser } from "./users";
import { recordAudit } from "./audit";
import { AppError } from "@/lib/errors";

/**
 * Failed-login slow-down, kept in Postgres so every app instance counts the same failures.
 * Three counters, each with its own free failures within WINDOW, after which it is locked
 * for a time that doubles with each further failure up to MAX_LOCK:
 *   - an account from one address (`pair:`): 5, so guessing one password is slow;
 *   - an address (`ip:`), over every account: 20, so spraying one password is slow (a whole
 *     newsroom may share one address behind its NAT, hence more room);
 *   - an account from everywhere (`account:`): 100, a ceiling against a guess spread over
 *     many addresses, logged as an alert when reached.
 * A stranger's failures therefore never lock the owner out from their own address, short
 * of the ceiling; an admin sees every lock under Admin → Sign-in locks and can clear it.
 */
export const FREE_FAILURES = 5;
export const FREE_FAILURES_PER_ADDRESS = 20;
export const ACCOUNT_CEILING = 100;
const WINDOW_MS = 15 * 60_000;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

const THRESHOLDS = { pair: FREE_FAILURES, ip: FREE_FAILURES_PER_ADDRESS, account: ACCOUNT_CEILING };
type KeyKind = keyof typeof THRESHOLDS;

const kindOf = (key: string) => key.slice(0, key.indexOf(":")) as KeyKind;

/** The counters a login attempt for this email from this address counts against. */
export function throttleKeys(email: string, ip: string | null): string[] {
  const address = ip ?? "unknown";
  return ip
    ? [`pair:${email}|${address}`, `ip:${address}`, `account:${email}`]
    : [`pair:${email}|${address}`, `account:${email}`];
}

/** Seconds until every one of these keys may try again, or 0 when none is locked. */
export async function lockedForSeconds(keys: string[], now = new Date()): Promise<number> {
  const rows = await prisma.loginThrottle.findMany({
    where: { key: { in: keys }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return until > 0 ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/**
 * Counts one failure for each key in one statement per key (INSERT … ON CONFLICT), so
 * concurrent failures from several instances are all counted. Returns the keys this
 * failure locked for the first time in their window (a ceiling reached is an alert).
 */
export async function recordFailure(
  keys: string[],
  now = new Date(),
): Promise<{ key: string; failures: number }[]> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const newlyLocked: { key: string; failures: number }[] = [];
  for (const key of keys) {
    const threshold = THRESHOLDS[kindOf(key)];
    const [row] = await prisma.$queryRaw<{ failures: number }[]>`
      INSERT INTO "LoginThrottle" ("key", "failures", "firstFailureAt", "lastFailureAt", "lockedUntil")
      VALUES (${key}, 1, ${now}, ${now}, NULL)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "LoginThrottle"."firstFailureAt" < ${windowStart}
                          THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
        "firstFailureAt" = CASE WHEN "LoginThrottle"."firstFailureAt" < ${windowStart}
                          THEN ${now} ELSE "LoginThrottle"."firstFailureAt" END,
        "lastFailureAt" = ${now}
      RETURNING "failures"`;
    const failures = row?.failures ?? 0;
    if (failures < threshold) continue;
    await prisma.$executeRaw`
      UPDATE "LoginThrottle"
      SET "lockedUntil" = ${now}::timestamptz + make_interval(secs => LEAST(
            ${MAX_LOCK_MS / 1000}::float8,
            ${BASE_LOCK_MS / 1000}::float8 * power(2, "failures" - ${threshold})))
      WHERE "key" = ${key}`;
    if (failures === threshold) newlyLocked.push({ key, failures });
  }
  return newlyLocked;
}

/** After a successful login: the owner's own address starts afresh. */
export async function clearFailures(key: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key } });
}

export interface LoginLock {
  key: string;
  kind: KeyKind;
  /** The account, the address, or both, as the key names them. */
  account: string | null;
  address: string | null;
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

/** Every counter with failures in the current window, locked ones first. */
export async function listLoginLocks(now = new Date()): Promise<LoginLock[]> {
  const rows = await prisma.loginThrottle.findMany({
    where: {
      OR: [
        { lockedUntil: { gt: now } },
        { firstFailureAt: { gte: new Date(now.getTime() - WINDOW_MS) } },
      ],
    },
    orderBy: [{ lockedUntil: { sort: "desc", nulls: "last" } }, { lastFailureAt: "desc" }],
    take: 500,
  });
  return rows.map((row) => {
    const kind = kindOf(row.key);
    const rest = row.key.slice(kind.length + 1);
    const bar = rest.lastIndexOf("|");
    return {
      key: row.key,
      kind,
      account: kind === "ip" ? null : kind === "pair" ? rest.slice(0, bar) : rest,
      address: kind === "account" ? null : kind === "pair" ? rest.slice(bar + 1) : rest,
      failures: row.failures,
      lastFailureAt: row.lastFailureAt,
      lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null,
    };
  });
}

/** An admin lifts a lock (and forgets its failures), audited. */
export async function clearLoginLock(admin: SessionUser, input: { key: string }) {
  requireUserRole(admin, "ADMIN", "clear sign-in locks");
  return prisma.$transaction(async (tx) => {
    const row = await tx.loginThrottle.findUnique({ where: { key: input.key } });
    if (!row) throw new AppError("NOT_FOUND", "This lock has already been cleared.");
    await tx.loginThrottle.delete({ where: { key: input.key } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "login-lock.clear",
      entity: "LoginThrottle",
      entityId: input.key,
      before: { failures: row.failures, lockedUntil: row.lockedUntil?.toISOString() ?? null },
    });
    return { key: input.key };
  });
}
