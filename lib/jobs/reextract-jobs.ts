import {
  applyReextraction,
  articleBody,
  finishReextraction,
  type ClaimedReextraction,
  type ReextractionOutcome,
} from "@/lib/data/reextraction";
import { BudgetError } from "./pool";
import { itemDeadline, judged, type ImportContext } from "./import-jobs";

/**
 * Extracts one article again (in a worker thread, within the document budget), judges its
 * claims by the encoder model when it can, and applies the result, fenced by the delivery's
 * attempt. An article over budget keeps its claims; the item says why. Any other error is
 * thrown, for the worker to give the item back.
 */
export async function runReextraction(
  item: ClaimedReextraction,
  ctx: ImportContext,
): Promise<ReextractionOutcome | { skipped: string }> {
  const deadline = itemDeadline(item.leaseUntil, ctx.stop);
  const skip = async (reason: string) => {
    await finishReextraction(item, { status: "FAILED", error: reason });
    return { skipped: reason };
  };
  const article = await articleBody(item.articleId);
  if (article === null) return skip("the article was deleted");
  let extraction;
  try {
    // In the article's language as filed (detected at import, or as a reviewer corrected it).
    extraction = await ctx.pool.extract(article.body, deadline, article.language);
  } catch (error) {
    if (error instanceof BudgetError) return skip(error.message);
    throw error;
  }
  const outcome = await applyReextraction(
    item.articleId,
    await judged(extraction, ctx, item.leaseUntil, deadline),
    item.actor,
    { held: item },
  );
  return outcome ?? { skipped: "no longer this worker's, or the article was deleted" };
}
