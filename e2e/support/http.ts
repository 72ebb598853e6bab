import { readFileSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import type { createPrismaClient } from "@/lib/db";
import { hashTokenSecret, newTokenSecret } from "@/lib/domain/api-tokens";

type Db = ReturnType<typeof createPrismaClient>;

/** A browserless client that signs in as next-auth's own form does (CSRF token, then POST). */
export async function signedInClient(
  baseURL: string,
  email: string,
  password: string,
  /** The second factor, for an account that has one (a recovery code). */
  code?: string,
): Promise<APIRequestContext> {
  const client = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, ...(code ? { code } : {}), json: "true" },
  });
  const session = (await (await client.get("/api/auth/session")).json()) as {
    user?: { email?: string };
  };
  if (session.user?.email !== email.toLowerCase()) {
    throw new Error(`could not sign in as ${email} (status ${response.status()})`);
  }
  return client;
}

/** The session secret an app instance under this data folder generated (npm start does). */
export function embeddedAppSecret(dataDir: string): string {
  const root = path.resolve(import.meta.dirname, "../..");
  return readFileSync(path.join(root, dataDir, "nextauth-secret"), "utf8").trim();
}

/** The URL of the embedded database an app instance started under this data folder. */
export function embeddedDatabaseUrl(dataDir: string): string {
  const root = path.resolve(import.meta.dirname, "../..");
  const config = JSON.parse(
    readFileSync(path.join(root, dataDir, "embedded-postgres.json"), "utf8"),
  ) as { port: number; password: string };
  return `postgresql://postgres:${encodeURIComponent(config.password)}@127.0.0.1:${config.port}/claimdesk`;
}

/** Stores an API token the way the admin page does (only its hash) and returns the secret. */
export async function createToken(db: Db, createdById: string, scopes: string[]): Promise<string> {
  const secret = newTokenSecret();
  await db.apiToken.create({
    data: {
      name: `e2e ${scopes.join(",") || "no scopes"}`,
      prefix: secret.slice(0, 10),
      secretHash: hashTokenSecret(secret),
      scopes,
      createdById,
    },
  });
  return secret;
}

export { serverActionIds } from "@/scripts/server-actions";

export interface ActionResponse {
  status: number;
  location: string | null;
  body: string;
}

/** Calls a server action over HTTP exactly as the browser does (Next-Action header, JSON args). */
export async function callAction(
  client: APIRequestContext,
  actionId: string,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<ActionResponse> {
  const response = await client.post("/", {
    headers: {
      "next-action": actionId,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      ...headers,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return {
    status: response.status(),
    location: response.headers()["location"] ?? response.headers()["x-action-redirect"] ?? null,
    body: await response.text(),
  };
}
