import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/data/users";

/**
 * Hostile input through the app's real boundaries: the server actions (schema, role
 * check, data layer, one transaction) and the import parsers, against a database of this
 * file's own, so that "nothing else changed" is checked on the row count of every table.
 * Only the session lookup is replaced (it needs a browser cookie): the actions run as the
 * user set with `actAs`.
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  const database = await usePrivateDatabase(inject("adminDatabaseUrl"));
  return { database };
});

vi.mock("@/lib/auth/session", () => import("../support/action-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { prisma } = await import("@/lib/db");
const { rowCounts } = await import("../support/private-database");
const { asSession } = await import("../support/session");
const { actAs } = await import("../support/action-session");
const { createClaim, createUser } = await import("@/seeds/factories");
const { nestedValue } = await import("@/seeds/hostile-inputs");
const claimActions = await import("@/app/(app)/claims/actions");
const spanActions = await import("@/app/(app)/claims/[claimId]/actions");
const articleActions = await import("@/app/(app)/articles/[articleId]/actions");
const importActions = await import("@/app/(app)/articles/import/actions");
const adminActions = await import("@/app/(app)/admin/actions");
const { takeClaims } = await import("@/lib/data/assignment");
const { exportAsServed } = await import("../support/exports");
const { DocumentPool } = await import("@/lib/jobs/pool");
const { runQueuedItem } = await import("../support/import-runs");
const { MAX_ARTICLES_PER_FILE } = await import("@/lib/validation/article");

let reviewer: SessionUser;
let admin: SessionUser;
let claim: { id: string; version: number; articleId: string | null };
let verdictId: string;
let articleLength: number;

beforeAll(async () => {
  reviewer = asSession(await createUser(prisma, { role: "REVIEWER" }));
  admin = asSession(await createUser(prisma, { role: "ADMIN" }));
  verdictId = (
    await prisma.verdict.create({
      data: { key: "false", label: "False", ratingValue: 1, order: 1 },
    })
  ).id;
  const created = await createClaim(prisma);
  await takeClaims(reviewer, [{ id: created.id, version: created.version }]);
  claim = await prisma.claim.findUniqueOrThrow({ where: { id: created.id } });
  articleLength = (await prisma.article.findUniqueOrThrow({ where: { id: claim.articleId! } })).body
    .length;
});

afterAll(async () => {
  await prisma.$disconnect();
  await state.database.drop();
});

/** Everything a refused input could have touched: every table's rows, and the claim itself. */
async function snapshot() {
  return {
    counts: await rowCounts(state.database.url),
    claim: await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } }),
  };
}

/** Runs a hostile call as `user`; it must be refused with a message and change nothing. */
async function refused(user: SessionUser, call: () => Promise<unknown>): Promise<string> {
  actAs(user);
  const before = await snapshot();
  const result = (await call()) as { ok: boolean; code?: string; message?: string };
  expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
  expect(result.message!.length).toBeGreaterThan(5);
  expect(await snapshot()).toEqual(before);
  return result.message!;
}

function review(overrides: Record<string, unknown> = {}) {
  return {
    claimId: claim.id,
    version: claim.version,
    claimantName: "Jane Roe",
    verdictId,
    rationale: "Budget documents show another figure.",
    evidence: [{ url: "https://example.org/a", stance: "REFUTES", sourceType: "PRIMARY" }],
    ...overrides,
  };
}

const evidence = (url: string) => [{ url, stance: "REFUTES", sourceType: "PRIMARY" }];
const TEN_MB = "x".repeat(10 * 1024 * 1024);

describe("refused with a clear message, nothing else changed", () => {
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    [
      "javascript: URL as evidence",
      () => claimActions.saveReviewForm(review({ evidence: evidence("javascript:alert(1)") })),
      /http/,
    ],
    [
      "data: URL as evidence",
      () =>
        claimActions.saveReviewForm(
          review({
            evidence: evidence("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
          }),
        ),
      /http/,
    ],
    [
      "a 10 MB rationale",
      () => claimActions.saveReviewForm(review({ rationale: TEN_MB })),
      /too long/,
    ],
    [
      "a 10 MB comment",
      () => claimActions.postComment({ claimId: claim.id, body: TEN_MB }),
      /too long/,
    ],
    [
      "a NUL byte in the rationale",
      () => claimActions.saveReviewForm(review({ rationale: "before\u0000after" })),
      /NUL/,
    ],
    [
      "a NUL byte in an evidence title",
      () =>
        claimActions.saveReviewForm(
          review({ evidence: [{ ...evidence("https://a.example")[0], title: "t\u0000" }] }),
        ),
      /NUL/,
    ],
    [
      "a NUL byte in a comment",
      () => claimActions.postComment({ claimId: claim.id, body: "\u0000" }),
      /NUL/,
    ],
    [
      "deeply nested JSON",
      () => claimActions.saveReviewForm(review({ evidence: [nestedValue(100_000)] })),
      /nested too deeply/,
    ],
    [
      "an unknown claimant type",
      () => claimActions.saveReviewForm(review({ claimantType: "ALIEN" })),
      /./,
    ],
    [
      "an unknown evidence stance",
      () =>
        claimActions.saveReviewForm(
          review({
            evidence: [{ url: "https://a.example", stance: "MAYBE", sourceType: "PRIMARY" }],
          }),
        ),
      /supports, refutes/,
    ],
    [
      "a verdict id that is not an id",
      () => claimActions.saveReviewForm(review({ verdictId: "1 OR 1=1" })),
      /Unknown verdict/,
    ],
    [
      "an unknown role",
      () => adminActions.changeRoleAction({ userId: reviewer.id, role: "SUPERUSER" }),
      /role/i,
    ],
    [
      "negative offsets for a new claim",
      () => articleActions.addClaimFromSelection({ articleId: claim.articleId, start: -5, end: 3 }),
      /negative/,
    ],
    [
      "a span with a negative start",
      () =>
        spanActions.editClaimSpan({ claimId: claim.id, version: claim.version, start: -1, end: 5 }),
      /negative/,
    ],
    [
      "fractional offsets",
      () =>
        spanActions.editClaimSpan({
          claimId: claim.id,
          version: claim.version,
          start: 0.5,
          end: 5,
        }),
      /whole numbers/,
    ],
    [
      "an SQL payload as a claim id",
      () => claimActions.postComment({ claimId: `'; DROP TABLE "Claim"; --`, body: "hi" }),
      /./,
    ],
  ];
  for (const [name, call, message] of cases) {
    it(name, async () => {
      const user = name === "an unknown role" ? admin : reviewer;
      expect(await refused(user, call)).toMatch(message);
    });
  }
});

describe("refused by the data layer, nothing else changed", () => {
  it("offsets past the end of the article", async () => {
    actAs(reviewer);
    for (const call of [
      () =>
        articleActions.addClaimFromSelection({
          articleId: claim.articleId,
          start: 0,
          end: articleLength + 1,
        }),
      () =>
        spanActions.editClaimSpan({
          claimId: claim.id,
          version: claim.version,
          start: 0,
          end: 1_000_000_000,
        }),
      () => spanActions.splitClaimAt({ claimId: claim.id, version: claim.version, at: 99_999 }),
    ]) {
      const before = await snapshot();
      const result = (await call()) as { ok: boolean; message: string };
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/end of the article|inside the claim|past/);
      expect(await snapshot()).toEqual(before);
    }
  });
});

describe("imports refuse what they cannot read, and say which file", () => {
  let pool: InstanceType<typeof DocumentPool>;
  beforeAll(() => {
    pool = new DocumentPool({ threads: 1 });
  });
  afterAll(() => pool.destroy());

  function upload(name: string, bytes: Uint8Array<ArrayBuffer> | string) {
    const form = new FormData();
    form.append("file", new File([bytes], name));
    return form;
  }

  /** Every table but the import's own records of what was sent and how it ended. */
  async function contentSnapshot() {
    const { counts, claim } = await snapshot();
    const { ImportBatch: _batches, ImportItem: _items, ...content } = counts;
    return { content, claim };
  }

  const refusedAtTheDoor: Array<[string, () => FormData, RegExp]> = [
    ["an oversized upload", () => upload("huge.txt", "a".repeat(10 * 1024 * 1024 + 1)), /limit/],
    ["an unsupported file type", () => upload("virus.exe", "MZ"), /Unsupported file type/],
    ["an empty file", () => upload("empty.txt", ""), /not empty/],
  ];
  for (const [name, form, message] of refusedAtTheDoor) {
    it(`${name} is refused before it is queued`, async () => {
      actAs(reviewer);
      const before = await snapshot();
      const result = await importActions.uploadImportFile(form());
      expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
      expect(!result.ok && result.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });
  }

  const refusedByTheWorker: Array<[string, () => FormData, RegExp]> = [
    [
      "invalid UTF-8",
      () => upload("latin1.txt", new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a])),
      /UTF-8/,
    ],
    [
      "deeply nested JSON",
      () => upload("nested.json", "[".repeat(200_000) + "]".repeat(200_000)),
      /./,
    ],
    ["JSON that is not an article", () => upload("x.json", `{"__proto__": {"admin": true}}`), /./],
    [
      "a NUL byte in a JSON article's title",
      () => upload("nul.json", JSON.stringify({ title: "A\u0000B", body: "Text." })),
      /NUL/,
    ],
    ["a file of blank lines", () => upload("blank.txt", " \n"), /./],
    [
      "a JSON Lines file over the article cap",
      () => upload("many.jsonl", `{"title":"t","body":"b"}\n`.repeat(MAX_ARTICLES_PER_FILE + 1)),
      /the limit is 2,000 per file/,
    ],
  ];
  for (const [name, form, message] of refusedByTheWorker) {
    it(`${name} is queued, then fails in the worker with its message and imports nothing`, async () => {
      actAs(reviewer);
      const before = await contentSnapshot();
      const result = await importActions.uploadImportFile(form());
      if (!result.ok) throw new Error(result.message);
      const [item] = await prisma.importItem.findMany({
        where: { batchId: result.data.batchId },
      });
      expect(await runQueuedItem(item!.id, pool)).toBe("FAILED");
      const ended = await prisma.importItem.findUniqueOrThrow({ where: { id: item!.id } });
      expect(ended).toMatchObject({ status: "FAILED", content: null });
      expect(ended.error).toMatch(message);
      expect(await contentSnapshot()).toEqual(before);
    });
  }

  it("a pasted article with a NUL byte in its title is refused with the form kept", async () => {
    actAs(reviewer);
    const before = await snapshot();
    const form = new FormData();
    form.append("title", "Title\u0000");
    form.append("body", "The mayor said taxes rose 4% last year.");
    const report = await importActions.importPastedArticle(null, form);
    expect(report.fieldErrors?.title).toMatch(/NUL/);
    expect(report.values?.body).toBe("The mayor said taxes rose 4% last year.");
    expect(await snapshot()).toEqual(before);
  });
});

describe("stored exactly and inert", () => {
  const SCRIPT = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
  const SQL = `Robert'); DROP TABLE "Claim"; --`;
  const FORMULA = `=HYPERLINK("https://evil.example","click")`;

  it("HTML, SQL and formula payloads in a review are saved as typed and exported inert", async () => {
    actAs(reviewer);
    const current = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    const before = await rowCounts(state.database.url);
    const result = await claimActions.saveReviewForm(
      review({
        version: current.version,
        claimantName: FORMULA,
        claimantRole: SQL,
        rationale: SCRIPT,
        evidence: [
          {
            url: "https://example.org/?q=<script>",
            title: SCRIPT,
            stance: "REFUTES",
            sourceType: "PRIMARY",
          },
        ],
      }),
    );
    expect(result).toMatchObject({ ok: true });
    const stored = await prisma.claim.findUniqueOrThrow({
      where: { id: claim.id },
      include: { evidence: true },
    });
    expect(stored.rationale).toBe(SCRIPT);
    expect(stored.evidence.map((e) => e.title)).toEqual([SCRIPT]);
    const after = await rowCounts(state.database.url);
    // The claim, its speaker and evidence rows and one audit event; no table lost a row.
    for (const [table, n] of Object.entries(before)) expect(after[table]).toBeGreaterThanOrEqual(n);
    expect(after.Claim).toBe(before.Claim);

    await prisma.claim.update({ where: { id: claim.id }, data: { state: "APPROVED" } });
    const { text: csv } = await exportAsServed(
      "csv",
      { state: "APPROVED", article: claim.articleId! },
      "https://desk.example",
      { name: "Desk", url: "https://desk.example", claimUrlTemplate: "https://desk.example/{id}" },
    );
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    await prisma.claim.update({ where: { id: claim.id }, data: { state: "IN_REVIEW" } });
  });

  it("a pasted article with script tags is stored as text", async () => {
    actAs(reviewer);
    const form = new FormData();
    form.append("title", `<b>Bold</b> ${SCRIPT}`);
    form.append("body", `${SCRIPT}\n\nThe minister said unemployment fell to 4% in 2023.`);
    const report = await importActions.importPastedArticle(null, form);
    const [item] = await prisma.importItem.findMany({ where: { batchId: report.batchId! } });
    const pool = new DocumentPool({ threads: 1 });
    expect(await runQueuedItem(item!.id, pool)).toBe("IMPORTED");
    await pool.destroy();
    const { articleId } = await prisma.importItem.findUniqueOrThrow({ where: { id: item!.id } });
    const article = await prisma.article.findUniqueOrThrow({ where: { id: articleId! } });
    expect(article.title).toBe(`<b>Bold</b> ${SCRIPT}`);
    expect(article.body.startsWith(SCRIPT)).toBe(true);
  });
});
