import { describe, expect, it } from "vitest";
import { Bm25Index, topK } from "./bm25";
import { FactCheckMatcher, unit } from "./matcher";
import { averagePrecisionAt, rankingScores, recallAt } from "./metrics";
import { factCheck } from "@/tests/support/fact-check-records";
import { lexicalText, queryText, recordsOf } from "./records";

describe("fact-check records", () => {
  const review = (url: string, claim: string) => ({
    "@type": "ClaimReview",
    url,
    claimReviewed: claim,
    headline: `Fact check: ${claim}`,
    reviewRating: { "@type": "Rating", alternateName: "False", ratingValue: 1 },
    author: { "@type": "Organization", name: "Example Checks" },
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
        publisher: "Example Checks",
        date: "2024-03-01",
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
        publisher: "A. Writer",
        date: "1 May 2020",
      },
    ]);
  });

  it("skips what is not a fact-check: no review, a review without its claim or address", () => {
    expect(recordsOf({ "@type": "NewsArticle", headline: "News" })).toEqual([]);
    expect(recordsOf({ "@type": "ClaimReview", url: "https://checks.example/e" })).toEqual([]);
    expect(recordsOf({ "@type": "ClaimReview", claimReviewed: "No address" })).toEqual([]);
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
