import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authorizeCredentials } from "./credentials";
import { invalidateSessions } from "@/lib/data/users";
import { requestLog } from "@/lib/request-log";
import { clientAddress } from "@/lib/http/client-address";
import { safeCallbackPath } from "@/lib/domain/roles";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
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
  ],
  callbacks: {
    // next-auth's default throws on a callbackUrl that is not a URL (a 500 for
    // /api/auth/session?callbackUrl=x): a path of this site, or this site's own URL, else home.
    redirect({ url, baseUrl }) {
      return safeRedirect(url, baseUrl);
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
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
