import { expect, logIn, test, signIn } from "./fixtures";

test("an admin creates a user, who logs in with the one-time password; disabling them ends their session", async ({
  browser,
  makeUser,
}) => {
  const admin = await makeUser("ADMIN");
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);
  await adminPage.goto("/admin");

  const email = `newcomer-${crypto.randomUUID().slice(0, 8)}@claimdesk.test`;
  const form = adminPage.getByRole("form", { name: "New user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("Nora Newcomer");
  await form.getByLabel("Role").selectOption("EDITOR");
  await form.getByRole("button", { name: "Create user" }).click();
  const password = (await adminPage.getByTestId("one-time-password").textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(16);

  const userPage = await (await browser.newContext()).newPage();
  await userPage.goto("/login");
  await logIn(userPage, email, password);
  await expect(userPage.getByTestId("current-user")).toContainText("Nora Newcomer");
  await expect(userPage.getByTestId("current-user")).toContainText("Editor");

  const row = adminPage.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");

  await userPage.goto("/claims");
  await expect(userPage).toHaveURL(/\/login/);
});

test("the overview shows the desk's figures, from data the test made, and an SVG chart of approvals", async ({
  page,
  db,
  makeUser,
  makeClaim,
}) => {
  // A reviewer with more claims in review than anyone else the suite makes, one of them
  // overdue since before any other test's due date.
  const reviewer = await makeUser("REVIEWER");
  const waiting = 30;
  const overdueText = `Overdue since 2000 (${crypto.randomUUID().slice(0, 8)})`;
  for (let i = 0; i < waiting; i++) {
    await makeClaim({ state: "IN_REVIEW", assigneeId: reviewer.id });
  }
  const overdue = await makeClaim({ state: "IN_REVIEW", assigneeId: reviewer.id });
  await db.claim.update({
    where: { id: overdue.id },
    data: { text: overdueText, dueAt: new Date("2000-01-03T12:00:00Z") },
  });
  // More overdue claims than the list shows: the count is of them all.
  for (let i = 0; i < 11; i++) {
    const late = await makeClaim({ state: "NEW" });
    await db.claim.update({ where: { id: late.id }, data: { dueAt: new Date("2001-06-01") } });
  }

  const user = await makeUser("EDITOR");
  await page.goto("/login");
  await logIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  const perReviewer = page.locator("section").filter({
    has: page.getByRole("heading", { name: "Waiting per reviewer" }),
  });
  await expect(
    perReviewer.getByRole("listitem").filter({ hasText: reviewer.name }).first(),
  ).toHaveText(`${reviewer.name}${waiting + 1}`);
  const overdueList = page.locator("section").filter({
    has: page.getByRole("heading", { name: "Overdue", exact: true }),
  });
  await expect(overdueList.getByRole("listitem").first()).toContainText(overdueText);
  await expect(overdueList.getByRole("listitem").first()).toContainText(reviewer.name);
  await expect(overdueList.getByRole("listitem").first()).toContainText("2000");
  await expect(overdueList.getByRole("listitem")).toHaveCount(10);
  const overdueCount = Number(await page.getByTestId("overdue-count").textContent());
  expect(overdueCount).toBeGreaterThanOrEqual(12);
  await expect(page.getByTestId("overdue-count")).toHaveClass(/text-red-700/);

  const chart = page.getByTestId("approvals-chart");
  await expect(chart).toBeVisible();
  await expect(chart.locator("rect")).toHaveCount(30);
  await expect(page.getByText("Median time from import to approval")).toBeVisible();
});

test("an admin edits the verdict vocabulary", async ({ page, makeUser }) => {
  const admin = await makeUser("ADMIN");
  await signIn(page, admin);
  await page.goto("/admin/verdicts");
  const key = `e2e-${crypto.randomUUID().slice(0, 6)}`;
  const form = page.getByRole("form", { name: "New verdict" });
  await form.getByLabel("Label").fill("Needs context");
  await form.getByLabel("Key").fill(key);
  await form.getByLabel("Rating value").fill("3");
  await form.getByRole("button", { name: "Add verdict" }).click();
  const row = page.locator(`[data-testid="verdict-row"][data-key="${key}"]`);
  await expect(row).toBeVisible();
  await row.getByLabel(`Label of ${key}`).fill("Missing context");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved Missing context.")).toBeVisible();
  await row.getByRole("button", { name: "Retire" }).click();
  await expect(row).toContainText("Retired");
});
