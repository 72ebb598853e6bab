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

/**
 * The model that reads a sentence's embedding (lib/encoder: Universal Sentence Encoder
 * Lite) beside its words: the words' weights and bias as above, plus the embedding's part,
 * either straight (`hidden` null: one weight a dimension) or through one hidden layer of
 * rectified units. Its bias is shifted at training so that it decides at the words model's
 * threshold: a score means the same whichever model gave it.
 */
export interface EncoderCheckworthinessModel extends CheckworthinessModel {
  /** The encoder whose embeddings it reads (ENCODER_VERSION). */
  encoder: string;
  hidden: { units: number; weights: number[]; bias: number[] } | null;
  /** The output weights over the embedding (hidden null) or the hidden units. */
  dense: number[];
}

/** Embeddings are unit-length: scaled so that a dimension is of the order of one. */
export function embeddingInputs(vector: ArrayLike<number>): Float64Array {
  const scale = Math.sqrt(vector.length);
  const out = new Float64Array(vector.length);
  for (let d = 0; d < vector.length; d++) out[d] = vector[d]! * scale;
  return out;
}

/** The embedding's part of the logit (what the dense layers add to the words' sum). */
export function embeddingLogit(
  model: {
    hidden: { units: number; weights: ArrayLike<number>; bias: ArrayLike<number> } | null;
    dense: ArrayLike<number>;
  },
  inputs: Float64Array,
): number {
  const { hidden, dense } = model;
  let z = 0;
  if (!hidden) {
    for (let d = 0; d < inputs.length; d++) z += dense[d]! * inputs[d]!;
    return z;
  }
  const n = inputs.length;
  for (let u = 0; u < hidden.units; u++) {
    let a = hidden.bias[u]!;
    for (let d = 0; d < n; d++) a += hidden.weights[u * n + d]! * inputs[d]!;
    if (a > 0) z += dense[u]! * a;
  }
  return z;
}

export function scoreWithEmbedding(
  model: EncoderCheckworthinessModel,
  sentence: string,
  vector: ArrayLike<number>,
): number {
  let z = model.bias + embeddingLogit(model, embeddingInputs(vector));
  for (const f of sentenceFeatures(sentence)) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
