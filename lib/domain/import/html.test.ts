import { describe, expect, it } from "vitest";
import { nestedHtml } from "@/seeds/hostile-inputs";
import { HTML_LIMITS, htmlToArticle, readPlainBlocks } from "./html";

describe("HTML too deep or too large for Readability", () => {
  it("reads the 2,000-level page as plain blocks, with its text and title", () => {
    const page = htmlToArticle(nestedHtml(2_000));
    expect(page).toMatchObject({
      flattened: true,
      title: "Nested",
      body: "The minister said the budget rose by 4 percent in 2024.",
    });
  });

  it("reads 100,000 levels (1.1 MB) in one pass: no stack overflow, the same text", () => {
    const plain = readPlainBlocks(nestedHtml(100_000));
    expect(plain.depth).toBeGreaterThanOrEqual(100_000);
    expect(plain.body).toBe("The minister said the budget rose by 4 percent in 2024.");
  });

  it("sends ordinary pages to Readability", () => {
    const html = `<html><head><title>Page</title></head><body><nav>Home | World</nav><article>
      <h1>Minister resigns</h1>${"<p>The minister resigned on Monday after a report on the budget.</p>".repeat(5)}
      </article></body></html>`;
    expect(htmlToArticle(html).flattened).toBe(false);
    expect(htmlToArticle(html).body).not.toContain("Home | World");
  });

  it("flattens at the element bound as at the depth bound", () => {
    const many = `<body>${"<p>x</p>".repeat(HTML_LIMITS.maxElements + 1)}</body>`;
    expect(htmlToArticle(many).flattened).toBe(true);
    const deep = `<body>${nestedHtml(HTML_LIMITS.maxDepth - 10)}</body>`;
    expect(htmlToArticle(deep).flattened).toBe(false);
  });

  it("measures depth as a browser nests: void elements and unclosed paragraphs add none", () => {
    const html = `<body><div>${"<p>one<br><img src=x>".repeat(500)}</div></body>`;
    const plain = readPlainBlocks(html);
    expect(plain.depth).toBeLessThan(5);
    expect(plain.body.split("\n\n")).toHaveLength(500);
  });

  it("leaves out scripts and styles and decodes entities", () => {
    const plain = readPlainBlocks(
      `<head><title>A &amp; B</title><style>p{}</style></head><body><script>alert(1)</script><p>Tom &amp; Jerry&#8217;s</p></body>`,
    );
    expect(plain).toMatchObject({ title: "A & B", body: "Tom & Jerry’s" });
  });
});
