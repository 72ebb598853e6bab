import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/domain/roles";

/** Test and seed factories: each call makes distinct rows, so tests never collide. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@claimdesk.test`;
}

export async function createUser(
  prisma: PrismaClient,
  {
    role = "REVIEWER",
    name,
    email = uniqueEmail(role.toLowerCase()),
    password = "correct horse battery staple",
    disabled = false,
  }: { role?: Role; name?: string; email?: string; password?: string; disabled?: boolean } = {},
) {
  const user = await prisma.user.create({
    data: {
      email: email.toLowerCase(),
      name: name ?? `Test ${role.toLowerCase()} ${email.slice(0, email.indexOf("@"))}`,
      role,
      passwordHash: await hashPassword(password),
      disabledAt: disabled ? new Date() : null,
    },
  });
  return { ...user, password };
}
