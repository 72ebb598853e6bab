import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, seriousViolations, signedInPage, test } from "./fixtures";

/** A news site on this machine: an RSS feed of two articles. */
async function newsSite(id: string) {
  const article = (title: string, who: string) =>
    `<!doctype html><html><head><title>${title}</title>
     <meta property="og:title" content="${title}"><meta property="og:site_name" content="Local Ledger"></head>
     <body><article>${[1, 2, 3]
       .map(
         (n) =>
           `<p>${who} said that unemployment fell to ${n + 3} percent in ${id}, the lowest in a decade. "The figures speak for themselves," ${who} told reporters on Monday.</p>`,
       )
       .join("")}</article></body></html>`;
  const pages: Record<string, { type: string; body: string }> = {
    "/rss.xml": {
      type: "application/rss+xml",
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Local Ledger ${id}</title>
        <item><title>A</title><link>/a.html</link><guid>${id}-a</guid></item>
        <item><title>B</title><link>/b.html</link><guid>${id}-b</guid></item></channel></rss>`,
    },
    "/a.html": { type: "text/html", body: article(`Jobs report ${id}`, "Minister Ana Silva") },
    "/b.html": { type: "text/html", body: article(`Budget talks ${id}`, "Senator Tom Reyes") },
  };
  const server = http.createServer((req, res) => {
    const page = pages[new URL(req.url!, "http://x").pathname];
    res.writeHead(page ? 200 : 404, { "content-type": page?.type ?? "text/plain" });
    res.end(page?.body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss.xml` };
}

test("an editor follows a feed: its entries become articles whose claims join the queue", async ({
  browser,
  makeUser,
}) => {
  test.setTimeout(120_000);
  const id = `feed${Date.now()}`;
  const site = await newsSite(id);
  try {
    const editor = await makeUser("EDITOR");
    const page = await signedInPage(browser, editor);
    await page.goto("/feeds");
    await page.getByLabel("Feed address").fill(site.url);
    await page.getByRole("button", { name: "Follow" }).click();
    await expect(page.getByText("Feed added: it is being polled now.")).toBeVisible();

    const row = page.getByTestId("feed-row").filter({ hasText: site.url });
    await expect(async () => {
      await page.reload();
      await expect(row).toContainText("2 imported of 2", { timeout: 1_000 });
    }).toPass({ timeout: 90_000 });
    await expect(row).toContainText(`Local Ledger ${id}`);
    await expect(row).toContainText("Active");
    expect(await seriousViolations(page)).toEqual([]);

    // The articles, with their claims, in the queue.
    await page.goto(`/claims?q=${id}`);
    const queue = page.getByRole("table", { name: "Claims queue" });
    await expect(queue.getByRole("link", { name: `Jobs report ${id}` }).first()).toBeVisible();
    await expect(queue.getByRole("link", { name: `Budget talks ${id}` }).first()).toBeVisible();
    await expect(
      queue.getByRole("row").filter({ hasText: "unemployment fell" }).first(),
    ).toBeVisible();

    // Pausing stops the schedule, and says so.
    await page.goto("/feeds");
    await row.getByRole("button", { name: "Pause" }).click();
    await expect(row).toContainText("Paused");
  } finally {
    site.server.closeAllConnections();
    site.server.close();
  }
});
