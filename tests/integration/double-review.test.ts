import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { approveClaim, returnClaim, reopenClaim } from "@/lib/data/approval";
import { takeClaims, assignClaims } from "@/lib/data/assignment";
import { saveReview } from "@/lib/data/review";
import { agreementOverview, agreementPairsCsv } from "@/lib/data/agreement";
import { AGREEMENT_CSV_COLUMNS } from "@/lib/domain/agreement";
import {
  countReviewModeForQuery,
  getDoubleReview,
  setReviewMode,
  setReviewModeForQuery,
  undoReviewMode,
} from "@/lib/data/blind-reviews";
import { reconcileClaim } from "@/lib/data/reconciliation";
import { splitClaim, updateClaimSpan } from "@/lib/data/claim-edits";
import { listClaimHistory } from "@/lib/data/history";
import { listQueue } from "@/lib/data/queue";
import { blindReviewersLabel } from "@/lib/domain/claims";
import type { ExportClaim, ExportFormat } from "@/lib/domain/export/types";
import { AppError } from "@/lib/errors";
import { reviewFormInput } from "@/lib/validation/review";
import { queueQuery } from "@/lib/validation/queue";
import { reconcileInput } from "@/lib/validation/double-review";
import { createClaim, createUser } from "@/seeds/factories";
import type { SessionUser } from "@/lib/data/users";
import { exportChecked } from "../support/exports";
import { asSession } from "../support/session";

let ann: SessionUser;
let bob: SessionUser;
let cy: SessionUser;
/** An editor who reviews too: one of the two reviewers of some claims. */
let eve: SessionUser;
let editor: SessionUser;
const verdict: Record<"false" | "mostly" | "true", string> = { false: "", mostly: "", true: "" };

beforeAll(async () => {
  ann = asSession(await createUser(prisma, { role: "REVIEWER", name: `Ann ${Date.now()}` }));
  bob = asSession(await createUser(prisma, { role: "REVIEWER", name: `Bob ${Date.now()}` }));
  cy = asSession(await createUser(prisma, { role: "REVIEWER" }));
  eve = asSession(await createUser(prisma, { role: "EDITOR" }));
  editor = asSession(await createUser(prisma, { role: "EDITOR" }));
  for (const [key, ratingValue] of [
    ["false", 1],
    ["mostly", 2],
    ["true", 5],
  ] as const) {
    verdict[key] = (
      await prisma.verdict.upsert({
        where: { key: `double-${key}` },
        update: {},
        create: {
          key: `double-${key}`,
          label: `Double ${key}`,
          ratingValue,
          order: 90 + ratingValue,
        },
      })
    ).id;
  }
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Anything as text, audit ids (bigint) included. */
const text = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));

const version = async (id: string) =>
  (await prisma.claim.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

/** A NEW claim marked by the editor as needing two reviews. */
async function doubleClaim(options: Parameters<typeof createClaim>[1] = {}) {
  const claim = await createClaim(prisma, options);
  await setReviewMode(editor, { claims: [{ id: claim.id, version: 1 }], double: true });
  return claim.id;
}

const take = async (user: SessionUser, id: string) =>
  takeClaims(user, [{ id, version: await version(id) }]);

/** `user`'s own blind review: saved, or submitted. */
async function review(
  user: SessionUser,
  id: string,
  values: {
    verdict: keyof typeof verdict;
    rationale: string;
    urls: string[];
    claimant?: string;
    /** More of the source annotation, as the form sends it. */
    source?: Record<string, string>;
  },
  submit: boolean,
) {
  const mine = await prisma.blindReview.findUniqueOrThrow({
    where: { claimId_reviewerId: { claimId: id, reviewerId: user.id } },
  });
  const input = reviewFormInput.parse({
    claimId: id,
    version: mine.version,
    verdictId: verdict[values.verdict],
    rationale: values.rationale,
    claimantName: values.claimant ?? "",
    ...values.source,
    evidence: values.urls.map((url) => ({ url, stance: "REFUTES", sourceType: "PRIMARY" })),
  });
  return saveReview(user, input, { submit });
}

async function exported(id: string, format: ExportFormat = "jsonl"): Promise<string> {
  const { articleId } = await prisma.claim.findUniqueOrThrow({ where: { id } });
  const publisher = {
    name: "Desk",
    url: "https://desk.example",
    claimUrlTemplate: "https://desk.example/checks/{id}",
  };
  const filter = { state: "ALL" as const, article: articleId! };
  return (await exportChecked(format, filter, "https://app.example", publisher)).text;
}

async function exportedClaim(id: string): Promise<ExportClaim> {
  return JSON.parse((await exported(id)).trim()) as ExportClaim;
}

describe("marking claims as needing two reviews", () => {
  it("is an editor's decision on a NEW claim, audited, and can be undone while NEW", async () => {
    const claim = await createClaim(prisma);
    const ref = { id: claim.id, version: 1 };
    expect((await refusal(setReviewMode(ann, { claims: [ref], double: true }))).code).toBe(
      "FORBIDDEN",
    );
    await setReviewMode(editor, { claims: [ref], double: true });
    const events = await prisma.auditEvent.findMany({
      where: { entity: "Claim", entityId: claim.id, action: "claim.review-mode" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ doubleReview: true, version: 2 });
    await setReviewMode(editor, { claims: [{ id: claim.id, version: 2 }], double: false });
    await takeClaims(ann, [{ id: claim.id, version: 3 }]);
    const taken = await refusal(
      setReviewMode(editor, { claims: [{ id: claim.id, version: 4 }], double: true }),
    );
    expect(taken.code).toBe("INVALID_STATE");
  });

  it("by the queue's filters: the NEW claims of an article above a check-worthiness threshold", async () => {
    const high = await createClaim(prisma, { checkworthiness: 0.95 });
    const articleId = high.articleId!;
    const low = await createClaim(prisma, { articleId, checkworthiness: 0.5 });
    const taken = await createClaim(prisma, {
      articleId,
      checkworthiness: 0.97,
      state: "IN_REVIEW",
    });
    const query = queueQuery.parse({ article: articleId, min: "0.9" });
    expect((await refusal(setReviewModeForQuery(ann, { query, double: true }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await refusal(countReviewModeForQuery(ann, { query, double: true }))).code).toBe(
      "FORBIDDEN",
    );
    // What the editor is asked to confirm, then what it did: the same claim.
    expect(await countReviewModeForQuery(editor, { query, double: true })).toEqual({ count: 1 });
    expect(await setReviewModeForQuery(editor, { query, double: true })).toEqual({
      changed: 1,
      ids: [high.id],
      remaining: 0,
    });
    expect(await countReviewModeForQuery(editor, { query, double: true })).toEqual({ count: 0 });
    const marked = await prisma.claim.findMany({
      where: { articleId },
      select: { id: true, doubleReview: true },
    });
    expect(Object.fromEntries(marked.map((c) => [c.id, c.doubleReview]))).toEqual({
      [high.id]: true,
      [low.id]: false,
      [taken.id]: false,
    });
    expect(await setReviewModeForQuery(editor, { query, double: true })).toEqual({
      changed: 0,
      ids: [],
      remaining: 0,
    });
  });

  it("undoes a marking for that same set: claims taken since keep two reviews", async () => {
    const first = await createClaim(prisma, { checkworthiness: 0.9 });
    const articleId = first.articleId!;
    const second = await createClaim(prisma, { articleId, checkworthiness: 0.8 });
    const query = queueQuery.parse({ article: articleId });
    const { ids } = await setReviewModeForQuery(editor, { query, double: true });
    expect(ids).toEqual([first.id, second.id]);
    // A claim of the article marked afterwards is not part of the undo.
    const later = await createClaim(prisma, { articleId });
    await setReviewMode(editor, { claims: [{ id: later.id, version: 1 }], double: true });
    await take(ann, second.id);
    expect((await refusal(undoReviewMode(ann, { ids, double: false }))).code).toBe("FORBIDDEN");
    expect(await undoReviewMode(editor, { ids, double: false })).toEqual({ changed: 1, kept: 1 });
    const modes = await prisma.claim.findMany({
      where: { articleId },
      select: { id: true, doubleReview: true },
    });
    expect(Object.fromEntries(modes.map((c) => [c.id, c.doubleReview]))).toEqual({
      [first.id]: false,
      [second.id]: true,
      [later.id]: true,
    });
  });

  it("takes two reviewers, not a third, and is not assigned", async () => {
    const id = await doubleClaim();
    const { articleId } = await prisma.claim.findUniqueOrThrow({ where: { id } });
    const queue = async (assignee: string) =>
      (await listQueue(queueQuery.parse({ assignee, article: articleId }), editor.id)).rows.find(
        (r) => r.id === id,
      );
    const label = async () =>
      blindReviewersLabel((await queue(ann.id))?.blindReviews.map((b) => b.reviewer.name) ?? []);
    expect(await queue("unassigned")).toBeDefined();
    await take(ann, id);
    const afterFirst = await prisma.claim.findUniqueOrThrow({ where: { id } });
    expect(afterFirst).toMatchObject({ state: "IN_REVIEW", assigneeId: null });
    // The queue names who took it, and its assignee filter finds it under them, not as unassigned.
    expect(await label()).toBe(`${ann.name} + 1 open slot`);
    expect(await queue("unassigned")).toBeUndefined();
    expect((await refusal(take(ann, id))).message).toMatch(/already one of/);
    await take(bob, id);
    expect((await refusal(take(cy, id))).message).toBe(
      "Two reviewers have already taken this claim.",
    );
    const assign = await refusal(
      assignClaims(editor, {
        claims: [{ id, version: await version(id) }],
        assigneeId: cy.id,
        dueAt: null,
      }),
    );
    expect(assign.code).toBe("INVALID_STATE");
    expect(await prisma.blindReview.count({ where: { claimId: id } })).toBe(2);
    expect(await label()).toBe(`${ann.name}, ${bob.name}`);
    expect(await queue(bob.id)).toBeDefined();
    expect(await queue(cy.id)).toBeUndefined();
    // Each reviewer finds it among their claims.
    for (const user of [ann, bob]) {
      const { rows } = await listQueue(
        queueQuery.parse({ assignee: "mine", state: "IN_REVIEW" }),
        user.id,
      );
      expect(rows.map((r) => r.id)).toContain(id);
    }
  });
});

describe("each blind review", () => {
  it("starts from the claimant extraction suggested, as a single review does, and never from the other review", async () => {
    const id = await doubleClaim({ claimantName: "Maria Lopez", claimantRole: "Mayor" });
    await take(ann, id);
    const source = { claimantName: "Maria Lopez", claimantRole: "Mayor", claimantType: "PERSON" };
    const mine = (user: SessionUser) =>
      prisma.blindReview.findUniqueOrThrow({
        where: { claimId_reviewerId: { claimId: id, reviewerId: user.id } },
      });
    expect(await mine(ann)).toMatchObject(source);
    await review(
      ann,
      id,
      { verdict: "false", rationale: "Ann's own reading", urls: [], claimant: "Ann's claimant" },
      false,
    );
    await take(bob, id);
    expect(await mine(bob)).toMatchObject(source);
    expect((await getDoubleReview(id, bob)).mine).toMatchObject(source);
    expect((await mine(ann)).claimantName).toBe("Ann's claimant");
  });
});

describe("the text and span while two reviews are open", () => {
  it("are frozen for the reviewers; an editor may change them, with a reason, which returns both reviews", async () => {
    const id = await doubleClaim();
    await take(ann, id);
    await take(bob, id);
    await review(
      ann,
      id,
      { verdict: "false", rationale: "Ann's reading of it", urls: ["https://a.example"] },
      true,
    );
    const claim = await prisma.claim.findUniqueOrThrow({ where: { id } });
    const span = async (user: SessionUser, reason?: string) =>
      updateClaimSpan(user, {
        claimId: id,
        version: await version(id),
        start: claim.start!,
        end: claim.end! - 1,
        returnReason: reason,
      });
    for (const user of [ann, bob, cy]) {
      const refused = await refusal(span(user));
      expect(refused.code).toBe("FORBIDDEN");
      if (user !== cy)
        expect(refused.message).toMatch(/^This claim is under two independent reviews/);
      const split = await refusal(
        splitClaim(user, { claimId: id, version: await version(id), at: claim.start! + 5 }),
      );
      expect(split.code).toBe("FORBIDDEN");
    }
    // An editor without a reason: refused, nothing changed.
    const noReason = await refusal(span(editor));
    expect(noReason.fieldErrors).toEqual({ returnReason: "Give a reason for both reviewers" });
    expect(await version(id)).toBe(claim.version);
    // With one: the span changes and both reviews go back, Ann's blind verdict with hers
    // (it judged another text), in the same transaction as the audit event.
    await span(editor, "The quote ends before the full stop.");
    const after = await prisma.claim.findUniqueOrThrow({ where: { id } });
    expect(after.text).toBe(claim.text!.slice(0, -1));
    const reviews = await prisma.blindReview.findMany({ where: { claimId: id } });
    expect(reviews).toHaveLength(2);
    for (const r of reviews) {
      expect(r).toMatchObject({
        submittedAt: null,
        firstSubmittedAt: null,
        blindVerdictId: null,
        returnReason: "The quote ends before the full stop.",
      });
    }
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: id, action: "claim.span" },
      orderBy: { id: "desc" },
    });
    expect(event.after).toMatchObject({
      reviewsReturned: 2,
      reason: "The quote ends before the full stop.",
    });
    // Ann submits again: the return note goes, her blind verdict is the new one.
    await review(
      ann,
      id,
      { verdict: "true", rationale: "Ann's reading, again", urls: ["https://a.example"] },
      true,
    );
    const mine = await prisma.blindReview.findUniqueOrThrow({
      where: { claimId_reviewerId: { claimId: id, reviewerId: ann.id } },
    });
    expect(mine).toMatchObject({
      returnReason: null,
      returnedAt: null,
      blindVerdictId: verdict.true,
    });
    // Not revealed yet: Bob still sees nothing of Ann's review.
    expect((await getDoubleReview(id, bob)).reviews).toEqual([]);
  });
});

describe("blind until both are in", () => {
  it("neither reviewer, nor an editor, nor the history, the export or the claim shows a review before both are submitted", async () => {
    const id = await doubleClaim();
    await take(ann, id);
    await take(bob, id);
    const secret = `ANN-SECRET-${Date.now()}`;
    await review(
      ann,
      id,
      {
        verdict: "false",
        rationale: `${secret} rationale`,
        urls: [`https://ann.example/${secret}`],
        claimant: `${secret} claimant`,
      },
      false,
    );

    const { articleId } = await prisma.claim.findUniqueOrThrow({ where: { id } });
    const hidden = async (viewer: SessionUser) => {
      const seen = await getDoubleReview(id, viewer);
      expect(seen.revealed).toBe(false);
      expect(seen.reviews).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain(secret);
      expect(text(await listClaimHistory(id, viewer.id))).not.toContain(secret);
      // The queue names who took it, nothing of what they wrote; no pair for agreement yet.
      const queue = await listQueue(queueQuery.parse({ article: articleId }), viewer.id);
      expect(queue.rows.map((r) => r.id)).toContain(id);
      expect(text(queue.rows)).not.toContain(secret);
      expect(await agreementPairsCsv("https://app.example")).not.toContain(id);
    };
    await hidden(bob);
    await hidden(editor);
    // Ann sees her own, in her form and her history.
    expect((await getDoubleReview(id, ann)).mine?.rationale).toContain(secret);
    expect(text(await listClaimHistory(id, ann.id))).toContain(secret);
    // The claim's own fields stay empty; exports carry no review.
    const row = await prisma.claim.findUniqueOrThrow({
      where: { id },
      include: { evidence: true },
    });
    expect(row).toMatchObject({ verdictId: null, rationale: null, evidence: [] });
    for (const format of ["jsonl", "json", "csv", "claimreview"] as const) {
      expect(await exported(id, format)).not.toContain(secret);
    }
    expect((await exportedClaim(id)).doubleReview).toEqual({ reviews: [], reconciliation: null });

    // Ann submits: the claim waits for Bob; still hidden from him; Ann's review is locked.
    const submitted = await review(
      ann,
      id,
      {
        verdict: "false",
        rationale: `${secret} rationale`,
        urls: [`https://ann.example/${secret}`],
      },
      true,
    );
    expect(submitted.state).toBe("IN_REVIEW");
    await hidden(bob);
    expect(
      (
        await refusal(
          review(
            ann,
            id,
            { verdict: "true", rationale: "Changed my mind now", urls: ["https://x.example"] },
            false,
          ),
        )
      ).code,
    ).toBe("INVALID_STATE");
    expect((await getDoubleReview(id, bob)).reviewers).toEqual([
      expect.objectContaining({ id: ann.id, submitted: true }),
      expect.objectContaining({ id: bob.id, submitted: false }),
    ]);
    // An editor cannot write either review (nor, through it, read one).
    const byEditor = reviewFormInput.parse({
      claimId: id,
      version: 1,
      verdictId: verdict.true,
      rationale: "Editor's take here",
      evidence: [],
    });
    const editing = await refusal(saveReview(editor, byEditor, { submit: false }));
    expect(editing.code).toBe("FORBIDDEN");
    expect(editing.message).not.toContain(secret);

    // Bob submits: both are in, the claim waits for an editor, and everyone sees both.
    const second = await review(
      bob,
      id,
      { verdict: "mostly", rationale: "Bob's own reading of it", urls: ["https://bob.example"] },
      true,
    );
    expect(second.state).toBe("SUBMITTED");
    const seen = await getDoubleReview(id, bob);
    expect(seen.revealed).toBe(true);
    expect(seen.reviews.map((r) => r.rationale)).toEqual([
      `${secret} rationale`,
      "Bob's own reading of it",
    ]);
    expect(text(await listClaimHistory(id, bob.id))).toContain(secret);
    const out = await exportedClaim(id);
    expect(
      out.doubleReview?.reviews.map((r) => [r.reviewer, r.verdictLabel, r.blindVerdictLabel]),
    ).toEqual([
      [ann.name, "Double false", "Double false"],
      [bob.name, "Double mostly", "Double mostly"],
    ]);
    expect(out.doubleReview?.reviews[0]!.evidence).toEqual([
      {
        url: `https://ann.example/${secret}`,
        archivedUrl: null,
        title: null,
        publisher: null,
        stance: "REFUTES",
        sourceType: "PRIMARY",
      },
    ]);
    expect(out.reviewer).toBe(`${ann.name}; ${bob.name}`);
  });

  it("two reviewers submitting at the same moment both land, and the claim is SUBMITTED", async () => {
    const id = await doubleClaim();
    await take(ann, id);
    await take(bob, id);
    await Promise.all([
      review(
        ann,
        id,
        {
          verdict: "true",
          rationale: "Checks out against the record",
          urls: ["https://a.example"],
        },
        true,
      ),
      review(
        bob,
        id,
        { verdict: "true", rationale: "Checks out against the data", urls: ["https://b.example"] },
        true,
      ),
    ]);
    const claim = await prisma.claim.findUniqueOrThrow({
      where: { id },
      include: { blindReviews: true },
    });
    expect(claim.state).toBe("SUBMITTED");
    expect(
      claim.blindReviews.every((r) => r.submittedAt && r.blindVerdictId === verdict.true),
    ).toBe(true);
  });
});

/** A claim with both reviews in: Ann says `a`, Bob `b` (Eve in place of Bob when asked). */
async function bothIn(a: keyof typeof verdict, b: keyof typeof verdict, second = bob) {
  const id = await doubleClaim();
  await take(ann, id);
  await take(second, id);
  await review(
    ann,
    id,
    {
      verdict: a,
      rationale: "Ann's reading of the record",
      urls: ["https://shared.example", "https://ann.example"],
      claimant: "Ann's claimant",
      source: { appearanceUrl: "https://ann.example/said", appearanceDate: "2024-03-01" },
    },
    true,
  );
  await review(
    second,
    id,
    {
      verdict: b,
      rationale: "Second reading of the record",
      urls: ["https://second.example", "https://shared.example"],
      claimant: "Second claimant",
    },
    true,
  );
  return id;
}

const pairIds = async (id: string) =>
  (await prisma.blindReview.findMany({ where: { claimId: id }, orderBy: { takenAt: "asc" } })).map(
    (r) => r.id,
  );

describe("reconciliation", () => {
  it("an editor adopts one review: its verdict, rationale, source and evidence become the claim's, approved, audited in the same transaction", async () => {
    const id = await bothIn("false", "mostly");
    const [, bobs] = await pairIds(id);
    expect(
      (await refusal(approveClaim(editor, { claimId: id, version: await version(id) }))).message,
    ).toMatch(/reconcile/);
    await reconcileClaim(
      editor,
      reconcileInput.parse({
        claimId: id,
        version: await version(id),
        outcome: "ADOPT",
        reviewId: bobs,
      }),
    );
    const claim = await prisma.claim.findUniqueOrThrow({
      where: { id },
      include: { evidence: { orderBy: { position: "asc" } }, reconciliations: true },
    });
    expect(claim).toMatchObject({
      state: "APPROVED",
      verdictId: verdict.mostly,
      rationale: "Second reading of the record",
      claimantName: "Second claimant",
      approvedById: editor.id,
    });
    expect(claim.evidence.map((e) => [e.url, e.addedById])).toEqual([
      ["https://second.example", bob.id],
      ["https://shared.example", bob.id],
    ]);
    expect(claim.reconciliations).toEqual([
      expect.objectContaining({
        outcome: "ADOPT",
        adoptedReviewId: bobs,
        verdictId: verdict.mostly,
        firstVerdictId: verdict.false,
        secondVerdictId: verdict.mostly,
      }),
    ]);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { entity: "Claim", entityId: id, action: "claim.reconcile" },
    });
    expect(event.actorId).toBe(editor.id);
    expect(event.after).toMatchObject({
      state: "APPROVED",
      verdictId: verdict.mostly,
      outcome: "ADOPT",
    });
    // CSV and ClaimReview carry the final verdict only; JSON both reviews and the decision.
    const csv = await exported(id, "csv");
    expect(csv).toContain("Double mostly");
    expect(csv).not.toContain("Double false");
    const claimReview = await exported(id, "claimreview");
    expect(claimReview).toContain("Double mostly");
    expect(claimReview).not.toContain("Ann's reading");
    const json = await exportedClaim(id);
    expect(json.verdictLabel).toBe("Double mostly");
    expect(json.doubleReview?.reconciliation).toMatchObject({
      outcome: "ADOPT",
      editor: editor.name,
      adoptedReviewer: bob.name,
      verdictLabel: "Double mostly",
      finalDifferedFromBoth: false,
    });
  });

  it("an editor writes the final verdict drawing on both: the source of one, the evidence of both once each", async () => {
    const id = await bothIn("false", "mostly");
    const [anns] = await pairIds(id);
    const input = reconcileInput.parse({
      claimId: id,
      version: await version(id),
      outcome: "FINAL",
      verdictId: verdict.true,
      rationale: "Both missed the revised figures; it holds.",
      sourceReviewId: anns,
    });
    await reconcileClaim(editor, input);
    const claim = await prisma.claim.findUniqueOrThrow({
      where: { id },
      include: { evidence: { orderBy: { position: "asc" } } },
    });
    expect(claim).toMatchObject({
      state: "APPROVED",
      verdictId: verdict.true,
      claimantName: "Ann's claimant",
      appearanceUrl: "https://ann.example/said",
      appearanceDate: new Date("2024-03-01T00:00:00.000Z"),
      claimantRole: null,
      rationale: "Both missed the revised figures; it holds.",
    });
    // Each review as exported: its whole source annotation, instants as ISO text.
    const [annsOut, secondOut] = (await exportedClaim(id)).doubleReview!.reviews;
    const source = {
      shortText: null,
      claimantRole: null,
      claimantType: null,
      firstAppearanceUrl: null,
      firstAppearanceDate: null,
    };
    expect(annsOut).toMatchObject({
      ...source,
      claimantName: "Ann's claimant",
      appearanceUrl: "https://ann.example/said",
      appearanceDate: "2024-03-01T00:00:00.000Z",
    });
    expect(secondOut).toMatchObject({
      ...source,
      claimantName: "Second claimant",
      appearanceUrl: null,
      appearanceDate: null,
    });
    expect(claim.evidence.map((e) => e.url)).toEqual([
      "https://shared.example",
      "https://ann.example",
      "https://second.example",
    ]);
    expect((await exportedClaim(id)).doubleReview?.reconciliation).toMatchObject({
      outcome: "FINAL",
      finalDifferedFromBoth: true,
    });
  });

  it("refuses an editor who wrote one of the reviews, a review of another claim, a stale version and a retired verdict, changing nothing", async () => {
    const id = await bothIn("true", "false", eve);
    const [anns] = await pairIds(id);
    const before = await prisma.auditEvent.count({ where: { entityId: id } });
    const ref = { claimId: id, version: await version(id) };
    expect(
      (
        await refusal(
          reconcileClaim(eve, reconcileInput.parse({ ...ref, outcome: "ADOPT", reviewId: anns })),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect((await refusal(returnClaim(eve, { ...ref, reason: "Not mine to return" }))).code).toBe(
      "FORBIDDEN",
    );
    const other = await bothIn("true", "true");
    const [foreign] = await pairIds(other);
    expect(
      (
        await refusal(
          reconcileClaim(
            editor,
            reconcileInput.parse({ ...ref, outcome: "ADOPT", reviewId: foreign }),
          ),
        )
      ).code,
    ).toBe("VALIDATION");
    expect(
      (
        await refusal(
          reconcileClaim(
            editor,
            reconcileInput.parse({
              ...ref,
              version: ref.version - 1,
              outcome: "ADOPT",
              reviewId: anns,
            }),
          ),
        )
      ).code,
    ).toBe("CONFLICT");
    const retired = await prisma.verdict.upsert({
      where: { key: "double-retired" },
      update: {},
      create: {
        key: "double-retired",
        label: "Double retired",
        ratingValue: 3,
        order: 99,
        retiredAt: new Date(),
      },
    });
    const final = await refusal(
      reconcileClaim(
        editor,
        reconcileInput.parse({
          ...ref,
          outcome: "FINAL",
          verdictId: retired.id,
          rationale: "A verdict the desk no longer uses",
          sourceReviewId: anns,
        }),
      ),
    );
    expect(final).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { verdictId: "Unknown verdict" },
    });
    expect(await prisma.auditEvent.count({ where: { entityId: id } })).toBe(before);
    expect(await prisma.reconciliation.count({ where: { claimId: id } })).toBe(0);
    expect((await prisma.claim.findUniqueOrThrow({ where: { id } })).state).toBe("SUBMITTED");
  });

  it("returning both sends each review back with the reason; agreement stays on the first, blind verdicts", async () => {
    const id = await bothIn("false", "true");
    await returnClaim(editor, {
      claimId: id,
      version: await version(id),
      reason: "Look again at the 2023 report",
    });
    expect((await prisma.claim.findUniqueOrThrow({ where: { id } })).state).toBe("IN_REVIEW");
    const seen = await getDoubleReview(id, ann);
    expect(seen.last).toMatchObject({ outcome: "RETURN", reason: "Look again at the 2023 report" });
    expect(seen.reviewers.every((r) => !r.submitted)).toBe(true);
    // Both have seen each other's by now: the revision is not blind, and they stay shown.
    expect(seen.revealed).toBe(true);
    await review(
      ann,
      id,
      { verdict: "true", rationale: "Revised after the return", urls: ["https://ann.example"] },
      true,
    );
    await review(
      bob,
      id,
      { verdict: "true", rationale: "Unchanged on second look", urls: ["https://bob.example"] },
      true,
    );
    const reviews = await prisma.blindReview.findMany({
      where: { claimId: id },
      orderBy: { takenAt: "asc" },
    });
    expect(reviews.map((r) => [r.verdictId, r.blindVerdictId])).toEqual([
      [verdict.true, verdict.false],
      [verdict.true, verdict.true],
    ]);
    const [anns] = reviews.map((r) => r.id);
    await reconcileClaim(
      editor,
      reconcileInput.parse({
        claimId: id,
        version: await version(id),
        outcome: "ADOPT",
        reviewId: anns,
      }),
    );
    // Reopened for a correction, both reviewers revise again.
    await reopenClaim(editor, {
      claimId: id,
      version: await version(id),
      reason: "New figures came out",
    });
    const reopened = await prisma.claim.findUniqueOrThrow({
      where: { id },
      include: { blindReviews: true },
    });
    expect(reopened).toMatchObject({ state: "IN_REVIEW", assigneeId: null, approvedById: null });
    expect(reopened.correctedAt).not.toBeNull();
    expect(reopened.blindReviews.every((r) => r.submittedAt === null)).toBe(true);
  });
});

describe("agreement", () => {
  it("counts each pair's blind verdicts, kappa included, and the editor's departures", async () => {
    // A fresh pair, so that the figures are this test's alone.
    const dee = asSession(await createUser(prisma, { role: "REVIEWER", name: "Dee" }));
    const fox = asSession(await createUser(prisma, { role: "REVIEWER", name: "Fox" }));
    const pairs: Array<[keyof typeof verdict, keyof typeof verdict]> = [
      ["true", "true"],
      ["true", "true"],
      ["false", "false"],
      ["false", "true"],
    ];
    const ids: string[] = [];
    for (const [d, f] of pairs) {
      const id = await doubleClaim();
      await take(dee, id);
      await take(fox, id);
      await review(
        dee,
        id,
        { verdict: d, rationale: "Dee's reading here", urls: ["https://d.example"] },
        true,
      );
      await review(
        fox,
        id,
        { verdict: f, rationale: "Fox's reading here", urls: ["https://f.example"] },
        true,
      );
      ids.push(id);
    }
    // The editor departs from both on the disagreement: "mostly".
    const last = ids[3]!;
    const [dees] = await pairIds(last);
    await reconcileClaim(
      editor,
      reconcileInput.parse({
        claimId: last,
        version: await version(last),
        outcome: "FINAL",
        verdictId: verdict.mostly,
        rationale: "Neither: it is mostly true.",
        sourceReviewId: dees,
      }),
    );
    const report = await agreementOverview();
    const pair = report.pairs.find(
      (p) => p.reviewers.includes("Dee") && p.reviewers.includes("Fox"),
    );
    // p_o = 3/4; Dee true 2, false 2; Fox true 3, false 1; p_e = .5×.75 + .5×.25 = .5; κ = .5.
    expect(pair).toMatchObject({ claims: 4, agreed: 3, raw: 0.75 });
    expect(pair!.kappa).toBeCloseTo(0.5, 12);
    expect(report.overall.claims).toBeGreaterThanOrEqual(4);
    expect(report.finalDiffered).toBeGreaterThanOrEqual(1);
    expect(report.labels["double-mostly"]).toBe("Double mostly");

    // The CSV behind the figures: one row per claim whose two reviews are in, not one
    // with only one review submitted.
    const half = await doubleClaim();
    await take(dee, half);
    await take(fox, half);
    await review(dee, half, { verdict: "true", rationale: "Dee's reading", urls: [] }, false);
    await review(
      fox,
      half,
      { verdict: "false", rationale: "Fox's reading here", urls: ["https://f.example"] },
      true,
    );
    const csv = await agreementPairsCsv("https://app.example/");
    expect(csv.startsWith(`\uFEFF${AGREEMENT_CSV_COLUMNS.join(",")}\r\n`)).toBe(true);
    const lines = csv.split("\r\n");
    const line = (id: string) => lines.filter((l) => l.startsWith(id));
    expect(line(half)).toEqual([]);
    expect(line(ids[0]!)).toEqual([
      `${ids[0]},https://app.example/claims/${ids[0]},Dee,double-true,Fox,double-true,true,,`,
    ]);
    expect(line(last)).toEqual([
      `${last},https://app.example/claims/${last},Dee,double-false,Fox,double-true,false,FINAL,double-mostly`,
    ]);
  });
});
