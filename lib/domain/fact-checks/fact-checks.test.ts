import { describe, expect, it } from "vitest";
import { Bm25Index, topK } from "./bm25";
import { FactCheckMatcher, unit } from "./matcher";
import { Int8Vectors } from "./int8-vectors";
import { averagePrecisionAt, rankingScores, recallAt } from "./metrics";
import { factCheck } from "@/tests/support/fact-check-records";
import { libraryKey, lexicalText, queryText, recordsOf } from "./records";
import { claimReviewsInPage, recordsFromCsv } from "./sources";

describe("fact-check records", () => {
  const review = (url: string, claim: string) => ({
    "@type": "ClaimReview",
    url,
    claimReviewed: claim,
    headline: `Fact check: ${claim}`,
    reviewRating: { "@type": "Rating", alternateName: "False", ratingValue: 1 },
    author: { "@type": "Organization", name: "Example Checks" },
    itemReviewed: { "@type": "Claim", author: { "@type": "Person", name: "A. Politician" } },
    inLanguage: "en",
    datePublished: "2024-03-01",
  });

  it("reads a ClaimReview, an array and an @graph of several, and a CheckThat! vclaim", () => {
    expect(recordsOf(review("https://checks.example/a", "Claim A"))).toEqual([
      {
        id: "https://checks.example/a",
        claim: "Claim A",
        title: "Fact check: Claim A",
        subtitle: null,
        rating: "False",
        ratingValue: 1,
        publisher: "Example Checks",
        claimant: "A. Politician",
        date: "2024-03-01",
        url: "https://checks.example/a",
        language: "en",
      },
    ]);
    const graph = {
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebPage", name: "Not a review" },
        review("https://checks.example/b", "Claim B"),
        review("https://checks.example/c", "Claim C"),
      ],
    };
    expect(recordsOf(graph).map((r) => r.id)).toEqual([
      "https://checks.example/b",
      "https://checks.example/c",
    ]);
    expect(
      recordsOf([review("https://checks.example/d", "D"), { "@type": "Person" }]),
    ).toHaveLength(1);
    expect(
      recordsOf({
        vclaim_id: "vclaim-1",
        vclaim: "The moon is made of cheese.",
        title: "Cheese moon",
        subtitle: "An old joke.",
        author: "A. Writer",
        date: "1 May 2020",
      }),
    ).toEqual([
      {
        id: "vclaim-1",
        claim: "The moon is made of cheese.",
        title: "Cheese moon",
        subtitle: "An old joke.",
        rating: null,
        ratingValue: null,
        publisher: "A. Writer",
        claimant: null,
        date: "1 May 2020",
        url: null,
        language: null,
      },
    ]);
  });

  it("skips what is not a fact-check: no review, a review without its claim or address", () => {
    expect(recordsOf({ "@type": "NewsArticle", headline: "News" })).toEqual([]);
    expect(recordsOf({ "@type": "ClaimReview", url: "https://checks.example/e" })).toEqual([]);
    expect(recordsOf({ "@type": "ClaimReview", claimReviewed: "No address" })).toEqual([]);
    // Only a web page can be linked to and cited: other schemes are not addresses.
    for (const url of [
      "javascript:alert(1)",
      "data:text/html,x",
      "/relative/only",
      "ftp://x.example/",
      // Longer than the library's key may be.
      `https://x.example/${"a".repeat(2000)}`,
    ]) {
      expect(recordsOf({ "@type": "ClaimReview", url, claimReviewed: "Claim" })).toEqual([]);
    }
    expect(recordsOf(null)).toEqual([]);
    expect(recordsOf("text")).toEqual([]);
  });

  it("reads a tweet as its claim: no links, handles as names, no signature", () => {
    expect(
      queryText(
        "Illinois GOP bill attacks #singlemoms https://t.co/wDGczl94dF @GOP — Morgan Fairchild (@morgfair) February 25, 2016",
      ),
    ).toBe("Illinois GOP bill attacks singlemoms GOP");
    expect(lexicalText(factCheck("x", "Claim", { title: "Title", subtitle: null }))).toBe(
      "Claim \nTitle",
    );
  });
});

describe("the lexical stage (BM25)", () => {
  const docs = [
    "The health minister said 4,000 nurses were hired last year",
    "Rents rose by 12 percent in the capital",
    "The minister of defence said the army hired 4,000 soldiers",
    "Nurses went on strike in three hospitals",
  ];
  const index = new Bm25Index(docs);

  it("ranks the document sharing the query's rarer words first, by stems and numbers", () => {
    const scores = index.scores("four thousand nurses hired by the health ministry");
    const ranked = topK(scores, 4).map((r) => r.index);
    expect(ranked[0]).toBe(0);
    expect(ranked).not.toContain(1);
    expect(topK(index.scores("rent rises in the capital"), 1)[0]!.index).toBe(1);
  });

  it("scores nothing for a query of stop words or unknown words", () => {
    expect(topK(index.scores("the of and said"), 5)).toEqual([]);
    expect(topK(index.scores("zebra xylophone"), 5)).toEqual([]);
  });

  it("keeps the k best in order, ties by position, zeros left out", () => {
    expect(topK([0, 3, 1, 3, 0, 2], 3)).toEqual([
      { index: 1, score: 3 },
      { index: 3, score: 3 },
      { index: 5, score: 2 },
    ]);
    expect(topK([0, 0], 2)).toEqual([]);
  });

  it("builds over half a million words of repeats and still ranks by them", () => {
    const big = new Bm25Index(
      Array.from({ length: 10_000 }, (_, i) => `claim ${i % 97} ${docs[i % 4]}`.repeat(5)),
    );
    expect(big.size).toBe(10_000);
    expect(topK(big.scores("nurses strike hospitals"), 1)[0]!.index % 4).toBe(3);
  });
});

describe("the fused matcher", () => {
  const records = [
    factCheck("vaccine", "The COVID-19 vaccine causes infertility"),
    factCheck("market", "The stock market crashed on Monday"),
    factCheck("water", "Drinking hot water cures the coronavirus"),
  ];
  // Hand-made unit vectors standing in for the sentence encoder's.
  const vectors = new Float32Array([...unit([1, 0, 0]), ...unit([0, 1, 0]), ...unit([0, 0, 1])]);
  const matcher = new FactCheckMatcher(records, vectors, 3, 0.5);

  it("finds a paraphrase that shares no word by the semantic stage, and says so", () => {
    const [best] = matcher.match(
      "Getting the jab leaves you unable to have children",
      unit([0.9, 0.1, 0.2]),
      2,
    );
    expect(best).toMatchObject({ record: { id: "vaccine" }, lexical: 0, stage: "semantic" });
    expect(best!.semantic).toBeCloseTo(0.97, 2);
  });

  it("without embeddings, ranks by the lexical stage alone; both stages agreeing are 'both'", () => {
    expect(matcher.match("hot water cures", null, 1)).toMatchObject([
      { record: { id: "water" }, score: 1, semantic: null, stage: "lexical" },
    ]);
    expect(matcher.match("hot water cures", unit([0, 0, 1]), 1)[0]!.stage).toBe("both");
  });

  it("refuses embeddings that do not match the records", () => {
    expect(() => new FactCheckMatcher(records, new Float32Array(6), 3)).toThrow(
      /2 embeddings for 3/,
    );
  });
});

describe("ranking measures", () => {
  it("average precision at k and recall at k, as CheckThat! computes them", () => {
    const relevant = new Set(["a", "b"]);
    expect(averagePrecisionAt(["a", "x", "b"], relevant, 5)).toBeCloseTo((1 + 2 / 3) / 2);
    expect(averagePrecisionAt(["x", "a"], new Set(["a"]), 1)).toBe(0);
    expect(averagePrecisionAt(["x", "a"], new Set(["a"]), 5)).toBe(0.5);
    expect(recallAt(["a", "x"], relevant, 5)).toBe(0.5);
    const scores = rankingScores(
      new Map([["q1", ["a"]]]),
      new Map([
        ["q1", new Set(["a"])],
        ["q2", new Set(["b"])],
      ]),
    );
    expect(scores).toEqual({ queries: 2, map1: 0.5, map5: 0.5, recall5: 0.5 });
  });
});

describe("fact-checks from pages and spreadsheets", () => {
  const page = (...blocks: string[]) =>
    `<!doctype html><html><head><title>A check</title>${blocks
      .map((b) => `<script type="application/ld+json">${b}</script>`)
      .join("")}</head><body><p>Text &amp; more</p></body></html>`;
  const review = (claim: string, extra: object = {}) => ({
    "@type": "ClaimReview",
    claimReviewed: claim,
    reviewRating: { "@type": "Rating", ratingValue: "2", alternateName: "Mostly false" },
    author: { "@type": "Organization", name: "Checkers" },
    ...extra,
  });

  it("reads a page's ClaimReview, its address the page's when it gives none (relative made absolute)", () => {
    const found = claimReviewsInPage(
      page(
        JSON.stringify({ "@type": "NewsArticle", headline: "x" }),
        JSON.stringify(review("Tax went up")),
      ),
      "https://checks.example/2024/tax",
    );
    expect(found).toMatchObject({
      ok: true,
      records: [
        {
          id: "https://checks.example/2024/tax",
          url: "https://checks.example/2024/tax",
          claim: "Tax went up",
          rating: "Mostly false",
          ratingValue: 2,
          publisher: "Checkers",
        },
      ],
    });
    const relative = claimReviewsInPage(
      page(JSON.stringify(review("A", { url: "/checks/a" }))),
      "https://checks.example/list",
    );
    expect(relative.ok && relative.records[0]!.url).toBe("https://checks.example/checks/a");
  });

  it("keeps several reviews of one page apart (an @graph, the same address), and skips broken blocks", () => {
    const found = claimReviewsInPage(
      page(
        "{ not json",
        JSON.stringify({
          "@context": "https://schema.org",
          "@graph": [review("First"), review("Second")],
        }),
      ),
      "https://checks.example/roundup",
    );
    expect(found.ok).toBe(true);
    const records = found.ok ? found.records : [];
    expect(records.map((r) => r.claim)).toEqual(["First", "Second"]);
    expect(records.every((r) => r.url === "https://checks.example/roundup")).toBe(true);
    const keys = records.map(libraryKey);
    expect(new Set(keys).size).toBe(2);
    // The same page read again gives the same keys: deduplication holds across imports.
    const again = claimReviewsInPage(
      page(JSON.stringify({ "@graph": [review("First"), review("Second")] })),
      "https://checks.example/roundup",
    );
    expect(again.ok && again.records.map(libraryKey)).toEqual(keys);
  });

  it("says why a page holds no fact-check", () => {
    expect(claimReviewsInPage(page(), "https://x.example/")).toEqual({
      ok: false,
      reason: "the page has no JSON-LD, so no ClaimReview",
    });
    expect(
      claimReviewsInPage(page(JSON.stringify({ "@type": "NewsArticle" })), "https://x.example/"),
    ).toEqual({
      ok: false,
      reason: "the page's JSON-LD holds no ClaimReview with the claim reviewed",
    });
    // Nested far too deep, and very large: skipped, not parsed, in linear time.
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const huge = JSON.stringify(review("x".repeat(300_000)));
    expect(claimReviewsInPage(page(deep, huge), "https://x.example/").ok).toBe(false);
  });

  it("reads a CSV by its column names, skipping rows without a claim or address", () => {
    const csv =
      "Claim Reviewed,URL,Rating,Rating Value,Publisher,Claimant,Date\n" +
      '"Crime fell, they said",https://c.example/1,False,1,Checkers,A. Mayor,2024-05-01\n' +
      ",https://c.example/2,True,5,Checkers,,\n" +
      "No address,not-a-url,True,,,,\n";
    const { records, skipped, problems } = recordsFromCsv(csv);
    expect(records).toEqual([
      {
        id: "https://c.example/1",
        claim: "Crime fell, they said",
        title: null,
        subtitle: null,
        rating: "False",
        ratingValue: 1,
        publisher: "Checkers",
        claimant: "A. Mayor",
        date: "2024-05-01",
        url: "https://c.example/1",
        language: null,
      },
    ]);
    expect(skipped).toBe(2);
    expect(problems).toEqual(["row 3: no claim", "row 4: no http(s) address"]);
    expect(() => recordsFromCsv("text,link\nA,https://x.example/\n")).toThrow(/no claim column/);
  });
});

describe("embeddings as 8-bit integers", () => {
  /** `n` random unit vectors of `d` numbers from a fixed seed. */
  const random = (n: number, d: number, seed = 1) => {
    const out = new Float32Array(n * d);
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0), seed / 2 ** 32 - 0.5);
    for (let r = 0; r < n; r++) out.set(unit(Array.from({ length: d }, next)), r * d);
    return out;
  };
  const exact = (vectors: Float32Array, q: Float32Array, d: number) =>
    Array.from({ length: vectors.length / d }, (_, r) => {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += vectors[r * d + i]! * q[i]!;
      return Math.max(0, dot);
    });

  it("gives the cosines within a few thousandths, the SIMD kernel and JavaScript alike", () => {
    for (const d of [512, 20, 3]) {
      const vectors = random(3000, d);
      const q = random(1, d, 99);
      const simd = new Int8Vectors(vectors, d);
      expect(simd.simd).toBe(true);
      const js = new Int8Vectors(vectors, d, { simd: false });
      const [a, b] = [simd.cosines(q), js.cosines(q)];
      expect(Array.from(a)).toEqual(Array.from(b));
      const want = exact(vectors, q, d);
      const worst = Math.max(...want.map((c, r) => Math.abs(c - a[r]!)));
      expect(worst).toBeLessThan(0.01);
      expect(worst).toBeGreaterThan(0); // rounded, so not exact
    }
  });

  it("ranks the same best vector as the exact cosines, over more than a page of memory", () => {
    const d = 512;
    const vectors = random(20_000, d, 5);
    const q = random(1, d, 6);
    // Record 12,345 made close to the query.
    vectors.set(unit(Array.from(q, (x, i) => x + (i % 7 === 0 ? 0.01 : 0))), 12_345 * d);
    const cosines = new Int8Vectors(vectors, d).cosines(q);
    expect(topK(cosines, 1)[0]!.index).toBe(12_345);
    expect(cosines[12_345]).toBeGreaterThan(0.99);
  });
});
