import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { inviteUser, signInWithProvider } from "@/lib/data/single-sign-on";
import { getActiveSessionUser } from "@/lib/data/users";
import { createUser } from "@/seeds/factories";
import { asSession } from "../support/session";

const SETTINGS = {
  CLAIMDESK_OIDC_ISSUER: "https://sso.newsroom.example",
  CLAIMDESK_OIDC_CLIENT_ID: "desk",
  CLAIMDESK_OIDC_CLIENT_SECRET: "desk-secret",
  CLAIMDESK_OIDC_DOMAINS: "newsroom.example, bureau.newsroom.example",
  CLAIMDESK_OIDC_ROLE_MAP: "desk-editors=EDITOR,desk-admins=ADMIN",
};

/** A person at the provider: a fresh subject and address each call. */
function identity(overrides: Record<string, unknown> = {}, domain = "newsroom.example") {
  const id = crypto.randomUUID().slice(0, 8);
  return { sub: `sub-${id}`, email: `p-${id}@${domain}`, name: `Pat ${id}`, ...overrides };
}

beforeEach(() => Object.assign(process.env, SETTINGS));
afterEach(() => {
  for (const name of [...Object.keys(SETTINGS), "CLAIMDESK_OIDC_DEFAULT_ROLE"]) {
    delete process.env[name];
  }
});
afterAll(async () => {
  await prisma.$disconnect();
});

describe("a first sign-in through the provider", () => {
  it("makes an account for an allowed domain, bound to the subject, audited", async () => {
    const claims = identity({ email_verified: true }, "bureau.newsroom.example");
    const result = await signInWithProvider(claims);
    expect(result).toMatchObject({ ok: true, user: { email: claims.email, role: "REVIEWER" } });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: claims.email } });
    expect(user).toMatchObject({ oidcSubject: claims.sub, passwordHash: null, name: claims.name });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: user.id, action: "user.create" },
    });
    expect(audit.actorLabel).toBe("single sign-on");
  });

  it("refuses anyone else, making nothing", async () => {
    const claims = identity({}, "elsewhere.example");
    expect(await signInWithProvider(claims)).toEqual({ ok: false, refusal: "SsoNotInvited" });
    expect(await prisma.user.count({ where: { email: claims.email } })).toBe(0);
  });

  it("refuses an address the provider has not verified, or no address at all", async () => {
    expect(await signInWithProvider(identity({ email_verified: false }))).toEqual({
      ok: false,
      refusal: "SsoUnverified",
    });
    expect(await signInWithProvider({ sub: "no-email" })).toEqual({
      ok: false,
      refusal: "SsoNoEmail",
    });
  });

  it("takes Microsoft Entra's preferred_username when there is no email claim", async () => {
    const { email, ...claims } = identity();
    const result = await signInWithProvider({ ...claims, preferred_username: email.toUpperCase() });
    expect(result).toMatchObject({ ok: true, user: { email } });
  });

  it("gives the role of the highest mapped group, else the default role", async () => {
    const admin = await signInWithProvider(
      identity({ groups: ["all", "desk-editors", "desk-admins"] }),
    );
    expect(admin).toMatchObject({ ok: true, user: { role: "ADMIN" } });
    process.env.CLAIMDESK_OIDC_DEFAULT_ROLE = "EDITOR";
    const unmapped = await signInWithProvider(identity({ groups: ["all"] }));
    expect(unmapped).toMatchObject({ ok: true, user: { role: "EDITOR" } });
  });

  it("makes one account when the same person's first two sign-ins race", async () => {
    const claims = identity();
    const [a, b] = await Promise.all([signInWithProvider(claims), signInWithProvider(claims)]);
    expect(a.ok && b.ok && a.user.id === b.user.id).toBe(true);
    expect(await prisma.user.count({ where: { email: claims.email } })).toBe(1);
  });
});

describe("an account that exists", () => {
  it("is enabled at the invited person's first sign-in, and bound to them", async () => {
    // (With a role map, the provider's groups would decide the role, not the invitation.)
    delete process.env.CLAIMDESK_OIDC_ROLE_MAP;
    const admin = asSession(await createUser(prisma, { role: "ADMIN" }));
    const claims = identity({}, "freelancers.example");
    const invited = await inviteUser(admin, { email: claims.email, name: "Frey", role: "EDITOR" });
    const before = await prisma.user.findUniqueOrThrow({ where: { id: invited.id } });
    expect(before.disabledAt).not.toBeNull();
    expect(before.invitedAt).not.toBeNull();
    // Disabled until then: no session counts, no password signs in.
    expect(await getActiveSessionUser(invited.id, 0)).toBeNull();

    const result = await signInWithProvider(claims);
    expect(result).toMatchObject({ ok: true, user: { id: invited.id, role: "EDITOR" } });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: invited.id } });
    expect(after).toMatchObject({ disabledAt: null, invitedAt: null, oidcSubject: claims.sub });
    const actions = await prisma.auditEvent.findMany({
      where: { entityId: invited.id },
      select: { action: true },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["user.create", "user.invite", "user.sso-link"]);
  });

  it("is refused when disabled, through the provider as with a password", async () => {
    const user = await createUser(prisma, { email: identity().email, disabled: true });
    expect(await signInWithProvider(identity({ email: user.email }))).toEqual({
      ok: false,
      refusal: "SsoDisabled",
    });
  });

  it("is refused to another subject with the same address (an address given to someone new)", async () => {
    const first = identity();
    expect(await signInWithProvider(first)).toMatchObject({ ok: true });
    expect(await signInWithProvider({ ...first, sub: "sub-someone-else" })).toEqual({
      ok: false,
      refusal: "SsoOtherIdentity",
    });
    // The bound subject signs in after its address changed at the provider.
    const moved = await signInWithProvider({ ...first, email: `moved-${first.email}` });
    expect(moved).toMatchObject({ ok: true, user: { email: first.email } });
  });

  it("follows the provider's groups at every sign-in, audited when the role changes", async () => {
    const claims = identity({ groups: ["desk-editors"] });
    const first = await signInWithProvider(claims);
    expect(first).toMatchObject({ ok: true, user: { role: "EDITOR" } });
    const second = await signInWithProvider({ ...claims, groups: [] });
    expect(second).toMatchObject({ ok: true, user: { role: "REVIEWER" } });
    const change = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: first.ok ? first.user.id : "", action: "user.role" },
    });
    expect(change).toMatchObject({ before: { role: "EDITOR" }, after: { role: "REVIEWER" } });
  });

  it("keeps the desk's own role when no role map is set", async () => {
    delete process.env.CLAIMDESK_OIDC_ROLE_MAP;
    const user = await createUser(prisma, { role: "EDITOR", email: identity().email });
    const result = await signInWithProvider(
      identity({ email: user.email, groups: ["desk-admins"] }),
    );
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "EDITOR" } });
  });

  it("made by the provider has no password to sign in with", async () => {
    const claims = identity();
    await signInWithProvider(claims);
    expect(
      await authorizeCredentials({ email: claims.email, password: "anything at all" }, null),
    ).toBeNull();
  });

  it("is an admin who needs no second factor of the desk's when signed in through the provider", async () => {
    const result = await signInWithProvider(identity({ groups: ["desk-admins"] }));
    if (!result.ok) throw new Error("refused");
    expect(await getActiveSessionUser(result.user.id, 0, "sso")).not.toHaveProperty(
      "mustEnrolSecondFactor",
    );
    expect(await getActiveSessionUser(result.user.id, 0, "password")).toMatchObject({
      mustEnrolSecondFactor: true,
    });
  });
});

describe("invitations", () => {
  it("are for admins, with single sign-on set up, and one account per address", async () => {
    const admin = asSession(await createUser(prisma, { role: "ADMIN" }));
    const editor = asSession(await createUser(prisma, { role: "EDITOR" }));
    const email = identity().email;
    await expect(inviteUser(editor, { email, name: "X", role: "REVIEWER" })).rejects.toThrow(
      /Only admins/,
    );
    await inviteUser(admin, { email, name: "X", role: "REVIEWER" });
    await expect(inviteUser(admin, { email, name: "X", role: "REVIEWER" })).rejects.toThrow(
      /already has an account/,
    );
    delete process.env.CLAIMDESK_OIDC_ISSUER;
    await expect(
      inviteUser(admin, { email: identity().email, name: "Y", role: "REVIEWER" }),
    ).rejects.toThrow(/not set up/);
  });
});
