/**
 * Scores the fact-check matcher on CheckThat! 2022 claim matching (task 2A, English):
 *
 *   npm run eval:matching [-- <folder>]   (default ../shared/data/claim-matching)
 *
 * The folder holds factchecks.jsonl and, per split, <split>-queries.tsv and
 * <split>-qrels.tsv. For each split: MAP@1, MAP@5 and Recall@5 of the matcher at each
 * semantic weight from 0 (the lexical stage alone) to 1. The weight is chosen on
 * `train` and `dev` together (the best MAP@5 over their queries pooled; the app's
 * SEMANTIC_WEIGHT should be it), never on `devtest`, the split to report.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { SEMANTIC_WEIGHT } from "@/lib/domain/fact-checks/matcher";
import { rankingScores, type RankingScores } from "@/lib/domain/fact-checks/metrics";
import { readCorpus, readJudgements, readQueries } from "./fact-checks/files";
import { buildMatcher, encodeQueries } from "./fact-checks/build";
import { parseCommandLine, runMain } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");
const SPLITS = ["dev", "devtest", "train"] as const;
/** The splits the weight is chosen on. */
const TUNING: ReadonlySet<string> = new Set(["train", "dev"]);
const WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

const show = (s: RankingScores) =>
  `MAP@1 ${s.map1.toFixed(3)}  MAP@5 ${s.map5.toFixed(3)}  R@5 ${s.recall5.toFixed(3)}`;

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseCommandLine(argv, {}, { positionals: true });
  const dir = path.resolve(positionals[0] ?? path.join(ROOT, "../shared/data/claim-matching"));
  const corpus = readCorpus(path.join(dir, "factchecks.jsonl"));
  console.log(`fact-checks: ${corpus.records.length} (${dir})`);
  const matcher = await buildMatcher(corpus.records);
  // Per weight: the sum of MAP@5 over the tuning splits' queries, and how many.
  const pooled = new Map<number, { sum: number; queries: number }>();
  for (const split of SPLITS) {
    const queriesFile = path.join(dir, `${split}-queries.tsv`);
    if (!existsSync(queriesFile)) continue;
    const queries = readQueries(queriesFile);
    const judgements = readJudgements(path.join(dir, `${split}-qrels.tsv`));
    const { cleaned, vectorOf } = await encodeQueries(queries.map((q) => q.text));
    // Weight 0 is the lexical stage alone: its queries go without their vectors.
    const run = (weight: number) => {
      const started = performance.now();
      const runs = new Map(
        queries.map((q, i) => [
          q.id,
          matcher
            .match(cleaned[i]!, weight === 0 ? null : vectorOf(i), 5, weight)
            .map((m) => m.record.id),
        ]),
      );
      return {
        scores: rankingScores(runs, judgements),
        ms: (performance.now() - started) / queries.length,
      };
    };
    console.log(`\n${split}: ${queries.length} queries, ${judgements.size} judged`);
    for (const weight of WEIGHTS) {
      const fused = run(weight);
      const label =
        weight === 0 ? "lexical (BM25) alone   " : `fused, semantic ${weight.toFixed(1)}`;
      console.log(
        `  ${label}    ${show(fused.scores)}  ${fused.ms.toFixed(1)} ms a query` +
          (weight === SEMANTIC_WEIGHT ? "   <- the app's weight" : ""),
      );
      if (TUNING.has(split)) {
        const p = pooled.get(weight) ?? { sum: 0, queries: 0 };
        p.sum += fused.scores.map5 * fused.scores.queries;
        p.queries += fused.scores.queries;
        pooled.set(weight, p);
      }
    }
  }
  const [chosen] = [...pooled].sort(
    ([wa, a], [wb, b]) => b.sum / b.queries - a.sum / a.queries || wa - wb,
  );
  if (chosen) {
    const [weight, { sum, queries }] = chosen;
    console.log(
      `\nchosen on ${[...TUNING].join(" and ")} (${queries} queries): semantic weight ${weight.toFixed(1)}, MAP@5 ${(sum / queries).toFixed(3)}` +
        (weight === SEMANTIC_WEIGHT
          ? " (the app's)"
          : `; the app's is ${SEMANTIC_WEIGHT}: change SEMANTIC_WEIGHT`),
    );
  }
  return 0;
}

runMain("eval:matching", () => main(process.argv.slice(2)));
