import { describe, expect, it } from "vitest";
import {
  domainAllowed,
  emailUnverified,
  identityEmail,
  providerClaims,
  roleFromGroups,
  signInErrorMessage,
  SSO_REFUSALS,
} from "./single-sign-on";

const MAP = { "desk-editors": "EDITOR", "desk-admins": "ADMIN" } as const;

describe("roles from the provider's groups", () => {
  it("is the highest mapped group's, whatever the order", () => {
    expect(roleFromGroups(["desk-admins", "desk-editors"], MAP, "REVIEWER")).toBe("ADMIN");
    expect(roleFromGroups(["staff", "desk-editors"], MAP, "REVIEWER")).toBe("EDITOR");
    expect(roleFromGroups("desk-editors", MAP, "REVIEWER")).toBe("EDITOR");
  });
  it("is the default without a mapped group, and nothing without a map", () => {
    expect(roleFromGroups(["staff"], MAP, "REVIEWER")).toBe("REVIEWER");
    expect(roleFromGroups(undefined, MAP, "EDITOR")).toBe("EDITOR");
    expect(roleFromGroups([{ name: "desk-admins" }], MAP, "REVIEWER")).toBe("REVIEWER");
    expect(roleFromGroups(["desk-admins"], {}, "REVIEWER")).toBeNull();
  });
});

describe("the identity's email", () => {
  it("is `email`, else an address in preferred_username, lower-cased", () => {
    expect(identityEmail(providerClaims.parse({ sub: "1", email: "Ana@News.Example" }))).toBe(
      "ana@news.example",
    );
    expect(
      identityEmail(providerClaims.parse({ sub: "1", preferred_username: "Bo@News.Example" })),
    ).toBe("bo@news.example");
    expect(identityEmail(providerClaims.parse({ sub: "1", preferred_username: "bo" }))).toBeNull();
  });
  it("is unverified only when the provider says so", () => {
    expect(emailUnverified(providerClaims.parse({ sub: "1", email_verified: false }))).toBe(true);
    expect(emailUnverified(providerClaims.parse({ sub: "1", email_verified: "false" }))).toBe(true);
    expect(emailUnverified(providerClaims.parse({ sub: "1" }))).toBe(false);
  });
  it("has an allowed domain only when it is one exactly (no suffix tricks)", () => {
    expect(domainAllowed("a@newsroom.org", ["newsroom.org"])).toBe(true);
    expect(domainAllowed("a@evilnewsroom.org", ["newsroom.org"])).toBe(false);
    expect(domainAllowed("a@newsroom.org.evil.example", ["newsroom.org"])).toBe(false);
  });
});

describe("the login page's messages", () => {
  it("say why for the desk's refusals and next-auth's codes, and nothing for made-up codes", () => {
    for (const [code, message] of Object.entries(SSO_REFUSALS)) {
      expect(signInErrorMessage(code)).toBe(message);
    }
    expect(signInErrorMessage("OAuthCallback")).toMatch(/could not be verified/);
    expect(signInErrorMessage("<script>")).toBeNull();
    expect(signInErrorMessage("toString")).toBeNull();
  });
});
