import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Logger } from "pino";
import { importBudgets, leases, type ImportBudgets } from "@/lib/domain/budgets";
import { takeDueFeed } from "@/lib/data/feeds";
import {
  retryImportItem,
  sweepExpiredLeases,
  takeImportItem,
  type ClaimedItem,
} from "@/lib/data/import-queue";
import {
  retryReextraction,
  sweepReextractions,
  takeReextraction,
  type ClaimedReextraction,
} from "@/lib/data/reextraction";
import { matchArticleClaims, takeUnmatchedArticle, unmatchedArticleOf } from "@/lib/data/matching";
import { liveWorkers, recordWorkerHeartbeat, removeWorkerHeartbeat } from "@/lib/data/workers";
import { dispatchNextEvent } from "@/lib/data/outbox";
import { deliverNext, scheduleDigests } from "@/lib/data/deliveries";
import { closeMail } from "@/lib/mail";
import { tellFinishedImports } from "@/lib/data/import-batches";
import { FETCH_TIMEOUT_MS } from "@/lib/fetch/safe-fetch";
import { settings } from "@/lib/settings";
import { runFeedPoll } from "./feed-jobs";
import { runImportItem, type ImportContext } from "./import-jobs";
import { LibraryMatcher } from "./library-matcher";
import { DocumentPool } from "./pool";
import { runReextraction } from "./reextract-jobs";
import { Slots } from "./slots";

export interface WorkerOptions {
  databaseUrl: string;
  /** Worker threads, and documents run at once (CLAIMDESK_WORKER_THREADS; default: the cores). */
  threads?: number;
  log: Logger;
}

export interface RunningWorker {
  id: string;
  /** Stops taking work, lets what runs finish (up to 10 s), gives back the rest, then closes. */
  stop(): Promise<void>;
}

const HEARTBEAT_MS = 10_000;
const SWEEP_MS = 5_000;
/** How often an idle lane looks for work. */
const IDLE_POLL_MS = 500;
/** Mails and webhook deliveries one worker sends at once. */
const DELIVERIES_AT_ONCE = 4;
/** How long a write may wait for the database to accept it (a connection, a transaction). */
const CONNECTION_WAIT_MS = 10_000;

/** The budgets and leases of this process's settings; throws when the lease is too short. */
export function workerBudgets(): {
  budgets: ImportBudgets;
  lease: { document: number; url: number };
} {
  const s = settings();
  const budgets = importBudgets({
    fetchMs: FETCH_TIMEOUT_MS,
    documentCpuMs: s.CLAIMDESK_DOCUMENT_BUDGET_MS,
    storeMs: s.CLAIMDESK_STORE_TIMEOUT_MS,
    connectionWaitMs: CONNECTION_WAIT_MS,
  });
  const lease = leases(budgets, s.CLAIMDESK_JOB_LEASE_SECONDS);
  if ("problem" in lease) throw new Error(lease.problem);
  return { budgets, lease };
}

/**
 * A worker: takes import items, feed polls and re-extractions from the queue in PostgreSQL
 * and runs them. Any number of workers, on any machines, may share one database.
 *
 * Two lanes take import items: the document lane as many at once as the worker has threads
 * (and, when no import waits, re-extractions), the web lane as many fetches as
 * CLAIMDESK_FETCH_CONCURRENCY allows (a fetch waits on the network, not on a thread; the
 * page it brings then waits for a thread, ahead of new work). A worker never exits because
 * the database went away: each lane logs it once, waits, and takes work again when it is
 * back; an item interrupted meanwhile is given back (fenced by its attempt) for another try.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const s = settings();
  const { budgets, lease } = workerBudgets();
  const threads = options.threads ?? s.CLAIMDESK_WORKER_THREADS;
  const id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const log = options.log.child({ worker: id });
  const pool = new DocumentPool({ threads });
  const library = new LibraryMatcher();
  const cpu = new Slots(threads);
  const info = { id, hostname: os.hostname(), pid: process.pid, threads, startedAt: new Date() };
  await recordWorkerHeartbeat(info);

  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  const ctx: ImportContext = {
    pool,
    budgets,
    stop: stopping.signal,
    threadFor: async (deadline) => {
      await cpu.take(AbortSignal.any([deadline, stopping.signal]));
      return () => cpu.give();
    },
    judge: (texts, signal) => library.judge(texts, signal),
    onJudgeError: (err) =>
      log.warn({ err }, "the sentence encoder could not judge claims; they keep the words' scores"),
  };

  // The sentence encoder loads in the background (a few seconds), so that the first
  // article's claims need not wait for it to be judged.
  library.judge(["The sentence encoder is ready."], stopping.signal).catch((err) => {
    if (!stopping.signal.aborted)
      log.warn({ err }, "the sentence encoder could not be loaded; claims keep the words' scores");
  });

  const outage = outageLog(log);
  /** Keeps a promise of running work, so that stop() can wait for it. */
  const track = (work: Promise<void>) => {
    const tracked = work.finally(() => running.delete(tracked));
    running.add(tracked);
  };

  /**
   * Settles what a delivery could not finish, awaited and retried while the database is
   * away, until it lands or the item is no longer this delivery's (null).
   */
  const giveBack = async (what: string, settle: () => Promise<unknown>) => {
    for (let wait = 500; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        await settle();
        return;
      } catch (err) {
        if (stopping.signal.aborted) {
          log.warn({ err, what }, "could not give back work while stopping; its lease will");
          return;
        }
        outage.failed(err);
        await sleep(wait, stopping.signal);
      }
    }
  };

  /**
   * "Checked before" for an article's claims, after its store (storeArticle's matchLater):
   * database work, so it runs without holding a thread or fetch slot. Not finished (the
   * database went away), the article is matched by a later sweep.
   */
  const matchArticle = async (articleId: string) => {
    try {
      // The desk's latest verdicts in the library first; a failure here only leaves them out.
      await library.refresh().catch((err) => log.warn({ err }, "refreshing the library stopped"));
      let inLibrary = 0;
      const flagged = await matchArticleClaims(articleId, undefined, async (ids) => {
        inLibrary += await library.matchClaims(ids);
      });
      log.info(
        { articleId, flagged, inLibrary },
        "claims matched against the approved ones and the library",
      );
    } catch (err) {
      log.warn({ err, articleId }, "matching claims stopped; a later sweep finishes it");
    }
  };

  const runItem = async (item: ClaimedItem, release: () => void) => {
    let released = false;
    const free = () => {
      if (released) return;
      released = true;
      release();
    };
    try {
      const result = await runImportItem(item, ctx);
      log.info({ itemId: item.id, attempt: item.attempt, result }, "import item done");
      free();
      const articleId = result === "IMPORTED" ? await unmatchedArticleOf(item.id) : null;
      if (articleId) await matchArticle(articleId);
    } catch (err) {
      log.warn(
        { err, itemId: item.id, attempt: item.attempt },
        "import item stopped; giving it back",
      );
      free();
      await giveBack(`import item ${item.id}`, () => retryImportItem(item));
    } finally {
      free();
    }
  };

  const runRextraction = async (item: ClaimedReextraction) => {
    try {
      const result = await runReextraction(item, ctx);
      log.info({ articleId: item.articleId, ...result }, "article re-extracted");
    } catch (err) {
      log.warn({ err, articleId: item.articleId }, "re-extraction stopped; giving it back");
      await giveBack(`re-extraction ${item.id}`, () => retryReextraction(item));
    } finally {
      cpu.give();
    }
  };

  /** Documents: a thread first, then the next item by the fair pick (or a re-extraction). */
  const documentLane = async () => {
    while (!stopping.signal.aborted) {
      if (!cpu.tryTake()) {
        await sleep(IDLE_POLL_MS / 5, stopping.signal);
        continue;
      }
      let taken = false;
      try {
        const item = await takeImportItem({
          workerId: id,
          lane: "document",
          leaseMs: lease.document,
        });
        if (item) {
          taken = true;
          track(runItem(item, () => cpu.give()));
        } else {
          const reextraction = await takeReextraction({ workerId: id, leaseMs: lease.document });
          if (reextraction) {
            taken = true;
            track(runRextraction(reextraction));
          }
        }
        outage.recovered();
      } catch (err) {
        outage.failed(err);
      } finally {
        if (!taken) cpu.give();
      }
      if (!taken) await sleep(outage.down ? outage.wait() : IDLE_POLL_MS, stopping.signal);
    }
  };

  /** Web addresses: up to CLAIMDESK_FETCH_CONCURRENCY fetches, a few per host over all workers. */
  const fetches = new Slots(s.CLAIMDESK_FETCH_CONCURRENCY);
  const urlLane = async () => {
    while (!stopping.signal.aborted) {
      if (!fetches.tryTake()) {
        await sleep(IDLE_POLL_MS / 5, stopping.signal);
        continue;
      }
      let item: ClaimedItem | null = null;
      try {
        item = await takeImportItem({
          workerId: id,
          lane: "url",
          leaseMs: lease.url,
          hostLimit: s.CLAIMDESK_FETCH_PER_HOST,
        });
        outage.recovered();
      } catch (err) {
        outage.failed(err);
      }
      if (item) track(runItem(item, () => fetches.give()));
      else {
        fetches.give();
        await sleep(outage.down ? outage.wait() : IDLE_POLL_MS, stopping.signal);
      }
    }
  };

  /** Feeds due for a poll, one at a time per worker. */
  const feedLane = async () => {
    while (!stopping.signal.aborted) {
      let polled = false;
      try {
        const poll = await takeDueFeed({ leaseMs: lease.url });
        outage.recovered();
        if (poll) {
          polled = true;
          const result = await runFeedPoll(poll, ctx);
          log.info({ feedId: poll.id, ...result }, "feed polled");
        }
      } catch (err) {
        outage.failed(err);
      }
      if (!polled) {
        const tick = s.CLAIMDESK_FEED_TICK_SECONDS * 1000;
        await sleep(outage.down ? outage.wait() : tick, stopping.signal);
      }
    }
  };

  /**
   * A lane that does one piece of work at a time with `step` (true: there was some), and
   * waits when there was none or the database is away (backing off like an outage).
   */
  const pollingLane = (step: () => Promise<boolean>) => async () => {
    while (!stopping.signal.aborted) {
      let worked = false;
      try {
        worked = await step();
        outage.recovered();
      } catch (err) {
        outage.failed(err);
      }
      if (!worked) await sleep(outage.down ? outage.wait() : IDLE_POLL_MS, stopping.signal);
    }
  };

  /**
   * The outbox: each event delivered to its channels once its change has committed, one at
   * a time per worker (SKIP LOCKED shares them among workers). A failure backs off like an
   * outage; the event is tried again, and left after MAX_ATTEMPTS with its error.
   */
  const eventLane = pollingLane(dispatchNextEvent);

  /**
   * Mails and webhook deliveries: a few sent at once (each waits on another server, up to
   * CLAIMDESK_DELIVERY_TIMEOUT_SECONDS), each under its lease.
   */
  const deliveryLane = pollingLane(deliverNext);

  let sweepingMatches = false;
  let refreshingLibrary = false;
  let refreshError = "";
  const lanes = [
    documentLane(),
    urlLane(),
    feedLane(),
    eventLane(),
    ...Array.from({ length: DELIVERIES_AT_ONCE }, deliveryLane),
  ];
  const timers = [
    setInterval(() => {
      recordWorkerHeartbeat(info).catch((err) => outage.failed(err));
    }, HEARTBEAT_MS),
    setInterval(() => {
      Promise.all([sweepExpiredLeases(), sweepReextractions()])
        .then(([swept, reextractions]) => {
          if (swept.failed + swept.requeued + reextractions > 0)
            log.warn({ ...swept, reextractions }, "work of lost workers taken back");
        })
        .catch((err) => outage.failed(err));
      // Today's digests, once the hour has come (once a day per person, over all workers),
      // and the owners of imports that finished with failures.
      scheduleDigests().catch((err) => outage.failed(err));
      tellFinishedImports().catch((err) => outage.failed(err));
      // One article whose claims a lost worker left unmatched, at a time.
      if (!sweepingMatches) {
        sweepingMatches = true;
        takeUnmatchedArticle()
          .then((articleId) => (articleId ? matchArticle(articleId) : undefined))
          .catch((err) => outage.failed(err))
          .finally(() => (sweepingMatches = false));
      }
      // The desk's new verdicts into the library, and records still without an embedding.
      if (!refreshingLibrary) {
        refreshingLibrary = true;
        library
          .refresh()
          .then((embedded) => {
            refreshError = "";
            if (embedded > 0) log.info({ embedded }, "fact-checks embedded");
          })
          .catch((err) => {
            // Logged once until it works again or fails otherwise (not every tick).
            const message = err instanceof Error ? err.message : String(err);
            if (message !== refreshError)
              log.warn({ err }, "refreshing the fact-check library stopped");
            refreshError = message;
          })
          .finally(() => (refreshingLibrary = false));
      }
    }, SWEEP_MS),
  ];
  log.info(
    {
      threads,
      fetches: fetches.size,
      leaseSeconds: lease.url / 1000,
      workersRunning: await liveWorkers(),
    },
    "worker started",
  );

  return {
    id,
    async stop() {
      stopping.abort();
      timers.forEach(clearInterval);
      await Promise.all(lanes);
      // What runs has 10 s to finish; then its threads stop, and each item is given back.
      await Promise.race([Promise.all(running), sleep(10_000)]);
      await Promise.all([pool.destroy(), library.destroy()]);
      closeMail();
      await Promise.all(running);
      await removeWorkerHeartbeat(id).catch(() => {});
      log.info("worker stopped");
    },
  };
}

/** Resolves after `ms`, or at once when the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * The database going away, logged once when it starts and once when it ends (not once per
 * lane per poll), with a back-off for the lanes meanwhile.
 */
function outageLog(log: Logger) {
  let since: number | null = null;
  let failures = 0;
  return {
    get down() {
      return since !== null;
    },
    failed(err: unknown) {
      failures++;
      if (since === null) {
        since = Date.now();
        log.error(
          { err },
          "the worker cannot reach the database (or read from it); it waits and tries again",
        );
      }
    },
    recovered() {
      if (since === null) return;
      log.warn({ outageMs: Date.now() - since }, "the database is back; the worker goes on");
      since = null;
      failures = 0;
    },
    wait: () => Math.min(500 * 2 ** Math.min(failures, 5), 10_000),
  };
}
