/**
 * Extraction speed on one core: MB of article text per second, against the time to merely
 * split the same text into sentences with Intl.Segmenter (the ratio compares across
 * machines), plus the latency of the sample article after warm-up.
 *
 *   npx tsx scripts/bench-extraction.ts [folder of .txt articles]
 *   (default: ../shared/data/polnear/train/text, else the seeds/ articles repeated)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractClaims } from "@/lib/domain/extraction/extract";

const ROOT = path.resolve(import.meta.dirname, "..");
const folder = process.argv[2] ?? path.join(ROOT, "../shared/data/polnear/train/text");
const sample = readFileSync(
  path.join(ROOT, "seeds/syria-chemical-weapons-investigation.txt"),
  "utf8",
);
const texts = existsSync(folder)
  ? readdirSync(folder)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => readFileSync(path.join(folder, f), "utf8"))
  : Array.from({ length: 300 }, () => sample);
const megabytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0) / 1e6;

function time(fn: () => void, rounds: number): number {
  const runs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    fn();
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
let sink = 0;
time(() => texts.forEach((t) => (sink += extractClaims(t).claims.length)), 1); // warm-up
const extractMs = time(() => texts.forEach((t) => (sink += extractClaims(t).claims.length)), 3);
const segmentMs = time(() => texts.forEach((t) => (sink += [...segmenter.segment(t)].length)), 3);
for (let i = 0; i < 50; i++) extractClaims(sample);
const sampleMs = time(() => extractClaims(sample), 200);

console.log(`texts: ${texts.length} articles, ${megabytes.toFixed(2)} MB`);
console.log(
  `extraction: ${(megabytes / (extractMs / 1000)).toFixed(2)} MB/s (median of 3 runs, ${extractMs.toFixed(0)} ms)`,
);
console.log(`Intl.Segmenter sentences only: ${(megabytes / (segmentMs / 1000)).toFixed(2)} MB/s`);
console.log(`ratio extraction/segmentation time: ${(extractMs / segmentMs).toFixed(2)}x`);
console.log(`sample article: ${sampleMs.toFixed(2)} ms median after warm-up`);
if (sink < 0) console.log(sink);
