/**
 * Features of a sentence for the check-worthiness model: words and word pairs (numbers
 * folded to a shape), plus a few signals of checkable content. Shared by the training
 * script and inference, so both see exactly the same features.
 */
const WORD = /[\p{L}][\p{L}’'-]*|\d[\d,.]*%?|[$€£%?!"“”]/gu;

function shape(word: string): string {
  if (/^\d{4}$/.test(word)) return "<year>";
  if (/%$/.test(word)) return "<pct>";
  if (/^\d/.test(word)) return "<num>";
  return word;
}

export function sentenceFeatures(sentence: string): string[] {
  const raw = sentence.match(WORD) ?? [];
  const words = raw.map((w) => shape(w.toLowerCase().replace(/’/g, "'")));
  const features = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    features.add(`w:${words[i]}`);
    if (i + 1 < words.length) features.add(`b:${words[i]}_${words[i + 1]}`);
  }
  const count = raw.filter((w) => /\p{L}/u.test(w)).length;
  features.add(`len:${count < 6 ? "xs" : count < 12 ? "s" : count < 25 ? "m" : "l"}`);
  if (/\d/.test(sentence)) features.add("has:digit");
  if (/\d\s*%|\bpercent\b|\bper cent\b/i.test(sentence)) features.add("has:percent");
  if (/[$€£]\s*\d|\b(?:million|billion|trillion)\b/i.test(sentence)) features.add("has:money");
  if (/\?\s*["”]?$/.test(sentence.trim())) features.add("has:question");
  const caps = (sentence.slice(1).match(/\b\p{Lu}\p{Ll}+/gu) ?? []).length;
  features.add(`caps:${Math.min(caps, 3)}`);
  return [...features];
}

export interface CheckworthinessModel {
  bias: number;
  /** The threshold of the best cross-validated F1. */
  threshold: number;
  /** The lower threshold at which an unattributed sentence becomes a claim (for recall). */
  assertionThreshold: number;
  weights: Record<string, number>;
}

export function scoreWith(model: CheckworthinessModel, sentence: string): number {
  let z = model.bias;
  for (const f of sentenceFeatures(sentence)) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
