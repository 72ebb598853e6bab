import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";

/**
 * The job queue: pg-boss on the app's own PostgreSQL (schema "pgboss"), no other server.
 * Imports and re-extraction are jobs; worker processes (`npm run worker`, and the one
 * `npm start` runs) take them from any machine with the same DATABASE_URL.
 *
 * Delivery is at least once: a job whose worker dies (kill -9, a lost machine) is retried
 * once its lease runs out. Handlers are idempotent (an import item and the article it
 * yields are written in one transaction, guarded by the item's status), so every item is
 * imported exactly once.
 */

export const QUEUES = {
  /** One ImportItem: a file to read, or an article to extract and store. */
  importItem: "import-item",
  /** One article to extract again with the current extractor. */
  reextractArticle: "reextract-article",
  /** One news feed to poll. */
  pollFeed: "poll-feed",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface ImportItemJob {
  itemId: string;
}

export interface FeedJob {
  feedId: string;
}

export interface ReextractJob {
  articleId: string;
  actorId: string | null;
  actorLabel?: string;
}

/** Retries of a job that failed for a reason outside the document (the database, a crash). */
export const RETRY_LIMIT = 3;

/**
 * How long a worker holds a job before it counts as lost and is retried. Longer than the
 * worst legitimate job (reading plus extracting, each bounded by the document time budget,
 * plus the write); CLAIMDESK_JOB_LEASE_SECONDS shortens it for tests of lost workers.
 */
export function leaseSeconds(): number {
  return positiveInt(process.env.CLAIMDESK_JOB_LEASE_SECONDS, 120);
}

export function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** Runs SQL on a connection of the caller's: how jobs are sent inside its transaction. */
export interface SqlRunner {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A job to insert, with the id chosen here so that the caller can record it. */
export interface NewJob<T extends object> {
  id: string;
  name: QueueName;
  data: T;
}

export function newJob<T extends object>(name: QueueName, data: T): NewJob<T> {
  return { id: randomUUID(), name, data };
}

let sender: PgBoss | null = null;

/**
 * Inserts jobs through `db` (the caller's transaction), so a job exists exactly when the
 * rows it works on do. The sending instance is never started: it opens no connection.
 */
export async function insertJobs(db: SqlRunner, jobs: NewJob<object>[]): Promise<void> {
  if (jobs.length === 0) return;
  sender ??= new PgBoss({ connectionString: "postgresql://unused", schema: SCHEMA });
  const lease = leaseSeconds();
  for (let i = 0; i < jobs.length; i += 1000) {
    await sender.insert(
      jobs.slice(i, i + 1000).map((job) => ({
        ...job,
        expireInSeconds: lease,
        retryLimit: RETRY_LIMIT,
        retryDelay: 5,
        retryBackoff: true,
      })),
      { db: db as PgBoss.Db },
    );
  }
}

const SCHEMA = "pgboss";

/** Options of a pg-boss instance that works jobs: it also runs the queue's maintenance. */
function workerOptions(connectionString: string, poolSize: number): PgBoss.ConstructorOptions {
  return {
    connectionString,
    schema: SCHEMA,
    max: poolSize,
    application_name: "claimdesk-worker",
    // Maintenance expires lost jobs (their lease ran out) into a retry.
    maintenanceIntervalSeconds: positiveInt(process.env.CLAIMDESK_JOB_MAINTENANCE_SECONDS, 30),
    // No cron schedules yet: no clock monitoring either.
    schedule: false,
  };
}

/**
 * Installs pg-boss's schema (its own migrations, under its own advisory lock) and the
 * app's queues. Part of every migration run, so that a request can send a job at once.
 */
export async function installJobQueues(connectionString: string): Promise<void> {
  const boss = new PgBoss({
    connectionString,
    schema: SCHEMA,
    max: 1,
    supervise: false,
    schedule: false,
  });
  boss.on("error", () => {}); // start() rejects with the error itself
  await boss.start();
  try {
    // Creating a queue that exists does nothing (pg-boss inserts it ON CONFLICT DO NOTHING).
    for (const name of Object.values(QUEUES)) await boss.createQueue(name, { name });
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

/** A started pg-boss instance for a worker process: it fetches jobs and runs maintenance. */
export async function startWorkerQueue(
  connectionString: string,
  { poolSize, onError }: { poolSize: number; onError: (error: Error) => void },
): Promise<PgBoss> {
  const boss = new PgBoss(workerOptions(connectionString, poolSize));
  boss.on("error", onError);
  await boss.start();
  return boss;
}

export type { PgBoss };
