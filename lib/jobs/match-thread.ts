/**
 * The worker thread of "checked before, anywhere": it holds the sentence encoder (loaded
 * once, a few seconds) and the fact-check library as the matcher reads it (BM25 postings
 * and the records' embeddings), so that encoding and scoring never run on a process's
 * event loop. Nothing here touches the database: the library comes in a `load` task.
 */
import { FactCheckMatcher, type FactCheckMatch } from "@/lib/domain/fact-checks/matcher";
import type { FactCheckRecord } from "@/lib/domain/fact-checks/records";
import { DIMENSIONS, embed } from "@/lib/encoder/sentence-encoder";

export type MatchTask =
  | { kind: "embed"; texts: string[] }
  | { kind: "load"; version: string; records: FactCheckRecord[]; vectors: Float32Array }
  | { kind: "match"; version: string; texts: string[]; top: number };

/** A query's matches: the index of each record in the loaded library, and its scores. */
export type ThreadMatch = Omit<FactCheckMatch, "record">;

export type MatchResult =
  | { kind: "embedded"; vectors: Float32Array }
  | { kind: "loaded" }
  /** The thread holds another version of the library (or none): load it, then ask again. */
  | { kind: "stale" }
  | { kind: "matched"; matches: ThreadMatch[][] };

let library: { version: string; matcher: FactCheckMatcher } | null = null;

export default async function run(task: MatchTask): Promise<MatchResult> {
  if (task.kind === "embed") return { kind: "embedded", vectors: await embed(task.texts) };
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
