import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import {
  APPROVAL_PAGE_SIZE,
  approveClaim,
  listSubmittedClaims,
  reopenClaim,
  returnClaim,
} from "@/lib/data/approval";
import { saveReview } from "@/lib/data/review";
import { AppError } from "@/lib/errors";
import { returnInput } from "@/lib/validation/decision";
import { reviewFormInput } from "@/lib/validation/review";
import { createClaim, createUser } from "@/seeds/factories";
import type { SessionUser } from "@/lib/data/users";
import { asSession } from "../support/session";
import { submittedClaim } from "../support/submitted";
import type { ClaimState } from "@/lib/domain/claims";

let reviewer: SessionUser;
let editor: SessionUser;
let secondEditor: SessionUser;
let admin: SessionUser;
let verdictId: string;

beforeAll(async () => {
  reviewer = asSession(await createUser(prisma, { role: "REVIEWER" }));
  editor = asSession(await createUser(prisma, { role: "EDITOR" }));
  secondEditor = asSession(await createUser(prisma, { role: "EDITOR" }));
  // Stored as an editor so that admin.test.ts, counting the desk's admins, is not disturbed;
  // the decisions go by the session's role, which is ADMIN here.
  admin = { ...asSession(await createUser(prisma, { role: "EDITOR" })), role: "ADMIN" };
  verdictId = (
    await prisma.verdict.upsert({
      where: { key: "test-mostly-false" },
      update: {},
      create: { key: "test-mostly-false", label: "Mostly false (test)", ratingValue: 2, order: 98 },
    })
  ).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** A claim submitted by `by` (a reviewer unless said otherwise). */
const submitted = (by: SessionUser = reviewer) => submittedClaim(by, verdictId);

async function refusal(promise: Promise<unknown>): Promise<AppError["code"]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe("approving, returning and reopening", () => {
  it("an editor approves another's submission: the verdict is the claim's, with approver and time", async () => {
    const claim = await submitted();
    await approveClaim(editor, claim);
    const stored = await prisma.claim.findUniqueOrThrow({
      where: { id: claim.id },
      include: { reviews: { include: { decision: true } } },
    });
    expect(stored).toMatchObject({
      state: "APPROVED",
      verdictId,
      approvedById: editor.id,
      correctedAt: null,
    });
    expect(stored.approvedAt).toBeInstanceOf(Date);
    expect(stored.reviews[0]!.decision).toMatchObject({ outcome: "APPROVE", editorId: editor.id });
  });

  it("refuses a reviewer approving, returning or reopening", async () => {
    const claim = await submitted();
    expect(await refusal(approveClaim(reviewer, claim))).toBe("FORBIDDEN");
    expect(await refusal(returnClaim(reviewer, { ...claim, reason: "no" }))).toBe("FORBIDDEN");
    await approveClaim(editor, claim);
    expect(
      await refusal(
        reopenClaim(reviewer, { claimId: claim.id, version: claim.version + 1, reason: "fix" }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("refuses self-approval on the server, for editors and admins alike", async () => {
    const byEditor = await submitted(editor);
    expect(
      await refusal(approveClaim(editor, { claimId: byEditor.id, version: byEditor.version })),
    ).toBe("FORBIDDEN");
    expect((await prisma.claim.findUniqueOrThrow({ where: { id: byEditor.id } })).state).toBe(
      "SUBMITTED",
    );
    const byAdmin = await submitted(admin);
    expect(
      await refusal(approveClaim(admin, { claimId: byAdmin.id, version: byAdmin.version })),
    ).toBe("FORBIDDEN");
    await approveClaim(editor, { claimId: byAdmin.id, version: byAdmin.version });
  });

  it.each<ClaimState>(["NEW", "IN_REVIEW", "APPROVED", "DISMISSED"])(
    "refuses to approve or return a %s claim",
    async (state) => {
      const claim = await createClaim(prisma, { state });
      expect(await refusal(approveClaim(editor, { claimId: claim.id, version: 1 }))).toBe(
        "INVALID_STATE",
      );
      expect(
        await refusal(returnClaim(editor, { claimId: claim.id, version: 1, reason: "because" })),
      ).toBe("INVALID_STATE");
    },
  );

  it("refuses to return without a reason", () => {
    expect(
      returnInput.safeParse({ claimId: crypto.randomUUID(), version: 1, reason: "  " }).success,
    ).toBe(false);
  });

  it("returns to the reviewer with the reason, and the resubmission can then be approved", async () => {
    const claim = await submitted();
    await returnClaim(editor, {
      claimId: claim.id,
      version: claim.version,
      reason: "Add the primary source.",
    });
    const returned = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(returned).toMatchObject({ state: "IN_REVIEW", assigneeId: reviewer.id });
    const input = reviewFormInput.parse({
      claimId: claim.id,
      version: returned.version,
      verdictId,
      rationale: "Now with the primary source attached.",
      evidence: [{ url: "https://example.org/primary", stance: "REFUTES", sourceType: "PRIMARY" }],
    });
    const again = await saveReview(reviewer, input, { submit: true });
    await approveClaim(secondEditor, { claimId: claim.id, version: again.version });
    const actions = (
      await prisma.auditEvent.findMany({ where: { entityId: claim.id }, orderBy: { id: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual([
      "claim.take",
      "claim.review",
      "claim.submit",
      "claim.return",
      "claim.review",
      "claim.submit",
      "claim.approve",
    ]);
  });

  it("reopens an approved claim as a correction, keeping the earlier verdict in the history", async () => {
    const claim = await submitted();
    const approved = await approveClaim(editor, claim);
    await reopenClaim(secondEditor, {
      claimId: claim.id,
      version: approved.version,
      reason: "New data published.",
    });
    const reopened = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(reopened).toMatchObject({
      state: "IN_REVIEW",
      approvedAt: null,
      assigneeId: reviewer.id,
    });
    expect(reopened.correctedAt).toBeInstanceOf(Date);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: claim.id, action: "claim.reopen" },
    });
    expect(event.before).toMatchObject({ state: "APPROVED", verdictId, approvedById: editor.id });
    expect(event.after).toMatchObject({ reason: "New data published." });
    expect(
      await refusal(
        reopenClaim(editor, { claimId: claim.id, version: reopened.version, reason: "again" }),
      ),
    ).toBe("INVALID_STATE");
  });

  it("refuses a decision on a stale version", async () => {
    const claim = await submitted();
    expect(
      await refusal(approveClaim(editor, { claimId: claim.id, version: claim.version - 1 })),
    ).toBe("CONFLICT");
  });
});

describe("the approval queue", () => {
  it("pages oldest submission first; each pending claim once, decided ones never", async () => {
    const mine: string[] = [];
    for (let i = 0; i < APPROVAL_PAGE_SIZE + 5; i++) mine.push((await submitted()).id);
    const decided = mine.pop()!;
    const claim = await prisma.claim.findUniqueOrThrow({ where: { id: decided } });
    await approveClaim(editor, { claimId: decided, version: claim.version });

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await listSubmittedClaims(after);
      expect(page.claims.length).toBeLessThanOrEqual(APPROVAL_PAGE_SIZE);
      seen.push(...page.claims.map((c) => c.id));
      pages += 1;
      if (!page.next) break;
      after = page.next;
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
    // Other test files submit claims meanwhile: ours appear in the order we submitted them.
    expect(seen.filter((id) => mine.includes(id))).toEqual(mine);
    expect(seen).not.toContain(decided);
  });
});
