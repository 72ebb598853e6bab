import { describe, expect, it } from "vitest";
import { parseImportFile, plainTextArticle } from "./parse";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("reading uploaded articles", () => {
  it("takes a headline line from a text file, else the file name", () => {
    expect(plainTextArticle("a.txt", "Big headline\n\nBody text here.")).toEqual({
      title: "Big headline",
      body: "Body text here.",
    });
    expect(plainTextArticle("kremlin-rejects-us.txt", "Russia said so. More text.")).toMatchObject({
      title: "Kremlin rejects us",
    });
  });

  it("reduces HTML to paragraphs of text with Readability, dropping scripts and navigation", () => {
    const html = `<html><head><title>Page</title><meta name="author" content="Jane Roe"></head><body>
      <nav>Home | World | Sport</nav>
      <article><h1>Minister resigns</h1>
      <p>The minister resigned on Monday after a report found that the budget had been overspent by 40 percent in two years.</p>
      <p>“I take full responsibility,” she said in a statement published by the ministry on its website.</p>
      <script>alert("x")</script></article></body></html>`;
    const [result] = parseImportFile("page.html", bytes(html));
    expect(result).toMatchObject({ ok: true });
    if (!result?.ok) return;
    expect(result.article.body).toContain(
      "overspent by 40 percent in two years.\n\n“I take full responsibility,”",
    );
    expect(result.article.body).not.toContain("alert");
    expect(result.article.body).not.toContain("<");
  });

  it("reports a malformed JSONL line by number and keeps the good lines", () => {
    const text = [
      JSON.stringify({ title: "One", body: "First body." }),
      "{not json",
      JSON.stringify({ title: "Three", text: "Third body." }),
      JSON.stringify({ title: "Four", body: "" }),
    ].join("\n");
    const results = parseImportFile("batch.jsonl", bytes(text));
    expect(results.map((r) => [r.source, r.ok])).toEqual([
      ["batch.jsonl line 1", true],
      ["batch.jsonl line 2", false],
      ["batch.jsonl line 3", true],
      ["batch.jsonl line 4", false],
    ]);
    expect(results[1]).toMatchObject({ error: expect.stringMatching(/^not valid JSON/) });
    expect(results[3]).toMatchObject({ error: "Body is empty" });
  });

  it("refuses non-UTF-8 bytes, oversized files, unknown types and empty bodies with a clear message", () => {
    expect(parseImportFile("latin1.txt", new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toEqual([
      {
        source: "latin1.txt",
        ok: false,
        error: "not valid UTF-8 text (save the file as UTF-8 and try again)",
      },
    ]);
    const big = new Uint8Array(50 * 1024 * 1024);
    expect(parseImportFile("big.txt", big)[0]).toMatchObject({
      ok: false,
      error: "file is 50.0 MB; the limit is 10.0 MB per file",
    });
    expect(parseImportFile("doc.pdf", bytes("%PDF"))[0]).toMatchObject({
      ok: false,
      error: expect.stringContaining("unsupported file type"),
    });
    expect(parseImportFile("empty.txt", bytes("   \n  "))[0]).toMatchObject({
      ok: false,
      error: "Body is empty",
    });
  });

  it("validates JSON fields: URLs must be http(s), dates must be dates", () => {
    const [a, b] = parseImportFile(
      "items.json",
      bytes(
        JSON.stringify([
          { title: "A", body: "Text.", url: "javascript:alert(1)" },
          { title: "B", body: "Text.", publishedAt: "not a date" },
        ]),
      ),
    );
    expect(a).toMatchObject({ ok: false, error: "URL must start with http:// or https://" });
    expect(b).toMatchObject({ ok: false });
  });
});
