import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { Server } from "node:http";
import { TEST_CLIENT } from "./oidc-test-client";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

/**
 * A real OpenID Connect provider (the `oidc-provider` package: discovery, keys, the
 * authorization code flow with PKCE, ID tokens) for the tests, with its development login
 * form: any login and any password sign in, and the login is the account.
 *
 * - The account `nora@newsroom.test` has that email (a login without `@` gets
 *   `@newsroom.test`), its name from the part before `@`, and groups by words in the login:
 *   `chief` → `desk-admins`, `editor` → `desk-editors`. A login starting `unverified`
 *   has `email_verified: false`.
 * - A login `<fault>+name@…` gets an ID token spoiled the way it names, re-signed with the
 *   provider's own key (so only the named check can refuse it): `wrong-issuer`,
 *   `wrong-audience`, `wrong-nonce`, `expired`; or `forged` (signed by another key under
 *   the provider's key id).
 */

type Fault = "wrong-issuer" | "wrong-audience" | "wrong-nonce" | "expired" | "forged";
const FAULTS = new Set<Fault>([
  "wrong-issuer",
  "wrong-audience",
  "wrong-nonce",
  "expired",
  "forged",
]);

function faultOf(login: string): Fault | null {
  const plus = login.indexOf("+");
  const fault = plus > 0 ? login.slice(0, plus) : "";
  return FAULTS.has(fault as Fault) ? (fault as Fault) : null;
}

export function accountClaims(login: string) {
  const email = (login.includes("@") ? login : `${login}@newsroom.test`).toLowerCase();
  const local = email.slice(0, email.indexOf("@")).replace(/^[a-z-]+\+/, "");
  const groups = [
    ...(login.includes("chief") ? ["desk-admins"] : []),
    ...(login.includes("editor") ? ["desk-editors"] : []),
    "all-staff",
  ];
  return {
    sub: login,
    email,
    email_verified: !login.startsWith("unverified"),
    name: local
      .split(/[.\-_]/)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join(" "),
    groups,
  };
}

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcProvider({
  port,
  redirectUris,
}: {
  port: number;
  redirectUris: string[];
}): Promise<TestProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: "jwk" }),
    kid: "test-key",
    alg: "RS256",
    use: "sig",
  };
  const { privateKey: forgerKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [jwk as never] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "groups"],
    },
    // The claims in the ID token itself, as Google, Entra and Okta put them there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => accountClaims(id) };
    },
    // A first-party client: no consent screen (the grant is made at once).
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ||
        ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.proxy = false;

  // Spoils the ID token of a faulty account on its way out of the token endpoint.
  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== "/token" || !body?.id_token) return;
    const [encodedHeader, encodedClaims] = body.id_token.split(".");
    const header = JSON.parse(Buffer.from(encodedHeader!, "base64url").toString()) as object;
    const claims = JSON.parse(Buffer.from(encodedClaims!, "base64url").toString()) as Record<
      string,
      unknown
    >;
    const fault = faultOf(String(claims.sub));
    if (!fault) return;
    const now = Math.floor(Date.now() / 1000);
    const spoiled = { ...claims };
    if (fault === "wrong-issuer") spoiled.iss = "http://impostor.example";
    if (fault === "wrong-audience") spoiled.aud = "another-client";
    if (fault === "wrong-nonce") spoiled.nonce = "not-the-nonce-the-desk-sent";
    if (fault === "expired") Object.assign(spoiled, { iat: now - 7200, exp: now - 3600 });
    body.id_token = signJwt(header, spoiled, fault === "forged" ? forgerKey : privateKey);
  });

  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(port, "127.0.0.1", () => resolve(listening));
  });
  return {
    issuer,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An RS256 JWS of these header and claims. */
function signJwt(header: object, claims: object, key: KeyObject): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}
