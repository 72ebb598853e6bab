import { afterAll, describe, expect, it } from "vitest";
import { prisma, createPrismaClient } from "@/lib/db";
import { authorizeCredentials, LoginThrottledError } from "@/lib/auth/credentials";
import {
  FREE_FAILURES,
  FREE_FAILURES_PER_ADDRESS,
  lockedForSeconds,
} from "@/lib/data/login-throttle";
import { getActiveSessionUser, invalidateSessions } from "@/lib/data/users";
import { createUser } from "@/seeds/factories";

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
  it(`locks an account after ${FREE_FAILURES} failures, even for the right password`, async () => {
    const user = await createUser(prisma);
    for (let i = 0; i < FREE_FAILURES; i++) {
      // A different address each time: the account's own counter must trip.
      expect(await authorizeCredentials({ email: user.email, password: "wrong" }, ip())).toBeNull();
    }
    await expect(
      authorizeCredentials({ email: user.email, password: user.password }, ip()),
    ).rejects.toBeInstanceOf(LoginThrottledError);
  });

  it("locks an address that tries many accounts", async () => {
    const address = ip();
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      await authorizeCredentials(
        { email: `ghost-${i}-${Math.random()}@claimdesk.test`, password: "x" },
        address,
      );
    }
    const user = await createUser(prisma);
    await expect(
      authorizeCredentials({ email: user.email, password: user.password }, address),
    ).rejects.toThrow(/RATE_LIMITED:\d+/);
    // Another address is not affected.
    expect(
      await authorizeCredentials({ email: user.email, password: user.password }, ip()),
    ).not.toBeNull();
  });

  it("keeps the count in Postgres, so a second app instance sees the lock", async () => {
    const user = await createUser(prisma);
    for (let i = 0; i < FREE_FAILURES; i++) {
      await authorizeCredentials({ email: user.email, password: "wrong" }, ip());
    }
    const otherInstance = createPrismaClient(process.env.DATABASE_URL);
    try {
      const row = await otherInstance.loginThrottle.findUnique({
        where: { key: `email:${user.email}` },
      });
      expect(row?.failures).toBe(FREE_FAILURES);
      expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await otherInstance.$disconnect();
    }
    expect(await lockedForSeconds([`email:${user.email}`])).toBeGreaterThan(0);
  });

  it("counts every one of many concurrent failures", async () => {
    const user = await createUser(prisma);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        authorizeCredentials({ email: user.email, password: "wrong" }, null),
      ),
    );
    // Attempts that arrive once the lock is set are refused outright; every other one is counted.
    const checked = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof LoginThrottledError,
    ).length;
    expect(checked + refused).toBe(8);
    expect(checked).toBeGreaterThanOrEqual(FREE_FAILURES);
    const row = await prisma.loginThrottle.findUnique({ where: { key: `email:${user.email}` } });
    expect(row?.failures).toBe(checked);
  });

  it("forgets earlier failures after a successful login", async () => {
    const user = await createUser(prisma);
    await authorizeCredentials({ email: user.email, password: "wrong" }, ip());
    await authorizeCredentials({ email: user.email, password: user.password }, ip());
    expect(
      await prisma.loginThrottle.findUnique({ where: { key: `email:${user.email}` } }),
    ).toBeNull();
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
