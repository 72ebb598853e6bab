import { z } from "zod";
import { hasRole, type Role } from "./roles";

/**
 * What the desk reads from a provider's ID token (already verified by next-auth's OpenID
 * Connect client: signature, issuer, audience, expiry, nonce), and the rules it applies.
 * Pure: lib/data/single-sign-on.ts does the database side.
 */

export const providerClaims = z.looseObject({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()).optional(),
  /** Google and Okta say; Microsoft Entra does not (its addresses are the tenant's own). */
  email_verified: z.union([z.boolean(), z.enum(["true", "false"])]).optional(),
  name: z.string().trim().max(200).optional(),
  preferred_username: z.string().trim().max(254).optional(),
});
export type ProviderClaims = z.infer<typeof providerClaims>;

/** The email of the identity: `email`, else an Entra-style `preferred_username` address. */
export function identityEmail(claims: ProviderClaims): string | null {
  if (claims.email) return claims.email;
  const fallback = z.email().safeParse(claims.preferred_username?.toLowerCase());
  return fallback.success ? fallback.data : null;
}

/** An address the provider says it has not verified (absent counts as verified). */
export function emailUnverified(claims: ProviderClaims): boolean {
  return claims.email_verified === false || claims.email_verified === "false";
}

/** Whether an email's domain is one whose people get an account at their first sign-in. */
export function domainAllowed(email: string, domains: readonly string[]): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1);
  return domains.includes(domain);
}

/**
 * The role the provider's groups give, with a map configured: the highest mapped group's,
 * else the default. Null without a map (the desk's own role stands).
 */
export function roleFromGroups(
  groups: unknown,
  map: Readonly<Record<string, Role>>,
  fallback: Role,
): Role | null {
  if (Object.keys(map).length === 0) return null;
  const list = Array.isArray(groups) ? groups : typeof groups === "string" ? [groups] : [];
  let role: Role | null = null;
  for (const group of list) {
    const mapped = typeof group === "string" ? map[group] : undefined;
    if (mapped && (!role || hasRole(mapped, role))) role = mapped;
  }
  return role ?? fallback;
}

/** Why a sign-in through the provider was refused: the login page's `?error=` codes. */
export const SSO_REFUSALS = {
  SsoNoEmail: "The provider did not give an email address for this account.",
  SsoUnverified: "The provider has not verified this account's email address.",
  SsoNotInvited:
    "This account has no access to the desk. Ask an admin to invite you, then sign in again.",
  SsoDisabled: "This account is disabled. Ask an admin if you should still have access.",
  SsoOtherIdentity:
    "This email address belongs to a desk account bound to another identity at the provider. Ask an admin.",
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;

/**
 * The message for the login page's `?error=`: the desk's own refusals, and next-auth's codes
 * for a provider that failed or answered with something that did not verify. Null for a code
 * that is neither (a link someone made up).
 */
export function signInErrorMessage(code: string): string | null {
  if (Object.hasOwn(SSO_REFUSALS, code)) return SSO_REFUSALS[code as SsoRefusal];
  switch (code) {
    case "OAuthSignin":
      return "Could not reach the sign-in provider. Try again in a moment.";
    case "OAuthCallback":
    case "Callback":
    case "OAuthAccountNotLinked":
      return "The provider's answer could not be verified, so you were not signed in. Try again; if it happens again, tell your administrator.";
    case "AccessDenied":
      return "This account has no access to the desk.";
    case "SessionRequired":
      return "Sign in to go on.";
    default:
      return null;
  }
}
