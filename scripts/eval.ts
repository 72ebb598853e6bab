/**
 * Measures the extractor on annotated data:
 *
 *   npm run eval -- <data folder>
 *
 * A folder with text/ and attributions/ (PolNeAR's brat layout) is scored for attribution
 * with the reference scorer's figures (../shared/tools/score-attribution.py): strict and
 * lenient P/R/F1 of content spans, speaker accuracy and speech recall. A folder
 * with CheckThat! TSV files is scored for check-worthiness (F1 of the Yes class). A folder
 * holding both kinds (e.g. ../shared/data) is scored for each.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractClaims } from "@/lib/domain/extraction/extract";
import { checkworthiness, CHECKWORTHY_THRESHOLD } from "@/lib/domain/extraction/checkworthiness";
import { readPolnear } from "./attribution/polnear";
import { formatScore, scoreAttribution } from "./attribution/score";
import { parseCommandLine, UsageError } from "./run-main";

const prf = (tp: number, predicted: number, gold: number) => {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};
const fmt = (m: { precision: number; recall: number; f1: number }) =>
  `P=${m.precision.toFixed(3)} R=${m.recall.toFixed(3)} F1=${m.f1.toFixed(3)}`;

/** The reference scorer's figures (scripts/attribution/score.ts computes them its way). */
function evalAttribution(dir: string) {
  const articles = readPolnear(dir);
  const started = performance.now();
  const scored = articles.map(({ text, gold }) => ({
    text,
    gold,
    predicted: extractClaims(text).claims,
  }));
  const seconds = (performance.now() - started) / 1000;
  const chars = articles.reduce((n, a) => n + a.text.length, 0);
  const score = scoreAttribution(scored);
  console.log(`attribution (${dir}): ${articles.length} articles`);
  console.log(`  ${formatScore(path.basename(dir), score)}`);
  console.log(`  speed: ${(chars / 1e6 / seconds).toFixed(2)} MB/s`);
}

/** The Yes class's precision, recall and F1 of the scores at the decision threshold. */
function yesClass(scores: readonly number[], gold: readonly boolean[]) {
  let tp = 0,
    fp = 0,
    fn = 0;
  scores.forEach((score, i) => {
    const yes = score >= CHECKWORTHY_THRESHOLD;
    if (yes && gold[i]) tp++;
    else if (yes) fp++;
    else if (gold[i]) fn++;
  });
  return prf(tp, tp + fp, tp + fn);
}

/**
 * Both check-worthiness models on a CheckThat! file: the words model, and the encoder
 * model on the sentences' embeddings (computed once, then read from .data/cache).
 */
async function evalCheckworthiness(file: string) {
  const rows = readFileSync(file, "utf8")
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((row) => row.split("\t"));
  const sentences = rows.map(([, sentence = ""]) => sentence);
  const gold = rows.map(([, , label = ""]) => label.trim() === "Yes");
  console.log(`check-worthiness (${path.basename(file)}, ${rows.length} sentences), Yes class:`);
  console.log(`  words model:    ${fmt(yesClass(sentences.map(checkworthiness), gold))}`);
  const { embedCached } = await import("@/lib/encoder/sentence-encoder");
  const { encoderCheckworthinessOf } =
    await import("@/lib/domain/extraction/encoder-checkworthiness");
  const vectors = await embedCached(sentences, path.resolve(".data/cache/checkworthiness"));
  const scores = encoderCheckworthinessOf(sentences, vectors);
  console.log(`  sentence model: ${fmt(yesClass(scores, gold))}`);
  if (/CT24_checkworthy_english_(?:train|dev|dev-test)\.tsv$/.test(file))
    console.log(
      "  (the shipped models were trained on this file: not a held-out figure; npm run train:checkworthiness reports the cross-validated F1)",
    );
}

async function run(dir: string): Promise<boolean> {
  let any = false;
  if (existsSync(path.join(dir, "attributions")) && existsSync(path.join(dir, "text"))) {
    evalAttribution(dir);
    any = true;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".tsv") && /checkworth/i.test(entry.name)) {
      await evalCheckworthiness(path.join(dir, entry.name));
      any = true;
    } else if (entry.isDirectory() && !["text", "attributions"].includes(entry.name)) {
      any = (await run(path.join(dir, entry.name))) || any;
    }
  }
  return any;
}

const USAGE = "npm run eval -- <data folder>   (e.g. ../shared/data/polnear/dev)";
let target: string | undefined;
try {
  const { positionals } = parseCommandLine(process.argv.slice(2), {}, { positionals: true });
  if (positionals.length !== 1) throw new UsageError("name one data folder");
  target = positionals[0];
} catch (error) {
  console.error(`eval: ${(error as Error).message}\nusage: ${USAGE}`);
  process.exit(2);
}
if (!target || !existsSync(target)) {
  console.error(`eval: ${target} does not exist\nusage: ${USAGE}`);
  process.exit(2);
}
if (!(await run(path.resolve(target)))) {
  console.error(`eval: no annotated data found under ${target}`);
  process.exit(1);
}
