import "server-only";
import { findActiveToken } from "@/lib/data/api-tokens";
import { isDatabaseBusy } from "@/lib/data/busy";
import type { ApiScope } from "@/lib/domain/api-scopes";
import { hasRole } from "@/lib/domain/roles";
import { getCurrentUser } from "./session";

export type ApiCaller =
  | { kind: "token"; tokenId: string; scopes: string[] }
  | { kind: "session"; userId: string; role: "REVIEWER" | "EDITOR" | "ADMIN" };

export type ApiAuth = { ok: true; caller: ApiCaller } | { ok: false; response: Response };

const json = (status: number, error: string) =>
  Response.json({ error }, { status, headers: { "cache-control": "no-store" } });

/**
 * Machine-facing routes accept a bearer token (with the scope they need), or the signed-in
 * session of the app's own download buttons. No credentials or a revoked token: 401; a
 * token without the scope: 403.
 */
export async function authorizeApi(request: Request, scope: ApiScope): Promise<ApiAuth> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match ? await findActiveToken(match[1]!) : null;
    if (!token) return { ok: false, response: json(401, "Invalid or revoked API token") };
    if (!token.scopes.includes(scope))
      return { ok: false, response: json(403, `This token lacks the ${scope} scope`) };
    return { ok: true, caller: { kind: "token", tokenId: token.id, scopes: token.scopes } };
  }
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: json(401, "Sign in or send an API token") };
  if (user.mustEnrolSecondFactor) {
    return { ok: false, response: json(403, "Set up two-factor sign-in first") };
  }
  return { ok: true, caller: { kind: "session", userId: user.id, role: user.role } };
}

/** Claims that are not approved yet: editors, or tokens with the claims:unpublished scope. */
export function mayReadUnpublished(caller: ApiCaller): boolean {
  return caller.kind === "token"
    ? caller.scopes.includes("claims:unpublished")
    : hasRole(caller.role, "EDITOR");
}

/**
 * A route of the desk's work in progress that every reviewer sees in the app (repeats,
 * judged matches): any signed-in user, or a token with claims:read and claims:unpublished
 * (403 naming `what` without the latter).
 */
export async function authorizeDeskWork(request: Request, what: string): Promise<ApiAuth> {
  const auth = await authorizeApi(request, "claims:read");
  if (!auth.ok || auth.caller.kind === "session") return auth;
  if (auth.caller.scopes.includes("claims:unpublished")) return auth;
  return {
    ok: false,
    response: json(
      403,
      `${what} include claims not reviewed yet: a token needs the claims:unpublished scope`,
    ),
  };
}

/**
 * A route's work, answered 503 with Retry-After when the database could not take it in
 * time (nothing was done; the same request may be sent again). Other errors go on.
 */
export async function unlessBusy(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
    return Response.json(
      { error: "The desk is busy; try again in a few seconds." },
      { status: 503, headers: { "retry-after": "5", "cache-control": "no-store" } },
    );
  }
}
