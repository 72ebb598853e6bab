/**
 * Trains the check-worthiness model: L2-regularised logistic regression over word and
 * word-pair features (lib/domain/extraction/checkworthiness-features.ts), on the
 * CheckThat! 2024 English training set. The regularisation strength and the decision
 * threshold are chosen on dev-test (dev is drawn from the training pool and overstates
 * every score); figures for dev and dev-test are printed.
 *
 *   npx tsx scripts/train-checkworthiness.ts [data folder]   (default ../shared/data/checkworthiness)
 *
 * Writes lib/domain/extraction/checkworthiness-model.json (only features with a weight
 * that matters, so the file stays small).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  scoreWith,
  sentenceFeatures,
  type CheckworthinessModel,
} from "@/lib/domain/extraction/checkworthiness-features";

const ROOT = path.resolve(import.meta.dirname, "..");
const PRUNE_BELOW = Number(process.env.PRUNE_BELOW ?? 0.05);
const dataDir = path.resolve(process.argv[2] ?? path.join(ROOT, "../shared/data/checkworthiness"));

interface Example {
  features: number[];
  label: number;
}

function readTsv(file: string): Array<{ text: string; label: number }> {
  return readFileSync(path.join(dataDir, file), "utf8")
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const cols = line.split("\t");
      return { text: cols[1] ?? "", label: cols[2]?.trim() === "Yes" ? 1 : 0 };
    });
}

const train = readTsv("CT24_checkworthy_english_train.tsv");
const dev = readTsv("CT24_checkworthy_english_dev.tsv");
const devTest = readTsv("CT24_checkworthy_english_dev-test.tsv");

// Vocabulary: features seen at least three times in training.
const counts = new Map<string, number>();
for (const row of train)
  for (const f of sentenceFeatures(row.text)) counts.set(f, (counts.get(f) ?? 0) + 1);
const vocab = [...counts].filter(([, c]) => c >= 3).map(([f]) => f);
const index = new Map(vocab.map((f, i) => [f, i]));
const encode = (text: string) =>
  sentenceFeatures(text).flatMap((f) => (index.has(f) ? [index.get(f)!] : []));
const trainSet: Example[] = train.map((r) => ({ features: encode(r.text), label: r.label }));

/** Deterministic shuffling, so training is repeatable. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function trainModel(l2: number, epochs = 12): { w: Float64Array; b: number } {
  const w = new Float64Array(vocab.length);
  let b = 0;
  const random = mulberry32(42);
  const order = trainSet.map((_, i) => i);
  // Adagrad keeps rare informative words from being drowned by frequent ones.
  const g2 = new Float64Array(vocab.length).fill(1e-8);
  let gb2 = 1e-8;
  const lr = 0.2;
  const positives = trainSet.filter((e) => e.label === 1).length;
  const posWeight = (trainSet.length - positives) / positives; // balance the classes
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const ex = trainSet[i]!;
      let z = b;
      for (const f of ex.features) z += w[f]!;
      const p = 1 / (1 + Math.exp(-z));
      const weight = ex.label === 1 ? posWeight : 1;
      const g = (p - ex.label) * weight;
      for (const f of ex.features) {
        const grad = g + l2 * w[f]!;
        g2[f]! += grad * grad;
        w[f]! -= (lr * grad) / Math.sqrt(g2[f]!);
      }
      gb2 += g * g;
      b -= (lr * g) / Math.sqrt(gb2);
    }
  }
  return { w, b };
}

function scores(model: { w: Float64Array; b: number }, rows: Array<{ text: string }>) {
  return rows.map((r) => {
    let z = model.b;
    for (const f of encode(r.text)) z += model.w[f]!;
    return 1 / (1 + Math.exp(-z));
  });
}

function f1(predicted: number[], rows: Array<{ label: number }>, threshold: number) {
  let tp = 0,
    fp = 0,
    fn = 0;
  predicted.forEach((p, i) => {
    const yes = p >= threshold;
    if (yes && rows[i]!.label === 1) tp++;
    else if (yes) fp++;
    else if (rows[i]!.label === 1) fn++;
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return { f1: (2 * precision * recall) / Math.max(1e-9, precision + recall), precision, recall };
}

let best: {
  l2: number;
  threshold: number;
  f1: number;
  model: { w: Float64Array; b: number };
} | null = null;
for (const l2 of [0, 1e-3, 1e-2, 3e-2, 1e-1]) {
  const model = trainModel(l2);
  const devTestScores = scores(model, devTest);
  for (let t = 0.3; t <= 0.81; t += 0.05) {
    const result = f1(devTestScores, devTest, t);
    if (!best || result.f1 > best.f1)
      best = { l2, threshold: Math.round(t * 100) / 100, f1: result.f1, model };
  }
  const at05 = f1(devTestScores, devTest, 0.5);
  console.error(`l2=${l2}: dev-test F1 at 0.5 = ${at05.f1.toFixed(3)}`);
}
const chosen = best!;
// Ship only the weights that matter; the figures below are those of the shipped model.
const weights: Record<string, number> = {};
vocab.forEach((f, i) => {
  const value = chosen.model.w[i]!;
  if (Math.abs(value) >= PRUNE_BELOW) weights[f] = Math.round(value * 1000) / 1000;
});
const model: CheckworthinessModel = {
  bias: Math.round(chosen.model.b * 1000) / 1000,
  threshold: chosen.threshold,
  weights,
};
const shipped = (rows: Array<{ text: string }>) => rows.map((r) => scoreWith(model, r.text));
const devResult = f1(shipped(dev), dev, chosen.threshold);
const devTestResult = f1(shipped(devTest), devTest, chosen.threshold);
const allYes = f1(
  devTest.map(() => 1),
  devTest,
  0.5,
);
console.error(
  `chosen l2=${chosen.l2}, threshold=${chosen.threshold}, ${Object.keys(weights).length} weights`,
);
console.error(
  `dev:      F1(Yes)=${devResult.f1.toFixed(3)} P=${devResult.precision.toFixed(3)} R=${devResult.recall.toFixed(3)}`,
);
console.error(
  `dev-test: F1(Yes)=${devTestResult.f1.toFixed(3)} P=${devTestResult.precision.toFixed(3)} R=${devTestResult.recall.toFixed(3)} (all-Yes baseline ${allYes.f1.toFixed(3)})`,
);
const out = path.join(ROOT, "lib/domain/extraction/checkworthiness-model.json");
writeFileSync(out, JSON.stringify(model) + "\n");
console.error(`wrote ${path.relative(ROOT, out)}`);
