import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import {
  changeUserRole,
  createUserAccount,
  resetUserPassword,
  setUserDisabled,
} from "@/lib/data/users";
import {
  createVerdict,
  deleteVerdict,
  listVerdicts,
  moveVerdict,
  setVerdictRetired,
} from "@/lib/data/verdicts";
import { deskOverview } from "@/lib/data/overview";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { getActiveSessionUser, type SessionUser } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { createClaim, createUser, uniqueEmail } from "@/seeds/factories";
import { asSession } from "../support/session";

const ROOT = path.resolve(import.meta.dirname, "../..");

let admin: SessionUser;
let editor: SessionUser;

beforeAll(async () => {
  admin = asSession(await createUser(prisma, { role: "ADMIN" }));
  editor = asSession(await createUser(prisma, { role: "EDITOR" }));
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe("user administration", () => {
  it("creates a user with a one-time password that works once shown, and only admins may", async () => {
    const email = uniqueEmail("new");
    const created = await createUserAccount(admin, { email, name: "New Person", role: "REVIEWER" });
    expect(created.password.length).toBeGreaterThanOrEqual(16);
    expect(await authorizeCredentials({ email, password: created.password }, null)).toMatchObject({
      role: "REVIEWER",
    });
    expect(
      await code(createUserAccount(editor, { email: uniqueEmail(), name: "X", role: "ADMIN" })),
    ).toBe("FORBIDDEN");
    expect(await code(createUserAccount(admin, { email, name: "Twice", role: "REVIEWER" }))).toBe(
      "VALIDATION",
    );
  });

  it("a role change and a disable apply at the next request; a password reset ends sessions", async () => {
    const user = await createUser(prisma, { role: "EDITOR" });
    await changeUserRole(admin, { userId: user.id, role: "REVIEWER" });
    expect(await getActiveSessionUser(user.id, 0)).toMatchObject({ role: "REVIEWER" });
    const reset = await resetUserPassword(admin, { userId: user.id });
    expect(await getActiveSessionUser(user.id, 0)).toBeNull();
    expect(
      await authorizeCredentials({ email: user.email, password: user.password }, null),
    ).toBeNull();
    expect(
      await authorizeCredentials({ email: user.email, password: reset.password }, null),
    ).not.toBeNull();
    await setUserDisabled(admin, { userId: user.id, disabled: true });
    expect(await getActiveSessionUser(user.id, 1)).toBeNull();
    expect(
      await authorizeCredentials({ email: user.email, password: reset.password }, null),
    ).toBeNull();
  });

  it("never leaves the desk without an admin, even when two admins demote each other at once", async () => {
    // Make these two the only active admins for the duration of the test.
    const others = await prisma.user.findMany({
      where: { role: "ADMIN", disabledAt: null },
      select: { id: true },
    });
    await prisma.user.updateMany({
      where: { id: { in: others.map((o) => o.id) } },
      data: { role: "EDITOR" },
    });
    try {
      const a = asSession(await createUser(prisma, { role: "ADMIN" }));
      const b = asSession(await createUser(prisma, { role: "ADMIN" }));
      const results = await Promise.allSettled([
        changeUserRole(a, { userId: b.id, role: "EDITOR" }),
        changeUserRole(b, { userId: a.id, role: "EDITOR" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const remaining = await prisma.user.findMany({
        where: { id: { in: [a.id, b.id] }, role: "ADMIN" },
      });
      expect(remaining).toHaveLength(1);
      const last = asSession({ ...remaining[0]!, role: "ADMIN" });
      expect(await code(changeUserRole(last, { userId: last.id, role: "REVIEWER" }))).toBe(
        "INVALID_STATE",
      );
      expect(await code(setUserDisabled(last, { userId: last.id, disabled: true }))).toBe(
        "INVALID_STATE",
      );
      await prisma.user.updateMany({
        where: { id: { in: [a.id, b.id] } },
        data: { role: "EDITOR" },
      });
    } finally {
      await prisma.user.updateMany({
        where: { id: { in: others.map((o) => o.id) } },
        data: { role: "ADMIN" },
      });
    }
  });
});

describe("the verdict vocabulary", () => {
  it("adds, reorders, retires, and deletes only what is unused", async () => {
    const key = `test-${Date.now()}`;
    const { id: before } = await createVerdict(admin, {
      key: `${key}-a`,
      label: "Half false",
      ratingValue: 2,
      description: null,
    });
    const { id } = await createVerdict(admin, {
      key,
      label: "Half true",
      ratingValue: 3,
      description: null,
    });
    let all = await listVerdicts();
    expect(all.map((v) => v.id).slice(-2)).toEqual([before, id]);
    await moveVerdict(admin, { verdictId: id, direction: "up" });
    all = await listVerdicts();
    expect(all.map((v) => v.id).slice(-2)).toEqual([id, before]);
    await deleteVerdict(admin, { verdictId: before });

    await setVerdictRetired(admin, { verdictId: id, retired: true });
    expect((await prisma.verdict.findUniqueOrThrow({ where: { id } })).retiredAt).toBeInstanceOf(
      Date,
    );

    const claim = await createClaim(prisma);
    await prisma.claim.update({ where: { id: claim.id }, data: { verdictId: id } });
    expect(await code(deleteVerdict(admin, { verdictId: id }))).toBe("INVALID_STATE");
    await prisma.claim.update({ where: { id: claim.id }, data: { verdictId: null } });
    await deleteVerdict(admin, { verdictId: id });
    expect(await prisma.verdict.findUnique({ where: { id } })).toBeNull();
  });
});

describe("the overview", () => {
  it("counts approvals per day and this week, and the median time to approval", async () => {
    const now = new Date();
    const before = await deskOverview(now);
    const article = await prisma.article.create({
      data: {
        title: "T",
        body: `x ${Date.now()}`,
        contentHash: `h-${crypto.randomUUID()}`,
        createdAt: new Date(now.getTime() - 10 * 3600_000),
      },
    });
    await createClaim(prisma, { articleId: article.id, state: "APPROVED" }).then((c) =>
      prisma.claim.update({ where: { id: c.id }, data: { approvedAt: now } }),
    );
    const after = await deskOverview(now);
    expect(after.approvedThisWeek).toBe(before.approvedThisWeek + 1);
    expect(after.approvedPerDay).toHaveLength(30);
    expect(after.approvedPerDay.at(-1)!.count).toBe(before.approvedPerDay.at(-1)!.count + 1);
    expect(after.medianHoursToApproval).not.toBeNull();
  });
});

describe("npm run user:create", () => {
  it("creates the first admin from a password on standard input", async () => {
    const email = uniqueEmail("first-admin");
    const run = (password: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
            "--conditions=react-server",
            "scripts/user-create.ts",
            "--email",
            email.toUpperCase(),
            "--role",
            "admin",
          ],
          { cwd: ROOT, env: process.env },
        );
        let out = "";
        child.stdout.on("data", (c: Buffer) => (out += c.toString()));
        child.stderr.on("data", (c: Buffer) => (out += c.toString()));
        child.stdin.end(`${password}\n`);
        child.on("exit", (c) => resolve({ code: c, out }));
      });
    expect(await run("short")).toMatchObject({
      code: 2,
      out: expect.stringContaining("at least 12 characters"),
    });
    expect(await run("a long enough password")).toMatchObject({
      code: 0,
      out: expect.stringContaining(`created admin ${email}`),
    });
    expect(
      await authorizeCredentials({ email, password: "a long enough password" }, null),
    ).toMatchObject({ role: "ADMIN" });
    expect((await run("a long enough password")).code).toBe(1);
  });
});
