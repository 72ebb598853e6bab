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
 *
 * Then the threshold a match must reach to be shown, at the app's weight: for each query,
 * its best match when that is a right one (a match to show), and its best wrong match,
 * which is what it would be shown were the right fact-check not in the library (one to
 * hold back). The threshold with the best F1 over train and dev is chosen (the app's
 * MATCH_THRESHOLD should be it) and reported on devtest.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { MATCH_THRESHOLD, SEMANTIC_WEIGHT } from "@/lib/domain/fact-checks/matcher";
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
  // Per split: best-match scores of right matches (to show) and of wrong ones (to hold back).
  const cut = new Map<string, { right: number[]; wrong: number[] }>();
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
    const scored = { right: [] as number[], wrong: [] as number[] };
    queries.forEach((q, i) => {
      const relevant = judgements.get(q.id);
      const ranked = matcher.match(cleaned[i]!, vectorOf(i), 10);
      if (ranked[0] && relevant?.has(ranked[0].record.id)) scored.right.push(ranked[0].score);
      const wrong = ranked.find((m) => !relevant?.has(m.record.id));
      if (wrong) scored.wrong.push(wrong.score);
    });
    cut.set(split, scored);
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
  const tuning = [...cut].filter(([split]) => TUNING.has(split)).map(([, s]) => s);
  const right = tuning.flatMap((s) => s.right);
  const wrong = tuning.flatMap((s) => s.wrong);
  const thresholds = Array.from({ length: 61 }, (_, i) => 0.3 + i * 0.01);
  const [best] = thresholds
    .map((t) => ({ t, ...cutScores(t, right, wrong) }))
    .sort((a, b) => b.f1 - a.f1 || a.t - b.t);
  if (best) {
    console.log(
      `\nthreshold chosen on ${[...TUNING].join(" and ")}: ${best.t.toFixed(2)} (F1 ${best.f1.toFixed(3)}: ` +
        `${(best.precision * 100).toFixed(1)} % of the matches shown right, ${(best.recall * 100).toFixed(1)} % of the right ones shown)` +
        (Math.abs(best.t - MATCH_THRESHOLD) < 0.005
          ? " (the app's)"
          : `; the app's is ${MATCH_THRESHOLD}: change MATCH_THRESHOLD`),
    );
    const test = cut.get("devtest");
    if (test) {
      const s = cutScores(MATCH_THRESHOLD, test.right, test.wrong);
      console.log(
        `devtest at the app's threshold ${MATCH_THRESHOLD}: ${(s.precision * 100).toFixed(1)} % of the matches shown right, ` +
          `${(s.recall * 100).toFixed(1)} % of the right ones shown, ` +
          `${((test.wrong.filter((x) => x < MATCH_THRESHOLD).length / test.wrong.length) * 100).toFixed(1)} % of the wrong best matches held back`,
      );
    }
  }
  return 0;
}

/** Shown above `t`: how many are right (precision), of the right ones how many (recall), and F1. */
function cutScores(t: number, right: number[], wrong: number[]) {
  const tp = right.filter((x) => x >= t).length;
  const fp = wrong.filter((x) => x >= t).length;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = right.length > 0 ? tp / right.length : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

runMain("eval:matching", () => main(process.argv.slice(2)));
