import "server-only";
import { prisma } from "@/lib/db";
import { settings } from "@/lib/settings";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/domain/roles";
import {
  domainAllowed,
  emailUnverified,
  identityEmail,
  providerClaims,
  roleFromGroups,
  type SsoRefusal,
} from "@/lib/domain/single-sign-on";
import type { AuthenticatedUser } from "@/lib/auth/credentials";
import { recordAudit } from "./audit";
import { insertUser, requireAdmin, type SessionUser } from "./users";

const BY = { actorId: null, actorLabel: "single sign-on" };

/**
 * The desk's side of a sign-in through the OpenID Connect provider, after next-auth has
 * verified the ID token. In one transaction (the user's row locked):
 *   - an account bound to this subject, or else with this email, signs in: an invited one
 *     is enabled and bound now; a disabled one, or one bound to another subject, is refused;
 *   - no account: one is made for an email of an allowed domain, else refused;
 *   - with a role map, the provider's groups set the role (audited when it changes).
 * Every change is audited in the same transaction.
 */
export async function signInWithProvider(
  rawClaims: unknown,
): Promise<{ ok: true; user: AuthenticatedUser } | { ok: false; refusal: SsoRefusal }> {
  const parsed = providerClaims.safeParse(rawClaims);
  if (!parsed.success) return { ok: false, refusal: "SsoNoEmail" };
  const claims = parsed.data;
  const email = identityEmail(claims);
  if (!email) return { ok: false, refusal: "SsoNoEmail" };
  if (emailUnverified(claims)) return { ok: false, refusal: "SsoUnverified" };
  const config = settings();
  const mapped = roleFromGroups(
    (rawClaims as Record<string, unknown>)[config.CLAIMDESK_OIDC_ROLE_CLAIM],
    config.CLAIMDESK_OIDC_ROLE_MAP,
    config.CLAIMDESK_OIDC_DEFAULT_ROLE,
  );

  const attempt = () =>
    prisma.$transaction(async (tx) => {
      const [found] = await tx.$queryRaw<
        {
          id: string;
          email: string;
          role: Role;
          disabledAt: Date | null;
          invitedAt: Date | null;
          oidcSubject: string | null;
        }[]
      >`SELECT id, email, role, "disabledAt", "invitedAt", "oidcSubject" FROM "User"
        WHERE "oidcSubject" = ${claims.sub} OR email = ${email}
        ORDER BY ("oidcSubject" = ${claims.sub}) DESC NULLS LAST LIMIT 1 FOR UPDATE`;

      if (!found) {
        if (!domainAllowed(email, config.CLAIMDESK_OIDC_DOMAINS)) {
          return { ok: false as const, refusal: "SsoNotInvited" as const };
        }
        const name = claims.name || email.slice(0, email.indexOf("@"));
        const role = mapped ?? config.CLAIMDESK_OIDC_DEFAULT_ROLE;
        const created = await insertUser(tx, { email, name, role, passwordHash: null }, BY);
        if (!created) throw new RetryableRace();
        await tx.user.update({ where: { id: created.id }, data: { oidcSubject: claims.sub } });
        return { ok: true as const, user: authenticated(created) };
      }

      if (found.oidcSubject && found.oidcSubject !== claims.sub) {
        return { ok: false as const, refusal: "SsoOtherIdentity" as const };
      }
      if (found.disabledAt && !found.invitedAt) {
        return { ok: false as const, refusal: "SsoDisabled" as const };
      }
      const role = mapped ?? found.role;
      const updated = await tx.user.update({
        where: { id: found.id },
        data: {
          oidcSubject: claims.sub,
          ...(found.invitedAt ? { invitedAt: null, disabledAt: null } : {}),
          ...(role !== found.role ? { role } : {}),
        },
      });
      if (!found.oidcSubject) {
        await recordAudit(tx, {
          actorId: found.id,
          action: "user.sso-link",
          entity: "User",
          entityId: found.id,
          after: { invitationAccepted: found.invitedAt !== null },
        });
      }
      if (role !== found.role) {
        await recordAudit(tx, {
          ...BY,
          action: "user.role",
          entity: "User",
          entityId: found.id,
          before: { role: found.role },
          after: { role },
        });
      }
      return { ok: true as const, user: authenticated(updated) };
    });

  try {
    return await attempt();
  } catch (error) {
    // Two first sign-ins of one new person at once: the second finds the first's account.
    if (error instanceof RetryableRace || isUniqueViolation(error)) return attempt();
    throw error;
  }
}

class RetryableRace extends Error {}

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";

function authenticated(user: {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
}): AuthenticatedUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

/**
 * An admin invites someone to sign in through the provider: the account exists at once
 * (to assign work to), disabled until that first sign-in. Audited.
 */
export async function inviteUser(
  admin: SessionUser,
  input: { email: string; name: string; role: Role },
) {
  requireAdmin(admin);
  if (!settings().CLAIMDESK_OIDC_ISSUER) {
    throw new AppError(
      "INVALID_STATE",
      "Invitations are for single sign-on, which is not set up (CLAIMDESK_OIDC_ISSUER).",
    );
  }
  return prisma.$transaction(async (tx) => {
    const user = await insertUser(tx, { ...input, passwordHash: null }, { actorId: admin.id });
    if (!user) throw new AppError("CONFLICT", `${input.email} already has an account.`);
    const now = new Date();
    await tx.user.update({ where: { id: user.id }, data: { invitedAt: now, disabledAt: now } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "user.invite",
      entity: "User",
      entityId: user.id,
      after: { email: user.email, role: user.role },
    });
    return { id: user.id, email: user.email };
  });
}
