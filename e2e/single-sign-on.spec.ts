import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { E2E_LOG_FILE } from "../playwright.config";
import { createUser } from "@/seeds/factories";
import { expect, seriousViolations, signIn, test } from "./fixtures";

/**
 * Sign-in through a real OpenID Connect provider running beside the app
 * (tests/support/oidc-provider.ts, started by playwright.config.ts): its development login
 * form takes any login, which is the account; `<fault>+…` logins get a spoiled ID token.
 */

// Each test goes through the provider one or more times: seconds a journey on a busy machine.
test.describe.configure({ timeout: 120_000 });

const unique = () => crypto.randomUUID().slice(0, 8);

/** Goes through the provider as `login` in a fresh browser; returns the page back at the desk. */
async function throughProvider(browser: Browser, login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Newsroom SSO" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password at the test provider");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // Back at the desk: signed in, or on its login page with the reason.
  const desk = new URL(test.info().project.use.baseURL!).origin;
  await page.waitForURL((url) => url.origin === desk);
  return page;
}

test("a newsroom person's first sign-in through the provider makes their account, with the role of their group", async ({
  browser,
  db,
}) => {
  const login = `nora.editor-${unique()}@newsroom.test`;
  const page = await throughProvider(browser, login);
  await expect(page.getByTestId("current-user")).toContainText("Editor");
  await expect(page).toHaveURL("/");
  const user = await db.user.findUniqueOrThrow({ where: { email: login } });
  expect(user).toMatchObject({ role: "EDITOR", oidcSubject: login, passwordHash: null });

  // Signing in again is the same account; the session ends with a logout like any other.
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Sign in with Newsroom SSO" }).click();
  await expect(page.getByTestId("current-user")).toContainText("Editor");
  expect(await db.user.count({ where: { email: login } })).toBe(1);
});

test("the provider's people are refused without an invitation, when disabled, and with an unverified address", async ({
  browser,
  db,
}) => {
  const stranger = await throughProvider(browser, `someone-${unique()}@elsewhere.test`);
  await expect(stranger.getByText("This account has no access to the desk")).toBeVisible();
  await expect(stranger).toHaveURL(/\/login\?error=SsoNotInvited/);

  const disabled = await createUser(db, {
    email: `left-${unique()}@newsroom.test`,
    disabled: true,
  });
  const leaver = await throughProvider(browser, disabled.email);
  await expect(leaver.getByText("This account is disabled")).toBeVisible();

  const unverified = await throughProvider(browser, `unverified-${unique()}@newsroom.test`);
  await expect(unverified.getByText("has not verified")).toBeVisible();
  for (const page of [stranger, leaver, unverified]) {
    const session = await page.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
  }
});

/** Each spoiled token, and what the OpenID client says when it refuses it (in the app's log). */
const FAULTS = {
  "wrong-issuer": ["from another issuer", "unexpected iss value"],
  "wrong-audience": ["for another client", "aud mismatch"],
  "wrong-nonce": ["with another nonce", "nonce mismatch"],
  expired: ["that has expired", "JWT expired"],
  forged: ["signed with another key", "failed to validate JWT signature"],
} as const;

for (const [fault, [what, reason]] of Object.entries(FAULTS)) {
  test(`an ID token ${what} is refused`, async ({ browser, db }) => {
    const login = `${fault}+p-${unique()}@newsroom.test`;
    const before = readFileSync(E2E_LOG_FILE, "utf8").length;
    const page = await throughProvider(browser, login);
    await expect(page.getByText("could not be verified")).toBeVisible();
    expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
    expect(await db.user.count({ where: { email: login } })).toBe(0);
    // Refused by the check this fault breaks (other tests' lines may be interleaved).
    await expect.poll(() => readFileSync(E2E_LOG_FILE, "utf8").slice(before)).toContain(reason);
  });
}

test("an admin invites someone from outside the newsroom's domain, who then signs in through the provider", async ({
  browser,
  page,
  makeUser,
}) => {
  const admin = await makeUser("ADMIN");
  await signIn(page, admin);
  await page.goto("/admin");
  const email = `guest-${unique()}@freelance.test`;
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("Gus Guest");
  await form.getByRole("button", { name: "Invite to sign in with Newsroom SSO" }).click();
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row).toContainText("Invited");

  const guest = await throughProvider(browser, email);
  await expect(guest.getByTestId("current-user")).toContainText("Gus Guest");
  await page.goto("/admin");
  await expect(row).toContainText("Active");
});
