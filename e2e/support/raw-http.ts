import { request as httpRequest } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with node:http, so that a test controls what a browser or fetch would
 * not let it: the source address of the connection (any 127.x.y.z reaches a server on
 * 127.0.0.1, each a different client address to it), and every header as sent. A reply
 * never received (the connection dropped) rejects.
 */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
    timeoutMs?: number;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      {
        host: target.hostname === "localhost" ? "127.0.0.1" : target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        headers: { host: target.host, ...options.headers },
        localAddress: options.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 20_000, () =>
      req.destroy(new Error(`no reply from ${url} in time`)),
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const cookiesOf = (response: RawResponse): string[] => {
  const raw = response.headers["set-cookie"];
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).map((c) => c.split(";")[0]!);
};

/**
 * Signs in through next-auth's form endpoints from one source address, with any extra
 * headers (a spoofed X-Forwarded-For, say). Returns the session cookie on success, else
 * next-auth's error (`CredentialsSignin`, or `RATE_LIMITED:<seconds>` while throttled).
 */
export async function attemptLogin(
  baseUrl: string,
  email: string,
  password: string,
  options: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<{ cookie: string | null; error: string | null }> {
  const csrf = await rawRequest(`${baseUrl}/api/auth/csrf`, options);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const response = await rawRequest(`${baseUrl}/api/auth/callback/credentials`, {
    ...options,
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiesOf(csrf).join("; "),
      ...options.headers,
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  const cookie = cookiesOf(response).find((c) => c.includes("session-token=")) ?? null;
  const location = String(response.headers.location ?? JSON.parse(response.body || "{}").url ?? "");
  const error = location ? new URL(location, baseUrl).searchParams.get("error") : null;
  return { cookie, error: cookie ? null : (error ?? `status ${response.status}`) };
}

/**
 * A download that stops reading after `bytes`: its socket stays open and takes nothing
 * more, as a client that never reads on would.
 */
export function stalledDownload(
  url: string,
  headers: Record<string, string>,
  bytes: number,
): Promise<{ status: number; received: () => number; close: () => void }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    let received = 0;
    const req = httpRequest(
      {
        host: target.hostname === "localhost" ? "127.0.0.1" : target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        headers: { host: target.host, ...headers },
      },
      (res) => {
        res.on("error", () => {});
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received >= bytes && !res.isPaused()) {
            res.pause();
            resolve({
              status: res.statusCode ?? 0,
              received: () => received,
              close: () => req.destroy(),
            });
          }
        });
        res.once("end", () =>
          reject(new Error(`the download ended after ${received} bytes, before it could stall`)),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}
