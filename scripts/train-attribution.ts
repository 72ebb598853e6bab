/**
 * `npm run train:attribution [-- --data ../shared/data/polnear --epochs N --features N]`
 *
 * Trains the attribution tagger and its linkers on PolNeAR train (seeded, repeatable: the
 * same data give the same model), chooses the number of epochs on dev, and writes
 * lib/domain/extraction/tagger/attribution-model.json. Prints dev figures with the
 * reference scorer's measures for each epoch tried.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sequenceFeatures, type SequenceFeatures } from "@/lib/domain/extraction/tagger/features";
import {
  L,
  LABELS,
  bestLabels,
  KeyIndex,
  storeModel,
  viterbi,
  type AttributionModel,
  type RankerWeights,
} from "@/lib/domain/extraction/tagger/model";
import {
  articleSequences,
  chunksOf,
  cueLinkFeatures,
  ChunkList,
  joinFeatures,
  linkContents,
  sourceCandidates,
  sourceLinkFeatures,
  tagAttributions,
  taggedChunks,
  type Chunk,
  type Sequence,
} from "@/lib/domain/extraction/tagger/tag";
import type { Span } from "@/lib/domain/extraction/text";
import { readPolnear, type Article } from "./attribution/polnear";
import { formatScore, scoreAttribution, type AttributionScore } from "./attribution/score";
import { runMain } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");
export const MODEL_FILE = path.join(ROOT, "lib/domain/extraction/tagger/attribution-model.json");

/** A seeded generator (mulberry32), for a repeatable order of training examples. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// --- gold labels ------------------------------------------------------------------------

interface Example {
  sequence: Sequence;
  features: SequenceFeatures;
  labels: number[];
  /** Gold chunks with the attribution each belongs to. */
  chunks: Array<Chunk & { attribution: number }>;
}

const inside = (t: Span, s: Span) => {
  const middle = (t.start + t.end) / 2;
  return middle >= s.start && middle <= s.end;
};

/** Each token's role (content, source, cue; cue over source over content) and attribution. */
function goldExamples(article: Article): Example[] {
  return articleSequences(article.text).map((sequence) => {
    const { tokens } = sequence;
    const role: Array<"C" | "S" | "Q" | null> = tokens.map(() => null);
    const owner: number[] = tokens.map(() => -1);
    const mark = (span: Span | null, r: "C" | "S" | "Q", k: number) => {
      if (!span) return;
      tokens.forEach((t, i) => {
        if (inside(t, span)) {
          role[i] = r;
          owner[i] = k;
        }
      });
    };
    article.gold.forEach((g, k) => g.fragments.forEach((f) => mark(f, "C", k)));
    article.gold.forEach((g, k) => mark(g.source, "S", k));
    article.gold.forEach((g, k) => mark(g.cue, "Q", k));
    const labels = tokens.map((_, i) => {
      const r = role[i];
      if (!r) return 0;
      const begins = i === 0 || role[i - 1] !== r || owner[i - 1] !== owner[i];
      return LABELS.indexOf(`${begins ? "B" : "I"}-${r}` as (typeof LABELS)[number]);
    });
    const chunks = chunksOf(labels).map((c) => ({ ...c, attribution: owner[c.first]! }));
    return { sequence, features: sequenceFeatures(tokens), labels, chunks };
  });
}

// --- the tagger: averaged structured perceptron ------------------------------------------

class AveragedTagger {
  private readonly w = new Map<number, Float64Array>();
  private readonly u = new Map<number, Float64Array>();
  private readonly trans = new Float64Array(L * L);
  private readonly transU = new Float64Array(L * L);
  private readonly start = new Float64Array(L);
  private readonly startU = new Float64Array(L);
  private c = 1;

  /** The best labels under the current (not averaged) weights. */
  decode({ width, keys }: SequenceFeatures): number[] {
    return bestLabels(
      keys.length / width,
      (i, out) => {
        for (let f = i * width; f < (i + 1) * width; f++) {
          const w = this.w.get(keys[f]!);
          if (w) for (let y = 0; y < L; y++) out[y]! += w[y]!;
        }
      },
      this.trans,
      this.start,
    );
  }

  private bump(key: number, y: number, delta: number) {
    let w = this.w.get(key);
    let u = this.u.get(key);
    if (!w || !u) {
      w = new Float64Array(L);
      u = new Float64Array(L);
      this.w.set(key, w);
      this.u.set(key, u);
    }
    w[y]! += delta;
    u[y]! += this.c * delta;
  }

  train(example: Example) {
    const predicted = this.decode(example.features);
    const gold = example.labels;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i]!;
      const p = predicted[i]!;
      const gPrev = i > 0 ? gold[i - 1]! : -1;
      const pPrev = i > 0 ? predicted[i - 1]! : -1;
      if (g !== p) {
        const { width, keys } = example.features;
        for (let f = i * width; f < (i + 1) * width; f++) {
          this.bump(keys[f]!, g, 1);
          this.bump(keys[f]!, p, -1);
        }
      }
      if (g !== p || gPrev !== pPrev) {
        if (i === 0) {
          this.start[g]! += 1;
          this.startU[g]! += this.c;
          this.start[p]! -= 1;
          this.startU[p]! -= this.c;
        } else {
          this.trans[gPrev * L + g]! += 1;
          this.transU[gPrev * L + g]! += this.c;
          this.trans[pPrev * L + p]! -= 1;
          this.transU[pPrev * L + p]! -= this.c;
        }
      }
    }
    this.c++;
  }

  /** The averaged weights, keeping the `keep` features of largest total weight. */
  averaged(keep: number): AttributionModel["tagger"] {
    const rows: Array<[number, Float32Array, number]> = [];
    for (const [key, w] of this.w) {
      const u = this.u.get(key)!;
      const avg = new Float32Array(L);
      let norm = 0;
      for (let y = 0; y < L; y++) {
        avg[y] = w[y]! - u[y]! / this.c;
        norm += Math.abs(avg[y]!);
      }
      if (norm > 1e-6) rows.push([key, avg, norm]);
    }
    rows.sort((a, b) => b[2] - a[2] || a[0] - b[0]);
    const kept = rows.slice(0, keep);
    const keys = Uint32Array.from(kept.map(([key]) => key));
    const index = new KeyIndex(
      kept.map(([key], row) => [key, row]),
      kept.length,
    );
    const emissions = new Float32Array(kept.length * L);
    kept.forEach(([, avg], row) => emissions.set(avg, row * L));
    const avg = (w: Float64Array, u: Float64Array) =>
      Float32Array.from(w, (x, i) => x - u[i]! / this.c);
    return {
      index,
      keys,
      emissions,
      transitions: avg(this.trans, this.transU),
      start: avg(this.start, this.startU),
    };
  }
}

// --- the linkers: averaged ranking perceptrons -------------------------------------------

class AveragedRanker {
  private readonly w = new Map<number, number>();
  private readonly u = new Map<number, number>();
  private c = 1;

  private score(f: Uint32Array) {
    let s = 0;
    for (const key of f) s += this.w.get(key) ?? 0;
    return s;
  }

  private bump(f: Uint32Array, delta: number) {
    for (const key of f) {
      this.w.set(key, (this.w.get(key) ?? 0) + delta);
      this.u.set(key, (this.u.get(key) ?? 0) + this.c * delta);
    }
  }

  /** One ranking: candidates' features and the index of the right one. */
  train(candidates: Uint32Array[], gold: number) {
    let best = 0;
    let bestScore = -Infinity;
    candidates.forEach((f, i) => {
      const s = this.score(f);
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    });
    if (best !== gold) {
      this.bump(candidates[gold]!, 1);
      this.bump(candidates[best]!, -1);
    }
    this.c++;
  }

  /** One yes/no example: the score's sign should be the label's. */
  trainBinary(features: Uint32Array, yes: boolean) {
    if (this.score(features) > 0 !== yes) this.bump(features, yes ? 1 : -1);
    this.c++;
  }

  averaged(): RankerWeights {
    const out: RankerWeights = new Map();
    for (const [key, w] of this.w) {
      const avg = w - this.u.get(key)! / this.c;
      if (Math.abs(avg) > 1e-6) out.set(key, avg);
    }
    return out;
  }
}

const overlapping = (a: Chunk, b: Chunk) => a.first < b.last && b.first < a.last;

/**
 * The linkers learn from the tagger's own chunks (what they will see), each predicted chunk
 * standing for the gold attribution it overlaps most.
 */
function trainLinkers(
  examples: Example[],
  tagger: AttributionModel["tagger"],
  epochs: number,
  random: () => number,
) {
  const cues = new AveragedRanker();
  const sources = new AveragedRanker();
  const tagged = examples.map((example) => ({
    example,
    chunks: new ChunkList(taggedChunks(example.sequence.tokens, viterbi(tagger, example.features))),
  }));
  const owner = (gold: Example["chunks"], chunk: Chunk, role: Chunk["role"]) => {
    let best: (typeof gold)[number] | null = null;
    let most = 0;
    for (const g of gold) {
      if (g.role !== role) continue;
      const shared = Math.min(g.last, chunk.last) - Math.max(g.first, chunk.first);
      if (shared > most) {
        most = shared;
        best = g;
      }
    }
    return best?.attribution ?? null;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const { example, chunks } of shuffle(tagged, random)) {
      const tokens = example.sequence.tokens;
      const goldOf = (k: number, role: Chunk["role"]) =>
        example.chunks.filter((g) => g.attribution === k && g.role === role);
      for (const content of chunks.of("C")) {
        const k = owner(example.chunks, content, "C");
        if (k === null) continue;
        const candidates = chunks.nearest(content, "Q");
        const gold = candidates.findIndex((c) => goldOf(k, "Q").some((g) => overlapping(g, c)));
        if (gold < 0) continue;
        cues.train(
          candidates.map((cue) => cueLinkFeatures(tokens, chunks, content, cue)),
          gold,
        );
      }
      for (const cue of chunks.of("Q")) {
        const k = owner(example.chunks, cue, "Q");
        if (k === null) continue;
        const candidates = sourceCandidates(tokens, chunks, cue);
        const gold = candidates.findIndex((c) => goldOf(k, "S").some((g) => overlapping(g, c)));
        if (gold < 0) continue;
        sources.train(
          candidates.map((source) => sourceLinkFeatures(tokens, chunks, cue, source)),
          gold,
        );
      }
    }
  }
  const cueLinker = cues.averaged();
  // The joiner learns from the cue linker's groups: two consecutive contents of one cue are
  // one when they belong to the same gold attribution.
  const joiner = new AveragedRanker();
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const { example, chunks } of shuffle(tagged, random)) {
      const tokens = example.sequence.tokens;
      for (const [cue, contents] of linkContents(tokens, chunks, cueLinker)) {
        for (let i = 1; i < contents.length; i++) {
          const a = owner(example.chunks, contents[i - 1]!, "C");
          const b = owner(example.chunks, contents[i]!, "C");
          if (a === null || b === null) continue;
          joiner.trainBinary(
            joinFeatures(tokens, chunks, cue, contents[i - 1]!, contents[i]!),
            a === b,
          );
        }
      }
    }
  }
  return { cueLinker, sourceLinker: sources.averaged(), joiner: joiner.averaged() };
}

// --- the run --------------------------------------------------------------------------------

export function evaluate(articles: Article[], model: AttributionModel): AttributionScore {
  return scoreAttribution(
    articles.map(({ text, gold }) => ({ text, gold, predicted: tagAttributions(text, model) })),
  );
}

export interface TrainOptions {
  epochs: number;
  features: number;
  seed: number;
  log?: (line: string) => void;
}

/** Trains on `train`, choosing the epoch count on `dev` when given. */
export function trainAttributionModel(
  train: Article[],
  dev: Article[] | null,
  options: TrainOptions,
): { model: AttributionModel; epochs: number; dev: AttributionScore | null } {
  const log = options.log ?? (() => {});
  const random = prng(options.seed);
  const examples = train.flatMap(goldExamples);
  log(`${train.length} articles, ${examples.length} sequences`);
  const tagger = new AveragedTagger();
  let best: { model: AttributionModel; epochs: number; dev: AttributionScore | null } | null = null;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const example of shuffle(examples, random)) tagger.train(example);
    if (dev && epoch < options.epochs && epoch % 2 === 1) continue; // dev every other epoch
    const weights = tagger.averaged(options.features);
    const model: AttributionModel = {
      version: "",
      tagger: weights,
      ...trainLinkers(examples, weights, 4, random),
    };
    const score = dev ? evaluate(dev, model) : null;
    if (score) log(`epoch ${epoch}: ${formatScore("dev", score)}`);
    const better = !best || !score || !best.dev || score.strict.f1 >= best.dev.strict.f1 - 0.0005;
    if (better) best = { model, epochs: epoch, dev: score };
  }
  return best!;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: "string", default: path.join(ROOT, "../shared/data/polnear") },
      epochs: { type: "string", default: "8" },
      features: { type: "string", default: "50000" },
      seed: { type: "string", default: "20261202" },
    },
    strict: true,
  });
  const train = readPolnear(path.join(values.data, "train"));
  const dev = readPolnear(path.join(values.data, "dev"));
  const result = trainAttributionModel(train, dev, {
    epochs: Number(values.epochs),
    features: Number(values.features),
    seed: Number(values.seed),
    log: (line) => console.log(`train: ${line}`),
  });
  result.model.version = `tagger-${new Date().toISOString().slice(0, 10)}-e${result.epochs}`;
  writeFileSync(MODEL_FILE, JSON.stringify(storeModel(result.model)) + "\n");
  console.log(`train: chose ${result.epochs} epochs; wrote ${path.relative(ROOT, MODEL_FILE)}`);
  if (result.dev) console.log(`train: ${formatScore("dev", result.dev)}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`)
  runMain("train:attribution", () => main(process.argv.slice(2)));
