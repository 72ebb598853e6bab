import { EDGE_MARK, normaliseAddress } from "./forwarding.mjs";

/**
 * The client's address as the server in front of Next.js (scripts/serve.mjs) resolved it
 * into X-Forwarded-For: the socket's, or a trusted proxy's word. Without that server (the
 * app run some other way) a client's own header could be anything, so there is no
 * address: logins are then counted per account only.
 */
export function clientAddress(forwardedFor: string | null | undefined): string | null {
  if (process.env[EDGE_MARK] !== "1") return null;
  return normaliseAddress(forwardedFor ?? undefined);
}
