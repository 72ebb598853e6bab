import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { E2E_DATA_DIR } from "../playwright.config";
import { embeddedAppSecret, embeddedDatabaseUrl } from "./support/http";
import { createClaim, createUser, enrolSecondFactor } from "@/seeds/factories";
import type { Role } from "@/lib/domain/roles";

export { expect };

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  role: Role;
  /**
   * Unused recovery codes, for a user with two-factor sign-in on (admins, who must have it):
   * signIn spends one each time (an app's code may be used once per 30 s).
   */
  recoveryCodes?: string[];
}

type Db = ReturnType<typeof createPrismaClient>;

export const test = base.extend<
  {
    makeUser: (role?: Role, options?: { disabled?: boolean }) => Promise<TestUser>;
    makeClaim: (options?: Parameters<typeof createClaim>[1]) => Promise<{ id: string }>;
  },
  { db: Db }
>({
  // One database connection per worker, for the factories.
  db: [
    async ({}, provide) => {
      const prisma = createPrismaClient(embeddedDatabaseUrl(E2E_DATA_DIR));
      await provide(prisma);
      await prisma.$disconnect();
    },
    { scope: "worker" },
  ],
  makeUser: async ({ db }, provide) => {
    await provide(async (role = "REVIEWER", options = {}) => {
      const user = await createUser(db, { role, ...options });
      if (role !== "ADMIN") return user;
      const { recoveryCodes } = await enrolAdmin(db, user.id);
      return { ...user, recoveryCodes };
    });
  },
  makeClaim: async ({ db }, provide) => {
    await provide(async (options = {}) => createClaim(db, options));
  },
});

/**
 * Admins must have a second factor: the suite's admins have it on, as if they had enrolled,
 * with recovery codes to sign in with (e2e/two-factor.spec.ts signs in with the app's codes).
 */
export async function enrolAdmin(db: Db, userId: string) {
  return enrolSecondFactor(db, userId, embeddedAppSecret(E2E_DATA_DIR), 30);
}

/**
 * Logs in through the real form, as a person would; with `codes` (a user with two-factor
 * on), answers the second step with the next unused one.
 */
export async function logIn(page: Page, email: string, password: string, codes?: string[]) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (codes) {
    const code = codes.shift();
    if (!code) throw new Error(`${email} has no recovery codes left for the second step`);
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
  }
}

/** Signs `page` in as `user` through the login form, and waits until the app shows them. */
export async function signIn(
  page: Page,
  user: { email: string; password: string; recoveryCodes?: string[] },
) {
  await page.goto("/login");
  await logIn(page, user.email, user.password, user.recoveryCodes);
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** A page of its own (a fresh browser context) signed in as `user`. */
export async function signedInPage(browser: Browser, user: TestUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

/** The page's serious and critical accessibility violations (axe), one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/**
 * A reviewer's review of the claim open on `page` (taken), filled in and submitted for
 * approval: Mostly false, the rationale, one refuting primary source.
 */
export async function submitForApproval(page: Page, rationale: string, evidenceUrl: string) {
  const review = page.getByRole("form", { name: "Review" });
  await review.getByLabel("Proposed verdict").selectOption({ label: "Mostly false" });
  await review.getByLabel("Rationale").fill(rationale);
  const item = review.getByRole("listitem", { name: "Evidence 1" });
  if (!(await item.isVisible())) await review.getByRole("button", { name: "Add evidence" }).click();
  await item.getByLabel("URL", { exact: true }).fill(evidenceUrl);
  await item.getByLabel("Stance").selectOption("REFUTES");
  await item.getByLabel("Source type").selectOption("PRIMARY");
  await review.getByRole("button", { name: "Submit for approval" }).click();
  await expect(review.getByText("Submitted for approval.")).toBeVisible();
}
