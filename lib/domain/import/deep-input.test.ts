import { describe, expect, it } from "vitest";
import { nestedHtml } from "@/seeds/hostile-inputs";
import { readFeed, MAX_FEED_XML_DEPTH } from "./feed";
import { HTML_LIMITS } from "./html";
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from "./json-depth";
import { parseImportFile, parseWebPage } from "./parse";

/**
 * Every reader of outside input refuses or flattens nesting by a limit of its own, so the
 * answer is the same on every Node.js (whose stack sizes differ). Hostile inputs are built
 * as strings, never by recursion. Run on Node.js 20, 22, 24 and 26 (see the README).
 */
const bytes = (text: string) => new TextEncoder().encode(text);
const arrays = (levels: number, inner = "") => "[".repeat(levels) + inner + "]".repeat(levels);
const objects = (levels: number, inner = "1") =>
  '{"a":'.repeat(levels) + inner + "}".repeat(levels);
const PARAGRAPH = `<p>${"The mayor said taxes rose by 5 percent last year in the city, according to figures the finance office released on Monday. ".repeat(4)}</p>`;

describe("jsonNestsDeeperThan", () => {
  it("counts arrays and objects, and not brackets inside strings", () => {
    expect(jsonNestsDeeperThan(arrays(3), 3)).toBe(false);
    expect(jsonNestsDeeperThan(arrays(4), 3)).toBe(true);
    expect(jsonNestsDeeperThan(objects(4), 3)).toBe(true);
    expect(jsonNestsDeeperThan('["[[[[", "{{{{", "\\"[[[["]', 2)).toBe(false);
    expect(jsonNestsDeeperThan('[1], [2], {"a": [3]}', 2)).toBe(false);
  });

  it("answers for a million levels without recursion", () => {
    expect(jsonNestsDeeperThan(arrays(1_000_000))).toBe(true);
  });
});

describe("nesting past the limits", () => {
  const record = (body: string) => `{"title": "Deep", "body": "Text.", "extra": ${body}}`;

  it("refuses a JSON upload or JSON Lines line nested past the limit, and reads one at it", () => {
    const atLimit = parseImportFile("ok.json", bytes(record(arrays(MAX_JSON_DEPTH - 1))));
    expect(atLimit).toMatchObject([{ ok: true }]);
    for (const deep of [arrays(MAX_JSON_DEPTH + 1), arrays(200_000), objects(200_000)]) {
      expect(parseImportFile("deep.json", bytes(deep))).toEqual([
        { source: "deep.json", ok: false, error: expect.stringMatching(/more than 32 levels/) },
      ]);
    }
    const lines = [JSON.stringify({ title: "Fine", body: "Text." }), record(arrays(100_000))];
    expect(parseImportFile("b.jsonl", bytes(lines.join("\n")))).toEqual([
      expect.objectContaining({ source: "b.jsonl line 1", ok: true }),
      { source: "b.jsonl line 2", ok: false, error: expect.stringMatching(/levels deep/) },
    ]);
  });

  it("skips a JSON-LD block nested past the limit and reads the page by its other tags", () => {
    // 10,000 levels once read on Node.js 20 and threw a RangeError on 26.
    for (const levels of [10_000, 99_000]) {
      const ld = `{"@type": "NewsArticle", "headline": ${arrays(levels, '"Deep headline"')}}`;
      const page = parseWebPage(
        "https://news.example/a",
        "text/html",
        `<html><head><title>Plain title</title><script type="application/ld+json">${ld}</script>` +
          `<meta property="og:title" content="From OpenGraph"></head><body><article>${PARAGRAPH}</article></body></html>`,
      );
      expect(page).toMatchObject({ ok: true, article: { title: "From OpenGraph" } });
    }
    const shallow = `{"@type": "NewsArticle", "headline": ${arrays(MAX_JSON_DEPTH - 2, '"Nested headline"')}}`;
    const page = parseWebPage(
      "https://news.example/b",
      "text/html",
      `<html><head><script type="application/ld+json">${shallow}</script></head><body><article>${PARAGRAPH}</article></body></html>`,
    );
    expect(page).toMatchObject({ ok: true, article: { title: "Nested headline" } });
  });

  it("reads HTML nested past its limit as plain blocks of text", () => {
    for (const levels of [HTML_LIMITS.maxDepth + 1, 200_000]) {
      const [article] = parseImportFile("deep.html", bytes(nestedHtml(levels)));
      expect(article).toMatchObject({
        ok: true,
        article: { body: expect.stringContaining("budget rose by 4 percent") },
      });
    }
  });

  it("refuses a feed nested past its limit, saying so, and reads one within it", () => {
    const rss = (inner: string) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title>` +
      `<link>https://news.example/1</link><extra>${inner}</extra></item></channel></rss>`;
    const tags = (levels: number) => "<a>".repeat(levels) + "x" + "</a>".repeat(levels);
    // rss > channel > item > extra: four levels before the nested tags (100 in all passes).
    expect(
      readFeed(rss(tags(MAX_FEED_XML_DEPTH - 4)), "https://news.example/feed").entries,
    ).toEqual([{ key: "https://news.example/1", url: "https://news.example/1", title: "One" }]);
    for (const levels of [MAX_FEED_XML_DEPTH - 2, 100_000]) {
      expect(() => readFeed(rss(tags(levels)), "https://news.example/feed")).toThrow(
        /not a feed .*more than 100 levels deep/,
      );
    }
    const json = (extra: string) =>
      `{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{"id": "1", "url": "https://news.example/1", "extra": ${extra}}]}`;
    expect(readFeed(json(arrays(10)), "https://news.example/feed.json").entries).toHaveLength(1);
    expect(() => readFeed(json(arrays(100_000)), "https://news.example/feed.json")).toThrow(
      /more than 32 levels deep/,
    );
  });
});
