import { expect, test, signIn } from "./fixtures";

test.beforeEach(async ({ page, makeUser }) => {
  const user = await makeUser("REVIEWER");
  await signIn(page, user);
});

test("searching the queue ranks matches and highlights the words, whatever is typed", async ({
  page,
}) => {
  await page.goto("/claims");
  await page.getByLabel(/^Search claims/).fill('"chemical weapons" Ghouta');
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(
    /q=%22chemical\+weapons%22\+Ghouta|q=%22chemical%20weapons%22%20Ghouta/,
  );
  const first = page.getByTestId("queue-row").first();
  await expect(first.locator("mark").first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /most relevant first/ })).toBeVisible();

  await page.getByLabel(/^Search claims/).fill(`'; DROP TABLE "Claim"; --`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "Claims" })).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: /No claim matches|matches?/ }),
  ).toBeVisible();
});

test("a new claim that repeats an approved one is flagged, and one click links it as a duplicate", async ({
  page,
  makeClaim,
}) => {
  const id = crypto.randomUUID().slice(0, 8);
  const original = await makeClaim({
    state: "APPROVED",
    text: `The ${id} bridge cost the city four million dollars`,
  });
  await page.goto("/articles/import");
  await page.getByLabel("Title").fill(`Bridge ${id}`);
  await page
    .getByLabel("Article text")
    .fill(`Officials said the ${id} bridge cost the city 4 million dollars.`);
  await page.getByRole("button", { name: "Import article" }).click();
  await page.getByRole("link", { name: `Bridge ${id}` }).click();
  await page.getByRole("link", { name: "Claims of this article in the queue" }).click();
  const flagged = page
    .getByTestId("queue-row")
    .filter({ has: page.getByTestId("checked-before") })
    .first();
  await expect(flagged.getByTestId("checked-before")).toContainText("Checked before");
  await flagged.getByRole("button", { name: "Link as duplicate" }).click();
  await expect(page.getByText("Dismissed as a duplicate of the approved claim.")).toBeVisible();
  await expect(flagged).toContainText("Dismissed");
  await flagged.getByRole("link").first().click();
  await expect(page.getByRole("link", { name: "the claim it duplicates" })).toHaveAttribute(
    "href",
    `/claims/${original.id}`,
  );
});

test("a claim page lists the claims that say nearly the same, loaded after the page", async ({
  page,
  makeClaim,
}) => {
  const word = () =>
    Array.from({ length: 8 }, () => "bcdfghjklmnpqrstvwz"[Math.floor(Math.random() * 19)]).join("");
  // Words of their own: the e2e database holds other tests' claims, some alike.
  const fact = `the ${word()} ${word()} ${word()} ${word()} grew by 41 ${word()}`;
  const earlier = await makeClaim({ state: "APPROVED", text: `Officials said ${fact}.` });
  const claim = await makeClaim({ text: `The mayor said ${fact}.` });
  await page.goto(`/claims/${claim.id}`);
  const list = page.getByTestId("similar-claims");
  // Best match first.
  await expect(list.getByRole("link").first()).toHaveText(`Officials said ${fact}.`);
  await expect(list.getByRole("listitem").first()).toContainText("Approved");
  await list.getByRole("link").first().click();
  await expect(page).toHaveURL(`/claims/${earlier.id}`);
  await expect(page.getByTestId("similar-claims").getByRole("link").first()).toHaveText(
    `The mayor said ${fact}.`,
  );
});
