import type { SessionUser } from "@/lib/data/users";

/**
 * The session the server actions see in a test that calls them directly (the real lookup
 * needs a browser's cookie). A test file replaces lib/auth/session with this module:
 *
 *   vi.mock("@/lib/auth/session", () => import("../support/action-session"));
 *
 * and chooses who acts with `actAs`.
 */
let current: SessionUser | null = null;

export function actAs(user: SessionUser | null): void {
  current = user;
}

export async function getCurrentUser(): Promise<SessionUser | null> {
  return current;
}

export async function requireRole(): Promise<SessionUser> {
  if (!current) throw new Error("no session in this test");
  return current;
}
