/**
 * Search and similar-claims latency at volume: a scratch embedded database with N claims
 * (default 100,000; sentences from PolNeAR articles when ../shared/data is there, varied
 * synthetic sentences otherwise), then 100 full-text searches and 100 similar-claims
 * look-ups through the app's own queries. Reports median and p95 in milliseconds.
 *
 *   npx tsx --conditions=react-server scripts/bench-search.ts [N]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { resetEmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { matchFields } from "@/lib/domain/matching";
import { splitSentences } from "@/lib/domain/extraction/text";

const ROOT = path.resolve(import.meta.dirname, "..");
const N = Number(process.argv[2] ?? 100_000);
const corpus = path.join(ROOT, "../shared/data/polnear/train/text");

function sentences(): string[] {
  const out: string[] = [];
  if (existsSync(corpus)) {
    for (const file of readdirSync(corpus)) {
      const text = readFileSync(path.join(corpus, file), "utf8");
      for (const s of splitSentences(text)) {
        const sentence = text.slice(s.start, s.end);
        if (sentence.length > 40 && sentence.length < 400) out.push(sentence);
      }
    }
  }
  if (out.length === 0) {
    const subjects = [
      "The minister",
      "Police",
      "The council",
      "Officials",
      "The company",
      "Researchers",
    ];
    const verbs = ["said", "reported", "denied", "confirmed", "claimed"];
    for (let i = 0; i < 5000; i++) {
      out.push(
        `${subjects[i % 6]} ${verbs[i % 5]} that ${i % 97} people were affected in district ${i % 113} during ${2000 + (i % 25)}`,
      );
    }
  }
  return out;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)]!;

const dataDir = path.join(ROOT, ".data/bench-search");
await resetEmbeddedPostgres(dataDir);
const db = await startEmbeddedPostgres({ dataDir });
try {
  await migrate(db.url);
  const pool = sentences();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const t0 = performance.now();
  await client.query(`INSERT INTO "Article" (id, title, body, "contentHash", "updatedAt")
    SELECT gen_random_uuid(), 'Article ' || i, 'body', 'h' || i, now() FROM generate_series(1, 1000) i`);
  const articles = (await client.query<{ id: string }>(`SELECT id FROM "Article"`)).rows.map(
    (r) => r.id,
  );
  for (let done = 0; done < N; done += 1000) {
    const texts: string[] = [];
    const matches: string[] = [];
    const bands: string[] = [];
    const articleIds: string[] = [];
    for (let i = done; i < Math.min(N, done + 1000); i++) {
      // Reuse sentences with a varying tail so that rows differ, as a year of claims would.
      const text = `${pool[i % pool.length]} (${Math.floor(i / pool.length)})`;
      texts.push(text);
      const fields = matchFields(text);
      matches.push(fields.matchText);
      bands.push(`{${fields.matchBands.join(",")}}`);
      articleIds.push(articles[i % articles.length]!);
    }
    await client.query(
      `INSERT INTO "Claim" (id, "articleId", text, "matchText", "matchBands", state, "updatedAt")
       SELECT gen_random_uuid(), a, t, m, b::int[], 'APPROVED', now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS x(a, t, m, b)`,
      [articleIds, texts, matches, bands],
    );
  }
  await client.query("ANALYZE");
  console.log(`generated ${N} claims in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await client.end();

  process.env.DATABASE_URL = db.url;
  const { searchClaims, listSimilarClaims } = await import("@/lib/data/matching");
  const { prisma } = await import("@/lib/db");
  const queries = [
    "chemical weapons",
    '"health care" costs',
    "Clinton emails server",
    "tax returns",
    "border wall Mexico",
    "police shooting",
    "unemployment rate",
    "Supreme Court nominee",
    "climate change",
    "debate moderator",
  ];
  const ids = (await prisma.claim.findMany({ select: { id: true }, take: 100, skip: 1000 })).map(
    (c) => c.id,
  );
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  for (const q of queries) await searchClaims(q); // warm-up
  const search: number[] = [];
  for (let i = 0; i < 100; i++)
    search.push(await time(() => searchClaims(queries[i % queries.length]!)));
  const similar: number[] = [];
  let found = 0;
  for (const id of ids.slice(0, 10)) await listSimilarClaims(id);
  for (const id of ids)
    similar.push(await time(async () => (found += (await listSimilarClaims(id)).length)));
  console.log(
    `search:  median ${percentile(search, 0.5).toFixed(1)} ms, p95 ${percentile(search, 0.95).toFixed(1)} ms (100 queries)`,
  );
  console.log(
    `similar: median ${percentile(similar, 0.5).toFixed(1)} ms, p95 ${percentile(similar, 0.95).toFixed(1)} ms (100 claims, ${(found / ids.length).toFixed(1)} similar claims found per claim)`,
  );
  await prisma.$disconnect();
} finally {
  await db.stop();
}
