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
