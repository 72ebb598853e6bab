/**
 * `npm start`: one command from a fresh clone to a running desk.
 *
 *   - no DATABASE_URL: starts the embedded PostgreSQL under .data/ (or CLAIMDESK_DATA_DIR),
 *     seeding demo users and sample articles on the first run;
 *   - DATABASE_URL: uses that server, seeding only the verdict vocabulary (demo users with
 *     --seed-demo);
 * then applies migrations, builds the app when the sources changed, and serves it.
 * Ctrl-C stops the app, then the embedded server.
 *
 * It also runs a worker (scripts/worker.ts) for imports and re-extraction, restarted if it
 * dies. Ctrl-C stops the worker (running jobs finish), the app, then the embedded server.
 *
 * Flags: --dev (next dev instead of a production build), --seed-demo, --fresh (wipe the
 * data folder first; only with CLAIMDESK_DATA_DIR set, for test runs), --no-worker (the web
 * app alone, when workers run elsewhere: npm run worker).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  isPortFree,
  resetEmbeddedPostgres,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { checkConnection } from "@/lib/db/connection-check";
import { describeDatabaseError } from "@/lib/db/describe-error";
import { settings, SettingsError } from "@/lib/settings";

const ROOT = path.resolve(import.meta.dirname, "..");
const args = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: {
        dev: { type: "boolean" },
        "seed-demo": { type: "boolean" },
        fresh: { type: "boolean" },
        "no-worker": { type: "boolean" },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`claimdesk: ${(error as Error).message}`);
    console.error("usage: npm start -- [--dev] [--seed-demo] [--fresh] [--no-worker]");
    process.exit(2);
  }
})();
const dev = args.dev === true;

function say(line: string) {
  console.log(`claimdesk: ${line}`);
}

class StartError extends Error {}

let embedded: EmbeddedPostgres | null = null;
let app: ChildProcess | null = null;
let worker: ChildProcess | null = null;
let lockFile: string | null = null;
let stopping = false;

async function main() {
  // Every setting is read once, here, before anything starts: a wrong one stops the start
  // with its name and what it expects (lib/settings.ts).
  let config;
  try {
    config = settings();
  } catch (error) {
    if (error instanceof SettingsError) throw new StartError(error.message);
    throw error;
  }
  const port = config.PORT;
  const host = config.HOST;
  if (!(await isPortFree(port, host))) {
    throw new StartError(
      `port ${port} is already in use. Stop what runs there, or start with PORT=<another port>.`,
    );
  }

  let databaseUrl = config.DATABASE_URL;
  let secret = config.NEXTAUTH_SECRET; // empty counts as unset
  const seedDemo = args["seed-demo"] === true;

  if (!databaseUrl) {
    const dataDir = path.resolve(ROOT, config.CLAIMDESK_DATA_DIR);
    if (args.fresh === true) {
      if (!process.env.CLAIMDESK_DATA_DIR) {
        throw new StartError(
          "--fresh deletes the data folder; it needs CLAIMDESK_DATA_DIR set explicitly.",
        );
      }
      await resetEmbeddedPostgres(dataDir);
    }
    await mkdir(dataDir, { recursive: true, mode: 0o711 });
    await takeAppLock(dataDir);
    embedded = await startEmbeddedPostgres({ dataDir, log: say });
    databaseUrl = embedded.url;
    say(`embedded PostgreSQL on port ${embedded.port} (data in ${embedded.pgDir})`);
    secret ??= await embeddedSecret(dataDir);
  } else {
    if (!secret) {
      throw new StartError(
        "NEXTAUTH_SECRET is required with DATABASE_URL: set it to a long random string (openssl rand -base64 32).",
      );
    }
    await checkConnection(databaseUrl).catch((error: Error) => {
      throw new StartError(error.message);
    });
  }

  const migrated = await migrate(databaseUrl, { log: say });
  for (const name of migrated.modified)
    say(`warning: migration ${name} changed after it was applied`);

  process.env.DATABASE_URL = databaseUrl;
  const { prepareDatabase, closeDatabase } = await import("@/lib/data/setup");
  const { DEMO_USERS } = await import("@/seeds/demo");
  try {
    const prepared = await prepareDatabase({ embedded: embedded !== null, seedDemo });
    const { seeded } = prepared;
    if (seeded.verdicts + seeded.users + seeded.articles > 0) {
      say(`seeded ${seeded.verdicts} verdicts, ${seeded.users} users, ${seeded.articles} articles`);
    }
    if (prepared.matchPrepared > 0) {
      say(`prepared ${prepared.matchPrepared} claims for similarity matching`);
    }
    const demoPresent = prepared.demoUsers;
    if (!dev) await buildIfStale();
    const publicUrl = config.NEXTAUTH_URL ?? `http://localhost:${port}`;
    app = spawn(
      process.execPath,
      [
        path.join(ROOT, "scripts/serve.mjs"),
        "--port",
        String(port),
        "--host",
        host,
        ...(dev ? ["--dev"] : []),
      ],
      {
        cwd: ROOT,
        stdio: "inherit",
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          NEXTAUTH_SECRET: secret,
          NEXTAUTH_URL: publicUrl,
        },
      },
    );
    app.on("exit", (code, signal) => {
      if (!stopping) {
        say(`the app stopped (${signal ?? `exit code ${code}`})`);
        void shutdown(code ?? 1);
      }
    });
    if (!args["no-worker"]) startWorker({ ...process.env, DATABASE_URL: databaseUrl });
    await waitForHealth(`http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/api/health`);
    say(`ClaimDesk is running at ${publicUrl}`);
    if (demoPresent > 0) {
      // Passwords go to a person at a terminal, never into a captured log.
      if (process.stdout.isTTY) {
        say("demo logins:");
        for (const user of DEMO_USERS)
          say(`  ${user.role.padEnd(8)}  ${user.email.padEnd(26)}  ${user.password}`);
      } else {
        say(`demo logins: ${DEMO_USERS.map((u) => u.email).join(", ")} (passwords in the README)`);
      }
    }
    say("press Ctrl-C to stop");
  } finally {
    await closeDatabase();
  }
}

/** The worker for imports: restarted after a crash (at once, then waiting longer each time). */
function startWorker(env: NodeJS.ProcessEnv, restarts = 0) {
  const started = Date.now();
  // One process (tsx's loader, not its command line, which would run the worker in a child
  // of its own that a kill of the parent leaves behind), told whose worker it is: it stops
  // when this process is gone, however that happened.
  worker = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.join(ROOT, "scripts/worker.ts")],
    {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...env, CLAIMDESK_WORKER_PARENT_PID: String(process.pid) },
    },
  );
  worker.on("exit", (code, signal) => {
    if (stopping) return;
    // A worker that ran for a minute starts its count of quick crashes again.
    const count = Date.now() - started > 60_000 ? 0 : restarts + 1;
    const wait = Math.min(30_000, 1000 * 2 ** Math.max(0, count - 1));
    say(`the worker stopped (${signal ?? `exit code ${code}`}); restarting it in ${wait / 1000} s`);
    setTimeout(() => {
      if (!stopping) startWorker(env, count);
    }, wait);
  });
}

/** One app per data folder: a second `npm start` here would share the embedded server. */
async function takeAppLock(dataDir: string) {
  const file = path.join(dataDir, "app.pid");
  const previous = Number((await readFile(file, "utf8").catch(() => "")).trim());
  if (previous && previous !== process.pid && isAlive(previous)) {
    throw new StartError(
      `ClaimDesk is already running from ${dataDir} (pid ${previous}). Stop it first.`,
    );
  }
  await writeFile(file, `${process.pid}\n`, { mode: 0o600 });
  lockFile = file;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes("start");
  } catch {
    return false;
  }
}

/** The session secret of the embedded default, made once and kept beside the data. */
async function embeddedSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "nextauth-secret");
  const existing = (await readFile(file, "utf8").catch(() => "")).trim();
  if (existing.length >= 32) return existing;
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "types",
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

async function buildIfStale() {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...BUILD_INPUTS.map((p) => newestMtime(path.join(ROOT, p))));
  if (built > sources) return;
  say(
    built
      ? "sources changed since the last build; rebuilding"
      : "building the app (the first build takes a minute or two)",
  );
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"],
      {
        cwd: ROOT,
        stdio: "inherit",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      },
    );
    child.on("exit", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new StartError("the build failed (see the output above)");
}

async function waitForHealth(url: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!stopping) throw new StartError(`the app did not become healthy at ${url}`);
}

/** Asks a child to stop, and kills it if it has not after `graceMs`. */
async function stopChild(child: ChildProcess | null, graceMs: number) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // The worker first: its running jobs finish (or return to the queue) while the database is up.
  await Promise.all([stopChild(worker, 15_000), stopChild(app, 10_000)]);
  if (embedded) {
    say("stopping the embedded PostgreSQL");
    await embedded.stop().catch((error: Error) => say(error.message));
  }
  if (lockFile) await rm(lockFile, { force: true });
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  const message =
    error instanceof StartError || (error instanceof Error && /Embedded|Migration/.test(error.name))
      ? error.message
      : describeDatabaseError(error);
  console.error(`claimdesk: ${message}`);
  await shutdown(1);
});
