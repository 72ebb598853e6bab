import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { assignClaims, takeClaims } from "@/lib/data/assignment";
import { dismissClaims } from "@/lib/data/dismissal";
import { saveReview } from "@/lib/data/review";
import { listQueue } from "@/lib/data/queue";
import { AppError } from "@/lib/errors";
import { reviewFormInput, type ReviewFormInput } from "@/lib/validation/review";
import { queueQuery } from "@/lib/validation/queue";
import { createArticle, createClaim, createUser } from "@/seeds/factories";
import type { SessionUser } from "@/lib/data/users";
import { asSession } from "../support/session";

let reviewer: SessionUser;
let otherReviewer: SessionUser;
let editor: SessionUser;
let verdictId: string;

beforeAll(async () => {
  reviewer = asSession(await createUser(prisma, { role: "REVIEWER", name: "Rita Tester" }));
  otherReviewer = asSession(await createUser(prisma, { role: "REVIEWER" }));
  editor = asSession(await createUser(prisma, { role: "EDITOR" }));
  const verdict = await prisma.verdict.upsert({
    where: { key: "test-false" },
    update: {},
    create: { key: "test-false", label: "False (test)", ratingValue: 1, order: 99 },
  });
  verdictId = verdict.id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

function form(
  claimId: string,
  version: number,
  overrides: Partial<Record<string, unknown>> = {},
): ReviewFormInput {
  return reviewFormInput.parse({
    claimId,
    version,
    claimantName: "Jane Roe",
    claimantRole: "Mayor",
    claimantType: "PERSON",
    appearanceUrl: "https://example.org/speech",
    appearanceDate: "2024-03-01",
    verdictId,
    rationale: "The budget documents show a different figure.",
    evidence: [
      {
        url: "https://example.org/budget.pdf",
        stance: "REFUTES",
        sourceType: "PRIMARY",
        title: "Budget 2024",
      },
      { url: "https://news.example.com/story", stance: "CONTEXT", sourceType: "SECONDARY" },
    ],
    ...overrides,
  });
}

async function takenClaim(by: SessionUser = reviewer) {
  const claim = await createClaim(prisma);
  await takeClaims(by, [{ id: claim.id, version: claim.version }]);
  return prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("taking, saving and submitting a review", () => {
  it("taking a new claim makes it mine and in review; nobody can take it twice", async () => {
    const claim = await createClaim(prisma);
    await takeClaims(reviewer, [{ id: claim.id, version: 1 }]);
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      state: "IN_REVIEW",
      assigneeId: reviewer.id,
      version: 2,
    });
    const error = await appError(takeClaims(otherReviewer, [{ id: claim.id, version: 2 }]));
    expect(error.code).toBe("INVALID_STATE");
  });

  it("saves source, verdict, rationale and ordered evidence, with one audit event of what changed", async () => {
    const claim = await takenClaim();
    const result = await saveReview(reviewer, form(claim.id, claim.version), { submit: false });
    const stored = await prisma.claim.findUniqueOrThrow({
      where: { id: claim.id },
      include: { evidence: { orderBy: { position: "asc" } } },
    });
    expect(stored).toMatchObject({
      claimantName: "Jane Roe",
      verdictId,
      state: "IN_REVIEW",
      version: result.version,
    });
    expect(stored.evidence.map((e) => e.url)).toEqual([
      "https://example.org/budget.pdf",
      "https://news.example.com/story",
    ]);
    const [event] = await prisma.auditEvent.findMany({
      where: { entityId: claim.id, action: "claim.review" },
    });
    expect(event!.before).toMatchObject({ claimantRole: null, version: claim.version });
    expect(event!.after).toMatchObject({ claimantRole: "Mayor", version: result.version });

    // Reordering and removing evidence is saved as sent.
    const [first, second] = stored.evidence;
    await saveReview(
      reviewer,
      form(claim.id, result.version, {
        evidence: [
          { id: second!.id, url: second!.url, stance: "SUPPORTS", sourceType: "SECONDARY" },
        ],
      }),
      { submit: false },
    );
    const after = await prisma.evidence.findMany({ where: { claimId: claim.id } });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: second!.id, position: 0, stance: "SUPPORTS" });
    expect(await prisma.evidence.findUnique({ where: { id: first!.id } })).toBeNull();
  });

  it("submits with a Review record, moving the claim to SUBMITTED", async () => {
    const claim = await takenClaim();
    await saveReview(reviewer, form(claim.id, claim.version), { submit: true });
    const stored = await prisma.claim.findUniqueOrThrow({
      where: { id: claim.id },
      include: { reviews: true },
    });
    expect(stored.state).toBe("SUBMITTED");
    expect(stored.reviews).toMatchObject([{ reviewerId: reviewer.id, verdictId }]);
    const actions = (
      await prisma.auditEvent.findMany({ where: { entityId: claim.id }, orderBy: { id: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["claim.take", "claim.review", "claim.submit"]);
  });

  it("refuses to submit without verdict, rationale or evidence, naming each, and saves nothing", async () => {
    const claim = await takenClaim();
    const error = await appError(
      saveReview(
        reviewer,
        form(claim.id, claim.version, { verdictId: "", rationale: "", evidence: [] }),
        { submit: true },
      ),
    );
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors!).sort()).toEqual(["evidence", "rationale", "verdictId"]);
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      version: claim.version,
      claimantName: null,
      state: "IN_REVIEW",
    });
  });

  it("lets only the assignee or an editor save; a submitted claim is read-only to reviewers", async () => {
    const claim = await takenClaim();
    expect(
      (await appError(saveReview(otherReviewer, form(claim.id, claim.version), { submit: false })))
        .code,
    ).toBe("FORBIDDEN");
    const saved = await saveReview(editor, form(claim.id, claim.version), { submit: true });
    expect(
      (await appError(saveReview(reviewer, form(claim.id, saved.version), { submit: false }))).code,
    ).toBe("INVALID_STATE");
  });

  it("refuses a save from a stale version, naming who changed what, and keeps the first save", async () => {
    const claim = await takenClaim();
    await saveReview(
      reviewer,
      form(claim.id, claim.version, { rationale: "First reviewer's rationale." }),
      { submit: false },
    );
    const error = await appError(
      saveReview(
        editor,
        form(claim.id, claim.version, { rationale: "Editor's different rationale." }),
        { submit: false },
      ),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("Rita Tester");
    expect(error.message).toContain("rationale");
    expect((await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).rationale).toBe(
      "First reviewer's rationale.",
    );
  });

  it("refuses unsafe or invalid input at the boundary", () => {
    const base = { claimId: crypto.randomUUID(), version: 1, evidence: [] };
    const bad = [
      { evidence: [{ url: "javascript:alert(1)", stance: "SUPPORTS", sourceType: "PRIMARY" }] },
      { evidence: [{ url: "data:text/html,hi", stance: "SUPPORTS", sourceType: "PRIMARY" }] },
      { evidence: [{ url: "https://ok.example", stance: "MAYBE", sourceType: "PRIMARY" }] },
      { rationale: "x".repeat(20_001) },
      { verdictId: "not-a-uuid" },
      { appearanceUrl: "ftp://files.example/x" },
    ];
    for (const overrides of bad) {
      expect(
        reviewFormInput.safeParse({ ...base, ...overrides }).success,
        JSON.stringify(overrides).slice(0, 60),
      ).toBe(false);
    }
  });

  it("refuses a verdict that is not in the vocabulary", async () => {
    const claim = await takenClaim();
    const error = await appError(
      saveReview(reviewer, form(claim.id, claim.version, { verdictId: crypto.randomUUID() }), {
        submit: false,
      }),
    );
    expect(error.fieldErrors).toMatchObject({ verdictId: "Unknown verdict" });
  });

  it("lets editors assign with a due date, and refuses reviewers", async () => {
    const claim = await createClaim(prisma);
    const due = new Date("2030-01-01T00:00:00Z");
    expect(
      (
        await appError(
          assignClaims(reviewer, {
            claims: [{ id: claim.id, version: 1 }],
            assigneeId: reviewer.id,
            dueAt: due,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    await assignClaims(editor, {
      claims: [{ id: claim.id, version: 1 }],
      assigneeId: otherReviewer.id,
      dueAt: due,
    });
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      state: "IN_REVIEW",
      assigneeId: otherReviewer.id,
      dueAt: due,
    });
  });

  it("dismisses in bulk, all or nothing", async () => {
    const a = await createClaim(prisma);
    const b = await createClaim(prisma);
    const error = await appError(
      dismissClaims(reviewer, {
        claims: [
          { id: a.id, version: 1 },
          { id: b.id, version: 9 },
        ],
        reason: "duplicates",
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect((await prisma.claim.findUniqueOrThrow({ where: { id: a.id } })).state).toBe("NEW");
    await dismissClaims(reviewer, {
      claims: [
        { id: a.id, version: 1 },
        { id: b.id, version: 1 },
      ],
      reason: "duplicates",
    });
    expect(
      (await prisma.claim.findMany({ where: { id: { in: [a.id, b.id] } } })).map((c) => c.state),
    ).toEqual(["DISMISSED", "DISMISSED"]);
  });
});

describe("the queue", () => {
  it("pages through every claim once, in order, by keyset", async () => {
    const article = await createArticle(prisma);
    const scores = Array.from(
      { length: 130 },
      (_, i) => Math.round((((i * 37) % 100) / 100) * 1000) / 1000,
    );
    for (const score of scores)
      await createClaim(prisma, { articleId: article.id, checkworthiness: score });
    const expected = await prisma.claim.findMany({
      where: { articleId: article.id },
      orderBy: [{ checkworthiness: "desc" }, { id: "asc" }],
      select: { id: true },
    });
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { rows, next } = await listQueue(
        queueQuery.parse({ article: article.id, after }),
        reviewer.id,
      );
      seen.push(...rows.map((r) => r.id));
      if (!next) break;
      after = next;
    }
    expect(seen).toEqual(expected.map((c) => c.id));
  });

  it("filters by mine, unassigned, state and minimum score", async () => {
    const article = await createArticle(prisma);
    const mine = await createClaim(prisma, {
      articleId: article.id,
      state: "IN_REVIEW",
      assigneeId: reviewer.id,
      checkworthiness: 0.9,
    });
    const free = await createClaim(prisma, { articleId: article.id, checkworthiness: 0.2 });
    const ids = async (q: Record<string, string>) =>
      (await listQueue(queueQuery.parse({ article: article.id, ...q }), reviewer.id)).rows.map(
        (r) => r.id,
      );
    expect(await ids({ assignee: "mine" })).toEqual([mine.id]);
    expect(await ids({ assignee: "unassigned" })).toEqual([free.id]);
    expect(await ids({ state: "NEW" })).toEqual([free.id]);
    expect(await ids({ min: "0.5" })).toEqual([mine.id]);
    expect(await ids({ sort: "oldest" })).toEqual([mine.id, free.id]);
    // Nonsense in the URL falls back to defaults instead of failing.
    expect(queueQuery.parse({ state: "BOGUS", min: "7", sort: "?", after: "!!" })).toMatchObject({
      sort: "checkworthy",
    });
  });
});
