/**
 * Export from the command line:
 *
 *   npm run export -- --format csv|json|jsonl|claimreview --out file [--state APPROVED|ALL|…]
 *                     [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--article id] [--verdict id] [--reviewer id]
 *
 * `--out -` writes to standard output. Streams: any number of claims in constant memory.
 * ClaimReview warnings (e.g. long claimReviewed) go to stderr.
 */
import { createWriteStream } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { openScriptDatabase } from "@/lib/db/script-database";
import { appBaseUrl, publisherFromSettings } from "@/lib/publisher";
import { exportFilter, exportFormat } from "@/lib/validation/export";
import { parseCommandLine, runMain, UsageError } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");

const USAGE =
  "npm run export -- --format csv|json|jsonl|claimreview --out <file or -> [--state APPROVED|ALL|…] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--article <id>] [--verdict <id>] [--reviewer <id>]";

const OPTIONS = {
  format: { type: "string" },
  out: { type: "string" },
  state: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  article: { type: "string" },
  verdict: { type: "string" },
  reviewer: { type: "string" },
} as const;

async function main(argv: string[]): Promise<number> {
  const { format: rawFormat, out, ...rest } = parseCommandLine(argv, OPTIONS).values;
  const format = exportFormat.safeParse(rawFormat);
  const filter = exportFilter.safeParse({ ...rest, state: rest.state?.toUpperCase() });
  if (!format.success || !filter.success || !out) {
    const problems = [
      ...(format.success ? [] : format.error.issues.map((i) => i.message)),
      ...(filter.success ? [] : filter.error.issues.map((i) => i.message)),
      ...(out ? [] : ["--out <file> is required (- for standard output)"]),
    ];
    throw new UsageError(problems.join("; "));
  }
  const db = await openScriptDatabase(ROOT);
  process.env.DATABASE_URL = db.url;
  const { closeDatabase } = await import("@/lib/data/setup");
  const { exportBytes } = await import("@/lib/data/export-stream");
  const target = out === "-" ? process.stdout : createWriteStream(out);
  let count = 0;
  let warnings = 0;
  try {
    const pieces = exportBytes(format.data, filter.data, {
      appBase: appBaseUrl(),
      publisher: publisherFromSettings(),
      onEnd: (claims) => (count = claims),
      onWarning: (w) => {
        warnings++;
        console.error(`warning: ${w}`);
      },
    });
    for await (const piece of pieces) {
      if (!target.write(piece)) await once(target, "drain");
    }
    if (target !== process.stdout) {
      target.end();
      await once(target, "finish");
    }
    console.error(
      `exported ${count} claims${warnings ? ` (${warnings} warnings)` : ""}${out === "-" ? "" : ` to ${out}`}`,
    );
    return 0;
  } finally {
    await closeDatabase();
    await db.close();
  }
}

runMain("export", () => main(process.argv.slice(2)), undefined, USAGE);
