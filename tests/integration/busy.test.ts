import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * A database too busy to take a change in time: the app's pool is exhausted (two
 * connections, both held by long transactions), and a save that cannot start its
 * transaction is refused with the busy message, saves nothing, and succeeds when sent
 * again once the pool is free. Its own database and pool size (set before lib/db loads).
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  process.env.DATABASE_POOL_SIZE = "2";
  const database = await usePrivateDatabase(inject("adminDatabaseUrl"));
  return { database };
});

vi.mock("@/lib/auth/session", () => import("../support/action-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { prisma } = await import("@/lib/db");
const { default: pg } = await import("pg");
const { asSession } = await import("../support/session");
const { actAs } = await import("../support/action-session");
const { createClaim, createUser } = await import("@/seeds/factories");
const { takeClaims } = await import("@/lib/data/assignment");
const claimActions = await import("@/app/(app)/claims/actions");
const { GET: claimsApi } = await import("@/app/api/v1/claims/route");
const { BUSY_MESSAGE } = await import("@/lib/errors");

let claim: { id: string; version: number; claimantName: string | null };

beforeAll(async () => {
  const reviewer = asSession(await createUser(prisma, { role: "REVIEWER" }));
  actAs(reviewer);
  const created = await createClaim(prisma);
  await takeClaims(reviewer, [{ id: created.id, version: created.version }]);
  claim = await prisma.claim.findUniqueOrThrow({ where: { id: created.id } });
});

afterAll(async () => {
  await prisma.$disconnect();
  await state.database.drop();
});

/**
 * Holds every connection of the app's pool in a transaction until `release` is called:
 * each transaction waits on an advisory lock that another connection (outside the pool)
 * holds.
 */
async function exhaustPool(): Promise<{ release: () => Promise<void> }> {
  const holder = new pg.Client({ connectionString: state.database.url });
  await holder.connect();
  await holder.query("SELECT pg_advisory_lock(4242)");
  const held = [1, 2].map(() =>
    prisma.$transaction((tx) => tx.$queryRaw`SELECT pg_advisory_xact_lock(4242)::text AS locked`, {
      timeout: 120_000,
      maxWait: 10_000,
    }),
  );
  // Both transactions have their connection once both wait on the lock.
  await expect
    .poll(async () => {
      const { rows } = await holder.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return Number(rows[0]!.n);
    })
    .toBe(2);
  return {
    release: async () => {
      await holder.query("SELECT pg_advisory_unlock(4242)");
      await Promise.all(held);
      await holder.end();
    },
  };
}

describe("a database too busy to take a change", () => {
  it("refuses a save with the busy message and saves nothing; sent again later, it is saved", async () => {
    const input = {
      claimId: claim.id,
      version: claim.version,
      claimantName: "Busy Desk",
      rationale: "Sent while the pool was full.",
      evidence: [],
    };
    const pool = await exhaustPool();
    let refused;
    try {
      refused = await claimActions.saveReviewForm(input);
    } finally {
      await pool.release();
    }
    expect(refused).toEqual({ ok: false, code: "BUSY", message: BUSY_MESSAGE });
    expect(BUSY_MESSAGE).toMatch(/busy; nothing was saved\. Try again/);
    const unchanged = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(unchanged).toMatchObject({ version: claim.version, claimantName: claim.claimantName });

    const saved = await claimActions.saveReviewForm(input);
    expect(saved).toMatchObject({ ok: true });
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      claimantName: "Busy Desk",
      version: claim.version + 1,
    });
  });

  it("answers the API with 503 and Retry-After while the pool is full", async () => {
    const pool = await exhaustPool();
    let response: Response;
    try {
      response = await claimsApi(new Request("http://app.example/api/v1/claims"));
    } finally {
      await pool.release();
    }
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ error: expect.stringMatching(/busy/) });
  });
});
