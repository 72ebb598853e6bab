import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importArticle } from "@/lib/data/articles";
import { addManualClaim, mergeClaims, splitClaim, updateClaimSpan } from "@/lib/data/claim-edits";
import { dismissClaim, dismissClaims } from "@/lib/data/dismissal";
import { saveReview } from "@/lib/data/review";
import { reviewFormInput } from "@/lib/validation/review";
import { AppError } from "@/lib/errors";
import { articleInput } from "@/lib/validation/article";
import { addClaimInput, dismissClaimInput } from "@/lib/validation/claim";
import { createUser } from "@/seeds/factories";
import type { SessionUser } from "@/lib/data/users";
import { asSession } from "../support/session";

let reviewer: SessionUser;
let otherReviewer: SessionUser;
let editor: SessionUser;

beforeAll(async () => {
  reviewer = asSession(await createUser(prisma, { role: "REVIEWER" }));
  otherReviewer = asSession(await createUser(prisma, { role: "REVIEWER" }));
  editor = asSession(await createUser(prisma, { role: "EDITOR" }));
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function freshArticle() {
  const body = `The city spent $4 million on the bridge, and the work took 3 years. Residents were not consulted (${crypto.randomUUID()}).`;
  const outcome = await importArticle(articleInput.parse({ title: "Bridge", body }), {
    userId: null,
  });
  const claim = await addManualClaim(reviewer, { articleId: outcome.articleId, start: 0, end: 67 });
  return {
    articleId: outcome.articleId,
    body,
    claim: await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } }),
  };
}

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

const auditFor = (id: string) =>
  prisma.auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });

describe("adding and editing claims by hand", () => {
  it("adds a claim from a selection, trimmed, with its audit event", async () => {
    const { articleId, body } = await freshArticle();
    const claim = await addManualClaim(reviewer, { articleId, start: 68, end: 100 });
    const stored = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(stored).toMatchObject({
      origin: "MANUAL",
      state: "NEW",
      text: body.slice(68, 100).trim(),
    });
    expect(await auditFor(claim.id)).toMatchObject([
      { action: "claim.create", actorId: reviewer.id },
    ]);
  });

  it("refuses spans past the end of the article and writes nothing", async () => {
    const { articleId, body } = await freshArticle();
    // Counted within this article: other test files add claims at the same time.
    const before = await prisma.claim.count({ where: { articleId } });
    await expectAppError(
      addManualClaim(reviewer, { articleId, start: 10, end: body.length + 5 }),
      "VALIDATION",
    );
    expect(await prisma.claim.count({ where: { articleId } })).toBe(before);
    expect(addClaimInput.safeParse({ articleId, start: -1, end: 4 }).success).toBe(false);
    expect(addClaimInput.safeParse({ articleId, start: 5, end: 5 }).success).toBe(false);
  });

  it("refuses a change made from a stale version, keeping the other change", async () => {
    const { claim } = await freshArticle();
    await updateClaimSpan(reviewer, {
      claimId: claim.id,
      version: claim.version,
      start: 0,
      end: 40,
    });
    await expectAppError(
      updateClaimSpan(otherReviewer, {
        claimId: claim.id,
        version: claim.version,
        start: 0,
        end: 20,
      }),
      "CONFLICT",
    );
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      start: 0,
      end: 40,
      version: 2,
    });
  });

  it("lets only the assignee or an editor change a claim in review, and nobody a submitted one", async () => {
    const { claim } = await freshArticle();
    await prisma.claim.update({
      where: { id: claim.id },
      data: { state: "IN_REVIEW", assigneeId: reviewer.id },
    });
    await expectAppError(
      updateClaimSpan(otherReviewer, {
        claimId: claim.id,
        version: claim.version,
        start: 0,
        end: 30,
      }),
      "FORBIDDEN",
    );
    await updateClaimSpan(editor, { claimId: claim.id, version: claim.version, start: 0, end: 30 });
    await prisma.claim.update({ where: { id: claim.id }, data: { state: "SUBMITTED" } });
    await expectAppError(
      dismissClaim(editor, { claimId: claim.id, version: 2, reason: "not a claim" }),
      "INVALID_STATE",
    );
  });

  it("splits a claim in two, each with an audit event", async () => {
    const { claim, body } = await freshArticle();
    const at = body.indexOf(", and") + 1;
    const { keptId, newId } = await splitClaim(reviewer, {
      claimId: claim.id,
      version: claim.version,
      at,
    });
    const [kept, created] = await Promise.all([
      prisma.claim.findUniqueOrThrow({ where: { id: keptId } }),
      prisma.claim.findUniqueOrThrow({ where: { id: newId } }),
    ]);
    expect(kept.text).toBe("The city spent $4 million on the bridge,");
    expect(created.text).toBe("and the work took 3 years.");
    expect((await auditFor(keptId)).map((e) => e.action)).toEqual(["claim.create", "claim.split"]);
    expect((await auditFor(newId)).map((e) => e.action)).toEqual(["claim.create"]);
  });

  it("merges two claims: one spans both, the other is dismissed as its duplicate", async () => {
    const { claim, articleId } = await freshArticle();
    const second = await addManualClaim(reviewer, { articleId, start: 68, end: 100 });
    await mergeClaims(reviewer, {
      claimId: claim.id,
      version: claim.version,
      otherClaimId: second.id,
      otherVersion: 1,
    });
    const [merged, other] = await Promise.all([
      prisma.claim.findUniqueOrThrow({ where: { id: claim.id } }),
      prisma.claim.findUniqueOrThrow({ where: { id: second.id } }),
    ]);
    expect(merged).toMatchObject({ start: 0, end: 100 });
    expect(other).toMatchObject({ state: "DISMISSED", duplicateOfId: claim.id });
  });

  it("rolls back the whole merge, audit included, when the other claim changed meanwhile", async () => {
    const { claim, articleId } = await freshArticle();
    const second = await addManualClaim(reviewer, { articleId, start: 68, end: 100 });
    // This test's own events: other test files write to the audit log at the same time.
    const ownEvents = () =>
      prisma.auditEvent.count({ where: { entityId: { in: [claim.id, second.id, articleId] } } });
    const auditBefore = await ownEvents();
    await expectAppError(
      mergeClaims(reviewer, {
        claimId: claim.id,
        version: claim.version,
        otherClaimId: second.id,
        otherVersion: 7,
      }),
      "CONFLICT",
    );
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      end: 67,
      version: 1,
    });
    expect(await ownEvents()).toBe(auditBefore);
  });

  it("dismisses with a reason, recording before and after", async () => {
    const { claim } = await freshArticle();
    await dismissClaim(reviewer, {
      claimId: claim.id,
      version: claim.version,
      reason: "Opinion, not checkable",
    });
    const events = await auditFor(claim.id);
    expect(events.at(-1)).toMatchObject({
      action: "claim.dismiss",
      before: { state: "NEW" },
      after: { state: "DISMISSED", dismissReason: "Opinion, not checkable" },
    });
  });
});

describe("dismissing as a duplicate", () => {
  it("links the claim it duplicates, given its page address, and refuses unknown or itself", async () => {
    const { claim } = await freshArticle();
    const { claim: original } = await freshArticle();
    await expectAppError(
      dismissClaim(reviewer, {
        claimId: claim.id,
        version: 1,
        reason: "duplicate",
        duplicateOf: claim.id,
      }),
      "VALIDATION",
    );
    await expectAppError(
      dismissClaim(reviewer, {
        claimId: claim.id,
        version: 1,
        reason: "duplicate",
        duplicateOf: crypto.randomUUID(),
      }),
      "VALIDATION",
    );
    const parsed = dismissClaimInput.parse({
      claimId: claim.id,
      version: 1,
      reason: "Same statement as the original",
      duplicateOf: `http://localhost:3000/claims/${original.id}`,
    });
    await dismissClaim(reviewer, parsed);
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      state: "DISMISSED",
      duplicateOfId: original.id,
    });
  });
});

describe("one writer for every claim change", () => {
  it("records the version in an edit's audit event, so a later conflict names the editor and the fields", async () => {
    const { claim } = await freshArticle();
    await updateClaimSpan(reviewer, {
      claimId: claim.id,
      version: claim.version,
      start: 4,
      end: 67,
    });
    const [, event] = await auditFor(claim.id);
    expect(event).toMatchObject({
      action: "claim.span",
      before: { version: claim.version, start: 0 },
      after: { version: claim.version + 1, start: 4 },
    });
    // Someone who opened the claim before the edit saves from the old version.
    await prisma.claim.update({
      where: { id: claim.id },
      data: { state: "IN_REVIEW", assigneeId: otherReviewer.id },
    });
    const stale = saveReview(
      otherReviewer,
      reviewFormInput.parse({ claimId: claim.id, version: claim.version, evidence: [] }),
      { submit: false },
    );
    const error = await stale.then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(error?.code).toBe("CONFLICT");
    expect(error?.message).toContain(`${reviewer.name} saved this claim after you opened it`);
    expect(error?.details).toMatchObject({ fields: expect.arrayContaining(["start", "text"]) });
  });

  it("dismisses one claim and many with the same audit event", async () => {
    const one = (await freshArticle()).claim;
    const [a, b] = [(await freshArticle()).claim, (await freshArticle()).claim];
    await dismissClaim(reviewer, { claimId: one.id, version: one.version, reason: "Not a claim" });
    await dismissClaims(reviewer, {
      claims: [a!, b!].map((c) => ({ id: c.id, version: c.version })),
      reason: "Not a claim",
    });
    const shapes = await Promise.all(
      [one, a!, b!].map(async (c) => {
        const event = (await auditFor(c.id)).at(-1)!;
        return { action: event.action, before: event.before, after: event.after };
      }),
    );
    const expected = {
      action: "claim.dismiss",
      before: { state: "NEW", dismissReason: null, duplicateOfId: null, version: 1 },
      after: { state: "DISMISSED", dismissReason: "Not a claim", duplicateOfId: null, version: 2 },
    };
    expect(shapes).toEqual([expected, expected, expected]);
  });

  it("scores an edited claim on its content, without the speaker and speech verb inside its span", async () => {
    const body = `Officials said the bridge cost $4 million and took 3 years to build (${crypto.randomUUID()}).`;
    const { articleId } = await importArticle(articleInput.parse({ title: "Cost", body }), {
      userId: null,
    });
    const claim = await prisma.claim.create({
      data: {
        articleId,
        text: body.slice(0, 68),
        start: 0,
        end: 68,
        speakerStart: 0,
        speakerEnd: 9,
        cueStart: 10,
        cueEnd: 14,
      },
    });
    await updateClaimSpan(reviewer, { claimId: claim.id, version: 1, start: 0, end: 68 });
    const stored = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    const { checkworthiness } = await import("@/lib/domain/extraction/checkworthiness");
    const content = body.slice(15, 68);
    expect(stored.checkworthiness).toBe(Math.round(checkworthiness(content) * 1000) / 1000);
    expect(stored.checkworthiness).not.toBe(
      Math.round(checkworthiness(body.slice(0, 68)) * 1000) / 1000,
    );
  });
});

describe("correcting a speaker's name", () => {
  it("renames the speaker and the claimant of its claims that still carry the old name and this person may edit, audited", async () => {
    const body = `Vasily Nebezia said the inquiry was biased (${crypto.randomUUID()}). "It is a farce," Nebenzia added.`;
    const { articleId } = await importArticle(articleInput.parse({ title: "UN", body }), {
      userId: null,
    });
    const speaker = await prisma.speaker.create({
      data: { articleId, name: `Vasily Nebezia ${crypto.randomUUID().slice(0, 4)}` },
    });
    const make = (data: {
      state?: "NEW" | "IN_REVIEW" | "APPROVED";
      assigneeId?: string;
      claimantName?: string;
    }) =>
      prisma.claim.create({
        data: {
          articleId,
          text: body.slice(0, 40),
          speakerId: speaker.id,
          claimantName: data.claimantName ?? speaker.name,
          state: data.state ?? "NEW",
          assigneeId: data.assigneeId ?? null,
        },
      });
    const fresh = await make({});
    const someoneElses = await make({ state: "IN_REVIEW", assigneeId: otherReviewer.id });
    const approved = await make({ state: "APPROVED" });
    const edited = await make({ claimantName: "Ambassador Nebenzia" });

    const name = `Vasily Nebenzia ${crypto.randomUUID().slice(0, 4)}`;
    const { renameSpeaker } = await import("@/lib/data/speakers");
    expect(await renameSpeaker(reviewer, { speakerId: speaker.id, name })).toEqual({
      changed: 1,
      kept: 2,
    });
    const after = async (id: string) =>
      (await prisma.claim.findUniqueOrThrow({ where: { id } })).claimantName;
    expect(await after(fresh.id)).toBe(name);
    expect(await after(someoneElses.id)).toBe(speaker.name);
    expect(await after(approved.id)).toBe(speaker.name);
    expect(await after(edited.id)).toBe("Ambassador Nebenzia");
    expect(await prisma.speaker.findUniqueOrThrow({ where: { id: speaker.id } })).toMatchObject({
      name,
      aliases: [speaker.name],
    });
    expect(await auditFor(speaker.id)).toMatchObject([
      { action: "speaker.rename", before: { name: speaker.name }, after: { name } },
    ]);
    expect((await auditFor(fresh.id)).at(-1)).toMatchObject({
      action: "claim.claimant",
      before: { claimantName: speaker.name, version: 1 },
      after: { claimantName: name, version: 2 },
    });
    // An editor's correction reaches a claim in someone else's review too.
    await prisma.claim.update({ where: { id: someoneElses.id }, data: { claimantName: name } });
    const again = `${name} Jr`;
    expect(await renameSpeaker(editor, { speakerId: speaker.id, name: again })).toEqual({
      changed: 2,
      kept: 0,
    });
    expect(await after(someoneElses.id)).toBe(again);
  });
});
