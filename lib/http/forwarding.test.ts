import { describe, expect, it } from "vitest";
import { normaliseAddress, parseTrustedProxies, resolveForwarding } from "./forwarding.mjs";

const request = (
  socketAddress: string,
  headers: Record<string, string> = {},
  encrypted = false,
) => ({ socketAddress, encrypted, headers: { host: "desk.example:3000", ...headers } });

const SPOOFED = {
  "x-forwarded-for": "203.0.113.9",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
};

describe("resolveForwarding", () => {
  it("believes only the socket by default: a client's own headers change nothing", () => {
    expect(resolveForwarding(request("198.51.100.7", SPOOFED), null)).toEqual({
      clientAddress: "198.51.100.7",
      proto: "http",
      host: "desk.example:3000",
    });
    expect(resolveForwarding(request("198.51.100.7", {}, true), null).proto).toBe("https");
  });

  it("takes a named proxy's word, and only that proxy's", () => {
    const trust = parseTrustedProxies("127.0.0.1, 10.0.0.0/8");
    expect(resolveForwarding(request("10.1.2.3", SPOOFED), trust)).toEqual({
      clientAddress: "203.0.113.9",
      proto: "https",
      host: "evil.example",
    });
    // Not from the proxy: its headers are the client's own and count for nothing.
    expect(resolveForwarding(request("192.0.2.1", SPOOFED), trust).clientAddress).toBe("192.0.2.1");
  });

  it("walks X-Forwarded-For from the right and stops at the first untrusted hop", () => {
    const trust = parseTrustedProxies("10.0.0.0/8");
    // The client put 1.1.1.1 there itself; the proxy 10.0.0.2 appended who it saw.
    const headers = { "x-forwarded-for": "1.1.1.1, 198.51.100.20, 10.0.0.2" };
    expect(resolveForwarding(request("10.0.0.1", headers), trust).clientAddress).toBe(
      "198.51.100.20",
    );
    // A chain entry that is no address ends the walk at the last good one.
    const junk = { "x-forwarded-for": "1.1.1.1, not-an-address, 10.0.0.2" };
    expect(resolveForwarding(request("10.0.0.1", junk), trust).clientAddress).toBe("10.0.0.2");
  });

  it("counts hops when the setting is a number", () => {
    const headers = { "x-forwarded-for": "1.1.1.1, 198.51.100.20, 192.0.2.5" };
    expect(resolveForwarding(request("192.0.2.200", headers), parseTrustedProxies("1"))).toEqual(
      expect.objectContaining({ clientAddress: "192.0.2.5" }),
    );
    expect(
      resolveForwarding(request("192.0.2.200", headers), parseTrustedProxies("2")).clientAddress,
    ).toBe("198.51.100.20");
    expect(parseTrustedProxies("0")).toBeNull();
  });

  it("sees an IPv4 peer of a dual-stack socket as IPv4", () => {
    const trust = parseTrustedProxies("127.0.0.1");
    const headers = { "x-forwarded-for": "2001:DB8::1" };
    expect(resolveForwarding(request("::ffff:127.0.0.1", headers), trust).clientAddress).toBe(
      "2001:db8::1",
    );
  });

  it("refuses a setting it cannot read, rather than trusting nobody silently", () => {
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/not an address/);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix/);
    expect(parseTrustedProxies("")).toBeNull();
    expect(parseTrustedProxies(undefined)).toBeNull();
  });
});

describe("normaliseAddress", () => {
  it("keys one address one way and refuses what is not an address", () => {
    expect(normaliseAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseAddress("[2001:DB8::2]")).toBe("2001:db8::2");
    expect(normaliseAddress("192.0.2.1:443")).toBeNull();
    expect(normaliseAddress("x".repeat(10_000))).toBeNull();
    expect(normaliseAddress(undefined)).toBeNull();
  });
});
