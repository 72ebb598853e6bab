import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authorizeCredentials } from "./credentials";
import { invalidateSessions } from "@/lib/data/users";
import { requestLog } from "@/lib/request-log";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  if (first) return first.slice(0, 64);
  const real = headers?.["x-real-ip"];
  return typeof real === "string" && real ? real.slice(0, 64) : null;
}

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
        const ip = clientIp(req.headers);
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
