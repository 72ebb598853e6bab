/**
 * The worker thread of the sentence encoder: it holds the encoder (loaded once, a few
 * seconds), the fact-check library as the matcher reads it (BM25 postings and the records'
 * embeddings) and the encoder check-worthiness model, so that encoding and scoring never
 * run on a process's event loop. Nothing here touches the database: the library comes in a
 * `load` task.
 */
import { encoderCheckworthinessOf } from "@/lib/domain/extraction/encoder-checkworthiness";
import { FactCheckMatcher, type FactCheckMatch } from "@/lib/domain/fact-checks/matcher";
import type { FactCheckRecord } from "@/lib/domain/fact-checks/records";
import { DIMENSIONS, embed as encode } from "@/lib/encoder/sentence-encoder";

export type MatchTask =
  | { kind: "embed"; texts: string[] }
  /** Check-worthiness of claims' contents by the encoder model. */
  | { kind: "judge"; texts: string[] }
  | { kind: "load"; version: string; records: FactCheckRecord[]; vectors: Float32Array }
  | { kind: "match"; version: string; texts: string[]; top: number };

/** A query's matches: the index of each record in the loaded library, and its scores. */
export type ThreadMatch = Omit<FactCheckMatch, "record">;

export type MatchResult =
  | { kind: "embedded"; vectors: Float32Array }
  | { kind: "judged"; scores: number[] }
  | { kind: "loaded" }
  /** The thread holds another version of the library (or none): load it, then ask again. */
  | { kind: "stale" }
  | { kind: "matched"; matches: ThreadMatch[][] };

let library: { version: string; matcher: FactCheckMatcher } | null = null;

/**
 * The latest texts' embeddings: a new claim is judged, then matched, and encoded once. At
 * most RECENT entries (2 KB each), the oldest dropped first.
 */
const recent = new Map<string, Float32Array>();
const RECENT = 4096;

async function embed(texts: string[]): Promise<Float32Array> {
  const found = new Map<string, Float32Array>();
  for (const t of texts) if (recent.has(t)) found.set(t, recent.get(t)!);
  const missing = [...new Set(texts.filter((t) => !found.has(t)))];
  if (missing.length) {
    const vectors = await encode(missing);
    missing.forEach((t, i) => {
      const vector = vectors.slice(i * DIMENSIONS, (i + 1) * DIMENSIONS);
      found.set(t, vector);
      recent.set(t, vector);
      if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
    });
  }
  const out = new Float32Array(texts.length * DIMENSIONS);
  texts.forEach((t, i) => out.set(found.get(t)!, i * DIMENSIONS));
  return out;
}

export default async function run(task: MatchTask): Promise<MatchResult> {
  if (task.kind === "embed") return { kind: "embedded", vectors: await embed(task.texts) };
  if (task.kind === "judge") {
    return {
      kind: "judged",
      scores: encoderCheckworthinessOf(task.texts, await embed(task.texts)),
    };
  }
  if (task.kind === "load") {
    library = {
      version: task.version,
      matcher: new FactCheckMatcher(task.records, task.vectors, DIMENSIONS),
    };
    return { kind: "loaded" };
  }
  if (!library || library.version !== task.version) return { kind: "stale" };
  const vectors = await embed(task.texts);
  const { matcher } = library;
  return {
    kind: "matched",
    matches: task.texts.map((text, i) =>
      matcher
        .match(text, vectors.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS), task.top)
        .map(({ record: _record, ...m }) => m),
    ),
  };
}
