import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { databaseAnswers } from "@/lib/data/probe";
import {
  contentSecurityPolicy,
  crossSiteRefusal,
  newNonce,
  requestId,
  STATIC_SECURITY_HEADERS,
} from "@/lib/http/security";
import { withdrawnFactCheck } from "@/lib/data/public";
import { isPublicPage } from "@/lib/domain/pages";
import { publicDate } from "@/lib/domain/publishing";
import { log } from "@/lib/log";
import { settings } from "@/lib/settings";
import { EDGE_MARK } from "@/lib/http/forwarding.mjs";

/**
 * Runs before every request (static files aside):
 *   1. gives it a request id (x-request-id), logged on every line about it;
 *   2. refuses state-changing requests from other sites (403);
 *   3. answers 503 at once while the database is unreachable;
 *   4. sends pages without a session cookie to /login (an early, optimistic gate: the
 *      real check, session still valid and role, runs on the server in every page, action
 *      and route handler; API routes answer 401 themselves);
 *   5. sets the Content-Security-Policy with a fresh script nonce, which Next.js reads
 *      from the request and puts on its own scripts, and the other security headers.
 */
export async function proxy(request: NextRequest) {
  const id = requestId(request.headers.get("x-request-id"));
  const { pathname } = request.nextUrl;
  const nonce = newNonce();
  // A fact-check's embed card is the one page other sites may frame.
  const embeddable = EMBED_PATH.test(pathname);
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development", {
    embeddable,
  });
  const finish = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    response.headers.set("x-request-id", id);
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) {
      if (!(embeddable && name === "X-Frame-Options")) response.headers.set(name, value);
    }
    return response;
  };
  const isApi = pathname.startsWith("/api/");
  const requestLog = log.child({ reqId: id });
  requestLog.info({ method: request.method, path: pathname }, "request");

  const refusal = crossSiteRefusal(request.method, request.headers, ownOrigins(request));
  if (refusal) {
    requestLog.warn({ reason: refusal }, "cross-site request refused");
    return finish(
      isApi
        ? NextResponse.json({ error: "Cross-site request refused" }, { status: 403 })
        : new NextResponse("Cross-site request refused.", { status: 403 }),
    );
  }

  if (pathname !== "/api/health" && !(await databaseAnswers())) {
    requestLog.error("database unreachable: answering 503");
    return finish(unavailable(isApi));
  }

  // A fact-check withdrawn answers 410 with a short notice at its address (and its embed).
  const factCheck = FACT_CHECK_PATH.exec(pathname);
  if (factCheck && request.method === "GET") {
    const gone = await withdrawnFactCheck(decodeURIComponent(factCheck[1]!));
    if (gone) return finish(withdrawn(gone.unpublishedAt));
  }

  if (!isApi && !isPublicPage(pathname)) {
    const token = await getToken({ req: request, secret: settings().NEXTAUTH_SECRET });
    if (!token) {
      const login = new URL("/login", request.url);
      const target = pathname + request.nextUrl.search;
      if (target !== "/") login.searchParams.set("callbackUrl", target);
      return finish(NextResponse.redirect(login));
    }
  }

  const headers = new Headers(request.headers);
  headers.set("x-request-id", id);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  return finish(NextResponse.next({ request: { headers } }));
}

/**
 * The origins this app answers as: the request's own (its Host header and the socket's
 * scheme, or what a trusted proxy said: scripts/serve.mjs has already replaced any
 * x-forwarded-* header a client sent), and the public URL.
 */
function ownOrigins(request: NextRequest): string[] {
  const origins: string[] = [];
  const edge = process.env[EDGE_MARK] === "1";
  const host = (edge && request.headers.get("x-forwarded-host")) || request.headers.get("host");
  const proto = edge ? request.headers.get("x-forwarded-proto") : request.nextUrl.protocol;
  if (host && proto) origins.push(`${proto.replace(/:$/, "")}://${host}`);
  const { NEXTAUTH_URL, CLAIMDESK_PUBLIC_URL } = settings();
  for (const url of [NEXTAUTH_URL, CLAIMDESK_PUBLIC_URL]) {
    if (url) origins.push(url);
  }
  return origins;
}

/** A fact-check's page and its embed card. */
const FACT_CHECK_PATH = /^\/fact-checks\/([a-z0-9-]+)(?:\/embed)?$/;
const EMBED_PATH = /^\/fact-checks\/[a-z0-9-]+\/embed$/;

/** A withdrawn fact-check's notice: plain HTML, like the 503 page. */
function withdrawn(at: Date | null): NextResponse {
  const when = at ? ` on ${publicDate(at)}` : "";
  return new NextResponse(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fact-check withdrawn</title></head>` +
      `<body><main><h1>This fact-check was withdrawn</h1><p>We withdrew it${when}. ` +
      `<a href="/fact-checks">See our fact-checks</a>, or <a href="/corrections">our corrections policy</a>.</p></main></body></html>`,
    {
      status: 410,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    },
  );
}

function unavailable(isApi: boolean): NextResponse {
  const headers = { "Retry-After": "5", "Cache-Control": "no-store" };
  if (isApi) {
    return NextResponse.json(
      { error: "The database is unreachable; try again in a moment" },
      { status: 503, headers },
    );
  }
  // Plain HTML with no script or style of its own: it must render whatever else is down.
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ClaimDesk is unavailable</title><meta http-equiv="refresh" content="10"></head><body><main><h1>ClaimDesk cannot reach its database</h1><p>Nothing you saved before is lost. This page tries again every 10 seconds; ask your administrator if it does not come back.</p></main></body></html>`;
  return new NextResponse(html, {
    status: 503,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
  });
}

export const config = {
  // Everything but build assets and prefetches of them.
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|robots.txt).*)",
    },
  ],
};
