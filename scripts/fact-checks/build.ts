import path from "node:path";
import { FactCheckMatcher } from "@/lib/domain/fact-checks/matcher";
import { queryText, type FactCheckRecord } from "@/lib/domain/fact-checks/records";
import { DIMENSIONS, embed, embedCached } from "@/lib/encoder/sentence-encoder";
import { settings } from "@/lib/settings";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Where the corpus's embeddings are kept between runs. */
export const embeddingCache = () => path.resolve(ROOT, settings().CLAIMDESK_DATA_DIR, "embeddings");

/** Progress on stderr, a line at most every two seconds. */
function progress(what: string, total: number) {
  let last = 0;
  const started = Date.now();
  return (done: number) => {
    if (Date.now() - last < 2000 && done < total) return;
    last = Date.now();
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    console.error(`${what}: ${done} of ${total} (${rate.toFixed(0)} a second)`);
  };
}

/**
 * The app's matcher over `records`: the lexical stage, and unless `lexicalOnly` the
 * semantic one, with the records' claims encoded (from the cache after the first run).
 */
export async function buildMatcher(records: FactCheckRecord[], { lexicalOnly = false } = {}) {
  const vectors = lexicalOnly
    ? null
    : await embedCached(
        records.map((r) => r.claim),
        embeddingCache(),
        { onProgress: progress("encoding the fact-checks", records.length) },
      );
  return new FactCheckMatcher(records, vectors, DIMENSIONS);
}

/** The queries' texts as matched, and their embeddings (null when lexical only). */
export async function encodeQueries(texts: string[], { lexicalOnly = false } = {}) {
  const cleaned = texts.map(queryText);
  const vectors = lexicalOnly
    ? null
    : await embed(cleaned, { onProgress: progress("encoding the queries", texts.length) });
  return {
    cleaned,
    vectorOf: (i: number) => vectors?.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS) ?? null,
  };
}
