/**
 * Matches queries against a corpus of fact-checks with the matcher the app uses, and
 * prints TREC-style runs, no database needed:
 *
 *   npm run --silent match -- --corpus <jsonl, json or folder> --queries <tsv> [--top 5] [--lexical-only]
 *
 * One line per ranked result: query_id Q0 record_id rank score claimdesk (tab-separated;
 * the record's id is CheckThat!'s vclaim_id, else the fact-check page's address). Progress
 * and a summary go to stderr.
 */
import { readCorpus, readQueries } from "./fact-checks/files";
import { buildMatcher, encodeQueries } from "./fact-checks/build";
import { parseCommandLine, runMain, UsageError } from "./run-main";

const USAGE =
  "npm run --silent match -- --corpus <jsonl, json or folder> --queries <id<TAB>text file> [--top 5] [--lexical-only]";

const OPTIONS = {
  corpus: { type: "string" },
  queries: { type: "string" },
  top: { type: "string", default: "5" },
  "lexical-only": { type: "boolean", default: false },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, OPTIONS);
  const top = Number(values.top);
  if (!values.corpus || !values.queries)
    throw new UsageError("--corpus and --queries are required");
  if (!Number.isInteger(top) || top < 1 || top > 1000) {
    throw new UsageError("--top must be a whole number from 1 to 1000");
  }
  const lexicalOnly = values["lexical-only"];
  const corpus = readCorpus(values.corpus);
  for (const problem of corpus.problems) console.error(`skipped ${problem}`);
  if (corpus.records.length === 0) throw new Error(`${values.corpus} holds no fact-check`);
  const queries = readQueries(values.queries);
  const matcher = await buildMatcher(corpus.records, { lexicalOnly });
  const { cleaned, vectorOf } = await encodeQueries(
    queries.map((q) => q.text),
    { lexicalOnly },
  );
  const started = performance.now();
  const lines: string[] = [];
  queries.forEach((query, i) => {
    matcher.match(cleaned[i]!, vectorOf(i), top).forEach((m, rank) => {
      lines.push(`${query.id}\tQ0\t${m.record.id}\t${rank + 1}\t${m.score.toFixed(6)}\tclaimdesk`);
    });
  });
  process.stdout.write(lines.length ? lines.join("\n") + "\n" : "");
  const ms = (performance.now() - started) / Math.max(1, queries.length);
  console.error(
    `matched ${queries.length} queries against ${corpus.records.length} fact-checks` +
      `${corpus.skipped ? ` (${corpus.skipped} skipped)` : ""}, ${lexicalOnly ? "lexical only" : "lexical and semantic"}, ${ms.toFixed(1)} ms a query after encoding`,
  );
  return 0;
}

runMain("match", () => main(process.argv.slice(2)), undefined, USAGE);
