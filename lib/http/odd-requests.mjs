// Plain JavaScript: the HTTP server in front of Next.js (scripts/serve.mjs) runs it before
// any TypeScript loader exists.

/** The methods the app answers; anything else is refused before Next.js sees it. */
export const ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS";

const REFUSED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * @typedef {{ status: number, headers: Record<string, string>, body: string, reason: string }} Refusal
 */

/**
 * The plain answer to a request the app does not serve, decided from the request line and
 * headers alone, or null for one it does. Next.js answered these with a 500 and a stack in
 * the log (TRACE, `OPTIONS *`), or followed an absolute-form target to another site (a 308
 * to `http://evil.example/login`); an over-limit body reached a server action and failed
 * there with a generic error.
 *
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} req
 * @param {{ maxBodyBytes: number }} limits
 * @returns {Refusal | null}
 */
export function oddRequestRefusal(req, { maxBodyBytes }) {
  const method = (req.method ?? "GET").toUpperCase();
  const target = req.url ?? "";
  if (method === "OPTIONS" && target === "*") {
    return answer(204, "", "OPTIONS *", { allow: ALLOWED_METHODS });
  }
  if (REFUSED_METHODS.has(method)) {
    return answer(405, `${method} is not served here.\n`, `method ${method}`, {
      allow: ALLOWED_METHODS,
    });
  }
  if (!target.startsWith("/")) {
    return answer(
      400,
      "The request target must be a path (starting with /).\n",
      "target not a path",
    );
  }
  if (BODY_METHODS.has(method)) {
    // A body sent in chunks (no length) is Next.js's to bound, as it reads it.
    const length = req.headers["content-length"];
    const bytes = length === undefined ? NaN : Number(length);
    if (Number.isFinite(bytes) && bytes > maxBodyBytes) {
      return answer(
        413,
        `The request is ${megabytes(bytes)}; the limit is ${megabytes(maxBodyBytes)}.\n`,
        "body over the limit",
      );
    }
  }
  return null;
}

/** @param {number} bytes */
function megabytes(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * @param {number} status
 * @param {string} body
 * @param {string} reason
 * @param {Record<string, string>} [headers]
 * @returns {Refusal}
 */
function answer(status, body, reason, headers = {}) {
  return {
    status,
    body,
    reason,
    headers: {
      ...headers,
      ...(body ? { "content-type": "text/plain; charset=utf-8" } : {}),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      connection: "close",
    },
  };
}
