import type { ImportBudgets } from "@/lib/domain/budgets";
import type { ExtractionResult } from "@/lib/domain/extraction/extract";

/**
 * Scores texts by the encoder check-worthiness model (a worker's LibraryMatcher.judge, on
 * the sentence encoder's thread); throws when the encoder cannot run.
 */
export type Judge = (texts: string[], signal: AbortSignal) => Promise<number[]>;

/** Texts judged per task of the encoder's thread (about two seconds of encoding). */
export const JUDGE_BATCH = 64;
/** The longest an article's claims are judged before they are stored (the rest keep words). */
export const JUDGE_MS = 30_000;

/**
 * The texts' scores, JUDGE_BATCH at a time, until `signal` ends: null for a text not judged
 * by then. An encoder that cannot run throws.
 */
export async function judgeTexts(
  judge: Judge,
  texts: readonly string[],
  signal: AbortSignal,
): Promise<Array<number | null>> {
  const scores = new Array<number | null>(texts.length).fill(null);
  for (let start = 0; start < texts.length && !signal.aborted; start += JUDGE_BATCH) {
    try {
      const judged = await judge(texts.slice(start, start + JUDGE_BATCH), signal);
      judged.forEach((score, i) => (scores[start + i] = score));
    } catch (error) {
      if (signal.aborted) break;
      throw error;
    }
  }
  return scores;
}

/** What extraction scored of a claim: its content, without the speaker and the cue. */
export function contentOf(claim: ExtractionResult["claims"][number]): string {
  return claim.text.slice(claim.content.start - claim.start, claim.content.end - claim.start);
}

/**
 * How long an item's claims may be judged: JUDGE_MS, but never into the time its lease
 * keeps for the store (the store's and the connection wait's budgets, and a margin).
 */
export function judgeSignal(
  leaseUntil: Date,
  budgets: Pick<ImportBudgets, "storeMs" | "connectionWaitMs">,
  deadline: AbortSignal,
): AbortSignal {
  const left = Math.min(
    JUDGE_MS,
    leaseUntil.getTime() - Date.now() - budgets.storeMs - budgets.connectionWaitMs - 2_000,
  );
  if (left <= 0) return AbortSignal.abort(new Error("no time left in the lease to judge claims"));
  return AbortSignal.any([deadline, AbortSignal.timeout(left)]);
}

/**
 * Extraction's claims rescored by the encoder model before they are stored: each claim
 * judged in time takes its score (checkworthinessBy ENCODER); the others, and all of them
 * when the encoder cannot run (`onError` hears why), keep the words model's score.
 */
export async function judgeExtraction<T extends ExtractionResult>(
  extraction: T,
  judge: Judge | undefined,
  signal: AbortSignal,
  onError: (error: unknown) => void,
): Promise<T> {
  // Claims in a language without a check-worthiness model stay unscored.
  const scored = extraction.claims.flatMap((claim, i) =>
    claim.checkworthinessBy === "NONE" ? [] : [i],
  );
  if (!judge || scored.length === 0) return extraction;
  let scores: Array<number | null>;
  try {
    scores = await judgeTexts(
      judge,
      scored.map((i) => contentOf(extraction.claims[i]!)),
      signal,
    );
  } catch (error) {
    onError(error);
    return extraction;
  }
  const claims = [...extraction.claims];
  scored.forEach((index, i) => {
    const score = scores[i];
    if (score !== null && score !== undefined)
      claims[index] = { ...claims[index]!, checkworthiness: score, checkworthinessBy: "ENCODER" };
  });
  return { ...extraction, claims };
}
