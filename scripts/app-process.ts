import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

export interface AppProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  ownProcessGroup: boolean;
}

/**
 * Starts a ClaimDesk with the real start command and waits until it serves. By default
 * in a process group of its own, so that a test can kill -9 the app as a whole, as a crash
 * would; `ownProcessGroup: false` keeps it in the caller's group, so that Ctrl-C on the
 * caller stops it too. `echo` copies its output to this process's.
 */
export async function startApp(options: {
  port: number;
  env: Record<string, string>;
  args?: string[];
  host?: string;
  ownProcessGroup?: boolean;
  echo?: boolean;
  timeoutMs?: number;
}): Promise<AppProcess> {
  const url = `http://${options.host ?? "localhost"}:${options.port}`;
  const ownProcessGroup = options.ownProcessGroup ?? true;
  let output = "";
  const child = spawn(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--conditions=react-server",
      "scripts/start.ts",
      ...(options.args ?? []),
    ],
    {
      cwd: ROOT,
      detached: ownProcessGroup,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PORT: String(options.port),
        NEXTAUTH_URL: url,
        DATABASE_URL: "",
        NEXTAUTH_SECRET: "",
        ...options.env,
      },
    },
  );
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (options.echo) process.stdout.write(chunk);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (options.echo) process.stderr.write(chunk);
  });
  const timeoutMs = options.timeoutMs ?? 180_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited:\n${output}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok && output.includes("ClaimDesk is running")) break;
    if (Date.now() > deadline)
      throw new Error(`the app did not start in ${timeoutMs} ms:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, child, output: () => output, ownProcessGroup };
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
}

/** Starts `npm run worker` (scripts/worker.ts) and waits until it takes jobs. */
export async function startWorkerProcess(options: {
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<WorkerProcess> {
  let output = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env } },
  );
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!output.includes("worker started")) {
    if (child.exitCode !== null) throw new Error(`the worker exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the worker did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, output: () => output };
}

/** Ctrl-C: the app stops, then its embedded server. */
export async function stopApp(app: AppProcess): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  process.kill(app.ownProcessGroup ? -app.child.pid! : app.child.pid!, "SIGINT");
  await exited;
}

/** kill -9 of the app's whole process group (the start command and Next.js). */
export async function killApp(app: AppProcess): Promise<void> {
  if (!app.ownProcessGroup) throw new Error("killApp needs an app in a process group of its own");
  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  process.kill(-app.child.pid!, "SIGKILL");
  await exited;
}

/** Polls until `check` is true, or fails after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not true after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
