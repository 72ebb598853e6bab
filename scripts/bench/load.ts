/**
 * The benchmark's load generator, run as a process of its own (so that it never shares an
 * event loop with what it measures): `tsx scripts/bench/load.ts <spec.json>` prints one
 * JSON result. Each of `connections` loops sends a request, reads the whole response and
 * sends the next, for `durationMs` after `warmupMs` (or, with `mode: "once"`, until every
 * request was sent once). `mode: "chain"` gives each loop its own request and fills
 * `__VERSION__` in its body from the previous response's `"version":N` (a reviewer saving
 * the same form again and again).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** For "chain": the version to send first. */
  version?: number;
}

export interface LoadSpec {
  baseUrl: string;
  connections: number;
  mode: "cycle" | "once" | "chain";
  durationMs?: number;
  warmupMs?: number;
  /** A response counts as an error unless its status is 2xx and its body contains this. */
  expect?: string;
  /** Return every latency too (to merge several runs into one distribution). */
  raw?: boolean;
  requests: LoadRequest[];
}

export interface LoadResult {
  requests: number;
  errors: number;
  errorSamples: string[];
  statuses: Record<string, number>;
  seconds: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  latencies?: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  let measuring = !spec.warmupMs;
  let stopAt = Infinity;

  async function send(request: LoadRequest): Promise<string> {
    const started = performance.now();
    let status = "error";
    let text = "";
    try {
      const response = await fetch(spec.baseUrl + request.path, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: "manual",
      });
      status = String(response.status);
      text = await response.text();
    } catch (error) {
      text = String(error);
    }
    const ms = performance.now() - started;
    if (!measuring) return text;
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
    const ok = status.startsWith("2") && (!spec.expect || text.includes(spec.expect));
    if (!ok) {
      errors += 1;
      if (errorSamples.length < 5)
        errorSamples.push(`${status} ${request.path}: ${text.slice(0, 300)}`);
    }
    return text;
  }

  const versions = spec.requests.map((r) => String(r.version ?? 1));
  async function loop(index: number) {
    while (performance.now() < stopAt) {
      if (spec.mode === "chain") {
        const request = spec.requests[index % spec.requests.length]!;
        const body = request.body?.replace("__VERSION__", versions[index]!);
        const text = await send({ ...request, body });
        versions[index] = /"version":(\d+)/.exec(text)?.[1] ?? versions[index]!;
      } else if (spec.mode === "once") {
        const request = spec.requests[next++];
        if (!request) return;
        await send(request);
      } else {
        await send(spec.requests[next++ % spec.requests.length]!);
      }
    }
  }

  if (spec.warmupMs) {
    stopAt = performance.now() + spec.warmupMs;
    if (spec.mode !== "once")
      await Promise.all(Array.from({ length: spec.connections }, (_, i) => loop(i)));
    measuring = true;
  }
  const started = performance.now();
  stopAt = spec.mode === "once" ? Infinity : started + (spec.durationMs ?? 10_000);
  await Promise.all(Array.from({ length: spec.connections }, (_, i) => loop(i)));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: latencies.length,
    errors,
    errorSamples,
    statuses,
    seconds: round(seconds),
    rps: round(latencies.length / seconds),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
      max: round(sorted.at(-1) ?? NaN),
    },
    ...(spec.raw ? { latencies: sorted.map(round) } : {}),
  };
}

// Run as a process of its own (run.ts imports the types and percentile only).
if (process.argv[1]?.endsWith(path.join("bench", "load.ts")) && process.argv[2]) {
  const spec = JSON.parse(readFileSync(process.argv[2], "utf8")) as LoadSpec;
  run(spec).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
