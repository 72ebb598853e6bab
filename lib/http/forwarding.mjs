// Plain JavaScript: the HTTP server in front of Next.js (scripts/serve.mjs) runs it before
// any TypeScript loader exists, and the app imports it too.
import { BlockList, isIP } from "node:net";

/**
 * Whom the server should believe about a request's origin: nobody by default (the
 * client's address is the socket's, its host the Host header, its scheme the socket's),
 * or the proxies named by CLAIMDESK_TRUSTED_PROXIES: a number of hops (`1`: the nearest
 * proxy, whatever its address) or a comma-separated list of addresses and CIDR ranges
 * (`127.0.0.1, 10.0.0.0/8, ::1`).
 *
 * @typedef {{ hops: number } | { list: BlockList } | null} ProxyTrust
 */

/**
 * @param {string | undefined} setting
 * @returns {ProxyTrust}
 */
export function parseTrustedProxies(setting) {
  const value = (setting ?? "").trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops > 0 ? { hops } : null;
  }
  const list = new BlockList();
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    if (!family) {
      throw new Error(
        `CLAIMDESK_TRUSTED_PROXIES: "${entry}" is not an address, a CIDR range or a number of hops`,
      );
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) {
      list.addAddress(address, type);
      // An IPv4 proxy may reach a dual-stack socket as ::ffff:a.b.c.d: normalised below.
    } else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32)) {
        throw new Error(`CLAIMDESK_TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
      }
      list.addSubnet(address, bits, type);
    }
  }
  return { list };
}

/**
 * An address as one key: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) becomes its IPv4 form,
 * IPv6 is lower-cased; anything else is null.
 *
 * @param {string | undefined} raw
 * @returns {string | null}
 */
export function normaliseAddress(raw) {
  if (!raw) return null;
  let address = raw.trim();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIP(mapped[1] ?? "") === 4) return mapped[1] ?? null;
  const family = isIP(address);
  if (family === 4) return address;
  if (family === 6) return address.toLowerCase();
  return null;
}

/**
 * @param {ProxyTrust} trust
 * @param {string} address a normalised address
 * @param {number} hop how many proxies have been passed already (0: the socket's peer)
 */
function trusts(trust, address, hop) {
  if (!trust) return false;
  if ("hops" in trust) return hop < trust.hops;
  return trust.list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address, scheme and host as this server should believe them. Walks
 * X-Forwarded-For from the right (the nearest proxy's entry) while the hop it came from
 * is trusted, as Express's `trust proxy` does; an entry that is not an address stops the
 * walk. X-Forwarded-Host and X-Forwarded-Proto count only when the socket's peer is a
 * trusted proxy.
 *
 * @param {{ socketAddress: string | undefined, encrypted: boolean, headers: Record<string, string | string[] | undefined> }} request
 * @param {ProxyTrust} trust
 * @returns {{ clientAddress: string | null, proto: "http" | "https", host: string | null }}
 */
export function resolveForwarding(request, trust) {
  const first = (/** @type {string | string[] | undefined} */ value) =>
    (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || null;
  const peer = normaliseAddress(request.socketAddress);
  const ownProto = request.encrypted ? "https" : "http";
  const ownHost = first(request.headers.host);
  if (!peer || !trusts(trust, peer, 0)) {
    return { clientAddress: peer, proto: ownProto, host: ownHost };
  }
  const raw = request.headers["x-forwarded-for"];
  const chain = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .reverse();
  let client = peer;
  for (let hop = 0; hop < chain.length; hop++) {
    if (!trusts(trust, client, hop)) break;
    const next = normaliseAddress(chain[hop]);
    if (!next) break;
    client = next;
  }
  const proto = first(request.headers["x-forwarded-proto"])?.toLowerCase();
  return {
    clientAddress: client,
    proto: proto === "https" || proto === "http" ? proto : ownProto,
    host: first(request.headers["x-forwarded-host"]) ?? ownHost,
  };
}

/** Set on the server's process by scripts/serve.mjs: the x-forwarded-* headers are its own. */
export const EDGE_MARK = "CLAIMDESK_FORWARDING_CHECKED";
