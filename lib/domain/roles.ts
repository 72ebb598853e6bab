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

export const ROLE_LABELS: Record<Role, string> = {
  REVIEWER: "Reviewer",
  EDITOR: "Editor",
  ADMIN: "Admin",
};

export interface NavItem {
  href: string;
  label: string;
  minRole: Role;
}

/** The app's main navigation; each page also checks its own role on the server. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview", minRole: "REVIEWER" },
  { href: "/claims", label: "Claims", minRole: "REVIEWER" },
  { href: "/articles", label: "Articles", minRole: "REVIEWER" },
  { href: "/approvals", label: "Approvals", minRole: "EDITOR" },
  { href: "/feeds", label: "Feeds", minRole: "EDITOR" },
  { href: "/export", label: "Export", minRole: "REVIEWER" },
  { href: "/admin", label: "Admin", minRole: "ADMIN" },
  { href: "/help", label: "Help", minRole: "REVIEWER" },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => hasRole(role, item.minRole));
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
