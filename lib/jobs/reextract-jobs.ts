import { applyReextraction, articleBody, type ReextractionOutcome } from "@/lib/data/reextraction";
import { BudgetError } from "./pool";
import type { ImportContext } from "./import-jobs";
import type { ReextractJob } from "./queue";

/**
 * Extracts one article again (in a worker thread, within the document budget) and applies
 * the result. An article over budget keeps its claims; the outcome says why.
 */
export async function runReextraction(
  job: ReextractJob,
  ctx: ImportContext,
): Promise<ReextractionOutcome | { skipped: string }> {
  const body = await articleBody(job.articleId);
  if (body === null) return { skipped: "the article was deleted" };
  try {
    const extraction = await ctx.pool.extract(body);
    const actor = { userId: job.actorId, label: job.actorLabel };
    return (
      (await applyReextraction(job.articleId, extraction, actor)) ?? {
        skipped: "the article was deleted",
      }
    );
  } catch (error) {
    if (error instanceof BudgetError) return { skipped: error.message };
    throw error;
  }
}
