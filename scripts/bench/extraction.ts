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

export interface LinearityRow {
  text: string;
  ms25k: number;
  ms100k: number;
  ms1mb: number;
  /** Time for 100 KB over time for 25 KB: 4 is linear, 16 quadratic (target ≤ 5). */
  growth: number;
  /** Time per MB over the news text's (target ≤ 5). */
  perMbVsNews: number;
}

/**
 * Extraction time of news prose and of each hostile text at 25 KB, 100 KB and 1 MB (the
 * fastest of three runs after a warm-up): how it grows with the text.
 */
export function measureLinearity(texts: Record<string, (chars: number) => string>): LinearityRow[] {
  const fastest = (text: string) => {
    extractClaims(text);
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      extractClaims(text);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  const round = (n: number) => Math.round(n * 10) / 10;
  const rows = Object.entries(texts).map(([text, make]) => {
    const [ms25k, ms100k, ms1mb] = [25_000, 100_000, 1_000_000].map((n) => fastest(make(n)));
    return { text, ms25k: ms25k!, ms100k: ms100k!, ms1mb: ms1mb! };
  });
  const news = rows[0]!.ms1mb;
  return rows.map((row) => ({
    text: row.text,
    ms25k: round(row.ms25k),
    ms100k: round(row.ms100k),
    ms1mb: round(row.ms1mb),
    growth: round(row.ms100k / row.ms25k),
    perMbVsNews: round(row.ms1mb / news),
  }));
}
