import { totpCode } from "@/lib/auth/two-factor";
import { createUser } from "@/seeds/factories";
import { enrolAdmin, expect, logIn, seriousViolations, signIn, test } from "./fixtures";

const STEP = 30_000;

test("an admin must set up two-factor sign-in, then signs in with the app's code or a recovery code once", async ({
  page,
  db,
}) => {
  test.setTimeout(120_000);
  // An admin as an admin creates one: no second factor yet.
  const admin = await createUser(db, { role: "ADMIN" });
  await page.goto("/login");
  await logIn(page, admin.email, admin.password);
  await expect(page).toHaveURL("/account/security");
  await expect(page.getByText("must have two-factor sign-in")).toBeVisible();
  // Nothing else is open until the setup is done.
  await page.goto("/claims");
  await expect(page).toHaveURL("/account/security");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code of your two-factor key" })).toBeVisible();
  const key = (await page.getByTestId("totp-key").textContent())!.trim();
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("That code does not match")).toBeVisible();
  await page.getByLabel("Code from the app").fill(totpCode(key));
  await page.getByRole("button", { name: "Turn on" }).click();
  const listed = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(listed).toHaveCount(10);
  const codes = (await listed.allTextContents()).map((c) => c.trim());
  await page.getByRole("button", { name: "I have saved them: go to the desk" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.getByRole("link", { name: admin.name }).click();
  await expect(page.getByText("10 of 10 recovery codes left")).toBeVisible();
  const audit = await db.auditEvent.count({
    where: { entityId: admin.id, action: "user.two-factor-enable" },
  });
  expect(audit).toBe(1);

  // Signing in again asks for the code after the password.
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await logIn(page, admin.email, admin.password);
  await page.getByLabel("Code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  // The code the setup used is spent; the next step's is what the app shows next.
  await page.getByLabel("Code").fill(totpCode(key, Date.now() + STEP));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("current-user")).toContainText(admin.name);

  // A recovery code signs in once.
  for (const expected of ["signed in", "refused"] as const) {
    await page.context().clearCookies();
    await page.goto("/login");
    await logIn(page, admin.email, admin.password);
    await page.getByLabel("Code").fill(codes[0]!);
    await page.getByRole("button", { name: "Verify" }).click();
    if (expected === "signed in") {
      await expect(page.getByTestId("current-user")).toContainText(admin.name);
    } else {
      await expect(page.getByText("That code is not right")).toBeVisible();
    }
  }
  const unused = await db.recoveryCode.count({ where: { userId: admin.id, usedAt: null } });
  expect(unused).toBe(9);
});

test("an admin resets a reviewer's second factor: their session ends and the password alone signs in", async ({
  browser,
  db,
  makeUser,
}) => {
  // Three sign-ins (each an argon2 check) and two browsers: a run beside a heavy job took
  // more than the default 60 s.
  test.setTimeout(120_000);
  const reviewer = await makeUser("REVIEWER");
  const { recoveryCodes } = await enrolAdmin(db, reviewer.id);
  const reviewerPage = await (await browser.newContext()).newPage();
  await signIn(reviewerPage, { ...reviewer, recoveryCodes });

  const admin = await makeUser("ADMIN");
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);
  await adminPage.goto("/admin");
  const row = adminPage.locator(`[data-testid="user-row"][data-email="${reviewer.email}"]`);
  await expect(row).toContainText("Two-factor");
  await row.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(adminPage.getByText(`Two-factor sign-in of ${reviewer.email} reset`)).toBeVisible();
  await expect(row).not.toContainText("Two-factor");

  await reviewerPage.goto("/claims");
  await expect(reviewerPage).toHaveURL(/\/login/);
  await signIn(reviewerPage, reviewer);
  await reviewerPage.goto("/account/security");
  await expect(
    reviewerPage.getByRole("button", { name: "Set up two-factor sign-in" }),
  ).toBeVisible();
});
