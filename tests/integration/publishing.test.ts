import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { approveClaim, reopenClaim } from "@/lib/data/approval";
import {
  correctionsLog,
  factCheckIndex,
  factChecksForApi,
  INDEX_PAGE_SIZE,
  factCheckUrl,
  publishedFactCheck,
  withdrawnFactCheck,
} from "@/lib/data/public";
import { reviveDates } from "@/lib/data/public-pages";
import { publishClaim, publishingOf, unpublishClaim } from "@/lib/data/publishing";
import { saveReview } from "@/lib/data/review";
import { reviewFormInput } from "@/lib/validation/review";
import type { SessionUser } from "@/lib/data/users";
import {
  createClaim,
  createPublication,
  createPublishableClaim,
  createUser,
} from "@/seeds/factories";
import { publicIndexQuery } from "@/lib/validation/public";
import { asSession } from "../support/session";

/**
 * Publishing against a real database: the checklist, the copy the public page reads (and
 * that a reopened review does not touch), corrections, withdrawal, and the rule that the
 * public pages read nothing but that copy.
 */
let editor: SessionUser;
let otherEditor: SessionUser;
let reviewer: SessionUser;

beforeAll(async () => {
  editor = asSession(await createUser(prisma, { role: "EDITOR" }));
  otherEditor = asSession(await createUser(prisma, { role: "EDITOR" }));
  reviewer = asSession(await createUser(prisma, { role: "REVIEWER" }));
});

afterAll(async () => {
  await prisma.$disconnect();
});

const current = (id: string) => prisma.claim.findUniqueOrThrow({ where: { id } });
const headline = "The bridge did not cost the city four million dollars";

describe("publishing an approved claim", () => {
  it("refuses a reviewer, a claim not approved, and one that fails the checklist, naming every item", async () => {
    const claim = await createPublishableClaim(prisma);
    await expect(
      publishClaim(reviewer, { claimId: claim.id, version: claim.version, headline }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bare = await prisma.claim.update({
      where: { id: claim.id },
      data: { shortText: null, claimantName: null, appearanceUrl: null },
    });
    await prisma.evidence.deleteMany({ where: { claimId: claim.id } });
    const refused = publishClaim(editor, { claimId: bare.id, version: bare.version, headline });
    await expect(refused).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        shortText: expect.any(String),
        claimant: expect.any(String),
        appearance: expect.any(String),
        evidence: expect.any(String),
      },
    });
    await prisma.claim.update({ where: { id: claim.id }, data: { state: "SUBMITTED" } });
    await expect(
      publishClaim(editor, { claimId: claim.id, version: bare.version, headline }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await prisma.publication.count({ where: { claimId: claim.id } })).toBe(0);
  });

  it("copies the review for the public page, audited with the claim's change, at an address of its own", async () => {
    const claim = await createPublishableClaim(prisma);
    const { slug, version } = await publishClaim(editor, {
      claimId: claim.id,
      version: claim.version,
      headline,
      summary: "We checked the **budget report**.",
    });
    expect(slug).toMatch(/^the-bridge-did-not-cost-the-city-four-million-dollars-[0-9a-f]{8}$/);
    expect(version).toBe(claim.version + 1);
    const fact = await publishedFactCheck(slug);
    expect(fact).toMatchObject({
      status: "PUBLISHED",
      headline,
      claimReviewed: claim.shortText,
      claimantName: "Mayor Ana Costa",
      rationale: claim.rationale,
      evidence: [expect.objectContaining({ url: "https://city.example/budget-2023.pdf" })],
      byline: null,
    });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { entity: "Claim", entityId: claim.id, action: "claim.publish" },
    });
    expect(event.after).toMatchObject({ publication: slug, version });
    expect((await factCheckIndex({})).rows.map((r) => r.slug)).toContain(slug);
  });

  it("keeps a reopened claim's draft off the page, which says it is under review; a changed verdict needs a correction", async () => {
    const claim = await createPublishableClaim(prisma);
    const { slug, version } = await publishClaim(editor, {
      claimId: claim.id,
      version: claim.version,
      headline,
    });
    await reopenClaim(editor, { claimId: claim.id, version, reason: "A new figure came out." });
    // The reviewer writes a new verdict and rationale: a draft the public must not see.
    const other = await prisma.verdict.create({
      data: {
        key: `mostly-false-${claim.id.slice(-6)}`,
        label: "Mostly false",
        ratingValue: 2,
        order: 50,
      },
    });
    const reopened = await current(claim.id);
    await prisma.claim.update({ where: { id: claim.id }, data: { assigneeId: reviewer.id } });
    const review = (version: number, submit: boolean) =>
      saveReview(
        reviewer,
        reviewFormInput.parse({
          claimId: claim.id,
          version,
          verdictId: other.id,
          rationale: "DRAFT: the corrected figure is $4.2 million, pending a second source.",
          shortText: claim.shortText,
          claimantName: "Mayor Ana Costa",
          appearanceUrl: "https://news.example/2026/bridge",
          evidence: [
            {
              url: "https://city.example/budget-2023.pdf",
              stance: "REFUTES",
              sourceType: "PRIMARY",
            },
          ],
        }),
        { submit },
      );
    await review(reopened.version, false);
    const draft = await publishedFactCheck(slug);
    expect(draft).toMatchObject({ status: "UNDER_REVIEW", rationale: claim.rationale });
    expect(JSON.stringify(draft)).not.toContain("DRAFT");

    // Approved again with the new verdict: publishing it again asks what was corrected.
    await review((await current(claim.id)).version, true);
    const submitted = await current(claim.id);
    await approveClaim(otherEditor, { claimId: claim.id, version: submitted.version });
    const approved = await current(claim.id);
    expect((await publishingOf(claim.id))!.correctionDue).toBe(true);
    await expect(
      publishClaim(editor, { claimId: claim.id, version: approved.version, headline }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { correction: expect.any(String) },
    });
    await publishClaim(editor, {
      claimId: claim.id,
      version: approved.version,
      headline,
      correction: "The budget report we cited was revised in December.",
    });
    const corrected = await publishedFactCheck(slug);
    expect(corrected).toMatchObject({ status: "PUBLISHED", slug, verdictLabel: other.label });
    expect(corrected!.corrections).toEqual([
      expect.objectContaining({
        toVerdictLabel: other.label,
        note: "The budget report we cited was revised in December.",
      }),
    ]);
    expect((await correctionsLog()).map((c) => c.publication.slug)).toContain(slug);
  });

  it("withdraws a page (its address then answers gone) and brings it back at the same address", async () => {
    const claim = await createPublishableClaim(prisma);
    const { slug, version } = await publishClaim(editor, {
      claimId: claim.id,
      version: claim.version,
      headline,
    });
    const after = await unpublishClaim(editor, {
      claimId: claim.id,
      version,
      reason: "Published by mistake.",
    });
    expect(await withdrawnFactCheck(slug)).toMatchObject({ unpublishedAt: expect.any(Date) });
    expect((await factCheckIndex({})).rows.map((r) => r.slug)).not.toContain(slug);
    await expect(
      unpublishClaim(editor, { claimId: claim.id, version: after.version, reason: "Again." }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    const again = await publishClaim(editor, {
      claimId: claim.id,
      version: after.version,
      headline: "A new headline does not move the page",
    });
    expect(again.slug).toBe(slug);
    expect(await withdrawnFactCheck(slug)).toBeNull();
  });
});

describe("the public index", () => {
  it("pages by cursor through every fact-check that is up, newest first, each once, by verdict too", async () => {
    const verdict = await prisma.verdict.create({
      data: { key: `index-${Date.now()}`, label: "Index test", ratingValue: 2, order: 90 },
    });
    const made: string[] = [];
    for (let i = 0; i < 45; i++) {
      const claim = await createClaim(prisma, { state: "APPROVED" });
      const publication = await createPublication(prisma, {
        claimId: claim.id,
        verdictId: verdict.id,
        status: i === 7 ? "UNPUBLISHED" : i % 2 ? "UNDER_REVIEW" : "PUBLISHED",
      });
      // Ties on the publication time are ordered by id.
      await prisma.publication.update({
        where: { id: publication.id },
        data: { publishedAt: new Date(Date.UTC(2020, 0, 1, 0, Math.floor(i / 3))) },
      });
      made.push(publication.slug);
    }
    const walk = async (filter: { verdict?: string }) => {
      const seen: Array<{ slug: string; publishedAt: Date; id: string }> = [];
      let before: { publishedAt: string; id: string } | undefined;
      for (let pages = 0; pages < 1000; pages++) {
        const page = await factCheckIndex({ ...filter, before });
        expect(page.rows.length).toBeLessThanOrEqual(INDEX_PAGE_SIZE);
        seen.push(...page.rows);
        if (!page.older) return { seen, total: page.total };
        before = publicIndexQuery({ before: page.older }).before;
        expect(before).toBeDefined();
      }
      throw new Error("the index never ended");
    };
    const { seen, total } = await walk({ verdict: verdict.key });
    expect(total).toBe(44);
    expect(seen.map((r) => r.slug).sort()).toEqual(made.filter((_, i) => i !== 7).sort());
    const order = seen.map((r) => [r.publishedAt.getTime(), r.id] as const);
    for (let i = 1; i < order.length; i++) {
      const [t0, id0] = order[i - 1]!;
      const [t1, id1] = order[i]!;
      expect(t0 > t1 || (t0 === t1 && id0 > id1)).toBe(true);
    }
    const everything = await walk({});
    expect(new Set(everything.seen.map((r) => r.slug)).size).toBe(everything.seen.length);
    expect(everything.seen.map((r) => r.slug)).toEqual(
      expect.arrayContaining(seen.map((r) => r.slug)),
    );
  });

  it("reads a cursor that is not one as the first page", () => {
    for (const before of [
      "x",
      "2020-01-01T00:00:00.000Z",
      "2020-13-45T00:00:00.000Z_" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12),
      ["a", "b"],
    ]) {
      expect(publicIndexQuery({ before }).before, String(before)).toBeUndefined();
    }
  });
});

describe("the API's list of fact-checks", () => {
  it("pages through what is up, newest first, with each page's address, and leaves out a withdrawn one", async () => {
    const slugs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const claim = await createPublishableClaim(prisma);
      slugs.push(
        (await publishClaim(editor, { claimId: claim.id, version: claim.version, headline })).slug,
      );
    }
    const gone = await createPublishableClaim(prisma);
    const published = await publishClaim(editor, {
      claimId: gone.id,
      version: gone.version,
      headline,
    });
    await unpublishClaim(editor, {
      claimId: gone.id,
      version: published.version,
      reason: "Withdrawn.",
    });
    const first = await factChecksForApi({ limit: 2 });
    expect(first.data.map((f) => f.slug)).toEqual([slugs[2], slugs[1]]);
    expect(first.data[0]).toMatchObject({
      url: factCheckUrl(slugs[2]!),
      headline,
      underReview: false,
      verdictKey: expect.any(String),
    });
    expect(first.data[0]).not.toHaveProperty("id");
    const second = await factChecksForApi({ limit: 2, before: first.before! });
    expect(second.data[0]!.slug).toBe(slugs[0]);
    const all = [];
    let before: string | undefined;
    do {
      const page = await factChecksForApi({ limit: 50, before });
      all.push(...page.data.map((f) => f.slug));
      before = page.before ?? undefined;
    } while (before);
    expect(all).not.toContain(published.slug);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("the public pages", () => {
  it("read nothing of the desk but the published copies: no other data module is imported", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) files.push(full);
      }
    };
    walk(path.join(root, "app/(public)"));
    walk(path.join(root, "app/(embed)"));
    files.push(path.join(root, "app/sitemap.ts"), path.join(root, "app/robots.ts"));
    expect(files.length).toBeGreaterThan(6);
    for (const file of files) {
      const imports = [
        ...readFileSync(file, "utf8").matchAll(/from "(@\/lib\/(?:data|auth|db)[^"]*)"/g),
      ].map((m) => m[1]);
      expect(
        imports.filter((i) => i !== "@/lib/data/public" && i !== "@/lib/data/public-pages"),
        path.relative(root, file),
      ).toEqual([]);
    }
    // The cached reads are the same reads: the cache module imports nothing else of the desk.
    const cache = readFileSync(path.join(root, "lib/data/public-pages.ts"), "utf8");
    expect([...cache.matchAll(/from "([^"]+)"/g)].map((m) => m[1]).sort()).toEqual([
      "./public",
      "next/cache",
    ]);
  });

  it("get their dates back as dates from the cache's JSON copy, and nothing else changed", () => {
    const row = {
      slug: "2026-12-06",
      publishedAt: new Date("2026-12-06T10:00:00.000Z"),
      corrections: [{ correctedAt: new Date("2026-12-07T09:30:00.000Z"), note: "2026-12-07" }],
      evidence: [{ title: "Report", url: "https://example.org/r" }],
      unpublishedAt: null,
    };
    expect(reviveDates(JSON.parse(JSON.stringify(row)))).toEqual(row);
    expect(reviveDates(row)).toEqual(row);
  });
});
