import { expect, seriousViolations, signedInPage, test, signIn } from "./fixtures";

/**
 * Articles beyond English: a Spanish article pasted in is detected as Spanish, its quoted
 * speakers become claims (not scored: no model for the language), the queue filters by
 * language, a reviewer corrects a language, and the exports say it.
 */
const spanish = (id: string) =>
  `El ministro de Economía, Luis Carranza, afirmó este martes que la inflación bajará al 2% mensual antes de marzo de ${id}. «No vamos a devaluar el peso», dijo el funcionario en una entrevista radial.\nSegún el Instituto Nacional de Estadística, el desempleo subió al 11,4% en el tercer trimestre, la cifra más alta desde 2021.`;

test("a Spanish article is detected, its speakers' statements become claims, and the queue and exports carry its language", async ({
  page,
  browser,
  makeUser,
}) => {
  const reviewer = await makeUser("REVIEWER");
  await signIn(page, reviewer);
  const id = crypto.randomUUID().slice(0, 8);
  await page.goto("/articles/import");
  await page.getByLabel("Title").fill(`Inflación ${id}`);
  await page.getByLabel("Article text").fill(spanish(id));
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 1 article" })).toBeVisible();
  await page.getByRole("link", { name: `Inflación ${id}` }).click();

  await expect(page.getByTestId("article-language")).toHaveText("Language: Spanish (detected)");
  await expect(
    page.getByText("Claims in Spanish are not scored for check-worthiness"),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "3 claims" })).toBeVisible();
  await expect(page.getByTestId("checkworthiness").first()).toHaveText(
    "check-worthiness not scored: no model for this language",
  );
  const articleUrl = page.url();
  const articleId = articleUrl.split("/").at(-1)!;
  expect(await seriousViolations(page), "the article page").toEqual([]);

  // The claim's page: the speaker as the article names him.
  await page
    .getByTestId("article-body")
    .locator("[data-claim]", { hasText: "No vamos a devaluar" })
    .click();
  await expect(page.getByTestId("claim-speaker")).toHaveText("ministro de Economía Luis Carranza");

  // The queue: Spanish claims only, each marked as Spanish.
  await page.goto("/claims");
  await page.getByLabel("Language").selectOption({ label: "Spanish" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/language=es/);
  const rows = page.getByTestId("queue-row");
  await expect(rows.filter({ hasText: "No vamos a devaluar el peso" })).toHaveCount(1);
  for (const row of await rows.all()) await expect(row).toContainText("Spanish");

  // An editor approves nothing yet, but every claim of the article leaves with its language.
  const editor = await signedInPage(browser, await makeUser("EDITOR"));
  const lines = (
    await (await editor.request.get(`/api/v1/export.jsonl?state=ALL&article=${articleId}`)).text()
  )
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { language: string; speakerName: string });
  expect(lines.map((l) => l.language)).toEqual(["es", "es", "es"]);
  const csv = await (
    await editor.request.get(`/api/v1/export.csv?state=ALL&article=${articleId}`)
  ).text();
  expect(csv.split("\r\n")[0]).toContain(",language,");

  // The reviewer corrects the language: the claims are extracted again in it.
  await page.goto(articleUrl);
  await page.getByRole("button", { name: "Correct the language…" }).click();
  const dialog = page.getByRole("dialog", { name: "Correct the article's language" });
  await dialog.getByLabel("Language").selectOption({ label: "Portuguese" });
  await dialog.getByRole("button", { name: "Set the language" }).click();
  await expect(
    page.getByText(/Language set to Portuguese\. The article's claims are being extracted again/),
  ).toBeVisible();
  await expect(page.getByTestId("article-language")).toHaveText(
    "Language: Portuguese (set by a reviewer)",
  );
  await expect(page.getByText("ClaimDesk has no extractor for Portuguese")).toBeVisible();
  // Once a worker has extracted it again, its claims are its sentences: no quotes, no speakers.
  const claimList = page.locator("section[aria-labelledby=claims-heading]");
  await expect(async () => {
    await page.goto(articleUrl);
    await expect(claimList).toContainText("No vamos a devaluar");
    await expect(claimList).not.toContainText(/Direct quote|Indirect quote/, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
});

test("an article in a language without an extractor gets its sentences as claims, never English rules", async ({
  page,
  makeUser,
}) => {
  await signIn(page, await makeUser("REVIEWER"));
  const id = crypto.randomUUID().slice(0, 8);
  await page.goto("/articles/import");
  await page.getByLabel("Title").fill(`Finanzas ${id}`);
  await page
    .getByLabel("Article text")
    .fill(
      `قال وزير المالية إن معدل التضخم سينخفض إلى اثنين في المئة خلال الربع المقبل، مؤكدا أن الحكومة لن تخفض قيمة العملة.\nوأضاف الوزير في مؤتمر صحفي أن الاحتياطيات الأجنبية بلغت أعلى مستوى لها منذ عشر سنوات ${id}.`,
    );
  await page.getByRole("button", { name: "Import article" }).click();
  await page.getByRole("link", { name: `Finanzas ${id}` }).click();
  await expect(page.getByTestId("article-language")).toHaveText("Language: Arabic (detected)");
  await expect(page.getByText("ClaimDesk has no extractor for Arabic")).toBeVisible();
  await expect(page.getByRole("heading", { name: "2 claims" })).toBeVisible();
  expect(await seriousViolations(page), "the article page").toEqual([]);
});
