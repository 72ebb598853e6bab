/**
 * The exports PostgreSQL encodes (lib/data/export-sql.ts, streamed by export-stream.ts)
 * against the JavaScript encoders of lib/domain/export, on the same rows, byte for byte:
 * every format, every awkward value the two could write differently.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { claimsPageForApi, exportClaims } from "@/lib/data/export";
import { exportBytes, ExportRunningError, ExportsBusyError } from "@/lib/data/export-stream";
import { EXPORT_FORMATS } from "@/lib/domain/export/types";
import type { ExportFilter } from "@/lib/validation/export";
import { createArticle, createClaim, createPublication, createUser } from "@/seeds/factories";
import { exportAsServed, exportByReference, exportChecked } from "../support/exports";

// A download waits this long for one of the two export connections (30 s in production).
process.env.CLAIMDESK_EXPORT_WAIT_MS = "500";

const PUBLISHER = {
  name: `Desk <b>&</b> "Checks"`,
  url: "https://desk.example/?a=1&b=<2>",
  claimUrlTemplate: "https://desk.example/c/{id}/{id}?from=export",
};
const APP = "https://app.example/desk/";

/** Texts JSON, JSON-LD in a script block and spreadsheets each treat specially. */
const TEXTS = [
  "=1+2",
  "+44 20 7946 0000",
  "-40 degrees, they said",
  "@desk told us",
  "\tstarts with a tab",
  "\rstarts with a carriage return",
  '"',
  'He said "no", then "yes"',
  "line\nbreak, and\r\nCRLF",
  "</script><script>alert(1)</script> & more",
  "line\u2028separator and paragraph\u2029separator",
  "control \u0001\u001f characters and a backslash \\ and a slash /",
  "🙂".repeat(40), // 40 characters, 80 UTF-16 units: long to JavaScript
  "é".repeat(76), // 76 characters in 152 bytes
  "x".repeat(75), // exactly the limit
  "Ünïcödé 中文 العربية",
];

let articleId: string;
let emptyArticleId: string;

beforeAll(async () => {
  const reviewer = await createUser(prisma, { role: "REVIEWER", name: '=Rita, "R" \n Reviewer' });
  const editor = await createUser(prisma, { role: "EDITOR", name: "+Elena <Editor>" });
  const unrated = await prisma.verdict.upsert({
    where: { key: "test-sql-unrated" },
    update: {},
    create: { key: "test-sql-unrated", label: "Unrated <yet>", ratingValue: 0, order: 95 },
  });
  const rated = await prisma.verdict.upsert({
    where: { key: "test-sql-rated" },
    update: {},
    create: { key: "test-sql-rated", label: 'Mostly, "false"', ratingValue: 2, order: 96 },
  });
  const article = await createArticle(prisma, { title: '=Awkward, "title"\n<tag>' });
  articleId = article.id;
  await prisma.article.update({
    where: { id: articleId },
    data: { url: "", outlet: "-The Outlet", publishedAt: new Date("2024-02-29T23:59:59.999Z") },
  });
  emptyArticleId = (await createArticle(prisma)).id;
  for (const [i, text] of TEXTS.entries()) {
    const claim = await createClaim(prisma, {
      articleId,
      text,
      state: i % 5 === 0 ? "SUBMITTED" : "APPROVED",
    });
    await prisma.claim.update({
      where: { id: claim.id },
      data: {
        content: i % 3 === 0 ? null : text,
        shortText: i % 4 === 0 ? "" : i % 4 === 1 ? null : `${text} (short)`,
        claimantName: i % 6 === 0 ? "" : i % 6 === 1 ? null : text,
        claimantRole: i % 2 === 0 ? "" : text,
        claimantType: i % 3 === 0 ? null : i % 3 === 1 ? "PERSON" : "ORGANISATION",
        appearanceUrl: i % 4 === 0 ? "" : i % 4 === 1 ? null : `https://example.org/${i}?q=<${i}>`,
        appearanceDate: i % 2 ? new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 5)) : null,
        firstAppearanceUrl: i % 3 === 0 ? "" : i % 3 === 1 ? null : `https://first.example/${i}`,
        firstAppearanceDate: i % 3 === 2 ? new Date(Date.UTC(2020, 0, 1)) : null,
        verdictId: i % 3 === 0 ? null : i % 3 === 1 ? unrated.id : rated.id,
        rationale: i % 2 ? text : null,
        approvedById: i % 5 === 0 ? null : editor.id,
        approvedAt: i % 5 === 0 ? null : new Date(Date.UTC(2024, 0, 1 + i, 12, 0, 0, i)),
        correctedAt: i % 4 === 3 ? new Date() : null,
        reviews:
          i % 2
            ? { create: { reviewerId: reviewer.id, verdictId: rated.id, rationale: "r" } }
            : undefined,
        evidence: {
          create: Array.from({ length: i % 3 }, (_, n) => ({
            // Stored out of order: position decides.
            position: 2 - n,
            url: n ? text.slice(0, 20) || "-" : `https://e.example/${i}/${n}`,
            title: n ? text : null,
            publisher: n ? null : "=Publisher",
            archivedUrl: n ? null : "https://archive.example/x",
            stance: n ? "SUPPORTS" : "CONTEXT",
            sourceType: n ? "SECONDARY" : "PRIMARY",
          })),
        },
      },
    });
    // Three published at the desk's own pages: one up, one under review, one withdrawn.
    const status = (["PUBLISHED", "UNDER_REVIEW", "UNPUBLISHED"] as const)[i - 1];
    if (status) {
      const slug = `sql-export-${i}-${claim.id.slice(-6)}`;
      await createPublication(prisma, { claimId: claim.id, verdictId: rated.id, status, slug });
    }
  }
});

afterAll(async () => {
  await prisma.$disconnect();
});

const filters = (): ExportFilter[] => [
  { state: "ALL", article: articleId },
  { state: "APPROVED", article: articleId },
  { state: "SUBMITTED", article: articleId },
  { state: "APPROVED", article: articleId, from: "2024-01-03", to: "2024-01-05" },
];

describe("exports encoded by PostgreSQL", () => {
  it.each(EXPORT_FORMATS)(
    "%s: byte for byte what the JavaScript encoders write",
    async (format) => {
      for (const filter of filters()) {
        const served = await exportChecked(format, filter, APP, PUBLISHER);
        expect(served.claims).toBeGreaterThan(0);
      }
    },
  );

  it("names a published claim's public page, in ClaimReview's url too, and no withdrawn one", async () => {
    const rows = [];
    for await (const claim of exportClaims({ state: "ALL", article: articleId }, APP)) {
      rows.push(claim);
    }
    const pages = rows.filter((c) => c.publicUrl !== null).map((c) => c.publicUrl);
    expect(pages).toHaveLength(2);
    for (const page of pages)
      expect(page).toMatch(/^https:\/\/app\.example\/desk\/fact-checks\/sql-export-[12]-/);
    const served = await exportAsServed(
      "claimreview",
      { state: "APPROVED", article: articleId },
      APP,
      PUBLISHER,
    );
    const urls = (JSON.parse(served.text) as { url: string }[]).map((r) => r.url);
    expect(urls.filter((u) => u.includes("/fact-checks/")).sort()).toEqual([...pages].sort());
  });

  it("warns about the same claims, counting as JavaScript counts (UTF-16)", async () => {
    const served = await exportChecked(
      "claimreview",
      { state: "ALL", article: articleId },
      APP,
      PUBLISHER,
    );
    expect(served.warnings.some((w) => w.includes("claimReviewed is 80 characters"))).toBe(true);
    expect(served.warnings.some((w) => w.includes("claimReviewed is 76 characters"))).toBe(true);
    expect(served.warnings.some((w) => w.includes("is 75 characters"))).toBe(false);
  });

  it("a filter value stays a literal in the SQL, whatever it holds (COPY takes no parameters)", async () => {
    // The boundaries validate ids as UUIDs; past them, a value is still only a value.
    const hostile = { state: "ALL", article: "x' OR '1'='1" } as ExportFilter;
    await expect(exportAsServed("jsonl", hostile, APP, PUBLISHER)).rejects.toThrow(/uuid/);
    const quoted = { state: "ALL", verdict: '\\\'; DROP TABLE "Claim"; --' } as ExportFilter;
    await expect(exportAsServed("csv", quoted, APP, PUBLISHER)).rejects.toThrow(/uuid/);
    expect(await prisma.claim.count()).toBeGreaterThan(0);
  });

  it("an empty export is the same too", async () => {
    for (const format of EXPORT_FORMATS) {
      const served = await exportChecked(
        format,
        { state: "ALL", article: emptyArticleId },
        APP,
        PUBLISHER,
      );
      expect(served.claims).toBe(0);
    }
  });

  it("the API's pages are what JSON.stringify wrote of the same claims", async () => {
    const filter: ExportFilter = { state: "ALL", article: articleId };
    const all: unknown[] = [];
    for await (const claim of exportClaims(filter, APP)) all.push(claim);
    let after: string | undefined;
    for (let page = 0; page * 6 < all.length; page++) {
      const text = await claimsPageForApi(filter, 6, after, {
        appBase: APP,
        nextUrl: (id) => `/api/v1/claims?after=${id}`,
      });
      const data = all.slice(page * 6, page * 6 + 6) as Array<{ id: string }>;
      const more = page * 6 + 6 < all.length;
      const next = more ? data.at(-1)!.id : null;
      expect(text).toBe(
        JSON.stringify({ data, next, nextUrl: next ? `/api/v1/claims?after=${next}` : null }),
      );
      after = next ?? undefined;
    }
  });
});

describe("streaming", () => {
  it("a download stopped half-way ends its query and gives its connection back", async () => {
    // One claim of 600 KB: the export comes in several pieces.
    const big = await createArticle(prisma);
    const claim = await createClaim(prisma, { articleId: big.id, state: "APPROVED" });
    await prisma.claim.update({
      where: { id: claim.id },
      data: { rationale: 'Ünïcödé 🙂 "quoted", <tag>\n'.repeat(24_000) },
    });
    const filter: ExportFilter = { state: "APPROVED", article: big.id };
    for (const format of EXPORT_FORMATS) {
      // More stopped downloads than there are export connections (2).
      for (let i = 0; i < 4; i++) {
        const pieces = exportBytes(format, filter, { appBase: APP, publisher: PUBLISHER });
        const first = await pieces.next();
        expect(first.done).toBe(false);
        await pieces.return(undefined);
      }
      const served = await exportAsServed(format, filter, APP, PUBLISHER);
      expect(served.text).toBe((await exportByReference(format, filter, APP, PUBLISHER)).text);
    }
    // Two downloads under way hold both export connections: a third is told to come back.
    const open = [1, 2].map(() =>
      exportBytes("jsonl", filter, { appBase: APP, publisher: PUBLISHER }),
    );
    for (const pieces of open) expect((await pieces.next()).done).toBe(false);
    await expect(
      exportBytes("csv", filter, { appBase: APP, publisher: PUBLISHER }).next(),
    ).rejects.toThrow(ExportsBusyError);
    for (const pieces of open) await pieces.return(undefined);
    expect((await exportAsServed("csv", filter, APP, PUBLISHER)).claims).toBe(1);

    // One export at a time each: a caller's second waits its turn (taking no connection
    // meanwhile) while another caller's goes; it is refused once the wait is over (500 ms
    // here), and served when the first ends within it.
    const opts = (caller: string) => ({ appBase: APP, publisher: PUBLISHER, caller });
    const first = exportBytes("jsonl", filter, opts("user:a"));
    expect((await first.next()).done).toBe(false);
    const waitedAt = Date.now();
    await expect(exportBytes("csv", filter, opts("user:a")).next()).rejects.toThrow(
      ExportRunningError,
    );
    expect(Date.now() - waitedAt).toBeGreaterThanOrEqual(450);
    const other = exportBytes("csv", filter, opts("user:b"));
    expect((await other.next()).done).toBe(false);
    await other.return(undefined);
    const queued = exportBytes("csv", filter, opts("user:a"));
    const queuedFirst = queued.next();
    await first.return(undefined);
    expect((await queuedFirst).done).toBe(false);
    await queued.return(undefined);
    const active = await prisma.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM pg_stat_activity
       WHERE state = 'active' AND query LIKE 'COPY (%' AND query LIKE ${`%${big.id}%`}`;
    expect(Number(active[0]!.n)).toBe(0);
  });
});
