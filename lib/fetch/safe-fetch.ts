import dns from "node:dns";
import type { LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, request, errors as undiciErrors } from "undici";
import { settings } from "@/lib/settings";

/**
 * The one way ClaimDesk fetches from the web (articles by URL, news feeds): it runs in
 * workers, never in the web server, and refuses to be turned against the desk's own
 * network (SSRF):
 *
 * - http and https only, no user:password@ in the address;
 * - the host is resolved once, and every address it resolves to must be public unicast
 *   (no loopback, private, link-local, CGNAT, multicast, unspecified, IPv4-mapped IPv6,
 *   unique-local or otherwise reserved address, so no cloud metadata address either); the
 *   connection goes to an address that was checked (the check is the connection's own DNS
 *   lookup, so there is no second lookup to race); an address written in the URL (in any
 *   form the URL parser reads: decimal, octal, bracketed IPv6) is checked the same way;
 * - each redirect (at most 5) is checked again;
 * - connect and total timeouts, a size cap, and only the content types asked for; the text
 *   is decoded with the charset of the headers, else of the document, else UTF-8.
 *
 * CLAIMDESK_FETCH_ALLOW_HOSTS (host names, comma-separated; off by default) lets named hosts
 * resolve to private addresses: for tests and for private deployments.
 */

/** A fetch refused or failed, with a message for the person who asked for it. */
export class FetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FetchError";
  }
}

export interface FetchOptions {
  /** Content types accepted (lower case, without parameters). */
  accept: readonly string[];
  /** What the content is called in messages ("a web page", "a feed"). */
  kind?: string;
  maxBytes?: number;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxRedirects?: number;
  /** Host names allowed to resolve to private addresses (default: CLAIMDESK_FETCH_ALLOW_HOSTS). */
  allowHosts?: readonly string[];
  /** Conditional GET: the validators of the last fetch. */
  etag?: string | null;
  lastModified?: string | null;
  /** Stops the fetch early (the import item's deadline); reported like a timeout. */
  signal?: AbortSignal;
}

export interface Fetched {
  /** The address the content came from, after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  contentType: string | null;
  text: string;
  etag: string | null;
  lastModified: string | null;
}

export const PAGE_TYPES = ["text/html", "application/xhtml+xml", "text/plain"] as const;
export const FEED_TYPES = [
  "application/rss+xml",
  "application/atom+xml",
  "application/feed+json",
  "application/json",
  "application/xml",
  "text/xml",
  "application/rdf+xml",
  // Many servers send feeds as text/html or text/plain; the feed parser decides.
  "text/plain",
  "text/html",
] as const;

/** The whole of one fetch, connecting included: an import item's fetch budget. */
export const FETCH_TIMEOUT_MS = 20_000;

const DEFAULTS = {
  maxBytes: 10 * 1024 * 1024,
  timeoutMs: FETCH_TIMEOUT_MS,
  connectTimeoutMs: 5_000,
  maxRedirects: 5,
};

/** CLAIMDESK_FETCH_ALLOW_HOSTS, lower-cased. */
export function allowedHostsFromEnv(): string[] {
  return settings().CLAIMDESK_FETCH_ALLOW_HOSTS;
}

const IPV4_COMPATIBLE: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse("::"), 96];

/**
 * Why an address may not be fetched from, or null for a public unicast address. Every
 * IPv6 form that embeds an IPv4 address (mapped, compatible, 6to4, NAT64, Teredo) is
 * refused: none is a public unicast address in ipaddr.js's ranges but the compatible one,
 * which is refused by name.
 */
export function addressRefusal(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return "not an IP address";
  }
  const range = parsed.range();
  if (range === "unicast") {
    // ::/96 held IPv4-compatible IPv6 addresses (deprecated): ::7f00:1 is 127.0.0.1, and
    // ipaddr.js calls the range unicast (but for :: and ::1, which it names).
    if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).match(IPV4_COMPATIBLE)) {
      return "an IPv4-compatible IPv6 address";
    }
    return null;
  }
  const words: Record<string, string> = {
    loopback: "a loopback address",
    private: "a private network address",
    linkLocal: "a link-local address (cloud metadata lives there)",
    carrierGradeNat: "a carrier-grade NAT address",
    multicast: "a multicast address",
    unspecified: "an unspecified address",
    broadcast: "a broadcast address",
    uniqueLocal: "a unique-local address",
    ipv4Mapped: "an IPv4-mapped IPv6 address",
  };
  return words[range] ?? `a reserved address (${range})`;
}

/** The host of a URL without IPv6 brackets, lower-cased. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

/** Checks an address before anything is sent: scheme, credentials, and an IP written in it. */
export function checkUrl(raw: string | URL, allowHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError("not a web address");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError(`only http and https addresses are fetched, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new FetchError("addresses with a user name or password are not fetched");
  }
  const host = bareHost(url);
  if (ipaddr.isValid(host) && !allowHosts.includes(host)) {
    const refusal = addressRefusal(host);
    if (refusal)
      throw new FetchError(`${host} is ${refusal}; only public web addresses are fetched`);
  }
  return url;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * The connection's DNS lookup, which refuses a host that resolves to any address not
 * public (unless the host is allowed): the socket then connects to an address checked here.
 */
function guardedLookup(allowHosts: readonly string[]) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!allowHosts.includes(hostname.toLowerCase())) {
        for (const { address } of addresses) {
          const refusal = addressRefusal(address);
          if (refusal) {
            return callback(
              new RefusedAddress(
                `${hostname} resolves to ${address}, ${refusal}; only public web addresses are fetched`,
              ),
              [],
            );
          }
        }
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first)
        return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), []);
      callback(null, first.address, first.family);
    });
  };
}

class RefusedAddress extends Error {
  readonly code = "CLAIMDESK_REFUSED_ADDRESS";
}

/**
 * Connections whose address was checked twice: by the lookup they resolve with, and once
 * connected, the socket's own remote address, before a byte of the request is written.
 * The second check holds whatever the first missed (an address form, a resolver's answer).
 */
export function checkedConnector(
  allowHosts: readonly string[],
  timeout: number,
  lookup: ReturnType<typeof guardedLookup> = guardedLookup(allowHosts),
): buildConnector.connector {
  const connect = buildConnector({ lookup, timeout });
  return (options, callback) =>
    connect(options, (error, socket) => {
      if (error) return callback(error, null);
      const remote = socket.remoteAddress;
      const host = options.hostname.replace(/^\[|\]$/g, "").toLowerCase();
      if (remote && !allowHosts.includes(host)) {
        // A dual-stack socket names an IPv4 peer as ::ffff:a.b.c.d: read it as IPv4.
        const refusal = ipaddr.isValid(remote)
          ? addressRefusal(ipaddr.process(remote).toString())
          : "not an IP address";
        if (refusal) {
          socket.destroy();
          return callback(
            new RefusedAddress(
              `${host} connected to ${remote}, ${refusal}; only public web addresses are fetched`,
            ),
            null,
          );
        }
      }
      callback(null, socket);
    });
}

/** The refusal or network failure behind an undici error, as a message for people. */
function describe(error: unknown, url: URL, options: Required<Pick<FetchOptions, "timeoutMs">>) {
  if (error instanceof FetchError) return error;
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 5; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
  }
  const refused = chain.find((e) => e instanceof RefusedAddress) as RefusedAddress | undefined;
  if (refused) return new FetchError(refused.message);
  const code = chain
    .map((e) => (e as { code?: string }).code)
    .find((c): c is string => typeof c === "string");
  const host = url.host;
  if (
    chain.some(
      (e) =>
        e instanceof undiciErrors.HeadersTimeoutError ||
        e instanceof undiciErrors.BodyTimeoutError ||
        (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")),
    )
  ) {
    return new FetchError(
      `${host} took too long to answer (over ${options.timeoutMs < 1000 ? `${options.timeoutMs} ms` : `${Math.round(options.timeoutMs / 1000)} s`})`,
    );
  }
  switch (code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new FetchError(`could not find the host ${url.hostname}`);
    case "ECONNREFUSED":
      return new FetchError(`${host} refused the connection`);
    case "UND_ERR_CONNECT_TIMEOUT":
      return new FetchError(`could not connect to ${host} in time`);
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return new FetchError(`${host} closed the connection`);
    default:
      if (code?.startsWith("ERR_TLS") || code?.includes("CERT")) {
        return new FetchError(`${host}'s certificate could not be verified`);
      }
      return new FetchError(
        `could not fetch from ${host}${error instanceof Error ? ` (${error.message})` : ""}`,
      );
  }
}

/** The charset a document declares in its first bytes (meta tag or XML declaration). */
export function declaredCharset(head: Uint8Array): string | null {
  const text = new TextDecoder("latin1").decode(head.subarray(0, 2048));
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)/i.exec(text) ??
    /<\?xml[^>]+encoding\s*=\s*["']([-\w.:]+)["']/i.exec(text);
  return meta?.[1]?.toLowerCase() ?? null;
}

function decode(bytes: Uint8Array, headerCharset: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes);
  }
  const label = headerCharset ?? declaredCharset(bytes) ?? "utf-8";
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(bytes);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Fetches `raw` under the rules above; throws FetchError with a readable message. */
export async function safeFetch(raw: string, options: FetchOptions): Promise<Fetched> {
  const settings = { ...DEFAULTS, ...options };
  const allowHosts = (options.allowHosts ?? allowedHostsFromEnv()).map((h) => h.toLowerCase());
  const kind = options.kind ?? "a web page";
  const agent = new Agent({
    connect: checkedConnector(allowHosts, settings.connectTimeoutMs),
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
    connections: 1,
  });
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let url = checkUrl(raw, allowHosts);
  try {
    for (let redirects = 0; ; redirects++) {
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(url, {
          dispatcher: agent,
          method: "GET",
          signal,
          headers: {
            "user-agent": "ClaimDesk/1 (+fact-checking desk)",
            accept: `${settings.accept.join(", ")};q=0.9, */*;q=0.1`,
            ...(options.etag ? { "if-none-match": options.etag } : {}),
            ...(options.lastModified ? { "if-modified-since": options.lastModified } : {}),
          },
        });
      } catch (error) {
        throw describe(error, url, settings);
      }
      const header = (name: string) => {
        const value = response.headers[name];
        return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
      };
      const { statusCode } = response;
      if (statusCode >= 300 && statusCode < 400 && statusCode !== 304) {
        await response.body.dump().catch(() => {});
        const location = header("location");
        if (!location) throw new FetchError(`${url.host} redirected without saying where`);
        if (redirects >= settings.maxRedirects) {
          throw new FetchError(`too many redirects (over ${settings.maxRedirects})`);
        }
        url = checkUrl(new URL(location, url), allowHosts);
        continue;
      }
      const validators = { etag: header("etag"), lastModified: header("last-modified") };
      if (statusCode === 304) {
        await response.body.dump().catch(() => {});
        return {
          url: url.href,
          status: 304,
          notModified: true,
          contentType: null,
          text: "",
          ...validators,
        };
      }
      if (statusCode < 200 || statusCode >= 300) {
        await response.body.dump().catch(() => {});
        throw new FetchError(`${url.host} answered ${statusCode} for ${url.pathname}`);
      }
      const contentType = header("content-type");
      const mime = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
      if (!settings.accept.includes(mime)) {
        await response.body.dump().catch(() => {});
        throw new FetchError(`${url.href} is ${mime || "of no stated type"}, not ${kind}`);
      }
      const length = Number(header("content-length"));
      if (Number.isFinite(length) && length > settings.maxBytes) {
        await response.body.dump().catch(() => {});
        throw new FetchError(
          `${url.href} is ${megabytes(length)}; the limit is ${megabytes(settings.maxBytes)}`,
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          size += chunk.byteLength;
          if (size > settings.maxBytes) {
            response.body.destroy();
            throw new FetchError(`${url.href} is over ${megabytes(settings.maxBytes)}, the limit`);
          }
          chunks.push(chunk);
        }
      } catch (error) {
        throw describe(error, url, settings);
      }
      const charset =
        /charset\s*=\s*"?([-\w.:]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase() ?? null;
      return {
        url: url.href,
        status: statusCode,
        notModified: false,
        contentType: mime,
        text: decode(Buffer.concat(chunks), charset),
        ...validators,
      };
    }
  } finally {
    await agent.close().catch(() => {});
  }
}

/** What a POST got back: the status and the first bytes of the answer (for a delivery log). */
export interface Posted {
  status: number;
  body: string;
}

/**
 * POSTs `body` to `raw` under the same address rules as safeFetch (webhooks): checked
 * address and connection, connect and total timeouts, no redirect followed (a 3xx comes
 * back as the status), at most 1 KB of the answer kept. Throws FetchError when nothing
 * was answered.
 */
export async function safePost(
  raw: string,
  body: string,
  options: {
    headers: Record<string, string>;
    timeoutMs: number;
    allowHosts?: readonly string[];
    signal?: AbortSignal;
  },
): Promise<Posted> {
  const allowHosts = (options.allowHosts ?? allowedHostsFromEnv()).map((h) => h.toLowerCase());
  const url = checkUrl(raw, allowHosts);
  const timeoutMs = options.timeoutMs;
  const agent = postAgent(allowHosts, timeoutMs);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const response = await request(url, {
      dispatcher: agent,
      method: "POST",
      signal,
      body,
      headers: { "user-agent": "ClaimDesk/1 (+fact-checking desk)", ...options.headers },
    });
    let answer = "";
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if (answer.length < 1024) answer += chunk.toString("utf8");
      if (answer.length >= 1024) {
        response.body.destroy();
        break;
      }
    }
    return { status: response.statusCode, body: answer.slice(0, 1024) };
  } catch (error) {
    throw describe(error, url, { timeoutMs });
  }
}

/**
 * POSTs share their connections (kept alive, a few per origin): each new connection is
 * checked by checkedConnector like any other, so reuse skips only the handshake, never the
 * address check. One agent per set of allowed hosts and timeout.
 */
const postAgents = new Map<string, Agent>();
function postAgent(allowHosts: readonly string[], timeoutMs: number): Agent {
  const key = `${allowHosts.join(",")}|${timeoutMs}`;
  let agent = postAgents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: checkedConnector(allowHosts, Math.min(DEFAULTS.connectTimeoutMs, timeoutMs)),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connections: 4,
      keepAliveTimeout: 30_000,
    });
    postAgents.set(key, agent);
  }
  return agent;
}
