import os from "node:os";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { ExtractionResult } from "@/lib/domain/extraction/extract";
import type { DocumentTask, FeedResult, ReadResult, ThreadTask } from "./thread";
import { positiveInt } from "./queue";

/** A document that went over its time or memory budget; the message is for the importer. */
export class BudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BudgetError";
  }
}

export interface DocumentPoolOptions {
  threads?: number;
  /** Time budget per document, reading and extraction together (CLAIMDESK_DOCUMENT_BUDGET_MS). */
  budgetMs?: number;
  /** Heap of one thread (CLAIMDESK_THREAD_MEMORY_MB). */
  memoryMb?: number;
}

/**
 * Worker threads for reading and extraction, each document with a time and a memory
 * budget. A document over budget fails alone with a message; its thread is terminated and
 * piscina starts a fresh one, so the other documents go on.
 */
export class DocumentPool {
  readonly budgetMs: number;
  private readonly pool: Piscina;

  constructor(options: DocumentPoolOptions = {}) {
    this.budgetMs = options.budgetMs ?? positiveInt(process.env.CLAIMDESK_DOCUMENT_BUDGET_MS, 5000);
    const threads = options.threads ?? Math.max(1, os.availableParallelism());
    const filename = new URL("./thread.ts", import.meta.url).href;
    this.pool = new Piscina({
      filename,
      minThreads: threads,
      maxThreads: threads,
      // Run from TypeScript sources: a thread needs tsx's loader unless it inherits it.
      execArgv: process.execArgv.some((a) => a.includes("tsx"))
        ? process.execArgv
        : [...process.execArgv, "--import", "tsx"],
      resourceLimits: {
        maxOldGenerationSizeMb:
          options.memoryMb ?? positiveInt(process.env.CLAIMDESK_THREAD_MEMORY_MB, 768),
      },
    });
  }

  read(name: string, bytes: Uint8Array): Promise<ReadResult> {
    return this.run({ kind: "read", name, bytes }) as Promise<ReadResult>;
  }

  /** A page fetched from the web: read (Readability and metadata) and extracted. */
  readPage(url: string, contentType: string, text: string): Promise<ReadResult> {
    return this.run({ kind: "page", url, contentType, text }) as Promise<ReadResult>;
  }

  /** A feed's text read into its entries. */
  readFeed(url: string, text: string): Promise<FeedResult> {
    return this.run({ kind: "feed", url, text }) as Promise<FeedResult>;
  }

  extract(body: string): Promise<ExtractionResult> {
    return this.run({ kind: "extract", body }) as Promise<ExtractionResult>;
  }

  /**
   * The budget runs from the moment a thread starts the task (the thread says so on a port
   * of the task's own), so that neither a wait for a free thread nor the start of a fresh
   * one counts against the document.
   */
  private async run(task: DocumentTask): Promise<unknown> {
    const budget = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    port1.once("message", () => {
      timer = setTimeout(() => budget.abort(), this.budgetMs);
    });
    try {
      return await this.pool.run({ ...task, started: port2 } satisfies ThreadTask, {
        signal: budget.signal,
        transferList: [port2],
      });
    } catch (error) {
      const seconds =
        this.budgetMs < 1000 ? `${this.budgetMs} ms` : `${Math.round(this.budgetMs / 100) / 10} s`;
      if (budget.signal.aborted) {
        throw new BudgetError(
          `took too long to ${task.kind === "read" ? "read and extract" : "extract"} (over ${seconds}); split it or paste its text`,
        );
      }
      if ((error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
        throw new BudgetError("needed too much memory to read and extract; split it");
      }
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
