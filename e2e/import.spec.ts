import { expect, test, signIn } from "./fixtures";

test.describe("importing articles and their claims", () => {
  test.beforeEach(async ({ page, makeUser }) => {
    const user = await makeUser("REVIEWER");
    await signIn(page, user);
  });

  test("a pasted article is imported with its claims highlighted, and a highlight opens its claim", async ({
    page,
  }) => {
    const id = crypto.randomUUID().slice(0, 8);
    await page.goto("/articles/import");
    await page.getByLabel("Title").fill(`Budget row ${id}`);
    await page.getByLabel("Outlet").fill("The Test Gazette");
    await page
      .getByLabel("Article text")
      .fill(
        `Finance Minister Maria Costa said on Monday that the deficit fell to 2 percent in ${id}.\n\n"We kept every promise," she added.`,
      );
    await page.getByRole("button", { name: "Import article" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported 1 article" })).toBeVisible();
    await page.getByRole("link", { name: `Budget row ${id}` }).click();

    const body = page.getByTestId("article-body");
    await expect(body.locator("[data-claim]").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: /claims?$/ })).toHaveText(/[2-9] claims/);
    // Each claim says how check-worthy it is and which model said so.
    const score = /^check-worthiness [01]\.\d\d · (sentence|words) model$/;
    await expect(page.getByTestId("checkworthiness").first()).toHaveText(score);
    await body.locator("[data-claim]", { hasText: "We kept every promise" }).click();
    await expect(page.getByTestId("claim-text")).toContainText("We kept every promise");
    await expect(page.getByTestId("claim-speaker")).toHaveText("Finance Minister Maria Costa");
    await expect(page.getByTestId("checkworthiness")).toHaveText(score);
  });

  test("the same article pasted twice is reported as already imported", async ({ page }) => {
    const text = `Police said 14 people were arrested on Friday (${crypto.randomUUID()}).`;
    for (let i = 0; i < 2; i++) {
      await page.goto("/articles/import");
      await page.getByLabel("Title").fill("Arrests");
      await page.getByLabel("Article text").fill(text);
      await page.getByRole("button", { name: "Import article" }).click();
      await expect(
        page
          .getByRole("status")
          .filter({ hasText: i === 0 ? "Imported 1 article" : "Already imported" }),
      ).toBeVisible();
    }
  });

  test("a JSONL upload imports its good lines and names the bad one by line number", async ({
    page,
  }) => {
    const id = crypto.randomUUID();
    const lines = [
      JSON.stringify({
        title: `Good line ${id}`,
        body: `The mayor said taxes rose 5 percent in ${id}.`,
      }),
      "{ this is not json",
    ].join("\n");
    await page.goto("/articles/import");
    await page.getByLabel("Files").setInputFiles({
      name: "batch.jsonl",
      mimeType: "application/x-ndjson",
      buffer: Buffer.from(lines),
    });
    await page.getByRole("button", { name: "Upload and import" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Good line ${id}` })).toBeVisible();
    await expect(
      page.getByRole("alert").filter({ hasText: "batch.jsonl line 2: not valid JSON" }),
    ).toBeVisible();
  });

  test("selecting text in an article adds it as a claim", async ({ page }) => {
    const id = crypto.randomUUID().slice(0, 8);
    await page.goto("/articles/import");
    await page.getByLabel("Title").fill(`Selection ${id}`);
    await page
      .getByLabel("Article text")
      .fill(
        `Opening line without claims here.\nThe river flooded 300 homes last spring near ${id}.`,
      );
    await page.getByRole("button", { name: "Import article" }).click();
    await page.getByRole("link", { name: `Selection ${id}` }).click();
    const count = page.getByRole("heading", { name: /claims?$/ });
    const before = Number((await count.textContent())!.split(" ")[0]);

    // Select "The river flooded 300 homes" in the rendered text, as a mouse would.
    await page.getByTestId("article-body").evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let node: Node | null;
      while ((node = walker.nextNode())) {
        const at = node.textContent!.indexOf("The river flooded 300 homes");
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + "The river flooded 300 homes".length);
          window.getSelection()!.removeAllRanges();
          window.getSelection()!.addRange(range);
          root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
          return;
        }
      }
      throw new Error("text not found");
    });
    await expect(page.getByTestId("selection-preview")).toHaveText("“The river flooded 300 homes”");
    await page.getByRole("button", { name: "Add claim from selection" }).click();
    await expect(count).toHaveText(`${before + 1} ${before + 1 === 1 ? "claim" : "claims"}`);
    await expect(
      page
        .getByTestId("article-body")
        .getByRole("link", { name: "The river flooded 300 homes", exact: true }),
    ).toBeVisible();
  });

  test("the sample article's claims name Ryabkov for 'the deputy minister'", async ({ page }) => {
    await page.goto("/articles");
    await page.getByRole("link", { name: /Kremlin rejects US position/ }).click();
    await page
      .getByTestId("article-body")
      .locator("[data-claim]", { hasText: "They listen only to themselves" })
      .click();
    await expect(page.getByTestId("claim-speaker")).toHaveText(
      "Russian Deputy Foreign Minister Sergei Ryabkov",
    );
  });
});
