import { matchWords } from "@/lib/domain/matching";

/**
 * A BM25 index over fact-checks (the lexical stage of "checked before, anywhere"): each
 * document's words as matching compares them (lib/domain/matching.ts: lower case, numbers
 * as digits, light stemming, stop words gone), postings per word, and Okapi BM25 scores.
 * Building is linear in the documents' words; a query costs its words' postings plus one
 * pass over the scores for the top k.
 */
export class Bm25Index {
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly lengths: Float32Array;
  private readonly averageLength: number;
  readonly size: number;

  constructor(
    documents: readonly string[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.size = documents.length;
    this.lengths = new Float32Array(documents.length);
    let total = 0;
    documents.forEach((text, doc) => {
      const counts = new Map<string, number>();
      const words = matchWords(text);
      for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
      for (const [word, tf] of counts) {
        let list = this.postings.get(word);
        if (!list) this.postings.set(word, (list = { docs: [], tfs: [] }));
        list.docs.push(doc);
        list.tfs.push(tf);
      }
      this.lengths[doc] = words.length;
      total += words.length;
    });
    this.averageLength = documents.length ? total / documents.length || 1 : 1;
  }

  /** Every document's score for the query (0 where it shares no word). */
  scores(query: string): Float32Array {
    const scores = new Float32Array(this.size);
    for (const word of new Set(matchWords(query))) {
      const list = this.postings.get(word);
      if (!list) continue;
      const idf = Math.log(1 + (this.size - list.docs.length + 0.5) / (list.docs.length + 0.5));
      for (let i = 0; i < list.docs.length; i++) {
        const doc = list.docs[i]!;
        const tf = list.tfs[i]!;
        const norm = this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / this.averageLength);
        scores[doc]! += (idf * tf * (this.k1 + 1)) / (tf + norm);
      }
    }
    return scores;
  }
}

/** The k best indices of `scores`, best first (ties by index); zero scores are left out. */
export function topK(
  scores: ArrayLike<number>,
  k: number,
): Array<{ index: number; score: number }> {
  const best: Array<{ index: number; score: number }> = [];
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (score <= 0) continue;
    if (best.length === k && score <= best[k - 1]!.score) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at--;
    best.splice(at, 0, { index: i, score });
    if (best.length > k) best.pop();
  }
  return best;
}
