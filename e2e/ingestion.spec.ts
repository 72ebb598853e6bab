import { writeFile } from "node:fs/promises";
import { HOSTILE_TEXTS, nestedHtml } from "@/seeds/hostile-inputs";
import { MAX_UPLOAD_BYTES } from "@/lib/validation/article";
import { expect, test, signIn } from "./fixtures";

/**
 * Imports run in workers, off the web server: hostile files and texts that once froze the
 * desk for everyone (an HTML bomb, texts that made extraction quadratic) are imported or
 * refused one by one while every other page keeps answering.
 */
test.describe("imports off the request path", () => {
  test.beforeEach(async ({ page, makeUser }) => {
    const user = await makeUser("REVIEWER");
    await signIn(page, user);
  });

  test("hostile uploads and a pathological paste end with an outcome each while the app keeps answering", async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000);
    const id = crypto.randomUUID().slice(0, 8);
    const file = (name: string, text: string) => ({
      name,
      mimeType: name.endsWith(".html") ? "text/html" : "text/plain",
      buffer: Buffer.from(text),
    });
    // 100 KB each: large enough for quadratic work to have frozen the desk (25 KB of names
    // took 10.9 s), small enough to finish within the document budget on a machine busy
    // with this whole suite (npm run bench uploads them at 1 MB).
    const size = 100_000;
    await page.goto("/articles/import");
    await page
      .getByLabel("Files")
      .setInputFiles([
        file("bomb-2000.html", nestedHtml(2_000).replace("</p>", ` (${id}, 2,000 levels)</p>`)),
        file("bomb-100000.html", nestedHtml(100_000).replace("</p>", ` (${id}, 100,000)</p>`)),
        file("he-said-that.txt", `He said that ${id}\n\n${HOSTILE_TEXTS["he said that"]!(size)}`),
        file("quote-said.txt", `Quote said ${id}\n\n${HOSTILE_TEXTS["quote said"]!(size)}`),
        file("names.txt", `Names ${id}\n\n${HOSTILE_TEXTS.names!(size)}`),
      ]);
    await page.getByRole("button", { name: "Upload and import" }).click();
    await page.getByLabel("Title").fill(`Pasted names ${id}`);
    await page.getByLabel("Article text").fill(`${id} ${HOSTILE_TEXTS.names!(25_000)}`);
    await page.getByRole("button", { name: "Import article" }).click();

    // Meanwhile another signed-in page loads, again and again.
    const other = await context.newPage();
    for (const path of ["/claims", "/articles", "/", "/claims"]) {
      const started = Date.now();
      const response = await other.goto(path);
      expect(response?.status()).toBe(200);
      await expect(other.getByRole("navigation", { name: "Main" })).toBeVisible();
      test.info().annotations.push({
        type: "page while importing",
        description: `${path}: ${Date.now() - started} ms`,
      });
    }

    const batches = page.getByTestId("import-batch");
    await expect(batches.filter({ hasText: "5 of 5 done" })).toBeVisible({ timeout: 150_000 });
    await expect(batches.filter({ hasText: "1 of 1 done" })).toBeVisible({ timeout: 60_000 });
    const uploads = batches.filter({ hasText: "5 of 5 done" });
    await expect(uploads).toContainText("Imported 5 articles");
    await expect(uploads.getByRole("link", { name: `He said that ${id}` })).toBeVisible();
    await expect(uploads).toContainText(/2,000 of the [\d,]+ claims found were kept/);
    await expect(uploads.getByRole("alert")).toHaveCount(0);
    await expect(batches.filter({ hasText: "1 of 1 done" })).toContainText(`Pasted names ${id}`);
  });

  test("a file over the limit is refused before it travels, and nothing typed is lost", async ({
    page,
    db,
  }, testInfo) => {
    // Files on disk, chosen by path: the browser on this machine reads them itself (10 MB
    // sent through the test protocol as a buffer took 20 s of a busy machine's time).
    const small = testInfo.outputPath("small.txt");
    const big = testInfo.outputPath("too-big.txt");
    await writeFile(small, "Small.");
    await writeFile(big, Buffer.alloc(MAX_UPLOAD_BYTES + 1, "a"));
    await page.goto("/articles/import");
    await page.getByLabel("Title").fill("Half-typed article");
    await page.getByLabel("Article text").fill("The minister said the budget rose.");
    await page.getByLabel("Files").setInputFiles([small, big]);
    let uploads = 0;
    page.on("request", (request) => {
      if (request.method() === "POST") uploads++;
    });
    await page.getByRole("button", { name: "Upload and import" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "too-big.txt" })).toContainText(
      "too-big.txt (10,485,761 bytes) is over the limit of 10 MB (10,485,760 bytes) a file; nothing was uploaded.",
    );
    expect(uploads).toBe(0);
    // The choice of files and the pasted article are all still there.
    expect(
      await page.getByLabel("Files").evaluate((el: HTMLInputElement) => el.files?.length),
    ).toBe(2);
    await expect(page.getByLabel("Title")).toHaveValue("Half-typed article");
    await expect(page.getByLabel("Article text")).toHaveValue("The minister said the budget rose.");
    expect(
      await db.importItem.count({ where: { source: { in: ["small.txt", "too-big.txt"] } } }),
    ).toBe(0);
  });
});
