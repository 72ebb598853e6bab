import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "./options";
import { getActiveSessionUser, type SessionUser } from "@/lib/data/users";
import { hasRole, type Role } from "@/lib/domain/roles";

export type { SessionUser };

/** The signed-in user of this request, checked against the database; null if none. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  return getActiveSessionUser(session.user.id, session.sessionVersion, session.method);
});

/** Where a session that must set up its second factor is sent, whatever it asked for. */
export const TWO_FACTOR_SETUP = "/account/security";

/**
 * For pages and server actions: redirects to /login without a session, to the two-factor
 * setup while the person must enrol, 403 without the role.
 */
export async function requireRole(role: Role = "REVIEWER"): Promise<SessionUser> {
  const user = await requireSignedIn();
  if (user.mustEnrolSecondFactor) redirect(TWO_FACTOR_SETUP);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/** Any signed-in user, also one who must still set up a second factor (its setup, the shell). */
export async function requireSignedIn(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
