import type { Role } from "@/lib/domain/roles";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: Role };
    sessionVersion: number;
    /** How this session signed in: the second factor is required of password sessions only. */
    method: "password" | "sso";
  }
  interface User {
    id: string;
    name: string;
    email: string;
    role: Role;
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sv?: number;
    /** "sso" for a sign-in through the OpenID Connect provider; absent: a password. */
    via?: "sso";
  }
}
