import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importArticle } from "@/lib/data/articles";
import {
  flagCheckedBefore,
  backfillMatchText,
  CHECKED_BEFORE_THRESHOLD,
  listSimilarClaims,
  SIMILAR_THRESHOLD,
} from "@/lib/data/matching";
import { listQueue } from "@/lib/data/queue";
import { searchClaims, searchHeadlines } from "@/lib/data/search";
import { dismissClaim } from "@/lib/data/dismissal";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "@/lib/domain/highlight-marks";
import { articleInput } from "@/lib/validation/article";
import { queueQuery } from "@/lib/validation/queue";
import { createArticle, createClaim, createUser } from "@/seeds/factories";

const PAIRS = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../fixtures/claim-pairs.json"), "utf8"),
) as {
  pool: string[];
  queries: Array<{ text: string; match: number | null }>;
};

let poolIds: string[] = [];
const tag = `t${Date.now().toString(36)}`;

beforeAll(async () => {
  const article = await createArticle(prisma, { title: `Pool ${tag}` });
  poolIds = [];
  for (const text of PAIRS.pool) {
    poolIds.push(
      (await createClaim(prisma, { articleId: article.id, state: "APPROVED", text })).id,
    );
  }
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("similar claims", () => {
  it("finds paraphrases as the top suggestion and rarely suggests a non-match (labelled pairs)", async () => {
    const article = await createArticle(prisma, { title: `Queries ${tag}` });
    const pool = new Set(poolIds);
    const tops: Array<{
      match: number | null;
      top: { id: string; score: number; text: string } | undefined;
      text: string;
    }> = [];
    for (const query of PAIRS.queries) {
      const claim = await createClaim(prisma, { articleId: article.id, text: query.text });
      const [top] = (await listSimilarClaims(claim.id, 20)).filter((s) => pool.has(s.id));
      tops.push({ match: query.match, top, text: query.text });
    }
    /** Precision and recall of the top suggestion, counting only suggestions at or above `threshold`. */
    const at = (threshold: number) => {
      const shown = tops.filter((t) => t.top && t.top.score >= threshold);
      const right = shown.filter((t) => t.match !== null && t.top!.id === poolIds[t.match]);
      const expected = tops.filter((t) => t.match !== null).length;
      return {
        precision: right.length / Math.max(1, shown.length),
        recall: right.length / expected,
        shown: shown.length,
        right: right.length,
        expected,
      };
    };
    const similar = at(SIMILAR_THRESHOLD);
    const checked = at(CHECKED_BEFORE_THRESHOLD);
    const wrong = tops.filter((t) => t.top && !(t.match !== null && t.top.id === poolIds[t.match]));
    console.log(
      `labelled pairs (${PAIRS.queries.length} queries, ${similar.expected} with a true match):\n` +
        `  "similar claims" (score >= ${SIMILAR_THRESHOLD}): precision@1 ${similar.precision.toFixed(2)} (${similar.right}/${similar.shown}), recall@1 ${similar.recall.toFixed(2)}\n` +
        `  "checked before" (score >= ${CHECKED_BEFORE_THRESHOLD}): precision@1 ${checked.precision.toFixed(2)} (${checked.right}/${checked.shown}), recall@1 ${checked.recall.toFixed(2)}\n` +
        wrong
          .map((t) => `  wrong top: ${t.text} -> ${t.top!.text} (${t.top!.score.toFixed(2)})`)
          .join("\n"),
    );
    expect(similar.recall).toBeGreaterThanOrEqual(0.9);
    expect(similar.precision).toBeGreaterThanOrEqual(0.8);
    expect(checked.precision).toBeGreaterThanOrEqual(0.95);
    expect(checked.recall).toBeGreaterThanOrEqual(0.6);
  });

  it("tolerates word order, inflection and numbers in words", async () => {
    const claim = await createClaim(prisma, {
      text: "Forty-two people were killed in the floods last spring",
    });
    const similar = await listSimilarClaims(claim.id);
    expect(similar[0]?.id).toBe(poolIds[7]);
    expect(similar[0]?.score).toBeGreaterThan(0.9);
  });
});

describe("full-text search", () => {
  it("ranks matches and marks the matched words", async () => {
    const hits = await searchClaims("chemical weapons investigation");
    const ids = new Set(hits.map((h) => h.id));
    expect(ids.has(poolIds[0]!)).toBe(true);
    const headlines = await searchHeadlines("chemical weapons investigation", [poolIds[0]!]);
    expect(headlines.get(poolIds[0]!)).toContain(`${HIGHLIGHT_START}chemical${HIGHLIGHT_END}`);
    expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => b - a));
  });

  it("accepts quotes, punctuation and SQL-looking input without error", async () => {
    for (const q of [
      '"Security Council"',
      "Tillerson's -Ghouta",
      `'; DROP TABLE "Claim"; --`,
      "((()))",
      "!!!",
      "the",
      "OR AND NOT",
    ]) {
      await expect(searchClaims(q)).resolves.toBeInstanceOf(Array);
    }
    expect(await prisma.claim.count()).toBeGreaterThan(0);
    const phrase = await searchClaims('"UN Security Council"');
    expect(phrase.some((h) => h.id === poolIds[2])).toBe(true);
  });
});

describe("search in the queue", () => {
  it("ranks, applies the queue's filters to the ranked claims, and marks the words of the page's rows", async () => {
    // A word only this test's claims carry, in three claims of two states.
    const word = `zq${tag}`;
    const article = await createArticle(prisma, { title: `Search ${tag}` });
    const claims = [];
    for (const [text, state] of [
      [`The ${word} budget rose, the ${word} minister said.`, "APPROVED"],
      [`The ${word} budget fell.`, "NEW"],
      [`Taxes and the ${word} levy rose.`, "APPROVED"],
    ] as const) {
      claims.push(await createClaim(prisma, { articleId: article.id, state, text }));
    }
    const user = await createUser(prisma);
    const all = await listQueue(queueQuery.parse({ q: word }), user.id);
    expect(all.total).toBe(3);
    // Two mentions rank first.
    expect(all.rows[0]!.id).toBe(claims[0]!.id);
    expect(all.rows.every((r) => r.headline?.includes(`${HIGHLIGHT_START}${word}`))).toBe(true);
    const approved = await listQueue(queueQuery.parse({ q: word, state: "APPROVED" }), user.id);
    expect(approved.total).toBe(2);
    expect(approved.rows.map((r) => r.id)).toEqual([claims[0]!.id, claims[2]!.id]);
    expect(approved.rows.map((r) => r.article?.title)).toEqual([`Search ${tag}`, `Search ${tag}`]);
  });
});

describe("checked before", () => {
  it("flags a newly imported claim that matches an approved one, which one click links as a duplicate", async () => {
    const reviewer = await createUser(prisma);
    const body = `Officials said that three hundred homes were flooded when the river burst its banks (${tag}).`;
    const outcome = await importArticle(articleInput.parse({ title: `Flood ${tag}`, body }), {
      userId: null,
    });
    const claims = await prisma.claim.findMany({ where: { articleId: outcome.articleId } });
    const flagged = claims.find((c) => c.matchedClaimId === poolIds[13]);
    expect(flagged).toBeDefined();
    expect(flagged!.matchScore).toBeGreaterThanOrEqual(0.5);
    // The editors are told, with the flag's own statement; flagging again tells nobody again.
    const repeats = () =>
      prisma.outboxEvent.findMany({ where: { claimId: flagged!.id, name: "claim.repeat" } });
    expect((await repeats()).map((e) => e.payload)).toEqual([
      { matchedClaimId: poolIds[13], score: expect.any(Number) },
    ]);
    expect(await flagCheckedBefore(prisma, [flagged!.id])).toBe(0);
    expect(await repeats()).toHaveLength(1);
    await dismissClaim(
      { id: reviewer.id, email: reviewer.email, name: reviewer.name, role: "REVIEWER" },
      {
        claimId: flagged!.id,
        version: flagged!.version,
        reason: "Checked before",
        duplicateOf: poolIds[13],
      },
    );
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: flagged!.id } })).toMatchObject({
      state: "DISMISSED",
      duplicateOfId: poolIds[13],
    });
  });
});

describe("claims stored before matching existed", () => {
  it("get their match text and bands at start, and are then found as similar", async () => {
    const article = await createArticle(prisma, { title: `Backfill ${tag}` });
    const text = `The ministry of ${tag} says unemployment fell to four percent in March`;
    const [old, fresh] = await Promise.all(
      [text, `${text}, its lowest in a decade`].map((t) =>
        createClaim(prisma, { articleId: article.id, text: t }),
      ),
    );
    await prisma.claim.update({
      where: { id: old!.id },
      data: { matchText: null, matchBands: [] },
    });
    expect(await backfillMatchText(prisma)).toBeGreaterThanOrEqual(1);
    const stored = await prisma.claim.findUniqueOrThrow({ where: { id: old!.id } });
    expect(stored.matchText).toBeTruthy();
    expect(stored.matchBands.length).toBeGreaterThan(0);
    const similar = await listSimilarClaims(fresh!.id);
    expect(similar.map((c) => c.id)).toContain(old!.id);
  });
});
