import { expect, logIn, seriousViolations, test, signIn } from "./fixtures";

test("the login page has no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the login page shows an error accessibly", async ({ page }) => {
  await page.goto("/login");
  await logIn(page, "nobody@claimdesk.test", "wrong");
  await expect(page.locator("form").getByRole("alert")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

const PAGES = [
  "/",
  "/claims",
  "/articles",
  "/articles/import",
  "/library",
  "/approvals",
  "/feeds",
  "/admin",
  "/admin/verdicts",
  "/admin/tokens",
  "/admin/extraction",
  "/export",
  "/help",
  "/account/security",
];

test.describe("the app shell and its pages have no serious or critical accessibility violations", () => {
  test.beforeEach(async ({ page, makeUser }) => {
    const user = await makeUser("ADMIN");
    await signIn(page, user);
  });

  for (const path of PAGES) {
    test(path, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test("an article with its highlights, and a claim with its forms", async ({ page }) => {
    await page.goto("/articles");
    await page.getByRole("link", { name: /Kremlin rejects US position/ }).click();
    await expect(page.getByTestId("article-body")).toBeVisible();
    expect(await seriousViolations(page), "article").toEqual([]);
    await page.getByTestId("article-body").locator("[data-claim]").first().click();
    await expect(page.getByTestId("claim-text")).toBeVisible();
    expect(await seriousViolations(page), "claim").toEqual([]);
  });
});

test("the shell can be used with the keyboard alone", async ({ page, makeUser }) => {
  const user = await makeUser("EDITOR");
  await signIn(page, user);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  // Tab through to the Articles link and follow it with Enter.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    if (focused === "Articles") break;
  }
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/articles");
});
