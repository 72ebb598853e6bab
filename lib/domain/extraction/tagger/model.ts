/**
 * The attribution tagger's model: an averaged structured perceptron over BIO labels of
 * content, source and cue (Viterbi decoding, linear in the sequence), and two linear
 * rankers that link each content to its cue and each cue to its source. Trained by
 * `npm run train:attribution`; stored compactly (integer feature keys, weights quantised
 * to 16 bits, base64) in attribution-model.json.
 */

import type { SequenceFeatures } from "./features";
import { countStep } from "../work";

export const LABELS = ["O", "B-C", "I-C", "B-S", "I-S", "B-Q", "I-Q"] as const;
export type Label = (typeof LABELS)[number];
export const L = LABELS.length;

/**
 * Feature key → row, by open addressing over typed arrays: feature keys are 32-bit, past
 * the small integers a Map stores cheaply, and the tagger looks up some 40 keys a token.
 */
export class KeyIndex {
  /** Slot pairs: the key's bits, then its row (-1 for an empty slot), side by side. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(entries: Iterable<[number, number]>, size: number) {
    let capacity = 16;
    while (capacity < size * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    for (let s = 1; s < this.slots.length; s += 2) this.slots[s] = -1;
    this.mask = capacity - 1;
    for (const [key, row] of entries) {
      let slot = key & this.mask;
      while (this.slots[slot * 2 + 1] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = key | 0;
      this.slots[slot * 2 + 1] = row;
    }
  }

  /** The row of a key, or -1. Keys are hashes already: their low bits pick the slot. */
  get(key: number): number {
    const bits = key | 0;
    let slot = key & this.mask;
    for (;;) {
      const row = this.slots[slot * 2 + 1]!;
      if (row === -1 || this.slots[slot * 2] === bits) return row;
      slot = (slot + 1) & this.mask;
    }
  }
}

export interface TaggerWeights {
  /** Feature key → index into `emissions` (row of L weights). */
  index: KeyIndex;
  /** The feature keys, in row order. */
  keys: Uint32Array;
  emissions: Float32Array;
  transitions: Float32Array;
  start: Float32Array;
}

/** A linear ranker: feature key → weight. */
export type RankerWeights = Map<number, number>;

export interface AttributionModel {
  version: string;
  tagger: TaggerWeights;
  cueLinker: RankerWeights;
  sourceLinker: RankerWeights;
  /** Whether two contents of one cue are one (a quotation split by its attribution). */
  joiner: RankerWeights;
}

/** The best label sequence for the tokens' features. */
export function viterbi(model: TaggerWeights, features: SequenceFeatures): number[] {
  const { width, keys } = features;
  const { index, emissions } = model;
  const n = keys.length / width;
  // The emission scores of every token first, in one pass over the keys.
  const emission = new Float32Array(n * L);
  for (let i = 0; i < n; i++) {
    const out = i * L;
    for (let f = i * width; f < (i + 1) * width; f++) {
      const row = index.get(keys[f]!);
      if (row < 0) continue;
      const at = row * L;
      for (let y = 0; y < L; y++) emission[out + y]! += emissions[at + y]!;
    }
  }
  return bestLabels(
    n,
    (i, out) => {
      for (let y = 0; y < L; y++) out[y] = emission[i * L + y]!;
    },
    model.transitions,
    model.start,
  );
}

/**
 * Viterbi over L labels: `emit(i, out)` adds token i's emission scores into `out` (zeroed
 * before each call). Time n × L², memory n × L.
 */
export function bestLabels(
  n: number,
  emit: (i: number, out: Float32Array) => void,
  transitions: ArrayLike<number>,
  start: ArrayLike<number>,
): number[] {
  if (n === 0) return [];
  const score = new Float32Array(n * L);
  const back = new Int8Array(n * L);
  const emission = new Float32Array(L);
  for (let i = 0; i < n; i++) {
    countStep();
    emission.fill(0);
    emit(i, emission);
    for (let y = 0; y < L; y++) {
      if (i === 0) {
        score[y] = start[y]! + emission[y]!;
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const s = score[(i - 1) * L + p]! + transitions[p * L + y]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * L + y] = best + emission[y]!;
      back[i * L + y] = arg;
    }
  }
  const labels = new Array<number>(n);
  let best = -Infinity;
  for (let y = 0; y < L; y++) {
    if (score[(n - 1) * L + y]! > best) {
      best = score[(n - 1) * L + y]!;
      labels[n - 1] = y;
    }
  }
  for (let i = n - 1; i > 0; i--) labels[i - 1] = back[i * L + labels[i]!]!;
  return labels;
}

export function rank(weights: RankerWeights, features: Uint32Array): number {
  let s = 0;
  for (const key of features) s += weights.get(key) ?? 0;
  return s;
}

// --- storage ---------------------------------------------------------------------------

export interface StoredModel {
  version: string;
  tagger: {
    keys: string;
    weights: string;
    scale: number;
    transitions: number[];
    start: number[];
  };
  cueLinker: { keys: string; weights: number[] };
  sourceLinker: { keys: string; weights: number[] };
  joiner: { keys: string; weights: number[] };
}

const toBase64 = (array: ArrayBufferView) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");

function fromBase64<T>(text: string, make: (buffer: ArrayBuffer) => T): T {
  const bytes = Buffer.from(text, "base64");
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

export function storeModel(model: AttributionModel): StoredModel {
  const order = [...model.tagger.keys.keys()].sort(
    (a, b) => model.tagger.keys[a]! - model.tagger.keys[b]!,
  );
  const keys = order.map((row) => model.tagger.keys[row]!);
  let max = 0;
  for (const w of model.tagger.emissions) max = Math.max(max, Math.abs(w));
  const scale = max / 32767 || 1;
  const weights = new Int16Array(keys.length * L);
  order.forEach((row, k) => {
    for (let y = 0; y < L; y++)
      weights[k * L + y] = Math.round(model.tagger.emissions[row * L + y]! / scale);
  });
  const ranker = (r: RankerWeights) => {
    const rkeys = [...r.keys()].sort((a, b) => a - b);
    return {
      keys: toBase64(Uint32Array.from(rkeys)),
      weights: rkeys.map((k) => round4(r.get(k)!)),
    };
  };
  return {
    version: model.version,
    tagger: {
      keys: toBase64(Uint32Array.from(keys)),
      weights: toBase64(weights),
      scale,
      transitions: [...model.tagger.transitions].map(round4),
      start: [...model.tagger.start].map(round4),
    },
    cueLinker: ranker(model.cueLinker),
    sourceLinker: ranker(model.sourceLinker),
    joiner: ranker(model.joiner),
  };
}

export function loadModel(stored: StoredModel): AttributionModel {
  const keys = fromBase64(stored.tagger.keys, (b) => new Uint32Array(b));
  const quantised = fromBase64(stored.tagger.weights, (b) => new Int16Array(b));
  const emissions = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) emissions[i] = quantised[i]! * stored.tagger.scale;
  const index = new KeyIndex(
    [...keys].map((key, row) => [key, row]),
    keys.length,
  );
  const ranker = (r: { keys: string; weights: number[] }): RankerWeights => {
    const rkeys = fromBase64(r.keys, (b) => new Uint32Array(b));
    return new Map([...rkeys].map((k, i) => [k, r.weights[i]!]));
  };
  return {
    version: stored.version,
    tagger: {
      index,
      keys,
      emissions,
      transitions: Float32Array.from(stored.tagger.transitions),
      start: Float32Array.from(stored.tagger.start),
    },
    cueLinker: ranker(stored.cueLinker),
    sourceLinker: ranker(stored.sourceLinker),
    joiner: ranker(stored.joiner),
  };
}
