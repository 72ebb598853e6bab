/**
 * Export at volume: fills a scratch embedded database with N approved claims (default
 * 100,000, each with two evidence items), then streams every export format to /dev/null,
 * reporting claims per second and the peak resident memory of this process.
 *
 *   npx tsx --conditions=react-server scripts/bench-export.ts [N]
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import pg from "pg";
import { resetEmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { encodeExport } from "@/lib/domain/export/encode";
import { EXPORT_FORMATS } from "@/lib/domain/export/types";

const ROOT = path.resolve(import.meta.dirname, "..");
const N = Number(process.argv[2] ?? 100_000);
const dataDir = path.join(ROOT, ".data/bench-export");

await resetEmbeddedPostgres(dataDir);
const db = await startEmbeddedPostgres({ dataDir });
try {
  await migrate(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const started = performance.now();
  await client.query(`
    INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
      VALUES ('00000000-0000-7000-8000-000000000001', 'bench@claimdesk.test', 'Bench Editor', 'x', 'EDITOR', now());
    INSERT INTO "Verdict" (id, key, label, "ratingValue", "order")
      VALUES ('00000000-0000-7000-8000-000000000002', 'false', 'False', 1, 0);
    INSERT INTO "Article" (id, title, body, "contentHash", "updatedAt")
      SELECT gen_random_uuid(), 'Article ' || i, repeat('Body text, "quoted". ', 20), 'h' || i, now() FROM generate_series(1, ${Math.ceil(N / 10)}) i;
    INSERT INTO "Claim" (id, "articleId", text, start, "end", state, "verdictId", "approvedById", "approvedAt", rationale, "claimantName", "updatedAt")
      SELECT gen_random_uuid(), a.id, 'Claim ' || i || ': "figures", commas, and =formulas', 0, 20, 'APPROVED',
             '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', now(), 'Because, "reasons".', 'Speaker ' || i, now()
      FROM generate_series(1, ${N}) i
      JOIN LATERAL (SELECT id FROM "Article" OFFSET (i % ${Math.ceil(N / 10)}) LIMIT 1) a ON true;
    INSERT INTO "Evidence" (id, "claimId", position, url, stance, "sourceType", "updatedAt")
      SELECT gen_random_uuid(), c.id, p, 'https://example.org/e/' || p, 'REFUTES', 'PRIMARY', now()
      FROM "Claim" c, generate_series(0, 1) p;
    ANALYZE;`);
  console.log(`generated ${N} claims in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await client.end();

  process.env.DATABASE_URL = db.url;
  const { exportClaims } = await import("@/lib/data/export");
  const { prisma } = await import("@/lib/db");
  const publisher = {
    name: "Bench",
    url: "https://bench.example",
    claimUrlTemplate: "https://bench.example/{id}",
  };
  for (const format of EXPORT_FORMATS) {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const out = createWriteStream("/dev/null");
    const t0 = performance.now();
    let count = 0;
    const claims = (async function* () {
      for await (const c of exportClaims({ state: "APPROVED" }, "https://app.example")) {
        count++;
        yield c;
      }
    })();
    for await (const chunk of encodeExport(format, claims, publisher)) {
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    clearInterval(sampler);
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `${format.padEnd(12)} ${count} claims in ${seconds.toFixed(1)} s = ${Math.round(count / seconds)} claims/s, peak RSS ${Math.round(peak / 1024 / 1024)} MB`,
    );
  }
  await prisma.$disconnect();
} finally {
  await db.stop();
}
