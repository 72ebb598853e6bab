/**
 * Extraction speed on one core: MB of article text per second, against the time to merely
 * split the same text into sentences with Intl.Segmenter (the ratio compares across
 * machines), plus the latency of the sample article after warm-up; then the cost of
 * judging the claims found by the encoder model (the sentence encoder, on this thread),
 * in claims a second and in MB of text a second with extraction and judging together.
 *
 *   npx tsx scripts/bench-extraction.ts [folder of .txt articles]
 *   (default: ../shared/data/polnear/train/text, else the seeds/ articles repeated)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractClaims } from "@/lib/domain/extraction/extract";
import { measureExtraction, medianTime } from "./bench/extraction";

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
const { megabytes, extractMs, segmentMs } = measureExtraction(texts);
for (let i = 0; i < 50; i++) extractClaims(sample);
const sampleMs = medianTime(() => extractClaims(sample), 200);

console.log(`texts: ${texts.length} articles, ${megabytes.toFixed(2)} MB`);
console.log(
  `extraction: ${(megabytes / (extractMs / 1000)).toFixed(2)} MB/s (median of 3 runs, ${extractMs.toFixed(0)} ms)`,
);
console.log(`Intl.Segmenter sentences only: ${(megabytes / (segmentMs / 1000)).toFixed(2)} MB/s`);
console.log(`ratio extraction/segmentation time: ${(extractMs / segmentMs).toFixed(2)}x`);
console.log(`sample article: ${sampleMs.toFixed(2)} ms median after warm-up`);

// Judging: the encoder check-worthiness model over the claims' contents (what a worker does
// before it stores them), timed on a sample of them after the encoder has loaded.
const { embed } = await import("@/lib/encoder/sentence-encoder");
const { encoderCheckworthinessOf } =
  await import("@/lib/domain/extraction/encoder-checkworthiness");
const { contentOf } = await import("@/lib/jobs/judge");
const contents = texts.flatMap((t) => extractClaims(t).claims.map(contentOf));
const sampleClaims = contents.slice(0, 512);
await embed(["warm-up"]);
const judgeStarted = performance.now();
encoderCheckworthinessOf(sampleClaims, await embed(sampleClaims));
const perClaimMs = (performance.now() - judgeStarted) / sampleClaims.length;
const judgeAllMs = perClaimMs * contents.length;
console.log(
  `judging: ${(1000 / perClaimMs).toFixed(1)} claims/s (${sampleClaims.length} of the ${contents.length} claims found, ${(contents.length / megabytes).toFixed(0)} a MB)`,
);
console.log(
  `extraction and judging together: ${(megabytes / ((extractMs + judgeAllMs) / 1000)).toFixed(3)} MB/s`,
);
process.exit(0);
