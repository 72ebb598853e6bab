import { expect, seriousViolations, signedInPage, submitForApproval, test } from "./fixtures";

test("an editor returns a claim: the reviewer's bell count rises without a reload, and the notification opens the claim", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  // Two people, a worker's dispatch and the bell's poll: minutes on a busy machine.
  test.setTimeout(180_000);
  const reviewer = await makeUser("REVIEWER");
  const editor = await makeUser("EDITOR");
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
  await r.goto("/claims");
  const bell = r.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifications");

  // The editor was told of the submission, and returns it from the approvals queue.
  const e = await signedInPage(browser, editor);
  await expect(e.getByTestId("notification-bell")).toHaveAccessibleName(
    /Notifications: \d+ unread/,
    {
      timeout: 45_000,
    },
  );
  await e.goto("/approvals");
  const approval = e.locator(`[data-testid="approval-item"][data-claim-id="${claim.id}"]`);
  await approval.getByRole("button", { name: "Return…" }).click();
  await e.getByRole("dialog").getByLabel("Reason").fill("Link the minutes' page, not the index.");
  await e.getByRole("dialog").getByRole("button", { name: "Return" }).click();
  await expect(approval).toHaveCount(0);

  // The reviewer's page, not reloaded: the bell counts it (a worker dispatched the event).
  await expect(bell).toHaveAccessibleName("Notifications: 1 unread", { timeout: 45_000 });
  await expect(r.getByTestId("notification-count")).toHaveText("1");
  await bell.click();
  await expect(r).toHaveURL(/\/notifications$/);
  const list = r.getByTestId("notifications");
  await expect(list).toContainText(
    `${editor.name} returned “The city spent $4 million on the bridge in 2023, officials said.” to you: Link the minutes' page, not the index.`,
  );
  expect(await seriousViolations(r), "the notifications page").toEqual([]);
  await list.getByRole("link", { name: /returned/ }).click();
  await expect(r).toHaveURL(new RegExp(`/claims/${claim.id}$`));
  await expect(r.getByRole("alert").filter({ hasText: "Returned by" })).toBeVisible();
  await expect(bell).toHaveAccessibleName("Notifications");
  await r.goto("/notifications");
  await expect(r.getByText("All read.")).toBeVisible();
});
