import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { recordsOf, type FactCheckRecord } from "@/lib/domain/fact-checks/records";
import { jsonNestsDeeperThan, tooDeepMessage } from "@/lib/domain/import/json-depth";

/**
 * Fact-check records from a file or a folder of them: JSON Lines (a record, array or
 * `@graph` a line) or JSON (one value a file), ClaimReview or CheckThat! `vclaim`.
 * Duplicates by id keep the first. `skipped` counts lines that are not JSON or hold no
 * record, with the first few named.
 */
export function readCorpus(target: string): {
  records: FactCheckRecord[];
  skipped: number;
  problems: string[];
} {
  const files = statSync(target).isDirectory()
    ? readdirSync(target)
        .filter((f) => /\.jsonl?$/i.test(f))
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  const seen = new Set<string>();
  const records: FactCheckRecord[] = [];
  const problems: string[] = [];
  let skipped = 0;
  const add = (value: unknown, where: string) => {
    const found = recordsOf(value);
    if (found.length === 0) {
      skipped++;
      if (problems.length < 5) problems.push(`${where}: no ClaimReview or vclaim record`);
    }
    for (const r of found) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      records.push(r);
    }
  };
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const units = /\.jsonl$/i.test(file)
      ? text.split("\n").map((line, i) => ({ json: line, where: `${file} line ${i + 1}` }))
      : [{ json: text, where: file }];
    for (const { json, where } of units) {
      if (!json.trim()) continue;
      try {
        if (jsonNestsDeeperThan(json)) throw new Error(tooDeepMessage());
        add(JSON.parse(json), where);
      } catch (error) {
        skipped++;
        if (problems.length < 5) problems.push(`${where}: ${(error as Error).message}`);
      }
    }
  }
  return { records, skipped, problems };
}

/** Queries, `id<TAB>text` a line (a line without a tab is refused with its number). */
export function readQueries(file: string): Array<{ id: string; text: string }> {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line: line.replace(/\r$/, ""), number: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, number }) => {
      const tab = line.indexOf("\t");
      if (tab <= 0) throw new Error(`${file} line ${number}: expected id<TAB>text`);
      return { id: line.slice(0, tab), text: line.slice(tab + 1) };
    });
}

/** Relevance judgements, TREC qrels: `query_id<TAB>0<TAB>doc_id<TAB>relevance`. */
export function readJudgements(file: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [query, , doc, relevance] = line.trim().split("\t");
    if (!query || !doc || Number(relevance) <= 0) continue;
    if (!out.has(query)) out.set(query, new Set());
    out.get(query)!.add(doc);
  }
  return out;
}
