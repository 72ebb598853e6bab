import { importBudgets } from "@/lib/domain/budgets";
import { takeImportItemById } from "@/lib/data/import-queue";
import { runImportItem, type ImportContext, type ImportItemResult } from "@/lib/jobs/import-jobs";
import type { DocumentPool } from "@/lib/jobs/pool";

/** Budgets of the tests' deliveries: the defaults, with a document budget of the pool's. */
export function testBudgets(pool: DocumentPool) {
  return importBudgets({
    fetchMs: 20_000,
    documentCpuMs: pool.budgetMs,
    storeMs: 60_000,
    connectionWaitMs: 10_000,
  });
}

/**
 * One delivery of a named item, as a worker runs it: taken (a new attempt, with a lease),
 * then run. "SKIPPED" when it could not be taken (cancelled, done, or held by a lease).
 */
export async function runQueuedItem(
  itemId: string,
  pool: DocumentPool,
  {
    workerId = "test-worker",
    leaseMs = 120_000,
    ...judging
  }: { workerId?: string; leaseMs?: number } & Pick<ImportContext, "judge" | "onJudgeError"> = {},
): Promise<ImportItemResult> {
  const item = await takeImportItemById(itemId, { workerId, leaseMs });
  if (!item) return "SKIPPED";
  return runImportItem(item, { pool, budgets: testBudgets(pool), ...judging });
}
