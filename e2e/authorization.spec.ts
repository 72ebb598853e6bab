import { readdirSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { ACTION_ACCESS, PAGE_ACCESS, ROUTE_ACCESS, type Access } from "@/lib/auth/access-policy";
import { API_SCOPES } from "@/lib/domain/api-scopes";
import { hasRole, type Role } from "@/lib/domain/roles";
import {
  createClaim,
  createPublication,
  createPublishableClaim,
  createUser,
} from "@/seeds/factories";
import { enrolAdmin, expect, test } from "./fixtures";
import { callAction, createToken, serverActionIds, signedInClient } from "./support/http";

/**
 * The authorization matrix: every page, server action and API route (from
 * lib/auth/access-policy.ts, checked complete against the app folder and the build) tried
 * as every kind of caller over real HTTP, through proxy.ts, cookies and all.
 */
const ROOT = path.resolve(import.meta.dirname, "..");

const CALLERS = [
  "anonymous",
  "reviewer",
  "editor",
  "admin",
  "disabled user",
  "token with scope",
  "token without scope",
] as const;
type Caller = (typeof CALLERS)[number];

const USER_ROLES: Partial<Record<Caller, Role>> = {
  reviewer: "REVIEWER",
  editor: "EDITOR",
  admin: "ADMIN",
};

function allowed(access: Access, caller: Caller): boolean {
  if ("public" in access) return true;
  const role = USER_ROLES[caller];
  if ("role" in access) return role !== undefined && hasRole(role, access.role);
  return role !== undefined || caller === "token with scope";
}

/** Route files of app/, as routes: route groups dropped, `page.tsx`/`route.ts` removed. */
function routesOf(fileName: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === fileName) {
        const segments = path
          .relative(path.join(ROOT, "app"), dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s));
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(path.join(ROOT, "app"));
  return found.sort();
}

const clients = new Map<Caller, APIRequestContext>();
const ids: Record<string, string> = {};

test.beforeAll(async ({ db }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  clients.set("anonymous", await playwrightRequest.newContext({ baseURL }));
  // Admins must have a second factor: theirs is on, and they sign in with a recovery code.
  const signedIn = async (role: Role) => {
    const user = await createUser(db, { role });
    const code = role === "ADMIN" ? (await enrolAdmin(db, user.id)).recoveryCodes[0] : undefined;
    return { user, client: await signedInClient(baseURL, user.email, user.password, code) };
  };
  for (const [caller, role] of Object.entries(USER_ROLES) as [Caller, Role][]) {
    clients.set(caller, (await signedIn(role)).client);
  }
  const { user: disabled, client: disabledClient } = await signedIn("ADMIN");
  clients.set("disabled user", disabledClient);
  await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
  const tokenOwner = await createUser(db, { role: "ADMIN" });
  for (const [caller, scopes] of [
    ["token with scope", [...API_SCOPES]],
    ["token without scope", []],
  ] as const) {
    const secret = await createToken(db, tokenOwner.id, [...scopes]);
    clients.set(
      caller,
      await playwrightRequest.newContext({
        baseURL,
        extraHTTPHeaders: { authorization: `Bearer ${secret}` },
      }),
    );
  }
  // Approved, so that every caller allowed the API may read it and its similar claims.
  const claim = await createClaim(db, { state: "APPROVED" });
  const stored = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
  ids.claimId = stored.id;
  ids.articleId = stored.articleId!;
  // A published fact-check, for the public pages of a slug.
  const published = await createPublishableClaim(db);
  ids.slug = (
    await createPublication(db, { claimId: published.id, verdictId: published.verdictId! })
  ).slug;
});

test.afterAll(async () => {
  for (const client of clients.values()) await client.dispose();
  clients.clear();
});

/** Runs `attempt` as every caller; returns the cells where the outcome differs from the table. */
async function matrix(
  access: Access,
  attempt: (client: APIRequestContext) => Promise<{ allowed: boolean | null; seen: string }>,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const caller of CALLERS) {
    const outcome = await attempt(clients.get(caller)!);
    const expected = allowed(access, caller);
    if (outcome.allowed !== expected) {
      wrong.push(`${caller}: expected ${expected ? "allow" : "deny"}, saw ${outcome.seen}`);
    }
  }
  return wrong;
}

const deniedToLogin = (status: number, location: string | null) =>
  status >= 300 && status < 400 && Boolean(location?.includes("/login"));

test.describe("every entry of the table exists, and every page, route and action has one", () => {
  test("pages", () => {
    expect(routesOf("page.tsx")).toEqual(Object.keys(PAGE_ACCESS).sort());
  });
  test("route handlers", () => {
    expect(routesOf("route.ts")).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });
  test("server actions of the build", () => {
    expect([...serverActionIds().keys()].sort()).toEqual(Object.keys(ACTION_ACCESS).sort());
  });
});

test.describe("pages", () => {
  for (const [route, access] of Object.entries(PAGE_ACCESS)) {
    test(`${route}`, async () => {
      const url = route.replace(/\[(\w+)\]/g, (_, name: string) => ids[name]!);
      const wrong = await matrix(access, async (client) => {
        const response = await client.get(url, { maxRedirects: 0 });
        const status = response.status();
        const location = response.headers()["location"] ?? null;
        const seen = `${status}${location ? ` → ${location}` : ""}`;
        if ("public" in access) return { allowed: status < 400 ? true : null, seen };
        if (status === 200) return { allowed: true, seen };
        if (status === 403 || deniedToLogin(status, location)) return { allowed: false, seen };
        return { allowed: null, seen };
      });
      expect(wrong).toEqual([]);
    });
  }
});

test.describe("API routes", () => {
  for (const paths of Object.values(ROUTE_ACCESS)) {
    for (const [request, access] of Object.entries(paths)) {
      test(request, async () => {
        const [method, path] = request.split(" ") as [string, string];
        const url = path.replace(/\[(\w+)\]/g, (_, name: string) => ids[name]!);
        const wrong = await matrix(access, async (client) => {
          const response = await client.fetch(url, { method, maxRedirects: 0 });
          const status = response.status();
          const seen = String(status);
          if (status === 200) return { allowed: true, seen };
          if (status === 401 || status === 403) return { allowed: false, seen };
          return { allowed: null, seen };
        });
        expect(wrong).toEqual([]);
      });
    }
  }
});

test.describe("server actions", () => {
  const actionIds = serverActionIds();
  for (const [action, access] of Object.entries(ACTION_ACCESS)) {
    test(action, async ({}, testInfo) => {
      const id = actionIds.get(action);
      expect(id, `${action} is not in the build`).toBeTruthy();
      const origin = new URL(testInfo.project.use.baseURL!).origin;
      // Input no action accepts: a caller let through gets a validation refusal and nothing
      // is written; one kept out gets a redirect to /login or a 403.
      const args = action.includes("import/actions.ts") ? [null, "not a form"] : [{ bogus: 1 }];
      const wrong = await matrix(access, async (client) => {
        const response = await callAction(client, id!, args, { origin });
        const seen = `${response.status}${response.location ? ` → ${response.location}` : ""} ${response.body.slice(0, 160)}`;
        // Next.js answers a redirect thrown in an action with 200 and x-action-redirect.
        if (
          deniedToLogin(response.status, response.location) ||
          response.location?.startsWith("/login") ||
          response.status === 403 ||
          response.body.includes("NEXT_HTTP_ERROR_FALLBACK;403")
        ) {
          return { allowed: false, seen };
        }
        if (response.status === 200 && /"code":"VALIDATION"|"fieldErrors"/.test(response.body)) {
          return { allowed: true, seen };
        }
        return { allowed: null, seen };
      });
      expect(wrong).toEqual([]);
    });
  }
});
