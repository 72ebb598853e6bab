import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { authorizeCredentials } from "./credentials";
import { invalidateSessions } from "@/lib/data/users";
import { requestLog } from "@/lib/request-log";
import { clientAddress } from "@/lib/http/client-address";
import { safeCallbackPath } from "@/lib/domain/roles";
import { signInWithProvider } from "@/lib/data/single-sign-on";
import { settings } from "@/lib/settings";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** The id of the OpenID Connect provider in next-auth's routes (`/api/auth/callback/oidc`). */
export const SSO_PROVIDER_ID = "oidc";

/**
 * The newsroom's OpenID Connect provider, when configured: the authorization code flow with
 * PKCE, state and nonce. next-auth's OpenID client reads the provider's discovery document
 * and keys and refuses an ID token with a bad signature, another issuer or audience, a
 * wrong nonce or an expired one, before any of the desk's code sees it.
 */
function singleSignOn(): Provider[] {
  const config = settings();
  const issuer = config.CLAIMDESK_OIDC_ISSUER;
  if (!issuer || !config.CLAIMDESK_OIDC_CLIENT_ID || !config.CLAIMDESK_OIDC_CLIENT_SECRET) {
    return [];
  }
  return [
    {
      id: SSO_PROVIDER_ID,
      name: config.CLAIMDESK_OIDC_NAME,
      type: "oauth",
      wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: config.CLAIMDESK_OIDC_CLIENT_ID,
      clientSecret: config.CLAIMDESK_OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      // Replaced in the signIn callback by the desk's own account (lib/data/single-sign-on.ts).
      profile: (claims: { sub: string; email?: string; name?: string }) => ({
        id: claims.sub,
        email: claims.email ?? "",
        name: claims.name ?? "",
        role: "REVIEWER" as const,
        sessionVersion: -1,
      }),
    },
  ];
}

function passwords(): Provider[] {
  if (!settings().CLAIMDESK_PASSWORD_LOGIN) return [];
  return [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const forwarded = req.headers?.["x-forwarded-for"];
        const ip = clientAddress(typeof forwarded === "string" ? forwarded : null);
        const user = await authorizeCredentials(credentials, ip);
        // Who and from where; never what was typed.
        const logger = await requestLog();
        if (user) logger.info({ userId: user.id, ip }, "signed in");
        else logger.warn({ ip }, "sign-in refused");
        return user;
      },
    }),
  ];
}

/** The ways to sign in the settings allow: email and password, the provider, or both. */
export function signInProviders(): Provider[] {
  return [...passwords(), ...singleSignOn()];
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  // next-auth's own reports (an ID token that did not verify, a provider that did not answer)
  // go to the app's log as JSON: its code and the reason, never the request or the tokens.
  logger: {
    // With the request's id, as every line a request writes.
    error(code, metadata) {
      const reason = metadata instanceof Error ? metadata.message : metadataMessage(metadata);
      void requestLog().then((logger) =>
        logger.warn({ code, reason }, "sign-in: next-auth refused or failed"),
      );
    },
    warn(code) {
      void requestLog().then((logger) => logger.warn({ code }, "sign-in: next-auth warning"));
    },
    debug() {},
  },
  providers: signInProviders(),
  callbacks: {
    /**
     * A sign-in through the provider becomes the desk's own account, or is refused with the
     * reason in the login page's `?error=` (lib/domain/single-sign-on.ts has the messages).
     */
    async signIn({ user, account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      const result = await signInWithProvider(profile);
      const logger = await requestLog();
      if (!result.ok) {
        logger.warn({ refusal: result.refusal }, "single sign-on refused");
        return `/login?error=${result.refusal}`;
      }
      logger.info({ userId: result.user.id }, "signed in through the provider");
      Object.assign(user, result.user);
      return true;
    },
    // next-auth's default throws on a callbackUrl that is not a URL (a 500 for
    // /api/auth/session?callbackUrl=x): a path of this site, or this site's own URL, else home.
    redirect({ url, baseUrl }) {
      return safeRedirect(url, baseUrl);
    },
    async jwt({ token, user, account }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.name = user.name;
        token.email = user.email;
        if (account?.provider === SSO_PROVIDER_ID) token.via = "sso";
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        id: token.uid ?? "",
        name: token.name ?? "",
        email: token.email ?? "",
        role: token.role ?? "REVIEWER",
      };
      session.sessionVersion = token.sv ?? -1;
      session.method = token.via === "sso" ? "sso" : "password";
      return session;
    },
  },
  events: {
    // Logging out ends the session everywhere: copies of the old cookie stop working.
    async signOut({ token }) {
      if (token?.uid) {
        await invalidateSessions(token.uid);
        (await requestLog()).info({ userId: token.uid }, "signed out");
      }
    },
  },
};

function metadataMessage(metadata: unknown): string | undefined {
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const { error, message } = metadata as { error?: unknown; message?: unknown };
  if (error instanceof Error) return error.message;
  return typeof message === "string" ? message : undefined;
}

/** Where next-auth may send the browser: a path of this site, or its own URL; else home. */
export function safeRedirect(url: string, baseUrl: string): string {
  try {
    const own = new URL(baseUrl);
    const target = url.startsWith("/") ? new URL(url, own) : new URL(url);
    if (target.origin !== own.origin) return baseUrl;
    return `${baseUrl}${safeCallbackPath(target.pathname + target.search, "")}`;
  } catch {
    return baseUrl;
  }
}
