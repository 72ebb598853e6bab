/**
 * The HTTP rules every response follows, kept pure so that they can be tested on their own:
 * the Content-Security-Policy (a fresh nonce per page; no inline script runs without it),
 * the other security headers, the cross-site refusal of state-changing requests, and the
 * request id that ties a request's log lines together.
 */

/** A per-request script nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * No inline script without the nonce ('strict-dynamic' lets Next's own nonced loader load
 * its chunks); inline style attributes are allowed (React sets a few; they cannot run
 * code). Development adds 'unsafe-eval' for React's debugging tools only.
 */
export function contentSecurityPolicy(
  nonce: string,
  development = false,
  { embeddable = false }: { embeddable?: boolean } = {},
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Only a fact-check's embed card may be framed, by any site.
    embeddable ? "frame-ancestors *" : "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every response, pages, API and static files alike. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a state-changing request is refused as cross-site, or null when it may go on.
 * Browsers say where a request comes from (Sec-Fetch-Site, Origin); a request from
 * another site is refused whatever cookies it carries. The Origin must be one of the
 * app's own origins as a whole (scheme, host and port). Clients that send neither header
 * (curl, scripts with a bearer token) are not browsers and carry no ambient credentials.
 */
export function crossSiteRefusal(
  method: string,
  headers: Pick<Headers, "get">,
  ownOrigins: readonly string[],
): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    return `Sec-Fetch-Site is ${fetchSite}`;
  }
  const origin = headers.get("origin");
  if (origin) {
    const theirs = originOf(origin);
    if (!theirs) return `Origin "${origin.slice(0, 100)}" is not a URL`;
    const ours = ownOrigins.map(originOf);
    if (!ours.includes(theirs)) return `Origin ${theirs.slice(0, 200)} is not this site`;
  }
  return null;
}

/** scheme://host[:port] of a URL, the port left out when it is the scheme's default; or null. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A request id from a trusted proxy in front of us when it looks sane, else a new one. */
export function requestId(incoming: string | null): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}
