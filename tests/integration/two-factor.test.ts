import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import {
  authorizeCredentials,
  LoginThrottledError,
  SecondFactorNeededError,
  SecondFactorRefusedError,
} from "@/lib/auth/credentials";
import { openSecret, totpCode } from "@/lib/auth/two-factor";
import {
  confirmEnrolment,
  regenerateRecoveryCodes,
  resetTwoFactor,
  startEnrolment,
  turnOffTwoFactor,
  twoFactorStatus,
} from "@/lib/data/two-factor";
import { FREE_FAILURES } from "@/lib/data/login-throttle";
import { getActiveSessionUser } from "@/lib/data/users";
import { createUser } from "@/seeds/factories";
import { asSession } from "../support/session";

const ip = () => `test-address-${crypto.randomUUID()}`;
const STEP = 30_000;

/** A user with two-factor on: its secret, and the recovery codes shown at enrolment. */
async function enrolled(role: "REVIEWER" | "ADMIN" = "REVIEWER") {
  const user = await createUser(prisma, { role });
  const session = asSession(user);
  const { secret } = await startEnrolment(session);
  const { recoveryCodes } = await confirmEnrolment(session, { code: totpCode(secret) });
  return { user, session, secret, recoveryCodes };
}

const signIn = (user: { email: string; password: string }, code?: string, from = ip()) =>
  authorizeCredentials({ email: user.email, password: user.password, code }, from);

afterEach(() => {
  vi.useRealTimers();
  delete process.env.CLAIMDESK_REQUIRE_2FA;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("enrolling a second factor", () => {
  it("puts the secret in force only once a code from it is typed back, sealed at rest", async () => {
    const user = await createUser(prisma);
    const session = asSession(user);
    const { secret, uri } = await startEnrolment(session);
    expect(uri).toMatch(/^otpauth:\/\/totp\/ClaimDesk:.+\?secret=[A-Z2-7]+&issuer=ClaimDesk/);
    // Not in force yet: the password alone still signs in.
    expect(await signIn(user)).toMatchObject({ id: user.id });

    await expect(confirmEnrolment(session, { code: "000000" })).rejects.toThrow(/does not match/);
    const { recoveryCodes } = await confirmEnrolment(session, { code: totpCode(secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);

    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpSecret).not.toContain(secret);
    expect(openSecret(row.totpSecret!, process.env.NEXTAUTH_SECRET!)).toBe(secret);
    expect(openSecret(row.totpSecret!, "another-secret-of-at-least-32-characters!!")).toBeNull();
    const stored = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((c) => c.codeHash)).not.toContain(recoveryCodes[0]);
    expect(
      await prisma.auditEvent.count({
        where: { entityId: user.id, action: "user.two-factor-enable" },
      }),
    ).toBe(1);
    await expect(startEnrolment(session)).rejects.toThrow(/already on/);
    expect(await twoFactorStatus(session)).toMatchObject({ recoveryCodesLeft: 10 });
  });
});

describe("signing in with a second factor", () => {
  it("asks for the code after the right password, and only then", async () => {
    const { user } = await enrolled();
    await expect(signIn(user)).rejects.toBeInstanceOf(SecondFactorNeededError);
    // A wrong password is refused as before, without saying the account has a second factor.
    expect(await signIn({ email: user.email, password: "wrong" }, "123456")).toBeNull();
  });

  it("accepts a code once: the same code again is refused, the next step's accepted", async () => {
    const { user, secret } = await enrolled();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + STEP });
    const code = totpCode(secret);
    expect(await signIn(user, code)).toMatchObject({ id: user.id });
    await expect(signIn(user, code)).rejects.toBeInstanceOf(SecondFactorRefusedError);
    vi.setSystemTime(Date.now() + STEP);
    expect(await signIn(user, totpCode(secret))).toMatchObject({ id: user.id });
  });

  it("lets one of two sign-ins racing with the same code through", async () => {
    const { user, secret } = await enrolled();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + STEP });
    const code = totpCode(secret);
    const results = await Promise.allSettled([signIn(user, code), signIn(user, code)]);
    expect(results.filter((r) => r.status === "fulfilled" && r.value)).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });

  it("refuses a code from too far off (a clock out by minutes, a code from yesterday)", async () => {
    const { user, secret } = await enrolled();
    await expect(signIn(user, totpCode(secret, Date.now() + 3 * STEP))).rejects.toBeInstanceOf(
      SecondFactorRefusedError,
    );
    await expect(signIn(user, totpCode(secret, Date.now() - 86_400_000))).rejects.toBeInstanceOf(
      SecondFactorRefusedError,
    );
  });

  it("spends a recovery code once (case and dashes do not matter), audited", async () => {
    const { user, recoveryCodes } = await enrolled();
    const typed = recoveryCodes[3]!.toUpperCase().replace("-", " ");
    expect(await signIn(user, typed)).toMatchObject({ id: user.id });
    await expect(signIn(user, recoveryCodes[3])).rejects.toBeInstanceOf(SecondFactorRefusedError);
    expect(await signIn(user, recoveryCodes[4])).toMatchObject({ id: user.id });
    const used = await prisma.recoveryCode.count({
      where: { userId: user.id, usedAt: { not: null } },
    });
    expect(used).toBe(2);
    expect(
      await prisma.auditEvent.count({
        where: { entityId: user.id, action: "user.two-factor-recovery-used" },
      }),
    ).toBe(2);
  });

  it("counts wrong codes against the sign-in throttle like wrong passwords", async () => {
    const { user } = await enrolled();
    const from = ip();
    for (let i = 0; i < FREE_FAILURES; i++) {
      await expect(signIn(user, "999999", from)).rejects.toBeInstanceOf(SecondFactorRefusedError);
    }
    // Locked now, even for the password step.
    await expect(signIn(user, undefined, from)).rejects.toBeInstanceOf(LoginThrottledError);
    const pair = await prisma.loginThrottle.findUniqueOrThrow({
      where: { key: `pair:${user.email}|${from}` },
    });
    expect(pair.failures).toBe(FREE_FAILURES);
  });
});

describe("managing the second factor", () => {
  it("makes new recovery codes for a code from the app; the old ones stop working", async () => {
    const { user, session, secret, recoveryCodes } = await enrolled();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + STEP });
    await expect(regenerateRecoveryCodes(session, { code: "123456" })).rejects.toThrow(
      /does not match/,
    );
    const fresh = await regenerateRecoveryCodes(session, { code: totpCode(secret) });
    expect(fresh.recoveryCodes).toHaveLength(10);
    await expect(signIn(user, recoveryCodes[0])).rejects.toBeInstanceOf(SecondFactorRefusedError);
    expect(await signIn(user, fresh.recoveryCodes[0])).toMatchObject({ id: user.id });
  });

  it("lets a reviewer turn it off with a code, but not an admin, for whom it is required", async () => {
    const reviewer = await enrolled("REVIEWER");
    const admin = await enrolled("ADMIN");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + STEP });
    await expect(turnOffTwoFactor(admin.session, { code: totpCode(admin.secret) })).rejects.toThrow(
      /required/,
    );
    await turnOffTwoFactor(reviewer.session, { code: totpCode(reviewer.secret) });
    expect(await signIn(reviewer.user)).toMatchObject({ id: reviewer.user.id });
    expect(await prisma.recoveryCode.count({ where: { userId: reviewer.user.id } })).toBe(0);
  });

  it("is reset by an admin only: audited, the person's sessions end, codes gone", async () => {
    const { user, session } = await enrolled();
    const admin = asSession(await createUser(prisma, { role: "ADMIN" }));
    await expect(resetTwoFactor(session, { userId: user.id })).rejects.toThrow(/Only admins/);
    const before = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    await resetTwoFactor(admin, { userId: user.id });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: user.id, action: "user.two-factor-reset" },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(await signIn(user)).toMatchObject({ id: user.id });
    await expect(resetTwoFactor(admin, { userId: user.id })).rejects.toThrow(/no second factor/);
  });
});

describe("who must enrol", () => {
  it("sends admins without a second factor to the setup by default, and everyone with `all`", async () => {
    const admin = await createUser(prisma, { role: "ADMIN" });
    const reviewer = await createUser(prisma);
    expect(await getActiveSessionUser(admin.id, 0)).toMatchObject({
      mustEnrolSecondFactor: true,
    });
    expect(await getActiveSessionUser(reviewer.id, 0)).not.toHaveProperty("mustEnrolSecondFactor");

    process.env.CLAIMDESK_REQUIRE_2FA = "all";
    expect(await getActiveSessionUser(reviewer.id, 0)).toMatchObject({
      mustEnrolSecondFactor: true,
    });
    process.env.CLAIMDESK_REQUIRE_2FA = "off";
    expect(await getActiveSessionUser(admin.id, 0)).not.toHaveProperty("mustEnrolSecondFactor");

    delete process.env.CLAIMDESK_REQUIRE_2FA;
    const enrolledAdmin = await enrolled("ADMIN");
    expect(await getActiveSessionUser(enrolledAdmin.user.id, 0)).not.toHaveProperty(
      "mustEnrolSecondFactor",
    );
  });
});
