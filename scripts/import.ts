/**
 * Batch import: `npm run import -- <files, folders or web addresses> [--as <email>]`
 *
 * Queues .txt, .md, .html, .json and .jsonl files (folders recursively) and http(s)
 * addresses (fetched by the workers through the safe fetcher) as one import,
 * then works as a worker until that import is done, showing progress: it needs no running
 * app, and when one runs (or other workers do), they share the work. Prints a summary and
 * exits non-zero when any file or line could not be imported. Interrupted, it leaves the
 * rest queued for the next worker.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { openScriptDatabase } from "@/lib/db/script-database";
import { SUPPORTED_EXTENSIONS } from "@/lib/domain/import/parse";
import { MAX_UPLOAD_BYTES } from "@/lib/validation/article";
import { runMain } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");
const USAGE = "usage: npm run import -- <files, folders or web addresses> [--as <email>]";
/** Files queued per transaction (each holds its file's bytes). */
const QUEUE_CHUNK = 20;

async function collect(target: string, into: string[]): Promise<void> {
  const info = await stat(target);
  if (info.isDirectory()) {
    for (const entry of (await readdir(target)).sort()) {
      if (entry.startsWith(".")) continue;
      const child = path.join(target, entry);
      const childInfo = await stat(child);
      if (
        childInfo.isDirectory() ||
        SUPPORTED_EXTENSIONS.includes(path.extname(entry).toLowerCase())
      ) {
        await collect(child, into);
      }
    }
  } else {
    into.push(target);
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { as: { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`import: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const targets = parsed.positionals;
  const asEmail = parsed.values.as?.toLowerCase();
  if (targets.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const files: string[] = [];
  const urls = [...new Set(targets.filter((t) => /^https?:\/\//i.test(t)))];
  for (const target of targets.filter((t) => !/^https?:\/\//i.test(t))) {
    try {
      await collect(path.resolve(target), files);
    } catch {
      console.error(`import: ${target}: no such file or folder`);
      return 2;
    }
  }

  const db = await openScriptDatabase(ROOT);
  process.env.DATABASE_URL = db.url;
  const { closeDatabase } = await import("@/lib/data/setup");
  const { findUserByEmail } = await import("@/lib/data/users");
  const imports = await import("@/lib/data/import-batches");
  const { startWorker } = await import("@/lib/jobs/worker");
  const refused: string[] = [];
  let worker: Awaited<ReturnType<typeof startWorker>> | null = null;
  try {
    let userId: string | null = null;
    if (asEmail) {
      const user = await findUserByEmail(asEmail);
      if (!user) {
        console.error(`import: no user with email ${asEmail}`);
        return 2;
      }
      userId = user.id;
    }
    const actor = { userId, label: `cli:${process.env.USER ?? "import"}` };

    // The work starts while the rest is still being queued.
    // Warnings and worse unless LOG_LEVEL asks for more: the progress bar is the output.
    const { settings } = await import("@/lib/settings");
    const level = process.env.LOG_LEVEL ? settings().LOG_LEVEL : "warn";
    const quiet = pino({ level }, pino.destination(2));
    worker = await startWorker({ databaseUrl: db.url, log: quiet });
    let batchId: string | undefined;
    for (let i = 0; i < files.length; i += QUEUE_CHUNK) {
      const items = [];
      for (const file of files.slice(i, i + QUEUE_CHUNK)) {
        const name = path.relative(process.cwd(), file) || file;
        const { size } = await stat(file);
        if (size > MAX_UPLOAD_BYTES) {
          refused.push(
            `${name}: file is ${megabytes(size)}; the limit is ${megabytes(MAX_UPLOAD_BYTES)} per file`,
          );
          continue;
        }
        items.push({ source: name, kind: "FILE" as const, content: await readFile(file) });
      }
      if (items.length === 0) continue;
      ({ batchId } = await imports.queueImport(actor, items, {
        batchId,
        label: actor.label,
        maxQueued: null,
      }));
    }
    for (let i = 0; i < urls.length; i += QUEUE_CHUNK) {
      const items = urls.slice(i, i + QUEUE_CHUNK).map(imports.urlItem);
      ({ batchId } = await imports.queueImport(actor, items, {
        batchId,
        label: actor.label,
        maxQueued: null,
      }));
    }
    const total = files.length + urls.length;

    let progress = batchId ? await imports.importBatchProgress(batchId) : null;
    for (;;) {
      const filesDone = (progress?.filesDone ?? 0) + refused.length;
      const pending = (progress?.counts.QUEUED ?? 0) + (progress?.counts.RUNNING ?? 0);
      report(filesDone, total, progress?.counts ?? {}, refused.length);
      if (pending === 0 && filesDone === total) break;
      await new Promise((r) => setTimeout(r, 300));
      progress = await imports.importBatchProgress(batchId!);
    }
    if (process.stderr.isTTY) process.stderr.write("\n");

    const counts = progress?.counts ?? {};
    const failures = [
      ...refused,
      ...(batchId ? await imports.importBatchFailures(batchId) : []).map(
        (f) => `${f.source}: ${f.error}`,
      ),
    ];
    const claims = batchId ? await imports.importBatchClaims(batchId) : 0;
    console.log(
      `imported ${counts.IMPORTED ?? 0} articles (${claims} claims), ${counts.DUPLICATE ?? 0} already there, ${failures.length} failed`,
    );
    for (const failure of failures) console.log(`  failed: ${failure}`);
    return failures.length > 0 ? 1 : 0;
  } finally {
    await worker?.stop();
    await closeDatabase();
    await db.close();
  }
}

function report(
  filesDone: number,
  files: number,
  counts: Partial<Record<string, number>>,
  refused: number,
) {
  const width = 30;
  const filled = Math.round((filesDone / Math.max(1, files)) * width);
  const bar = "#".repeat(filled) + ".".repeat(width - filled);
  const line = `[${bar}] ${filesDone}/${files} files and addresses · ${counts.IMPORTED ?? 0} imported, ${counts.DUPLICATE ?? 0} duplicates, ${(counts.FAILED ?? 0) + refused} failed`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
  else if (filesDone === files || filesDone % 25 === 0) {
    // Written once per step on a log, not on every poll.
    if (line !== lastLine) process.stderr.write(`${line}\n`);
  }
  lastLine = line;
}
let lastLine = "";

process.once("SIGINT", () => {
  console.error("\nimport: interrupted; what was queued stays queued for the next worker");
  process.exit(130);
});

runMain("import", () => main(process.argv.slice(2)));
