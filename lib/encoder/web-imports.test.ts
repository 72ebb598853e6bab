import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The sentence encoder (TensorFlow.js and 28 MB of weights) runs in workers and scripts
 * only: no module the web server serves from (app/, components/, proxy.ts,
 * instrumentation.ts) may reach it, directly or through what it imports; nor the encoder
 * check-worthiness model's weights, which only the encoder's side reads.
 */
const WORKER_ONLY = [/^@energetic-ai\//, /checkworthiness-encoder-model\.json$/];
const ROOT = path.resolve(import.meta.dirname, "../..");
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs"];

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const candidate of [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(tsx?|mjs)$/.test(entry.name) && !/\.test\./.test(entry.name) ? [full] : [];
  });
}

describe("the web server and the sentence encoder", () => {
  it("no page, route, component or server module imports the encoder, even indirectly", () => {
    const start = [
      ...sources(path.join(ROOT, "app")),
      ...sources(path.join(ROOT, "components")),
      path.join(ROOT, "proxy.ts"),
      path.join(ROOT, "instrumentation.ts"),
    ].filter((f) => existsSync(f));
    const seen = new Map<string, string | null>(start.map((f) => [f, null]));
    const queue = [...start];
    const reached: string[] = [];
    while (queue.length > 0) {
      const file = queue.shift()!;
      const text = readFileSync(file, "utf8");
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        if (WORKER_ONLY.some((pattern) => pattern.test(spec!)))
          reached.push(chain(seen, file, spec!));
        const target = resolve(file, spec!);
        if (!target || seen.has(target)) continue;
        seen.set(target, file);
        queue.push(target);
      }
    }
    expect(reached).toEqual([]);
    // The walk did follow the app's imports into lib/ (it is not vacuous).
    expect(seen.has(path.join(ROOT, "lib/data/fact-check-library.ts"))).toBe(true);
    expect(seen.has(path.join(ROOT, "lib/encoder/version.ts"))).toBe(true);
    expect(seen.has(path.join(ROOT, "lib/domain/extraction/checkworthiness-features.ts"))).toBe(
      true,
    );
  });
});

/** How `file` was reached, for the failure message. */
function chain(seen: Map<string, string | null>, file: string, spec: string): string {
  const steps = [spec];
  for (let at: string | null = file; at; at = seen.get(at) ?? null) {
    steps.unshift(path.relative(ROOT, at));
  }
  return steps.join(" → ");
}
