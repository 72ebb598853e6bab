import { readFile } from "node:fs/promises";
import { expect, signedInPage, submitForApproval, test } from "./fixtures";

test("submit, return with a reason, fix, resubmit, approve by a second editor: all five steps in the history", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  // Five steps by three people, each a page load or two: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  const reviewer = await makeUser("REVIEWER");
  const editor = await makeUser("EDITOR");
  const secondEditor = await makeUser("EDITOR");
  const claim = await makeClaim();

  const r = await signedInPage(browser, reviewer);
  await r.goto(`/claims/${claim.id}`);
  await r.getByRole("button", { name: "Take this claim" }).click();
  await expect(r.getByRole("form", { name: "Review" }).getByLabel("Rationale")).toBeEnabled();
  await submitForApproval(
    r,
    "The council minutes give a lower figure.",
    "https://example.org/minutes",
  );

  const e = await signedInPage(browser, editor);
  await e.goto("/approvals");
  const item = e.locator(`[data-testid="approval-item"][data-claim-id="${claim.id}"]`);
  await expect(item).toContainText("Proposed: Mostly false");
  await expect(item).toContainText("The council minutes give a lower figure.");
  await item.getByRole("button", { name: "Return…" }).click();
  await e.getByRole("dialog").getByLabel("Reason").fill("Link the minutes' page, not the index.");
  await e.getByRole("dialog").getByRole("button", { name: "Return" }).click();
  await expect(item).toHaveCount(0);

  await r.reload();
  await expect(r.getByRole("alert").filter({ hasText: "Returned by" })).toContainText(
    `Returned by ${editor.name}`,
  );
  await expect(r.getByRole("alert").filter({ hasText: "Returned by" })).toContainText(
    "Link the minutes' page, not the index.",
  );
  await submitForApproval(
    r,
    "The council minutes (page 4) give a lower figure.",
    "https://example.org/minutes#page=4",
  );

  const s = await signedInPage(browser, secondEditor);
  await s.goto("/approvals");
  const again = s.locator(`[data-testid="approval-item"][data-claim-id="${claim.id}"]`);
  await again.getByRole("button", { name: "Approve" }).click();
  await expect(again).toHaveCount(0);

  await s.goto(`/claims/${claim.id}`);
  await expect(s.getByText(`Approved as Mostly false by ${secondEditor.name}`)).toBeVisible();
  await s.getByRole("tab", { name: /History/ }).click();
  const history = s.getByTestId("claim-history");
  const steps = [
    `${reviewer.name} took the claim`,
    `${reviewer.name} submitted it for approval`,
    `${editor.name} returned it to the reviewer`,
    `${reviewer.name} submitted it for approval`,
    `${secondEditor.name} approved the verdict`,
  ];
  const texts = (await history.getByTestId("history-event").allTextContents()).filter((t) =>
    /took the claim|submitted it|returned it|approved the verdict/.test(t),
  );
  expect(texts.map((t, i) => t.includes(steps[i]!))).toEqual([true, true, true, true, true]);
  await expect(history).toContainText("Link the minutes' page, not the index.");

  // The approved claim leaves the desk in the CSV export.
  await s.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Export" }).click();
  const downloading = s.waitForEvent("download");
  await s.getByRole("link", { name: "CSV (spreadsheets)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^claimdesk-approved-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const line = csv.split("\r\n").find((l) => l.startsWith(claim.id));
  expect(line).toContain("Mostly false");
  expect(line).toContain(secondEditor.name);
});

test("an editor cannot approve what they submitted themselves", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  const editor = await makeUser("EDITOR");
  const claim = await makeClaim({ state: "IN_REVIEW", assigneeId: editor.id });
  const page = await signedInPage(browser, editor);
  await page.goto(`/claims/${claim.id}`);
  await submitForApproval(
    page,
    "Checked against the official register.",
    "https://example.org/register",
  );
  await page.goto("/approvals");
  const item = page.locator(`[data-testid="approval-item"][data-claim-id="${claim.id}"]`);
  await expect(item).toContainText("You submitted this verdict; another editor must approve it.");
  await expect(item.getByRole("button", { name: "Approve" })).toHaveCount(0);
});

test("the API refuses a request with no token or session", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get("/api/v1/export.csv")).status()).toBe(401);
  expect(
    (await anonymous.get("/api/v1/claims", { headers: { authorization: "Bearer nope" } })).status(),
  ).toBe(401);
  expect((await anonymous.get("/api/v1/openapi.json")).status()).toBe(200);
  await anonymous.dispose();
});
