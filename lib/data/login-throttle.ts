import { prisma } from "@/lib/db";

/**
 * Failed-login slow-down, kept in Postgres so every app instance counts the same failures.
 * After FREE_FAILURES failures within WINDOW the key is locked, for a time that doubles
 * with each further failure up to MAX_LOCK. An address gets more room than an account:
 * a whole newsroom may share one address behind its NAT.
 */
export const FREE_FAILURES = 5;
export const FREE_FAILURES_PER_ADDRESS = 20;
const WINDOW_MS = 15 * 60_000;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export function throttleKeys(email: string, ip: string | null): string[] {
  return ip ? [`email:${email}`, `ip:${ip}`] : [`email:${email}`];
}

/** Seconds until the first of these keys may try again, or 0 when none is locked. */
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
 * concurrent failures from several instances are all counted.
 */
export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const threshold = key.startsWith("ip:") ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES;
    await prisma.$executeRaw`
      INSERT INTO "LoginThrottle" ("key", "failures", "firstFailureAt", "lastFailureAt", "lockedUntil")
      VALUES (${key}, 1, ${now}, ${now}, NULL)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "LoginThrottle"."firstFailureAt" < ${new Date(now.getTime() - WINDOW_MS)}
                          THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
        "firstFailureAt" = CASE WHEN "LoginThrottle"."firstFailureAt" < ${new Date(now.getTime() - WINDOW_MS)}
                          THEN ${now} ELSE "LoginThrottle"."firstFailureAt" END,
        "lastFailureAt" = ${now}`;
    await prisma.$executeRaw`
      UPDATE "LoginThrottle"
      SET "lockedUntil" = ${now}::timestamptz + make_interval(secs => LEAST(
            ${MAX_LOCK_MS / 1000}::float8,
            ${BASE_LOCK_MS / 1000}::float8 * power(2, "failures" - ${threshold})))
      WHERE "key" = ${key} AND "failures" >= ${threshold}`;
  }
}

export async function clearFailures(key: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key } });
}
