import { DEMO_USERS } from "@/seeds/demo";
import en from "@/lib/i18n/messages/en.json" with { type: "json" };
import { expect, logIn, test } from "./fixtures";

test.describe("logging in", () => {
  for (const demo of DEMO_USERS.filter((u) => !u.email.includes("2@"))) {
    test(`the demo ${demo.role.toLowerCase()} sees the app shell with their name and role`, async ({
      page,
    }) => {
      await page.goto("/login");
      await logIn(page, demo.email, demo.password);
      if (demo.role === "ADMIN") {
        // Admins must set up a second factor first: every page sends them to its setup.
        await expect(page).toHaveURL("/account/security");
        await expect(page.getByText("must have two-factor sign-in")).toBeVisible();
      } else {
        await expect(page).toHaveURL("/");
      }
      const user = page.getByTestId("current-user");
      await expect(user).toContainText(demo.name);
      await expect(user).toContainText(en.Roles[demo.role]);
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Claims" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Approvals" })).toHaveCount(
        demo.role === "REVIEWER" ? 0 : 1,
      );
      await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(
        demo.role === "ADMIN" ? 1 : 0,
      );
    });
  }

  test("a wrong password and an unknown email get the same message", async ({ page, makeUser }) => {
    const user = await makeUser();
    await page.goto("/login");
    await logIn(page, user.email, "not the password");
    const alert = page.locator("form").getByRole("alert");
    await expect(alert).toHaveText("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/login/);

    await logIn(page, `nobody-${user.email}`, user.password);
    await expect(alert).toHaveText("Email or password is incorrect.");
  });

  test("a disabled user cannot log in", async ({ page, makeUser }) => {
    const user = await makeUser("EDITOR", { disabled: true });
    await page.goto("/login");
    await logIn(page, user.email, user.password);
    await expect(page.locator("form").getByRole("alert")).toHaveText(
      "Email or password is incorrect.",
    );
  });

  test("a logged-out visit to a protected page lands on /login and returns there after login", async ({
    page,
    makeUser,
  }) => {
    const user = await makeUser();
    await page.goto("/claims?state=NEW");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fclaims%3Fstate%3DNEW/);
    await logIn(page, user.email, user.password);
    await expect(page).toHaveURL("/claims?state=NEW");
    await expect(page.getByRole("heading", { name: "Claims" })).toBeVisible();
  });

  test("a reviewer is refused the admin page by the server", async ({ page, makeUser }) => {
    const user = await makeUser("REVIEWER");
    await page.goto("/login");
    await logIn(page, user.email, user.password);
    await expect(page).toHaveURL("/");
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  });
});

test.describe("logging out", () => {
  test("ends the session, and a copy of the old cookie no longer works", async ({
    page,
    browser,
    makeUser,
  }) => {
    const user = await makeUser("EDITOR");
    await page.goto("/login");
    await logIn(page, user.email, user.password);
    await expect(page.getByTestId("current-user")).toContainText(user.name);
    const stolen = await page.context().cookies();

    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/approvals");
    await expect(page).toHaveURL(/\/login/);

    const replay = await browser.newContext();
    await replay.addCookies(stolen);
    const other = await replay.newPage();
    await other.goto("/approvals");
    await expect(other).toHaveURL(/\/login/);
    await replay.close();
  });

  test("session cookies are httpOnly and SameSite=Lax", async ({ page, makeUser }) => {
    const user = await makeUser();
    await page.goto("/login");
    await logIn(page, user.email, user.password);
    await expect(page).toHaveURL("/");
    const session = (await page.context().cookies()).find((c) =>
      c.name.endsWith("next-auth.session-token"),
    );
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });
});
