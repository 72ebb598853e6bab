import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { E2E_DATA_DIR } from "../playwright.config";
import { embeddedDatabaseUrl } from "./support/http";
import { createClaim, createUser } from "@/seeds/factories";
import type { Role } from "@/lib/domain/roles";

export { expect };

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  role: Role;
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
    await provide(async (role = "REVIEWER", options = {}) => createUser(db, { role, ...options }));
  },
  makeClaim: async ({ db }, provide) => {
    await provide(async (options = {}) => createClaim(db, options));
  },
});

/** Logs in through the real form, as a person would. */
export async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs `page` in as `user` through the login form, and waits until the app shows them. */
export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/login");
  await logIn(page, user.email, user.password);
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
