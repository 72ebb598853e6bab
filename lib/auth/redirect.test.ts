import { describe, expect, it } from "vitest";
import { safeRedirect } from "./options";

describe("safeRedirect (next-auth's callbackUrl)", () => {
  const base = "http://localhost:3000";
  it("keeps this site's paths and URLs", () => {
    expect(safeRedirect("/claims?state=NEW", base)).toBe(`${base}/claims?state=NEW`);
    expect(safeRedirect(`${base}/approvals`, base)).toBe(`${base}/approvals`);
  });

  it("sends anything else home instead of throwing", () => {
    for (const url of [
      "WyIiLCIwMDAwMDAwMC0wMDAwLTEwMDAtODAwMC0wMDAwMDAwMDAwMDAiXQ",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "http://[",
      "/login",
      "",
    ]) {
      expect(safeRedirect(url, base), url).toBe(base);
    }
  });
});
