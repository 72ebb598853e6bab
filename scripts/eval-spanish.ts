/**
 * Scores the Spanish extractor on ClaimDesk's annotated Spanish paragraphs:
 *
 *   npm run eval:es [-- <file>]      (default tests/fixtures/spanish-news.json)
 *
 * Prints precision, recall and F1 of the statements (strict: the same passage; lenient:
 * half of it shared) and the share of found statements with the right speaker, for the
 * dev paragraphs (the rules were written against them) and the held-out ones, then every
 * miss and every claim that is none of the annotated ones.
 */
import { readFileSync } from "node:fs";
import { extractSpanish } from "@/lib/domain/extraction/spanish";
import { scoreAnnotated, type AnnotatedArticle } from "./attribution/annotated";
import { parseCommandLine, runMain } from "./run-main";

const fmt = (m: { precision: number; recall: number; f1: number }) =>
  `P=${m.precision.toFixed(3)} R=${m.recall.toFixed(3)} F1=${m.f1.toFixed(3)}`;

runMain("eval:es", async () => {
  const { positionals } = parseCommandLine(process.argv.slice(2), {}, { positionals: true });
  const file = positionals[0] ?? "tests/fixtures/spanish-news.json";
  const { articles } = JSON.parse(readFileSync(file, "utf8")) as { articles: AnnotatedArticle[] };
  for (const set of [...new Set(articles.map((a) => a.set))]) {
    const score = scoreAnnotated(
      articles.filter((a) => a.set === set),
      extractSpanish,
    );
    console.log(
      `${set}: ${score.articles} paragraphs, ${score.gold} statements, ${score.predicted} proposed`,
    );
    console.log(`  strict  ${fmt(score.strict)}`);
    console.log(`  lenient ${fmt(score.lenient)}`);
    console.log(`  speaker accuracy ${score.speakerAccuracy.toFixed(3)}`);
    for (const miss of score.misses) console.log(`  missed: ${miss}`);
    for (const extra of score.spurious) console.log(`  not annotated: ${extra}`);
  }
  return 0;
});
