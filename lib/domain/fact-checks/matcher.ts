import { Bm25Index, topK } from "./bm25";
import { lexicalText, type FactCheckRecord } from "./records";

/**
 * How much the semantic stage weighs against the lexical one in the fused score: the best
 * MAP@5 on CheckThat!'s `train` and `dev` queries pooled (`npm run eval:matching` prints
 * the grid it was chosen from), never on `devtest`.
 */
export const SEMANTIC_WEIGHT = 0.7;

/**
 * The fused score a match needs to be shown: the best F1 on CheckThat!'s `train` and `dev`
 * between right best matches and the best wrong ones (`npm run eval:matching`).
 */
export const MATCH_THRESHOLD = 0.69;

export interface FactCheckMatch {
  index: number;
  record: FactCheckRecord;
  /** The fused score, 0 to 1: (1 − w) × lexical + w × semantic. */
  score: number;
  /** BM25 over the query's best BM25 score (1 for the best lexical match), 0 to 1. */
  lexical: number;
  /** Cosine similarity of the sentence embeddings (0 when negative), or null without them. */
  semantic: number | null;
  /** Which stage alone would have ranked it in the top k: "both", or the one that did. */
  stage: "lexical" | "semantic" | "both" | "fused";
}

/**
 * Matches a text against fact-check records in two stages, fused: BM25 over each record's
 * claim, title and subtitle, and, when the records' sentence embeddings are given
 * (unit-length, `dimensions` numbers a record, in one array), cosine similarity of the
 * query's embedding to each record's claim. Both stages score every record (brute force:
 * one pass over the postings and one over the vectors), so a paraphrase sharing no word is
 * still found.
 */
export class FactCheckMatcher {
  private readonly lexical: Bm25Index;

  constructor(
    readonly records: readonly FactCheckRecord[],
    private readonly vectors: Float32Array | null = null,
    private readonly dimensions = 512,
    private readonly weight = SEMANTIC_WEIGHT,
  ) {
    if (vectors && vectors.length !== records.length * dimensions) {
      throw new Error(
        `${vectors.length / dimensions} embeddings for ${records.length} fact-checks`,
      );
    }
    this.lexical = new Bm25Index(records.map(lexicalText));
  }

  match(
    query: string,
    queryVector: Float32Array | null = null,
    k = 5,
    weight = this.weight,
  ): FactCheckMatch[] {
    const bm25 = this.lexical.scores(query);
    let best = 0;
    for (const s of bm25) if (s > best) best = s;
    const lexical = bm25.map((s) => (best > 0 ? s / best : 0));
    const semantic = this.vectors && queryVector ? this.cosines(queryVector) : null;
    const w = semantic ? weight : 0;
    const fused = semantic ? lexical.map((l, i) => (1 - w) * l + w * semantic[i]!) : lexical;
    const lexicalTop = new Set(topK(lexical, k).map((r) => r.index));
    const semanticTop = semantic ? new Set(topK(semantic, k).map((r) => r.index)) : new Set();
    return topK(fused, k).map(({ index, score }) => ({
      index,
      record: this.records[index]!,
      score,
      lexical: lexical[index]!,
      semantic: semantic ? semantic[index]! : null,
      stage:
        lexicalTop.has(index) && semanticTop.has(index)
          ? "both"
          : lexicalTop.has(index)
            ? "lexical"
            : semanticTop.has(index)
              ? "semantic"
              : "fused",
    }));
  }

  /** Each record's cosine with the (unit-length) query vector, negatives as 0. */
  private cosines(query: Float32Array): Float32Array {
    const d = this.dimensions;
    const vectors = this.vectors!;
    const out = new Float32Array(this.records.length);
    for (let r = 0, base = 0; r < out.length; r++, base += d) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += vectors[base + i]! * query[i]!;
      out[r] = dot > 0 ? dot : 0;
    }
    return out;
  }
}

/** `v` scaled to unit length (a zero vector stays zero). */
export function unit(v: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = norm > 0 ? v[i]! / norm : 0;
  return out;
}
