/**
 * Measures the extractor on annotated data:
 *
 *   npm run eval -- <data folder>
 *
 * A folder with text/ and attributions/ (PolNeAR's brat layout) is scored for attribution:
 * precision, recall and F1 of predicted content spans that overlap a gold content span
 * (one-to-one), and, within matched pairs, of speaker spans (overlap and exact). A folder
 * with CheckThat! TSV files is scored for check-worthiness (F1 of the Yes class). A folder
 * holding both kinds (e.g. ../shared/data) is scored for each.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractClaims } from "@/lib/domain/extraction/extract";
import { checkworthiness, CHECKWORTHY_THRESHOLD } from "@/lib/domain/extraction/checkworthiness";
import type { Span } from "@/lib/domain/extraction/text";

interface GoldAttribution {
  content: Span;
  source: Span | null;
}

function readBrat(file: string): GoldAttribution[] {
  const spans = new Map<string, { type: string; span: Span }>();
  const lines = readFileSync(file, "utf8").split("\n");
  for (const line of lines) {
    const cols = line.split("\t");
    if (!cols[0]?.startsWith("T") || !cols[1]) continue;
    const [type, ...rest] = cols[1].split(" ");
    const fragments = rest
      .join(" ")
      .split(";")
      .map((f) => f.trim().split(/\s+/).map(Number));
    spans.set(cols[0], {
      type: type!,
      span: { start: fragments[0]![0]!, end: fragments.at(-1)![1]! },
    });
  }
  const gold: GoldAttribution[] = [];
  for (const line of lines) {
    const cols = line.split("\t");
    if (!cols[0]?.startsWith("E") || !cols[1]) continue;
    const roles = Object.fromEntries(
      cols[1].split(" ").map((r) => r.split(":") as [string, string]),
    );
    const content = roles.Content ? spans.get(roles.Content)?.span : undefined;
    if (!content) continue;
    gold.push({ content, source: roles.Source ? (spans.get(roles.Source)?.span ?? null) : null });
  }
  return gold;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const prf = (tp: number, predicted: number, gold: number) => {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};
const fmt = (m: { precision: number; recall: number; f1: number }) =>
  `P=${m.precision.toFixed(3)} R=${m.recall.toFixed(3)} F1=${m.f1.toFixed(3)}`;

function evalAttribution(dir: string) {
  const annotations = readdirSync(path.join(dir, "attributions"))
    .filter((f) => f.endsWith(".ann"))
    .sort();
  const seen = new Set<string>();
  let predicted = 0,
    goldCount = 0,
    matched = 0;
  let speakerPredicted = 0,
    speakerGold = 0,
    speakerOverlap = 0,
    speakerExact = 0;
  let chars = 0;
  const started = performance.now();
  for (const ann of annotations) {
    const name = ann.replace(/_[^_]+\.ann$/, "");
    if (seen.has(name)) continue; // one annotator per article: the first in name order
    seen.add(name);
    const text = readFileSync(path.join(dir, "text", `${name}.txt`), "utf8");
    chars += text.length;
    const gold = readBrat(path.join(dir, "attributions", ann));
    const claims = extractClaims(text).claims.filter((c) => c.kind !== "ASSERTION");
    predicted += claims.length;
    goldCount += gold.length;
    const used = new Set<number>();
    for (const claim of claims) {
      const g = gold.findIndex((x, i) => !used.has(i) && overlaps(x.content, claim.content));
      if (g < 0) continue;
      used.add(g);
      matched++;
      const source = gold[g]!.source;
      if (claim.speaker) speakerPredicted++;
      if (source) speakerGold++;
      if (claim.speaker && source && overlaps(claim.speaker, source)) {
        speakerOverlap++;
        if (claim.speaker.start === source.start && claim.speaker.end === source.end)
          speakerExact++;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `attribution (${dir}): ${seen.size} articles, ${goldCount} gold attributions, ${predicted} predicted`,
  );
  console.log(`  content spans (overlap): ${fmt(prf(matched, predicted, goldCount))}`);
  console.log(
    `  speaker spans in matched pairs (overlap): ${fmt(prf(speakerOverlap, speakerPredicted, speakerGold))}`,
  );
  console.log(
    `  speaker spans in matched pairs (exact):   ${fmt(prf(speakerExact, speakerPredicted, speakerGold))}`,
  );
  console.log(`  speed: ${(chars / 1e6 / seconds).toFixed(2)} MB/s including file reads`);
}

function evalCheckworthiness(file: string) {
  const rows = readFileSync(file, "utf8").split("\n").slice(1).filter(Boolean);
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const row of rows) {
    const [, sentence = "", label = ""] = row.split("\t");
    const yes = checkworthiness(sentence) >= CHECKWORTHY_THRESHOLD;
    const gold = label.trim() === "Yes";
    if (yes && gold) tp++;
    else if (yes) fp++;
    else if (gold) fn++;
  }
  console.log(
    `check-worthiness (${path.basename(file)}, ${rows.length} sentences): Yes class ${fmt(prf(tp, tp + fp, tp + fn))}`,
  );
}

function run(dir: string): boolean {
  let any = false;
  if (existsSync(path.join(dir, "attributions")) && existsSync(path.join(dir, "text"))) {
    evalAttribution(dir);
    any = true;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".tsv") && /checkworth/i.test(entry.name)) {
      evalCheckworthiness(path.join(dir, entry.name));
      any = true;
    } else if (entry.isDirectory() && !["text", "attributions"].includes(entry.name)) {
      any = run(path.join(dir, entry.name)) || any;
    }
  }
  return any;
}

const target = process.argv[2];
if (!target || !existsSync(target)) {
  console.error("usage: npm run eval -- <data folder>   (e.g. ../shared/data/polnear/dev)");
  process.exit(2);
}
if (!run(path.resolve(target))) {
  console.error(`eval: no annotated data found under ${target}`);
  process.exit(1);
}
