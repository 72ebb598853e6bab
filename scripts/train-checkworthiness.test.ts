import { describe, expect, it } from "vitest";
import { ENCODER_MODEL_ENCODER } from "@/lib/domain/extraction/encoder-checkworthiness";
import { ENCODER_VERSION } from "@/lib/encoder/version";
import {
  embeddingInputs,
  scoreWithEmbedding,
} from "@/lib/domain/extraction/checkworthiness-features";
import {
  crossValidate,
  debateFolds,
  predict,
  shipEncoder,
  shipWords,
  train,
  type Row,
} from "./train-checkworthiness";

/**
 * A small made-up set, so that the test needs no outside data: the words say nothing of the
 * label (every sentence is one of the same four), the "embedding" says it all (its first
 * dimension), as when two sentences of the same words differ in what they mean.
 */
const DIMENSIONS = 8;
const SENTENCES = [
  "The council met on Tuesday",
  "Prices went up again this year",
  "We will see what happens next",
  "The report came out last week",
];
function made(n: number): { rows: Row[]; vectors: Float32Array } {
  const rows: Row[] = [];
  const vectors = new Float32Array(n * DIMENSIONS);
  for (let i = 0; i < n; i++) {
    const label = i % 3 === 0 ? 1 : 0;
    // Debates of 10 sentences: ids jump by 100 between them.
    rows.push({ id: Math.floor(i / 10) * 100 + (i % 10), text: SENTENCES[i % 4]!, label });
    const vector = vectors.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS);
    vector[0] = label ? 0.8 : -0.8;
    vector[1 + (i % (DIMENSIONS - 1))] = 0.6;
  }
  return { rows, vectors };
}
const inputsOf = (vectors: Float32Array) =>
  Array.from({ length: vectors.length / DIMENSIONS }, (_, i) =>
    embeddingInputs(vectors.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS)),
  );

describe("training the check-worthiness models", () => {
  const { rows, vectors } = made(300);
  const inputs = inputsOf(vectors);
  const folds = debateFolds(rows);

  it("keeps each debate in one fold", () => {
    const byDebate = new Map<number, Set<number>>();
    rows.forEach((row, i) =>
      byDebate.set(
        Math.floor(row.id / 100),
        (byDebate.get(Math.floor(row.id / 100)) ?? new Set()).add(folds[i]!),
      ),
    );
    expect([...byDebate.values()].every((f) => f.size === 1)).toBe(true);
    expect(new Set(folds).size).toBe(5);
  });

  it("is deterministic: the same data and setting give the same weights, linear or with a hidden layer", () => {
    for (const hidden of [null, 0, 4]) {
      const a = train(rows, inputs, { l2: 1e-3, hidden, epochs: 3 });
      const b = train(rows, inputs, { l2: 1e-3, hidden, epochs: 3 });
      expect(Array.from(a.w)).toEqual(Array.from(b.w));
      expect(Array.from(a.dense)).toEqual(Array.from(b.dense));
      expect(a.hidden && Array.from(a.hidden.weights)).toEqual(
        b.hidden && Array.from(b.hidden.weights),
      );
      expect(a.b).toBe(b.b);
    }
  });

  it("learns from the embedding what the words cannot tell, judged on debates it never saw", () => {
    const words = crossValidate(rows, folds, null, { l2: 1e-3, hidden: null, epochs: 4 });
    const linear = crossValidate(rows, folds, inputs, { l2: 1e-3, hidden: 0, epochs: 4 });
    const mlp = crossValidate(rows, folds, inputs, { l2: 1e-3, hidden: 4, epochs: 6 });
    expect(words.f1).toBeLessThan(0.6);
    expect(linear.f1).toBeGreaterThan(0.95);
    expect(mlp.f1).toBeGreaterThan(0.95);
  });

  it("ships models that score as trained; the encoder model decides at the words model's threshold", () => {
    const wordsTrained = train(rows, null, { l2: 1e-3, hidden: null, epochs: 3 });
    const table = [{ threshold: 0.5, f1: 0.5, precision: 0.5, recall: 0.8 }];
    const words = shipWords(wordsTrained, 0.45, table);
    expect(words).toMatchObject({ threshold: 0.45, assertionThreshold: 0.5 });
    const trained = train(rows, inputs, { l2: 1e-3, hidden: 4, epochs: 6 });
    const ownThreshold = 0.6;
    const shipped = shipEncoder(trained, ownThreshold, words, "test-encoder");
    expect(shipped).toMatchObject({ encoder: "test-encoder", threshold: 0.45 });
    const own = predict(trained, rows, inputs);
    rows.forEach((row, i) => {
      const vector = vectors.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS);
      const score = scoreWithEmbedding(shipped, row.text, vector);
      // Weights rounded for shipping: a decision may differ only within rounding of the threshold.
      if (Math.abs(own[i]! - ownThreshold) > 0.01)
        expect(score >= 0.45).toBe(own[i]! >= ownThreshold);
    });
    // The words model keeps only the weights that matter (|w| ≥ 0.05), rounded.
    const kept = Object.entries(words.weights);
    expect(kept.length).toBeGreaterThan(0);
    for (const [feature, weight] of kept) {
      expect(Math.abs(weight)).toBeGreaterThanOrEqual(0.05);
      expect(weight).toBeCloseTo(wordsTrained.w[wordsTrained.vocab.indexOf(feature)]!, 3);
    }
  });
});

describe("the shipped encoder model", () => {
  it("was trained on the embeddings of the encoder the workers load", () => {
    // A new encoder needs the model retrained (npm run train:checkworthiness).
    expect(ENCODER_MODEL_ENCODER).toBe(ENCODER_VERSION);
  });
});
