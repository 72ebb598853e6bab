import type { ApiScope } from "./api-scopes";
import { hasRole, type Role } from "./roles";

/**
 * Every page of the app in one table: who may open it, and whether (and as what) it is in
 * the main navigation. The access table (lib/auth/access-policy.ts, held complete against
 * the app folder by e2e/authorization.spec.ts), the navigation and proxy.ts's list of pages
 * open without a session are all read from here. Each page still checks its own access on
 * the server; this is what those checks must add up to.
 */
export type Access =
  /** Anyone, signed in or not. */
  | { public: true }
  /** A signed-in, enabled user with at least this role (API tokens never). */
  | { role: Role }
  /** A bearer token with this scope, or any signed-in, enabled user. */
  | { scope: ApiScope };

export const anyone: Access = { public: true };
export const reviewer: Access = { role: "REVIEWER" };
export const editor: Access = { role: "EDITOR" };
export const admin: Access = { role: "ADMIN" };

/** The main navigation's entries: their keys in the interface's messages (Nav namespace). */
export type NavLabel =
  | "Overview"
  | "Claims"
  | "Articles"
  | "Library"
  | "Approvals"
  | "Feeds"
  | "Export"
  | "Admin"
  | "Help";

export interface Page {
  /** The app folder path without route groups; `[param]` for a dynamic segment. */
  route: string;
  access: Access;
  /** Its label in the main navigation, in this table's order; none for pages reached otherwise. */
  nav?: NavLabel;
}

export const PAGES: readonly Page[] = [
  { route: "/", access: reviewer, nav: "Overview" },
  { route: "/claims", access: reviewer, nav: "Claims" },
  { route: "/claims/[claimId]", access: reviewer },
  { route: "/articles", access: reviewer, nav: "Articles" },
  { route: "/articles/import", access: reviewer },
  { route: "/articles/[articleId]", access: reviewer },
  { route: "/library", access: reviewer, nav: "Library" },
  { route: "/approvals", access: editor, nav: "Approvals" },
  { route: "/feeds", access: editor, nav: "Feeds" },
  { route: "/export", access: reviewer, nav: "Export" },
  { route: "/admin", access: admin, nav: "Admin" },
  { route: "/admin/verdicts", access: admin },
  { route: "/admin/tokens", access: admin },
  { route: "/admin/extraction", access: admin },
  { route: "/admin/sign-in", access: admin },
  { route: "/admin/webhooks", access: admin },
  { route: "/notifications", access: reviewer },
  { route: "/notifications/settings", access: reviewer },
  { route: "/account/security", access: reviewer },
  { route: "/account/language", access: reviewer },
  { route: "/help", access: reviewer, nav: "Help" },
  { route: "/login", access: anyone },
  { route: "/logout", access: anyone },
  // The public part (app/(public), app/(embed)): published fact-checks, no login.
  { route: "/fact-checks", access: anyone },
  { route: "/fact-checks/[slug]", access: anyone },
  { route: "/fact-checks/[slug]/embed", access: anyone },
  { route: "/ratings", access: anyone },
  { route: "/corrections", access: anyone },
];

/** Files of the public part that are not pages: its feed, what crawlers read, its icon. */
const PUBLIC_FILES = ["/fact-checks/feed.xml", "/sitemap.xml", "/robots.txt", "/icon.svg"];

export interface NavItem {
  href: string;
  label: string;
}

/** The main navigation a role sees: the pages with a label that it may open. */
export function navItemsFor(role: Role): Array<{ href: string; label: NavLabel }> {
  return PAGES.flatMap((page) =>
    page.nav && "role" in page.access && hasRole(role, page.access.role)
      ? [{ href: page.route, label: page.nav }]
      : [],
  );
}

/** A route as a pattern of paths: `[param]` stands for one segment. */
function routePattern(route: string): RegExp {
  const segments = route
    .split("/")
    .map((segment) =>
      /^\[[^\]]+\]$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${segments}(?:/.*)?$`);
}

const PUBLIC = PAGES.filter((page) => "public" in page.access).map((page) =>
  routePattern(page.route),
);

/** Whether a path is (under) a page anyone may open without a session, or a public file. */
export function isPublicPage(pathname: string): boolean {
  return PUBLIC_FILES.includes(pathname) || PUBLIC.some((pattern) => pattern.test(pathname));
}
