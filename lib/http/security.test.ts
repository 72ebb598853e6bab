import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, crossSiteRefusal, newNonce, requestId } from "./security";

const headers = (values: Record<string, string>) => new Headers(values);
const HOSTS = ["https://desk.example", "http://localhost:3000"];

describe("contentSecurityPolicy", () => {
  it("runs no inline script without the nonce, and frames nothing", () => {
    const csp = contentSecurityPolicy("abc123");
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).toContain("'nonce-abc123'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("allows eval only in development", () => {
    expect(contentSecurityPolicy("n", true)).toContain("'unsafe-eval'");
  });

  it("gets a different nonce each time", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(atob(newNonce())).toHaveLength(16);
  });
});

describe("crossSiteRefusal", () => {
  it("lets reads through whatever their origin", () => {
    expect(crossSiteRefusal("GET", headers({ "sec-fetch-site": "cross-site" }), HOSTS)).toBeNull();
  });

  it("refuses a POST another site's page makes", () => {
    expect(crossSiteRefusal("POST", headers({ "sec-fetch-site": "cross-site" }), HOSTS)).toMatch(
      /cross-site/,
    );
    expect(crossSiteRefusal("POST", headers({ "sec-fetch-site": "same-site" }), HOSTS)).toMatch(
      /same-site/,
    );
    expect(crossSiteRefusal("POST", headers({ origin: "https://evil.example" }), HOSTS)).toMatch(
      /evil\.example/,
    );
    expect(crossSiteRefusal("DELETE", headers({ origin: "null" }), HOSTS)).toMatch(/not/);
  });

  it("lets this site's own requests and non-browser clients through", () => {
    expect(
      crossSiteRefusal(
        "POST",
        headers({ "sec-fetch-site": "same-origin", origin: "https://desk.example" }),
        HOSTS,
      ),
    ).toBeNull();
    expect(
      crossSiteRefusal("POST", headers({ origin: "http://localhost:3000" }), HOSTS),
    ).toBeNull();
    expect(crossSiteRefusal("POST", headers({}), HOSTS)).toBeNull();
  });

  it("compares the whole origin: scheme, host and port", () => {
    const refused = (origin: string) =>
      crossSiteRefusal("POST", headers({ origin }), HOSTS) !== null;
    expect(refused("https://localhost:3000")).toBe(true);
    expect(refused("http://desk.example")).toBe(true);
    expect(refused("https://desk.example:8443")).toBe(true);
    expect(refused("http://localhost:3001")).toBe(true);
    expect(refused("ftp://desk.example")).toBe(true);
    // The scheme's default port is the same origin written out.
    expect(refused("https://desk.example:443")).toBe(false);
    expect(refused("HTTP://LOCALHOST:3000")).toBe(false);
  });
});

describe("requestId", () => {
  it("keeps a sane id from a proxy in front and replaces anything else", () => {
    expect(requestId("abc-123_XYZ.9")).toBe("abc-123_XYZ.9");
    for (const bad of [null, "", "short", "a\nb-injected-header", "x".repeat(65)]) {
      expect(requestId(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
