import { readFileSync } from "node:fs";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { ExtractionResult } from "@/lib/domain/extraction/extract";
import { seconds, WALL_PER_CPU } from "@/lib/domain/budgets";
import { settings } from "@/lib/settings";
import type { PageRecords } from "@/lib/domain/fact-checks/sources";
import type { DocumentTask, FeedResult, ReadResult, ThreadTask } from "./thread";

/** A document that went over its time or memory budget; the message is for the importer. */
export class BudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BudgetError";
  }
}

/**
 * A document stopped for a reason that is not its own: its thread hardly ran (the machine
 * is that busy), or its item's deadline came. The item is tried again, not failed.
 */
export class StarvedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StarvedError";
  }
}

export interface DocumentPoolOptions {
  threads?: number;
  /** CPU time per document, reading and extraction together (CLAIMDESK_DOCUMENT_BUDGET_MS). */
  budgetMs?: number;
  /** Heap of one thread (CLAIMDESK_THREAD_MEMORY_MB). */
  memoryMb?: number;
  /** Wall-clock time after which a document that has not used its CPU budget is starved
   * (tried again, not failed): four times the budget unless said. */
  starvedAfterMs?: number;
}

/** How often a running document's CPU time is read. */
const WATCH_MS = 100;
/** Linux counts a thread's CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

/**
 * The CPU time a thread has used, from /proc (Linux), or null where the platform does not
 * say. Read from this process's side: the thread itself is busy with the document.
 */
export function threadCpuMs(tid: number): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * Worker threads for reading and extraction, each document with a budget of CPU time and
 * of memory. CPU time, not wall-clock time: a legitimate document is not failed because
 * other work shares the cores, while a hostile one still ends within its budget. Where the
 * platform does not give a thread's CPU time, the budget is wall-clock time. A wall-clock
 * backstop (four times the budget) ends a document whose thread is starved; that one is
 * tried again rather than failed. A document over budget fails alone with a message; its
 * thread is terminated and piscina starts a fresh one, so the other documents go on.
 */
export class DocumentPool {
  readonly budgetMs: number;
  readonly starvedAfterMs: number;
  readonly threads: number;
  private readonly pool: Piscina;

  constructor(options: DocumentPoolOptions = {}) {
    this.budgetMs = options.budgetMs ?? settings().CLAIMDESK_DOCUMENT_BUDGET_MS;
    this.starvedAfterMs = options.starvedAfterMs ?? this.budgetMs * WALL_PER_CPU;
    this.threads = options.threads ?? settings().CLAIMDESK_WORKER_THREADS;
    const filename = new URL("./thread.ts", import.meta.url).href;
    this.pool = new Piscina({
      filename,
      minThreads: this.threads,
      maxThreads: this.threads,
      // Run from TypeScript sources: a thread needs tsx's loader unless it inherits it.
      execArgv: process.execArgv.some((a) => a.includes("tsx"))
        ? process.execArgv
        : [...process.execArgv, "--import", "tsx"],
      resourceLimits: {
        maxOldGenerationSizeMb: options.memoryMb ?? settings().CLAIMDESK_THREAD_MEMORY_MB,
      },
    });
  }

  read(name: string, bytes: Uint8Array, signal?: AbortSignal): Promise<ReadResult> {
    return this.run({ kind: "read", name, bytes }, signal) as Promise<ReadResult>;
  }

  /** A page fetched from the web: read (Readability and metadata) and extracted. */
  readPage(url: string, contentType: string, text: string, signal?: AbortSignal) {
    return this.run({ kind: "page", url, contentType, text }, signal) as Promise<ReadResult>;
  }

  /** A feed's text read into its entries. */
  readFeed(url: string, text: string, signal?: AbortSignal): Promise<FeedResult> {
    return this.run({ kind: "feed", url, text }, signal) as Promise<FeedResult>;
  }

  /** A fact-check page's ClaimReview records (its JSON-LD). */
  readClaimReviews(url: string, text: string, signal?: AbortSignal): Promise<PageRecords> {
    return this.run({ kind: "claimreviews", url, text }, signal) as Promise<PageRecords>;
  }

  /** An article's claims, in `declared` language when it is known (else the one detected). */
  extract(body: string, signal?: AbortSignal, declared?: string): Promise<ExtractionResult> {
    return this.run({ kind: "extract", body, declared }, signal) as Promise<ExtractionResult>;
  }

  /**
   * The budget runs from the moment a thread starts the task (the thread sends its id on a
   * port of the task's own), so that neither a wait for a free thread nor the start of a
   * fresh one counts against the document. `signal` (the item's deadline) stops it too.
   */
  private async run(task: DocumentTask, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) throw new StarvedError("its item's deadline came");
    const stop = new AbortController();
    let why: "cpu" | "wall" | "starved" | "deadline" | null = null;
    const abort = (reason: NonNullable<typeof why>) => {
      why ??= reason;
      stop.abort();
    };
    const onDeadline = () => abort("deadline");
    signal?.addEventListener("abort", onDeadline, { once: true });
    const { port1, port2 } = new MessageChannel();
    let watch: NodeJS.Timeout | undefined;
    port1.once("message", (tid: number) => {
      const startedAt = Date.now();
      const cpuAtStart = threadCpuMs(tid);
      watch = setInterval(
        () => {
          const wall = Date.now() - startedAt;
          const cpu = cpuAtStart === null ? null : threadCpuMs(tid);
          if (cpu === null || cpuAtStart === null) {
            if (wall > this.budgetMs) abort("wall");
          } else if (cpu - cpuAtStart > this.budgetMs) abort("cpu");
          else if (wall > this.starvedAfterMs) abort("starved");
        },
        Math.min(WATCH_MS, Math.max(5, this.budgetMs / 4)),
      );
    });
    try {
      const fallback = settings().CLAIMDESK_DEFAULT_LANGUAGE;
      return await this.pool.run({ ...task, fallback, started: port2 } satisfies ThreadTask, {
        signal: stop.signal,
        transferList: [port2],
      });
    } catch (error) {
      const what = task.kind === "read" ? "read and extract" : "extract";
      if (why === "cpu") {
        throw new BudgetError(
          `took too long to ${what} (over ${seconds(this.budgetMs)} of processor time); split it or paste its text`,
        );
      }
      if (why === "wall") {
        throw new BudgetError(
          `took too long to ${what} (over ${seconds(this.budgetMs)}); split it or paste its text`,
        );
      }
      if (why === "starved") {
        throw new StarvedError(
          `its thread was starved of processor time for ${seconds(this.starvedAfterMs)}`,
        );
      }
      if (why === "deadline") throw new StarvedError("its item's deadline came");
      if ((error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
        throw new BudgetError("needed too much memory to read and extract; split it");
      }
      throw error;
    } finally {
      clearInterval(watch);
      signal?.removeEventListener("abort", onDeadline);
      port1.close();
    }
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
