import { Bm25Index, topK } from "./bm25";
import { Int8Vectors } from "./int8-vectors";
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
 * one pass over the postings, and one over the embeddings, kept as 8-bit integers and
 * multiplied 16 at a time by WebAssembly SIMD: see int8-vectors.ts), so a paraphrase
 * sharing no word is still found. The embeddings given are not kept.
 */
export class FactCheckMatcher {
  private readonly lexical: Bm25Index;
  private readonly vectors: Int8Vectors | null;

  constructor(
    readonly records: readonly FactCheckRecord[],
    vectors: Float32Array | null = null,
    dimensions = 512,
    private readonly weight = SEMANTIC_WEIGHT,
  ) {
    if (vectors && vectors.length !== records.length * dimensions) {
      throw new Error(
        `${vectors.length / dimensions} embeddings for ${records.length} fact-checks`,
      );
    }
    this.lexical = new Bm25Index(records.map(lexicalText));
    this.vectors = vectors ? new Int8Vectors(vectors, dimensions) : null;
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
    const norm = best > 0 ? 1 / best : 0;
    const semantic = this.vectors && queryVector ? this.vectors.cosines(queryVector) : null;
    const w = semantic ? weight : 0;
    // Lexical scores over the best, mixed with the cosines: one pass, one array.
    const fused = new Float32Array(bm25.length);
    for (let i = 0; i < fused.length; i++) {
      fused[i] = (1 - w) * bm25[i]! * norm + (semantic ? w * semantic[i]! : 0);
    }
    const lexicalTop = new Set(topK(bm25, k).map((r) => r.index));
    const semanticTop = semantic ? new Set(topK(semantic, k).map((r) => r.index)) : new Set();
    return topK(fused, k).map(({ index, score }) => ({
      index,
      record: this.records[index]!,
      score,
      lexical: bm25[index]! * norm,
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
