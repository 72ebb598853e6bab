/**
 * How long the fact-check matcher takes a query once the query is encoded, as the library
 * grows:
 *
 *   npm run bench:matching [-- --records 250000] [--queries 200]
 *
 * First the CheckThat! corpus (../shared/data/claim-matching: 14,231 fact-checks, their
 * embeddings from the cache `eval:matching` fills, the devtest tweets as queries), then a
 * synthetic library of `--records` (each a real fact-check's text with a number appended,
 * so the words repeat as in a real library; random unit vectors) with the same queries.
 * Prints p50 and p95 per query of the lexical stage alone and of both stages fused.
 */
import path from "node:path";
import { FactCheckMatcher } from "@/lib/domain/fact-checks/matcher";
import type { FactCheckRecord } from "@/lib/domain/fact-checks/records";
import { DIMENSIONS } from "@/lib/encoder/sentence-encoder";
import { buildMatcher, encodeQueries } from "./fact-checks/build";
import { readCorpus, readQueries } from "./fact-checks/files";
import { parseCommandLine, runMain, UsageError } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA = path.join(ROOT, "../shared/data/claim-matching");

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function time(label: string, queries: number, run: (i: number) => void) {
  const ms: number[] = [];
  for (let i = 0; i < queries; i++) {
    const started = performance.now();
    run(i);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(22)} p50 ${percentile(ms, 50).toFixed(1)} ms  p95 ${percentile(ms, 95).toFixed(1)} ms`,
  );
}

/** Random unit vectors, `n` of them, from a fixed seed (the same library every run). */
function randomVectors(n: number): Float32Array {
  const out = new Float32Array(n * DIMENSIONS);
  let seed = 42;
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    out[i] = seed / 2 ** 32 - 0.5;
  }
  for (let r = 0; r < n; r++) {
    const v = out.subarray(r * DIMENSIONS, (r + 1) * DIMENSIONS);
    const norm = Math.hypot(...v);
    for (let i = 0; i < DIMENSIONS; i++) v[i]! /= norm;
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, {
    records: { type: "string", default: "250000" },
    queries: { type: "string", default: "200" },
  });
  const size = Number(values.records);
  const count = Number(values.queries);
  if (!Number.isInteger(size) || size < 1 || size > 2_000_000) {
    throw new UsageError("--records must be a whole number up to 2,000,000");
  }
  if (!Number.isInteger(count) || count < 1) throw new UsageError("--queries must be positive");
  const corpus = readCorpus(path.join(DATA, "factchecks.jsonl")).records;
  const queries = readQueries(path.join(DATA, "devtest-queries.tsv")).slice(0, count);
  const { cleaned, vectorOf } = await encodeQueries(queries.map((q) => q.text));
  const n = queries.length;

  const real = await buildMatcher(corpus);
  console.log(`${corpus.length} fact-checks (CheckThat!), ${n} queries`);
  time("lexical", n, (i) => real.match(cleaned[i]!, null, 5));
  time("lexical and semantic", n, (i) => real.match(cleaned[i]!, vectorOf(i), 5));

  const started = performance.now();
  const synthetic: FactCheckRecord[] = Array.from({ length: size }, (_, i) => {
    const base = corpus[i % corpus.length]!;
    return { ...base, id: `synthetic-${i}`, claim: `${base.claim} ${i}` };
  });
  const big = new FactCheckMatcher(synthetic, randomVectors(size), DIMENSIONS);
  const built = ((performance.now() - started) / 1000).toFixed(1);
  const mb = (size * DIMENSIONS) / 2 ** 20;
  console.log(
    `\n${size} synthetic fact-checks (built in ${built} s; embeddings kept in ${mb.toFixed(0)} MB as 8-bit integers)`,
  );
  time("lexical", n, (i) => big.match(cleaned[i]!, null, 5));
  time("lexical and semantic", n, (i) => big.match(cleaned[i]!, vectorOf(i), 5));
  return 0;
}

runMain("bench:matching", () => main(process.argv.slice(2)));
