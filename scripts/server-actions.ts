import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * The server actions of the production build (from Next.js's action manifest), as
 * "<file>#<exported name>" → action id: what a client sends in the Next-Action header.
 * For the end-to-end tests and the benchmark, which call actions over HTTP.
 */
export function serverActionIds(): Map<string, string> {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  return new Map(
    Object.entries(manifest.node).map(([id, entry]) => [
      `${entry.filename}#${entry.exportedName}`,
      id,
    ]),
  );
}
