import { afterEach, describe, expect, it } from "vitest";
import { signInProviders, SSO_PROVIDER_ID } from "./options";

const SSO = {
  CLAIMDESK_OIDC_ISSUER: "https://accounts.google.com",
  CLAIMDESK_OIDC_CLIENT_ID: "desk.apps.googleusercontent.com",
  CLAIMDESK_OIDC_CLIENT_SECRET: "a-client-secret",
};
const NAMES = [...Object.keys(SSO), "CLAIMDESK_PASSWORD_LOGIN", "CLAIMDESK_OIDC_NAME"];

afterEach(() => {
  for (const name of NAMES) delete process.env[name];
});

const ids = () => signInProviders().map((provider) => provider.id);

describe("the ways to sign in", () => {
  it("are email and password alone by default", () => {
    expect(ids()).toEqual(["credentials"]);
  });

  it("add the OpenID Connect provider when configured: code flow with PKCE, state and nonce", () => {
    Object.assign(process.env, SSO, { CLAIMDESK_OIDC_NAME: "Google" });
    expect(ids()).toEqual(["credentials", SSO_PROVIDER_ID]);
    const sso = signInProviders().find((p) => p.id === SSO_PROVIDER_ID) as unknown as Record<
      string,
      unknown
    >;
    expect(sso).toMatchObject({
      name: "Google",
      type: "oauth",
      wellKnown: "https://accounts.google.com/.well-known/openid-configuration",
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      clientId: SSO.CLAIMDESK_OIDC_CLIENT_ID,
    });
  });

  it("are the provider's alone with CLAIMDESK_PASSWORD_LOGIN=off", () => {
    Object.assign(process.env, SSO, { CLAIMDESK_PASSWORD_LOGIN: "off" });
    expect(ids()).toEqual([SSO_PROVIDER_ID]);
  });
});
