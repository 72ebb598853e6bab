/**
 * `npm run worker`: runs import and re-extraction jobs, on this machine or any other with
 * the same DATABASE_URL (without it: the embedded database of this checkout). `npm start`
 * runs one beside the web app; start more to import faster.
 *
 * CLAIMDESK_WORKER_THREADS sets the threads (default: the machine's cores);
 * CLAIMDESK_DOCUMENT_BUDGET_MS the time budget of one document (default 5000).
 */
import path from "node:path";
import { openScriptDatabase } from "@/lib/db/script-database";
import { runMain } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");

async function main(): Promise<number> {
  const db = await openScriptDatabase(ROOT);
  process.env.DATABASE_URL = db.url;
  const { log } = await import("@/lib/log");
  const { startWorker } = await import("@/lib/jobs/worker");
  const worker = await startWorker({ databaseUrl: db.url, log });
  const reason = await new Promise<string>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
    // Run by `npm start`: stop with it, even when it was killed outright.
    const parent = Number(process.env.CLAIMDESK_WORKER_PARENT_PID);
    if (parent) {
      setInterval(() => {
        try {
          process.kill(parent, 0);
        } catch {
          resolve("the app that started it is gone");
        }
      }, 2000).unref();
    }
  });
  log.info({ worker: worker.id, reason }, "worker stopping: letting running jobs finish");
  await worker.stop();
  await db.close();
  return 0;
}

runMain("worker", main);
