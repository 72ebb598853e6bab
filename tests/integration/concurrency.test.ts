import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { saveReview } from "@/lib/data/review";
import { takeClaims } from "@/lib/data/assignment";
import { AppError } from "@/lib/errors";
import { reviewFormInput } from "@/lib/validation/review";
import { createClaim, createUser } from "@/seeds/factories";
import type { SessionUser } from "@/lib/data/users";
import { asSession } from "../support/session";

/** Twenty writers on one claim at once: optimistic versions, one transaction per save. */
const WRITERS = 20;

let reviewer: SessionUser;

beforeAll(async () => {
  reviewer = asSession(await createUser(prisma, { role: "REVIEWER" }));
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function takenClaim() {
  const claim = await createClaim(prisma);
  await takeClaims(reviewer, [{ id: claim.id, version: claim.version }]);
  return prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
}

/** The form as a browser tab has it: the claim's version and its evidence with ids. */
async function readForm(claimId: string) {
  const claim = await prisma.claim.findUniqueOrThrow({
    where: { id: claimId },
    include: { evidence: { orderBy: { position: "asc" } } },
  });
  return {
    version: claim.version,
    evidence: claim.evidence.map((e) => ({
      id: e.id,
      url: e.url,
      stance: e.stance,
      sourceType: e.sourceType,
    })),
  };
}

function save(claimId: string, version: number, evidence: Array<Record<string, unknown>>) {
  return saveReview(
    reviewer,
    reviewFormInput.parse({ claimId, version, rationale: `v${version}`, evidence }),
    { submit: false },
  );
}

async function reviewEvents(claimId: string) {
  return prisma.auditEvent.findMany({
    where: { entity: "Claim", entityId: claimId, action: "claim.review" },
    orderBy: { id: "asc" },
  });
}

describe(`${WRITERS} concurrent conflicting updates of one claim`, () => {
  it("exactly one save wins a version; the others are told who changed what", async () => {
    const claim = await takenClaim();
    const results = await Promise.allSettled(
      Array.from({ length: WRITERS }, (_, i) =>
        save(claim.id, claim.version, [
          { url: `https://example.org/writer-${i}`, stance: "REFUTES", sourceType: "PRIMARY" },
        ]),
      ),
    );
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(won).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toBeInstanceOf(AppError);
        expect((result.reason as AppError).code).toBe("CONFLICT");
        expect((result.reason as AppError).message).toContain(`${reviewer.name} saved this claim`);
        expect((result.reason as AppError).details).toMatchObject({
          fields: expect.arrayContaining(["evidence", "rationale"]),
        });
      }
    }
    const after = await readForm(claim.id);
    expect(after.version).toBe(claim.version + 1);
    expect(after.evidence.map((e) => e.url)).toEqual([`https://example.org/writer-${won[0]}`]);
    const events = await reviewEvents(claim.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ version: claim.version + 1 });
  });

  it("writers that reload and retry on a conflict lose no evidence, and the audit log has every step", async () => {
    const claim = await takenClaim();
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        for (;;) {
          const form = await readForm(claim.id);
          const mine = {
            url: `https://example.org/item-${i}`,
            stance: "CONTEXT",
            sourceType: "SECONDARY",
          };
          try {
            return await save(claim.id, form.version, [...form.evidence, mine]);
          } catch (error) {
            if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
            conflicts += 1;
          }
        }
      }),
    );
    const after = await readForm(claim.id);
    expect(after.version).toBe(claim.version + WRITERS);
    expect(after.evidence.map((e) => e.url).sort()).toEqual(
      Array.from({ length: WRITERS }, (_, i) => `https://example.org/item-${i}`).sort(),
    );
    // One event per version, in order, none missing and none twice.
    const events = await reviewEvents(claim.id);
    expect(events.map((e) => (e.after as { version: number }).version)).toEqual(
      Array.from({ length: WRITERS }, (_, i) => claim.version + i + 1),
    );
    expect(events.map((e) => (e.before as { version: number }).version)).toEqual(
      Array.from({ length: WRITERS }, (_, i) => claim.version + i),
    );
    // Each event's evidence list is the one before plus one item.
    for (const event of events) {
      const before = (event.before as { evidence?: unknown[] }).evidence ?? [];
      const afterList = (event.after as { evidence: unknown[] }).evidence;
      expect(afterList.length).toBe(before.length + 1);
    }
    expect(conflicts).toBeGreaterThan(0);
  });
});
