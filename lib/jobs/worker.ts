import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Logger } from "pino";
import {
  failImportItem,
  liveWorkers,
  recordWorkerHeartbeat,
  removeWorkerHeartbeat,
  sweepStrandedImportItems,
} from "@/lib/data/imports";
import { queueDueFeeds } from "@/lib/data/feeds";
import { runReextraction } from "./reextract-jobs";
import { runFeedPoll } from "./feed-jobs";
import { runImportItem } from "./import-jobs";
import { DocumentPool } from "./pool";
import {
  leaseSeconds,
  positiveInt,
  QUEUES,
  startWorkerQueue,
  type FeedJob,
  type ImportItemJob,
  type PgBoss,
  type ReextractJob,
} from "./queue";

export interface WorkerOptions {
  databaseUrl: string;
  /** Worker threads, and jobs run at once (CLAIMDESK_WORKER_THREADS; default: the cores). */
  threads?: number;
  log: Logger;
}

export interface RunningWorker {
  id: string;
  /** Stops taking jobs, lets the running ones finish (up to 10 s), then closes. */
  stop(): Promise<void>;
}

const HEARTBEAT_MS = 10_000;

/**
 * A worker: takes import and re-extraction jobs from the queue and runs them, as many at
 * once as it has threads. Any number of workers, on any machines, may share one database.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const threads =
    options.threads ??
    positiveInt(process.env.CLAIMDESK_WORKER_THREADS, Math.max(1, os.availableParallelism()));
  const id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const log = options.log.child({ worker: id });
  const pool = new DocumentPool({ threads });
  const boss = await startWorkerQueue(options.databaseUrl, {
    poolSize: threads + 2,
    onError: (error) => log.error({ err: error }, "job queue error"),
  });
  const info = { id, hostname: os.hostname(), pid: process.pid, threads, startedAt: new Date() };
  await recordWorkerHeartbeat(info);

  const ctx = { pool, workerId: id };
  /**
   * One loop taking jobs of a queue, one at a time. pg-boss waits its polling interval after
   * every job; told that the loop just finished one, it asks for the next at once, so a
   * worker runs short jobs back to back and waits only when the queue is empty.
   */
  const serve = async <T extends object>(
    queue: string,
    pollingIntervalSeconds: number,
    handler: (job: PgBoss.JobWithMetadata<T>) => Promise<void>,
  ) => {
    let loop = "";
    loop = await boss.work<T>(
      queue,
      { batchSize: 1, pollingIntervalSeconds, includeMetadata: true },
      async ([job]) => {
        try {
          await handler(job!);
        } finally {
          boss.notifyWorker(loop);
        }
      },
    );
  };
  for (let i = 0; i < threads; i++) {
    await serve<ImportItemJob>(QUEUES.importItem, 1, (job) =>
      runJob(
        job,
        log,
        async () => {
          const result = await runImportItem(job.data.itemId, ctx);
          log.info({ itemId: job.data.itemId, result }, "import item done");
        },
        () =>
          failImportItem(
            job.data.itemId,
            `could not be saved (tried ${job.retryLimit + 1} times); try again`,
          ),
      ),
    );
    await serve<ReextractJob>(QUEUES.reextractArticle, 2, (job) =>
      runJob(job, log, async () => {
        const result = await runReextraction(job.data, ctx);
        log.info({ articleId: job.data.articleId, ...result }, "article re-extracted");
      }),
    );
  }

  await serve<FeedJob>(QUEUES.pollFeed, 2, (job) =>
    runJob(job, log, async () => {
      const result = await runFeedPoll(job.data.feedId, pool);
      log.info({ feedId: job.data.feedId, ...result }, "feed polled");
    }),
  );

  const timers = [
    // Feeds due for a poll get a job (any worker may: they are taken under SKIP LOCKED).
    setInterval(
      () => {
        queueDueFeeds()
          .then((queued) => queued > 0 && log.info({ queued }, "feed polls queued"))
          .catch((err) => log.warn({ err }, "queueing feed polls failed"));
      },
      positiveInt(process.env.CLAIMDESK_FEED_TICK_SECONDS, 15) * 1000,
    ),
    setInterval(() => {
      recordWorkerHeartbeat(info).catch((err) => log.warn({ err }, "heartbeat failed"));
    }, HEARTBEAT_MS),
    setInterval(() => {
      sweepStrandedImportItems(leaseSeconds() * 2)
        .then((swept) => {
          if (swept.failed + swept.requeued > 0) log.warn(swept, "stranded import items swept");
        })
        .catch((err) => log.warn({ err }, "sweep failed"));
    }, 60_000),
  ];
  log.info({ threads, workersRunning: await liveWorkers() }, "worker started");

  return {
    id,
    async stop() {
      timers.forEach(clearInterval);
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      await pool.destroy();
      await removeWorkerHeartbeat(id).catch(() => {});
      log.info("worker stopped");
    },
  };
}

/**
 * One job: its handler's failure is logged and thrown for the queue to retry; on the last
 * attempt `onLastFailure` records the failure where the user will see it (the details stay
 * in the log).
 */
async function runJob(
  job: PgBoss.JobWithMetadata<object>,
  log: Logger,
  handler: () => Promise<void>,
  onLastFailure?: () => Promise<void>,
): Promise<void> {
  try {
    await handler();
  } catch (error) {
    const last = job.retryCount >= job.retryLimit;
    log.error({ err: error, jobId: job.id, queue: job.name, last }, "job failed");
    if (last && onLastFailure)
      await onLastFailure().catch((err) => log.error({ err }, "could not record the failure"));
    throw error;
  }
}
