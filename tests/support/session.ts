import type { SessionUser } from "@/lib/data/users";

/** The session of a stored user, as lib/data functions receive it from requireRole. */
export function asSession(user: {
  id: string;
  email: string;
  name: string;
  role: SessionUser["role"];
}): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
