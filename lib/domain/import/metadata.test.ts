import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { readPageMetadata } from "./metadata";

const read = (head: string, url: string | null = "https://news.example/a/b?x=1") =>
  readPageMetadata(parseHTML(`<html><head>${head}</head><body></body></html>`).document, url);

describe("a page's metadata", () => {
  it("prefers JSON-LD (an array of types, a broken block skipped) over OpenGraph", () => {
    const meta = read(`
      <script type="application/ld+json">{ broken</script>
      <script type="application/ld+json">${JSON.stringify([
        { "@type": "BreadcrumbList" },
        {
          "@type": ["NewsArticle", "Thing"],
          headline: "From JSON-LD",
          author: { name: "Ann Lee" },
          publisher: { name: "Ledger" },
          datePublished: "2026-01-02",
          mainEntityOfPage: { "@id": "https://news.example/canonical" },
        },
      ])}</script>
      <meta property="og:title" content="From OpenGraph">
      <meta property="og:site_name" content="OG outlet">`);
    expect(meta).toEqual({
      title: "From JSON-LD",
      author: "Ann Lee",
      outlet: "Ledger",
      publishedAt: "2026-01-02",
      canonicalUrl: "https://news.example/canonical",
    });
  });

  it("resolves a relative canonical link against the page, and refuses other schemes", () => {
    expect(read('<link rel="canonical" href="../c">').canonicalUrl).toBe("https://news.example/c");
    expect(read('<link rel="canonical" href="javascript:alert(1)">').canonicalUrl).toBeNull();
    expect(read('<meta name="author" content="By Desk">')).toMatchObject({
      author: "By Desk",
      title: null,
      canonicalUrl: null,
    });
  });
});
