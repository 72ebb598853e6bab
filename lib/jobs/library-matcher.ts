import { Piscina } from "piscina";
import { MATCH_THRESHOLD } from "@/lib/domain/fact-checks/matcher";
import { DIMENSIONS, ENCODER_VERSION } from "@/lib/encoder/sentence-encoder";
import {
  embedPendingFactChecks,
  libraryVersion,
  loadLibrary,
  syncDeskFactChecks,
  type LoadedRecord,
} from "@/lib/data/fact-check-library";
import {
  claimsToJudge,
  claimsToMatch,
  saveJudgedCheckworthiness,
  saveLibraryMatches,
  type LibraryMatchRow,
} from "@/lib/data/fact-check-matches";
import { JUDGE_MS, judgeTexts } from "./judge";
import type { MatchResult, MatchTask, ThreadMatch } from "./match-thread";

/** Matches kept per claim (those over MATCH_THRESHOLD among them). */
const TOP = 3;
/** How long one task of the thread may take (a batch of MATCH_BATCH claims encoded and matched). */
const TASK_TIMEOUT_MS = 5 * 60_000;
/** Library records embedded before an article is matched (the rest by the sweep). */
const EMBED_BEFORE_MATCH = 256;

/**
 * "Checked before, anywhere" in a worker: one worker thread (match-thread.ts) holds the
 * sentence encoder and the library; this side reads the library from the database when it
 * changed (libraryVersion) and hands it over, and writes what the thread found. The thread
 * is started on first use, so a worker whose library is empty never loads the encoder.
 */
export class LibraryMatcher {
  private pool: Piscina | null = null;
  private loaded: { version: string; records: LoadedRecord[] } | null = null;

  private thread(): Piscina {
    return (this.pool ??= new Piscina({
      filename: new URL("./match-thread.ts", import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 10 * 60_000,
      execArgv: process.execArgv.some((a) => a.includes("tsx"))
        ? process.execArgv
        : [...process.execArgv, "--import", "tsx"],
    }));
  }

  private async run(
    task: MatchTask,
    transfer: ArrayBuffer[] = [],
    signal?: AbortSignal,
  ): Promise<MatchResult> {
    const timeout = AbortSignal.timeout(TASK_TIMEOUT_MS);
    return this.thread().run(task, {
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      transferList: transfer,
    }) as Promise<MatchResult>;
  }

  /**
   * Check-worthiness of claims' contents by the encoder model (one task of the thread,
   * shared with matching: keep it to JUDGE_BATCH texts); throws when the encoder cannot run.
   */
  async judge(texts: string[], signal?: AbortSignal): Promise<number[]> {
    const result = await this.run({ kind: "judge", texts }, [], signal);
    if (result.kind !== "judged") throw new Error(`the match thread answered ${result.kind}`);
    return result.scores;
  }

  /** Sentence embeddings of the texts, by the thread. */
  async embed(texts: string[]): Promise<Float32Array> {
    const result = await this.run({ kind: "embed", texts });
    if (result.kind !== "embedded") throw new Error(`the match thread answered ${result.kind}`);
    return result.vectors;
  }

  /**
   * The library's records brought up to date for matching: the desk's approved verdicts
   * added, and up to `limit` records without an embedding embedded. Returns how many were
   * embedded.
   */
  async refresh(limit = EMBED_BEFORE_MATCH): Promise<number> {
    await syncDeskFactChecks();
    return embedPendingFactChecks((texts) => this.embed(texts), {
      model: ENCODER_VERSION,
      dimensions: DIMENSIONS,
      limit,
    });
  }

  /**
   * The best matches of each text in the library as it is now, and the records they index;
   * null when the library has nothing to match against.
   */
  async match(
    texts: string[],
  ): Promise<{ matches: ThreadMatch[][]; records: LoadedRecord[] } | null> {
    const version = await libraryVersion();
    if (version.startsWith("0:")) return null;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.loaded?.version !== version) {
        const { records, vectors } = await loadLibrary(ENCODER_VERSION, DIMENSIONS);
        await this.run({ kind: "load", version, records: records.map((r) => r.record), vectors }, [
          vectors.buffer as ArrayBuffer,
        ]);
        this.loaded = { version, records };
      }
      if (this.loaded.records.length === 0) return null;
      const result = await this.run({ kind: "match", version, texts, top: TOP });
      if (result.kind === "matched")
        return { matches: result.matches, records: this.loaded.records };
      // The thread was restarted (its library lost): load it again.
      this.loaded = null;
    }
    throw new Error("the match thread would not keep the library");
  }

  /**
   * The check-worthy claims among `claimIds` matched against the library (those the words
   * model scored judged by the encoder model first), their matches over MATCH_THRESHOLD
   * stored (a match to the desk's own approved verdict is a repeat). Returns how many
   * matches were stored.
   */
  async matchClaims(claimIds: string[]): Promise<number> {
    const unjudged = await claimsToJudge(claimIds);
    if (unjudged.length > 0) {
      const scores = await judgeTexts(
        (texts, signal) => this.judge(texts, signal),
        unjudged.map((c) => c.text),
        AbortSignal.timeout(JUDGE_MS),
      );
      await saveJudgedCheckworthiness(
        unjudged.flatMap((c, i) => {
          const score = scores[i];
          return score === null || score === undefined ? [] : [{ ...c, score }];
        }),
      );
    }
    const claims = await claimsToMatch(claimIds);
    if (claims.length === 0) return 0;
    const found = await this.match(claims.map((c) => c.text));
    if (!found) return 0;
    const rows: LibraryMatchRow[] = claims.flatMap((claim, i) =>
      found.matches[i]!.flatMap((m) => {
        const record = found.records[m.index]!;
        if (m.score < MATCH_THRESHOLD || record.deskClaimId === claim.id) return [];
        return [
          {
            claimId: claim.id,
            factCheckId: record.factCheckId,
            score: m.score,
            lexical: m.lexical,
            semantic: m.semantic,
            stage: m.stage,
            repeat: record.deskClaimId !== null,
          },
        ];
      }),
    );
    return saveLibraryMatches(rows);
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = null;
    this.loaded = null;
  }
}
