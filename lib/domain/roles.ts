/**
 * Roles and what each may reach. Pure: shared by pages, actions, route handlers and tests.
 * Each role includes the ones before it: an EDITOR can do all a REVIEWER can.
 */
export const ROLES = ["REVIEWER", "EDITOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { REVIEWER: 0, EDITOR: 1, ADMIN: 2 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

/**
 * Where to go after login: only paths on this site, never another origin
 * (`//evil.example`, `/\evil.example` and absolute URLs are refused).
 */
export function safeCallbackPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  if (value === "/login" || value.startsWith("/login?") || value.startsWith("/logout")) {
    return fallback;
  }
  return value;
}
