import model from "./checkworthiness-model.json";
import { scoreWith, type CheckworthinessModel } from "./checkworthiness-features";

const MODEL = model as CheckworthinessModel;

/** Probability (0..1) that a sentence is a check-worthy factual claim. */
export function checkworthiness(sentence: string): number {
  return scoreWith(MODEL, sentence);
}

/** The decision threshold of the best cross-validated F1 (see scripts/train-checkworthiness.ts). */
export const CHECKWORTHY_THRESHOLD = MODEL.threshold;

/** The score at which an unattributed sentence becomes a claim: chosen for recall. */
export const ASSERTION_CHECKWORTHY_THRESHOLD = MODEL.assertionThreshold;

/**
 * The score of a claim's content, as extraction scores an attributed claim: its span
 * without the attribution inside it (the speaker's mention and the speech verb), so that a
 * claim keeps the same kind of score when a reviewer adds, trims, splits or merges it.
 */
export function contentCheckworthiness(
  body: string,
  span: { start: number; end: number },
  attribution: ReadonlyArray<{ start: number | null; end: number | null }>,
): number {
  let text = body.slice(span.start, span.end);
  for (const part of attribution) {
    if (part.start === null || part.end === null) continue;
    const start = Math.max(part.start, span.start) - span.start;
    const end = Math.min(part.end, span.end) - span.start;
    if (end > start) text = text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
  }
  return Math.round(checkworthiness(text.replace(/\s+/g, " ").trim()) * 1000) / 1000;
}
