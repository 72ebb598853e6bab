import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HOSTILE_TEXTS, newsText } from "@/seeds/hostile-inputs";
import { extractClaims, limitClaims, MAX_CLAIMS_PER_ARTICLE, MAX_SENTENCE_TOKENS } from "./extract";
import { findQuotes, splitSentences } from "./text";
import { work } from "./work";

const SAMPLE = readFileSync(
  path.resolve(import.meta.dirname, "../../../seeds/syria-chemical-weapons-investigation.txt"),
  "utf8",
);

/** The extractor's counted steps (work.ts) for one text: the same on every machine. */
function stepsOf(text: string): number {
  const before = work.steps;
  extractClaims(text);
  return work.steps - before;
}

const CASES: Record<string, (chars: number) => string> = {
  news: (chars) => newsText(SAMPLE, chars),
  ...HOSTILE_TEXTS,
};

// Four times the text should take about four times the work; quadratic work takes sixteen.
// Steps are counted, not timed (a time ratio is the benchmark's: npm run bench), so the
// bound can be tight: under 5 for 4x the text. Each of these inputs once took 4-16x more
// per character at 100 KB.
describe("extraction work grows linearly with the text", () => {
  for (const [name, make] of Object.entries(CASES)) {
    it(`${name}: 4x the text takes under 5x the counted steps`, () => {
      const small = stepsOf(make(50_000));
      const large = stepsOf(make(200_000));
      expect(small).toBeGreaterThan(10_000);
      expect(large / small).toBeLessThan(5);
    });
  }
});

describe("the bounds that keep it linear", () => {
  it("analyses an endless sentence in pieces of bounded length", () => {
    const text = HOSTILE_TEXTS["he said that"]!(100_000);
    expect(splitSentences(text)).toHaveLength(1);
    const { sentences } = extractClaims(text);
    expect(sentences.length).toBeGreaterThan(20);
    expect(sentences.every((s) => s.start < s.end)).toBe(true);
  });

  it("treats a quotation mark that never closes as no quotation, not as the rest of the article", () => {
    const unquoted = newsText(SAMPLE, 20_000).replace(/[“”"]/g, "");
    const text = `“Nobody closes this, ${unquoted} and then,” he said.`;
    expect(findQuotes(text)).toEqual([]);
    expect(findQuotes(`“A real quote,” ${unquoted}`)).toEqual([{ start: 0, end: 15 }]);
  });

  it("keeps the most check-worthy claims of a text that yields thousands, in text order", () => {
    const all = extractClaims(HOSTILE_TEXTS["quote said"]!(200_000));
    expect(all.claims.length).toBeGreaterThan(MAX_CLAIMS_PER_ARTICLE);
    const limited = limitClaims(all);
    expect(limited.found).toBe(all.claims.length);
    expect(limited.claims).toHaveLength(MAX_CLAIMS_PER_ARTICLE);
    const starts = limited.claims.map((c) => c.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const lowestKept = Math.min(...limited.claims.map((c) => c.checkworthiness));
    const dropped = all.claims.filter((c) => !limited.claims.includes(c));
    expect(dropped.every((c) => c.checkworthiness <= lowestKept)).toBe(true);
    const news = extractClaims(newsText(SAMPLE, 20_000));
    expect(limitClaims(news)).toBe(news);
  });

  it("keeps real sentences whole: no PolNeAR sentence reaches the bound", () => {
    expect(MAX_SENTENCE_TOKENS).toBeGreaterThan(220);
  });
});
