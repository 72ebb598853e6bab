/**
 * Fact-checks into the library: `npm run import:factchecks -- <files, folders or addresses> [--no-embed]`
 *
 * Files: ClaimReview JSON (a review, an array or an `@graph` a file), JSON Lines (one a
 * line, CheckThat! `vclaim` records too) and CSV with named columns (claim and url at
 * least; see lib/domain/fact-checks/sources.ts). Addresses: fact-check pages, fetched
 * through the safe fetcher, their ClaimReview JSON-LD read (a page with none is skipped
 * with the reason). Records are deduplicated by page address: importing again updates
 * them, a changed rating kept as a correction. Then the records' sentence embeddings are
 * computed here (a file's from the cache `eval:matching` fills, when it has them), unless
 * `--no-embed` leaves them to the workers. Prints progress and a summary; exits 1 when
 * anything was skipped.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { FactCheckRecord } from "@/lib/domain/fact-checks/records";
import { claimReviewsInPage, recordsFromCsv } from "@/lib/domain/fact-checks/sources";
import { openScriptDatabase } from "@/lib/db/script-database";
import { readCorpus } from "./fact-checks/files";
import { parseCommandLine, runMain, UsageError } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");
const USAGE = "npm run import:factchecks -- <files, folders or addresses> [--no-embed]";
/** A file larger than this is refused (the CheckThat! corpus is 9 MB). */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

interface Source {
  name: string;
  kind: "FILE" | "PAGE";
  records: FactCheckRecord[];
  problems: string[];
  skipped: number;
}

function readFile(file: string): Source {
  const name = path.relative(process.cwd(), file) || file;
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) {
    return {
      name,
      kind: "FILE",
      records: [],
      skipped: 1,
      problems: [`${name}: ${size} bytes, over the limit`],
    };
  }
  if (/\.csv$/i.test(file)) {
    try {
      return { name, kind: "FILE", ...recordsFromCsv(readFileSync(file, "utf8")) };
    } catch (error) {
      return {
        name,
        kind: "FILE",
        records: [],
        skipped: 1,
        problems: [`${name}: ${(error as Error).message}`],
      };
    }
  }
  return { name, kind: "FILE", ...readCorpus(file) };
}

/** The files a target names: itself, or a folder's .json, .jsonl and .csv files. */
function filesOf(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((f) => /\.(jsonl?|csv)$/i.test(f))
    .sort()
    .map((f) => path.join(target, f));
}

async function readPage(url: string): Promise<Source> {
  const { safeFetch, PAGE_TYPES } = await import("@/lib/fetch/safe-fetch");
  try {
    const page = await safeFetch(url, { accept: PAGE_TYPES, kind: "a fact-check page" });
    const found = claimReviewsInPage(page.text, page.url);
    return found.ok
      ? { name: url, kind: "PAGE", records: found.records, skipped: 0, problems: [] }
      : {
          name: url,
          kind: "PAGE",
          records: [],
          skipped: 1,
          problems: [`${url}: skipped: ${found.reason}`],
        };
  } catch (error) {
    return {
      name: url,
      kind: "PAGE",
      records: [],
      skipped: 1,
      problems: [`${url}: ${(error as Error).message}`],
    };
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    { "no-embed": { type: "boolean" } },
    { positionals: true },
  );
  if (positionals.length === 0) throw new UsageError("name at least one file, folder or address");
  const files: string[] = [];
  for (const target of positionals.filter((t) => !/^https?:\/\//i.test(t))) {
    try {
      files.push(...filesOf(path.resolve(target)));
    } catch {
      throw new UsageError(`${target}: no such file or folder`);
    }
  }
  const urls = [...new Set(positionals.filter((t) => /^https?:\/\//i.test(t)))];

  const db = await openScriptDatabase(ROOT);
  process.env.DATABASE_URL = db.url;
  const { closeDatabase } = await import("@/lib/data/setup");
  const library = await import("@/lib/data/fact-check-library");
  const actor = { id: null, label: `cli:${process.env.USER ?? "import:factchecks"}` };
  const totals = { added: 0, updated: 0, corrected: 0, unchanged: 0, skipped: 0 };
  const problems: string[] = [];
  const imported: FactCheckRecord[] = [];
  try {
    const sources = [
      ...files.map((f) => () => Promise.resolve(readFile(f))),
      ...urls.map((u) => () => readPage(u)),
    ];
    for (const [i, read] of sources.entries()) {
      const source = await read();
      totals.skipped += source.skipped;
      problems.push(...source.problems);
      const summary = await library.saveFactChecks(
        library.entriesOf(source.records),
        { source: source.kind, origin: source.name, actor },
        (done, total) => {
          if (total > 1000) console.error(`${source.name}: saved ${done} of ${total}`);
        },
      );
      for (const k of ["added", "updated", "corrected", "unchanged"] as const)
        totals[k] += summary[k];
      imported.push(...source.records);
      console.error(
        `[${i + 1}/${sources.length}] ${source.name}: ${source.records.length} fact-checks (${summary.added} new, ${summary.updated} updated, ${summary.corrected} with a new rating)${source.skipped ? `, ${source.skipped} skipped` : ""}`,
      );
    }
    const { DIMENSIONS, ENCODER_VERSION } = await import("@/lib/encoder/sentence-encoder");
    let embedded = 0;
    if (!values["no-embed"] && (await library.pendingEmbeddings(ENCODER_VERSION)) > 0) {
      embedded = await library.embedPendingFactChecks(
        await encoderFor(imported),
        {
          model: ENCODER_VERSION,
          dimensions: DIMENSIONS,
        },
        (done) => {
          if (done % 640 === 0) console.error(`embedded ${done}`);
        },
      );
    }
    const waiting = await library.pendingEmbeddings(ENCODER_VERSION);
    console.log(
      `fact-checks: ${totals.added} added, ${totals.updated} updated (${totals.corrected} with a new rating), ${totals.unchanged} unchanged, ${totals.skipped} skipped; ${embedded} embedded` +
        (waiting > 0 ? `, ${waiting} waiting for a worker to embed them` : ""),
    );
    for (const problem of problems.slice(0, 20)) console.log(`  skipped: ${problem}`);
    if (problems.length > 20) console.log(`  … and ${problems.length - 20} more`);
    return totals.skipped > 0 ? 1 : 0;
  } finally {
    await closeDatabase();
    await db.close();
  }
}

/**
 * The encoder for pending records: the imported records' claims encoded together through
 * the embedding cache (a corpus encoded before, by `eval:matching` or an earlier import,
 * is read back), other texts encoded as they come.
 */
async function encoderFor(records: FactCheckRecord[]) {
  const { DIMENSIONS, embed, embedCached } = await import("@/lib/encoder/sentence-encoder");
  const { embeddingCache } = await import("./fact-checks/build");
  const known = new Map<string, Float32Array>();
  if (records.length > 0) {
    const texts = records.map((r) => r.claim);
    const vectors = await embedCached(texts, embeddingCache(), {
      onProgress: (done) => {
        if (done % 640 === 0 || done === texts.length)
          console.error(`encoding: ${done} of ${texts.length}`);
      },
    });
    texts.forEach((t, i) => known.set(t, vectors.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS)));
  }
  return async (texts: string[]): Promise<Float32Array> => {
    const missing = [...new Set(texts.filter((t) => !known.has(t)))];
    if (missing.length > 0) {
      const vectors = await embed(missing);
      missing.forEach((t, i) => known.set(t, vectors.slice(i * DIMENSIONS, (i + 1) * DIMENSIONS)));
    }
    const out = new Float32Array(texts.length * DIMENSIONS);
    texts.forEach((t, i) => out.set(known.get(t)!, i * DIMENSIONS));
    return out;
  };
}

runMain("import:factchecks", () => main(process.argv.slice(2)), undefined, USAGE);
