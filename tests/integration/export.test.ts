import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import jsonld from "jsonld";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { exportWarnings } from "@/lib/data/export";
import { CSV_COLUMNS } from "@/lib/domain/export/csv";
import type { ExportFormat } from "@/lib/domain/export/types";
import { exportFilter } from "@/lib/validation/export";
import { createArticle, createClaim, createUser } from "@/seeds/factories";
import { exportAsServed, exportChecked } from "../support/exports";

const PUBLISHER = {
  name: "Test Desk",
  url: "https://desk.example.org",
  claimUrlTemplate: "https://desk.example.org/checks/{id}",
};
// jsonld's typings do not fit a custom document loader; the call itself is the library's own.
const expand = jsonld.expand as unknown as (
  doc: object,
  options: { documentLoader: (url: string) => Promise<object> },
) => Promise<Array<Record<string, unknown>>>;

const SCHEMA_CONTEXT = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../fixtures/schema-org-context.jsonld"), "utf8"),
) as object;

const AWKWARD = [
  'He said "no", then "yes", twice',
  "Commas, commas, and more commas",
  "A line\nbreak and a\r\nWindows one",
  "Emoji 🙂 and 👩🏽‍⚕️ in a claim",
  "نص عربي من اليمين إلى اليسار with English",
  '=HYPERLINK("http://evil.example","click")',
  "+1 more and -1 less and @mention",
  '\uFF1DHYPERLINK("http://evil.example","full-width")',
];

let articleId: string;
let reviewerId: string;
const ids: string[] = [];

beforeAll(async () => {
  const reviewer = await createUser(prisma, { role: "REVIEWER", name: 'Rita, "the" Reviewer' });
  reviewerId = reviewer.id;
  const editor = await createUser(prisma, { role: "EDITOR", name: "Elena Editor" });
  const verdict = await prisma.verdict.upsert({
    where: { key: "test-export-false" },
    update: {},
    create: { key: "test-export-false", label: "False", ratingValue: 1, order: 97 },
  });
  const article = await createArticle(prisma, { title: 'Awkward, "quoted" title' });
  articleId = article.id;
  for (const [i, text] of AWKWARD.entries()) {
    const claim = await createClaim(prisma, { articleId, state: "APPROVED", text });
    await prisma.claim.update({
      where: { id: claim.id },
      data: {
        verdictId: verdict.id,
        approvedById: editor.id,
        approvedAt: new Date(Date.UTC(2024, 0, i + 1)),
        rationale: `Rationale ${i}: "quoted", with, commas\nand lines`,
        claimantName: "Jane Roe",
        claimantRole: "Mayor",
        claimantType: "PERSON",
        appearanceUrl: "https://example.org/speech",
        correctedAt: i === 0 ? new Date() : null,
        evidence: {
          create: [
            {
              position: 0,
              url: "https://example.org/a?x=1,2",
              stance: "REFUTES",
              sourceType: "PRIMARY",
              archivedUrl: "https://archive.example/a",
            },
            {
              position: 1,
              url: "https://example.org/b",
              stance: "CONTEXT",
              sourceType: "SECONDARY",
            },
          ],
        },
        reviews: { create: { reviewerId: reviewer.id, verdictId: verdict.id, rationale: "r" } },
      },
    });
    ids.push(claim.id);
  }
  // Not approved: stays out of the default export.
  await createClaim(prisma, { articleId, state: "SUBMITTED", text: "Pending claim" });
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** The export as served (checked byte for byte against the JavaScript encoders). */
async function exportText(format: ExportFormat, warnings: string[] = []): Promise<string> {
  const filter = exportFilter.parse({ article: articleId });
  const exported = await exportChecked(format, filter, "https://app.example", PUBLISHER);
  warnings.push(...exported.warnings);
  return exported.text;
}

async function stored() {
  return prisma.claim.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "asc" },
    include: {
      verdict: true,
      evidence: { orderBy: { position: "asc" } },
      article: true,
      approvedBy: true,
    },
  });
}

describe("exports read back with real parsers", () => {
  it("CSV: RFC 4180 with a header, every awkward text intact, formulas neutralised", async () => {
    const text = await exportText("csv");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(text, { bom: true, columns: true }) as Array<
      Record<(typeof CSV_COLUMNS)[number], string>
    >;
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    const claims = await stored();
    expect(rows.map((r) => r.claim_id)).toEqual(claims.map((c) => c.id));
    for (const [i, row] of rows.entries()) {
      const claim = claims[i]!;
      const expectedText = /^[=+\-@\uFF1D]/.test(claim.text) ? `'${claim.text}` : claim.text;
      expect(row.text).toBe(expectedText);
      expect(row.verdict).toBe("False");
      expect(row.rating_value).toBe("1");
      expect(row.rationale).toBe(claim.rationale);
      expect(row.article_title).toBe('Awkward, "quoted" title');
      expect(row.reviewer).toBe('Rita, "the" Reviewer');
      expect(row.approver).toBe("Elena Editor");
      expect(row.approved_at).toBe(claim.approvedAt!.toISOString());
      expect(row.span_start).toBe(String(claim.start));
      expect(JSON.parse(row.evidence_json).map((e: { url: string }) => e.url)).toEqual(
        claim.evidence.map((e) => e.url),
      );
      expect(row.corrected).toBe(claim.correctedAt ? "true" : "false");
      expect(row.claim_url).toBe(`https://app.example/claims/${claim.id}`);
    }
    expect(rows.find((r) => r.text.includes("click"))!.text.startsWith("'=")).toBe(true);
    expect(rows.find((r) => r.text.includes("full-width"))!.text.startsWith("'\uFF1D")).toBe(true);
    expect(rows.some((r) => r.text === "Pending claim")).toBe(false);
  });

  it("JSONL: one claim per line, equal to the database", async () => {
    const lines = (await exportText("jsonl")).trimEnd().split("\n");
    const claims = await stored();
    expect(lines).toHaveLength(claims.length);
    for (const [i, line] of lines.entries()) {
      const row = JSON.parse(line);
      expect(row).toMatchObject({
        id: claims[i]!.id,
        text: claims[i]!.text,
        verdictLabel: "False",
        evidence: claims[i]!.evidence.map((e) => ({
          url: e.url,
          stance: e.stance,
          archivedUrl: e.archivedUrl,
        })),
      });
    }
  });

  it("JSON: one array of the same rows", async () => {
    const rows = JSON.parse(await exportText("json")) as Array<{ id: string; text: string }>;
    expect(rows.map((r) => r.text)).toEqual((await stored()).map((c) => c.text));
  });

  it("ClaimReview: JSON-LD that expands to schema.org terms, without warnings for short claims", async () => {
    const warnings: string[] = [];
    const reviews = JSON.parse(await exportText("claimreview", warnings)) as object[];
    expect(reviews).toHaveLength(AWKWARD.length);
    const documentLoader = async (url: string) => {
      if (url.replace(/\/$/, "") === "https://schema.org")
        return { contextUrl: undefined, documentUrl: url, document: SCHEMA_CONTEXT };
      throw new Error(`no network in tests: ${url}`);
    };
    const claims = await stored();
    for (const [i, review] of reviews.entries()) {
      const [expanded] = await expand(review, { documentLoader });
      const S = "http://schema.org/";
      expect(expanded!["@type"]).toEqual([`${S}ClaimReview`]);
      expect(expanded![`${S}claimReviewed`]).toEqual([{ "@value": claims[i]!.text }]);
      expect(expanded![`${S}url`]).toEqual([
        { "@id": `https://desk.example.org/checks/${claims[i]!.id}` },
      ]);
      const rating = (expanded![`${S}reviewRating`] as Array<Record<string, unknown>>)[0]!;
      expect(rating[`${S}ratingValue`]).toEqual([{ "@value": 1 }]);
      expect(rating[`${S}bestRating`]).toEqual([{ "@value": 5 }]);
      expect(rating[`${S}alternateName`]).toEqual([{ "@value": "False" }]);
      const item = (expanded![`${S}itemReviewed`] as Array<Record<string, unknown>>)[0]!;
      expect(item["@type"]).toEqual([`${S}Claim`]);
      const author = (item[`${S}author`] as Array<Record<string, unknown>>)[0]!;
      expect(author).toMatchObject({
        "@type": [`${S}Person`],
        [`${S}jobTitle`]: [{ "@value": "Mayor" }],
      });
    }
    expect(warnings).toEqual([]);
  });

  it("filters by reviewer and by approval dates", async () => {
    const count = async (filter: Record<string, string>) =>
      (
        await exportChecked(
          "jsonl",
          exportFilter.parse({ article: articleId, ...filter }),
          "https://app.example",
          PUBLISHER,
        )
      ).claims;
    expect(await count({ reviewer: reviewerId })).toBe(AWKWARD.length);
    expect(await count({ reviewer: crypto.randomUUID() })).toBe(0);
    expect(await count({ from: "2024-01-02", to: "2024-01-03" })).toBe(2);
    expect(await count({ state: "ALL" })).toBe(AWKWARD.length + 1);
  });
});

describe("what an export will warn about, before it is downloaded", () => {
  it("counts and lists the claims too long without a short form, without an appearance, without a claimant", async () => {
    const article = await createArticle(prisma, { title: `Warnings ${crypto.randomUUID()}` });
    const long =
      "The council spent four million on the bridge, twice what it said, in 2023 and 2024.";
    const [tooLong, shortened, noClaimant] = await Promise.all([
      createClaim(prisma, { articleId: article.id, text: long, state: "APPROVED" }),
      createClaim(prisma, { articleId: article.id, text: long, state: "APPROVED" }),
      createClaim(prisma, { articleId: article.id, text: "Taxes rose.", state: "APPROVED" }),
    ]);
    await prisma.claim.update({
      where: { id: shortened.id },
      data: { shortText: "Bridge cost doubled" },
    });
    await prisma.claim.updateMany({
      where: { id: { in: [tooLong.id, shortened.id] } },
      data: { claimantName: "The mayor" },
    });
    const filter = exportFilter.parse({ state: "APPROVED", article: article.id });
    const warnings = await exportWarnings(filter, 75);
    expect(warnings.counts).toEqual({ tooLong: 1, noAppearance: 3, noClaimant: 1 });
    expect(warnings.examples.tooLong.map((c) => c.id)).toEqual([tooLong.id]);
    expect(warnings.examples.noClaimant.map((c) => c.id)).toEqual([noClaimant.id]);
    // The same claims warn when exported.
    const { warnings: seen } = await exportAsServed("claimreview", filter, "http://app", PUBLISHER);
    expect(seen.filter((w) => w.includes("claimReviewed"))).toHaveLength(1);
  });
});
