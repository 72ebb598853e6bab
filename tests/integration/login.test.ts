import { afterAll, describe, expect, it, vi } from "vitest";
import { prisma, createPrismaClient } from "@/lib/db";
import { authorizeCredentials, LoginThrottledError } from "@/lib/auth/credentials";
import {
  ACCOUNT_CEILING,
  clearLoginLock,
  FREE_FAILURES,
  FREE_FAILURES_PER_ADDRESS,
  listLoginLocks,
  lockedForSeconds,
} from "@/lib/data/login-throttle";
import { log } from "@/lib/log";
import { getActiveSessionUser, invalidateSessions } from "@/lib/data/users";
import { createUser } from "@/seeds/factories";
import { asSession } from "../support/session";

const sessionUser = async (role: "ADMIN" | "EDITOR") =>
  asSession(await createUser(prisma, { role }));

/** A fresh client address per call, so tests never share an address counter. */
const ip = () => `test-address-${crypto.randomUUID()}`;

afterAll(async () => {
  await prisma.$disconnect();
});

describe("logging in with email and password", () => {
  it("accepts the right password whatever the case of the email", async () => {
    const user = await createUser(prisma, { role: "EDITOR" });
    const result = await authorizeCredentials(
      { email: user.email.toUpperCase(), password: user.password },
      ip(),
    );
    expect(result).toMatchObject({ id: user.id, role: "EDITOR", email: user.email });
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const user = await createUser(prisma);
    const wrongPassword = await authorizeCredentials(
      { email: user.email, password: "not it" },
      ip(),
    );
    const unknownEmail = await authorizeCredentials(
      { email: `nobody-${user.email}`, password: user.password },
      ip(),
    );
    expect(wrongPassword).toBeNull();
    expect(unknownEmail).toBeNull();
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await createUser(prisma, { disabled: true });
    expect(
      await authorizeCredentials({ email: user.email, password: user.password }, ip()),
    ).toBeNull();
  });

  it("refuses malformed input without throwing", async () => {
    expect(await authorizeCredentials({ email: "not an email", password: "x" }, ip())).toBeNull();
    expect(
      await authorizeCredentials({ email: "a@b.test", password: "x".repeat(5000) }, ip()),
    ).toBeNull();
    expect(await authorizeCredentials(undefined, ip())).toBeNull();
  });
});

describe("slowing down repeated failures", () => {
  const login = (email: string, password: string, address: string | null) =>
    authorizeCredentials({ email, password }, address);

  it(`locks an account from one address after ${FREE_FAILURES} failures, even for the right password`, async () => {
    const user = await createUser(prisma);
    const attacker = ip();
    for (let i = 0; i < FREE_FAILURES; i++) {
      expect(await login(user.email, "wrong", attacker)).toBeNull();
    }
    await expect(login(user.email, user.password, attacker)).rejects.toBeInstanceOf(
      LoginThrottledError,
    );
    // The owner, from their own address, is not locked out by the stranger.
    expect(await login(user.email, user.password, ip())).toMatchObject({ id: user.id });
  });

  it("lets failures from many addresses under the ceiling leave the owner alone", async () => {
    const user = await createUser(prisma);
    for (let i = 0; i < FREE_FAILURES * 4; i++) {
      expect(await login(user.email, "wrong", ip())).toBeNull();
    }
    expect(await login(user.email, user.password, ip())).toMatchObject({ id: user.id });
  });

  it(`locks an account everywhere at its ceiling of ${ACCOUNT_CEILING} failures, and says so in the log`, async () => {
    const user = await createUser(prisma);
    const alerts = vi.spyOn(log, "error");
    try {
      for (let i = 0; i < ACCOUNT_CEILING - 1; i++) await login(user.email, "wrong", ip());
      expect(alerts).not.toHaveBeenCalled();
      await login(user.email, "wrong", ip());
      expect(alerts).toHaveBeenCalledOnce();
      expect(alerts.mock.calls[0]![0]).toMatchObject({
        alert: "login-ceiling",
        account: user.email,
        failures: ACCOUNT_CEILING,
      });
    } finally {
      alerts.mockRestore();
    }
    await expect(login(user.email, user.password, ip())).rejects.toBeInstanceOf(
      LoginThrottledError,
    );
  });

  it("locks an address that tries many accounts", async () => {
    const address = ip();
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      await login(`ghost-${i}-${Math.random()}@claimdesk.test`, "x", address);
    }
    const user = await createUser(prisma);
    await expect(login(user.email, user.password, address)).rejects.toThrow(/RATE_LIMITED:\d+/);
    // Another address is not affected.
    expect(await login(user.email, user.password, ip())).not.toBeNull();
  });

  it("keeps the count in Postgres, so a second app instance sees the lock", async () => {
    const user = await createUser(prisma);
    const address = ip();
    for (let i = 0; i < FREE_FAILURES; i++) await login(user.email, "wrong", address);
    const key = `pair:${user.email}|${address}`;
    const otherInstance = createPrismaClient(process.env.DATABASE_URL);
    try {
      const row = await otherInstance.loginThrottle.findUnique({ where: { key } });
      expect(row?.failures).toBe(FREE_FAILURES);
      expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await otherInstance.$disconnect();
    }
    expect(await lockedForSeconds([key])).toBeGreaterThan(0);
  });

  it("counts every one of many concurrent failures", async () => {
    const user = await createUser(prisma);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => login(user.email, "wrong", null)),
    );
    // Attempts that arrive once the lock is set are refused outright; every other one is counted.
    const checked = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof LoginThrottledError,
    ).length;
    expect(checked + refused).toBe(8);
    expect(checked).toBeGreaterThanOrEqual(FREE_FAILURES);
    const row = await prisma.loginThrottle.findUnique({
      where: { key: `pair:${user.email}|unknown` },
    });
    expect(row?.failures).toBe(checked);
  });

  it("forgets the owner's own failures after a successful login, not the others", async () => {
    const user = await createUser(prisma);
    const own = ip();
    await login(user.email, "wrong", own);
    await login(user.email, "wrong", ip());
    await login(user.email, user.password, own);
    expect(
      await prisma.loginThrottle.findUnique({ where: { key: `pair:${user.email}|${own}` } }),
    ).toBeNull();
    expect(
      await prisma.loginThrottle.findUnique({ where: { key: `account:${user.email}` } }),
    ).toMatchObject({ failures: 2 });
  });

  it("lets an admin see and clear a lock, audited; others may not", async () => {
    const user = await createUser(prisma);
    const address = ip();
    for (let i = 0; i < FREE_FAILURES; i++) await login(user.email, "wrong", address);
    const key = `pair:${user.email}|${address}`;
    const lock = (await listLoginLocks()).find((l) => l.key === key);
    expect(lock).toMatchObject({ kind: "pair", account: user.email, address, failures: 5 });
    expect(lock?.lockedUntil).not.toBeNull();

    const admin = await sessionUser("ADMIN");
    const editor = await sessionUser("EDITOR");
    await expect(clearLoginLock(editor, { key })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await clearLoginLock(admin, { key });
    expect(await lockedForSeconds([key])).toBe(0);
    expect(await login(user.email, user.password, address)).toMatchObject({ id: user.id });
    const audit = await prisma.auditEvent.findFirst({
      where: { action: "login-lock.clear", entityId: key },
    });
    expect(audit).toMatchObject({ actorId: admin.id });
    await expect(clearLoginLock(admin, { key })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("sessions", () => {
  it("stop counting after logout, disable or a role change", async () => {
    const user = await createUser(prisma, { role: "EDITOR" });
    expect(await getActiveSessionUser(user.id, 0)).toMatchObject({ role: "EDITOR" });

    await prisma.user.update({ where: { id: user.id }, data: { role: "REVIEWER" } });
    expect(await getActiveSessionUser(user.id, 0)).toMatchObject({ role: "REVIEWER" });

    await invalidateSessions(user.id);
    expect(await getActiveSessionUser(user.id, 0)).toBeNull();
    expect(await getActiveSessionUser(user.id, 1)).not.toBeNull();

    await prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await getActiveSessionUser(user.id, 1)).toBeNull();
  });
});
