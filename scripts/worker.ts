/**
 * `npm run worker`: runs imports, feed polls and re-extractions, on this machine or any
 * other with the same DATABASE_URL (without it: the embedded database of this checkout).
 * `npm start` runs one beside the web app; start more to import faster. It outlives the
 * database going away (it waits and goes on); a rejection nobody handled is logged, never
 * fatal. Settings: lib/settings.ts (CLAIMDESK_WORKER_THREADS, CLAIMDESK_DOCUMENT_BUDGET_MS, …).
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
  // A library that settles a promise nobody awaits must not end the worker.
  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled rejection (ignored)"));
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
