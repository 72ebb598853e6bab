import { extractClaims } from "@/lib/domain/extraction/extract";

/** The median wall time of `fn` over `rounds` runs, in milliseconds. */
export function medianTime(fn: () => void, rounds: number): number {
  const runs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    fn();
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
}

export interface ExtractionSpeed {
  articles: number;
  megabytes: number;
  /** Median of 3 runs after one warm-up, extracting claims from every text. */
  extractMs: number;
  /** Median of 3 runs, only splitting every text into sentences with Intl.Segmenter. */
  segmentMs: number;
  claims: number;
}

/**
 * Extraction speed on one core against the time to merely split the same text into
 * sentences (the ratio of the two compares across machines). Used by `npm run bench` and
 * scripts/bench-extraction.ts.
 */
export function measureExtraction(texts: string[]): ExtractionSpeed {
  const megabytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0) / 1e6;
  const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  let claims = 0;
  let sentences = 0;
  const extractAll = () => {
    claims = 0;
    for (const t of texts) claims += extractClaims(t).claims.length;
  };
  medianTime(extractAll, 1); // warm-up
  const extractMs = medianTime(extractAll, 3);
  const segmentMs = medianTime(() => {
    for (const t of texts) sentences += [...segmenter.segment(t)].length;
  }, 3);
  if (sentences < 0) console.log(sentences); // keeps the segmentation from being optimised away
  return { articles: texts.length, megabytes, extractMs, segmentMs, claims };
}
