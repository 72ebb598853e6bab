import "server-only";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/domain/roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The user behind a session, read fresh from the database on every request so that a
 * disable, role change or logout elsewhere applies at once. Null when the session no
 * longer counts.
 */
export async function getActiveSessionUser(
  userId: string,
  sessionVersion: number,
): Promise<SessionUser | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      sessionVersion: true,
    },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The full user row for a login attempt; email must already be normalised (lower case). */
export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email } });
}

/** Ends every session of a user (logout, disable, role change, password reset). */
export async function invalidateSessions(userId: string): Promise<void> {
  await prisma.user.updateMany({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
  });
}

export async function listUsers() {
  return prisma.user.findMany({
    orderBy: [{ role: "desc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
  });
}
