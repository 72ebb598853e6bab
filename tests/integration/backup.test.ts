import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createPrismaClient } from "@/lib/db";
import { backupDatabase, restoreDatabase, RestoreError, rowCounts } from "@/lib/db/backup";
import { migrate } from "@/lib/db/migrate";
import { seedDatabase } from "@/seeds/seed";
import { createClaim, createPublication, createUser, enrolSecondFactor } from "@/seeds/factories";
import { query, withEmptyDatabase } from "../support/databases";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "claimdesk-backup-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The seeded desk plus a row in every table, and a claim pointing at a later one. */
async function seedEverything(url: string) {
  await migrate(url);
  const prisma = createPrismaClient(url);
  try {
    await seedDatabase(prisma, { demo: true });
    const editor = await createUser(prisma, { role: "EDITOR", name: `Zoë "Q" O'Neil, 🧾` });
    const first = await createClaim(prisma, { text: "Line one\nline two\ttab \\ backslash" });
    const later = await createClaim(prisma, { state: "SUBMITTED" });
    await prisma.claim.update({ where: { id: first.id }, data: { duplicateOfId: later.id } });
    await prisma.evidence.create({
      data: {
        claimId: later.id,
        position: 0,
        url: "https://example.org/ünïcode?q=1&r=2",
        stance: "REFUTES",
        sourceType: "PRIMARY",
        addedById: editor.id,
      },
    });
    const verdict = await prisma.verdict.findFirstOrThrow();
    const review = await prisma.review.create({
      data: { claimId: later.id, reviewerId: editor.id, verdictId: verdict.id, rationale: "r" },
    });
    await prisma.decision.create({
      data: { reviewId: review.id, editorId: editor.id, outcome: "RETURN", reason: "more" },
    });
    await prisma.comment.create({ data: { claimId: later.id, authorId: editor.id, body: "c" } });
    // A double review: a blind review (its evidence as JSON) and a reconciliation.
    const double = await createClaim(prisma, { state: "SUBMITTED" });
    const blind = await prisma.blindReview.create({
      data: {
        claimId: double.id,
        reviewerId: editor.id,
        verdictId: verdict.id,
        rationale: "blind ✓",
        evidence: [{ id: "e1", url: "https://example.org/é", stance: "SUPPORTS" }],
        submittedAt: new Date(),
        firstSubmittedAt: new Date(),
        blindVerdictId: verdict.id,
      },
    });
    await prisma.reconciliation.create({
      data: {
        claimId: double.id,
        editorId: editor.id,
        outcome: "RETURN",
        reason: "again",
        firstReviewId: blind.id,
        secondReviewId: blind.id,
        firstVerdictId: verdict.id,
        secondVerdictId: verdict.id,
      },
    });
    await prisma.apiToken.create({
      data: {
        name: "t",
        prefix: "cdk_x",
        secretHash: "h",
        scopes: ["claims:read"],
        createdById: editor.id,
      },
    });
    const batch = await prisma.importBatch.create({
      data: { createdById: editor.id, label: "cli:test" },
    });
    const file = await prisma.importItem.create({
      data: {
        batchId: batch.id,
        position: 0,
        source: "bytes.jsonl",
        kind: "FILE",
        ownerKey: editor.id,
        status: "EXPANDED",
        children: 1,
        // Every byte value, NUL and invalid UTF-8 included: bytea must round-trip exactly.
        content: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      },
    });
    await prisma.importItem.create({
      data: {
        batchId: batch.id,
        parentId: file.id,
        position: 1,
        source: "bytes.jsonl line 1",
        kind: "ARTICLE",
        ownerKey: editor.id,
        status: "FAILED",
        error: "not valid JSON",
      },
    });
    const feed = await prisma.feed.create({
      data: {
        url: "https://example.org/feed.xml",
        title: "Feed “quoted”",
        etag: 'W/"1"',
        lastError: "once failed",
        failures: 1,
        createdById: editor.id,
      },
    });
    await prisma.feedEntry.create({
      data: { feedId: feed.id, key: "guid-1", url: "https://example.org/a", importItemId: file.id },
    });
    await prisma.importTurn.create({ data: { ownerKey: editor.id, servedAt: new Date() } });
    // An event in the outbox (a bigint id, JSON payload) and its notification, read.
    const event = await prisma.outboxEvent.create({
      data: {
        name: "claim.returned",
        claimId: later.id,
        actorId: editor.id,
        payload: { assigneeId: null, reason: "“more” ✓" },
        dispatchedAt: new Date(),
        attempts: 1,
      },
    });
    await prisma.notification.create({
      data: {
        userId: editor.id,
        eventId: event.id,
        event: event.name,
        claimId: later.id,
        text: "returned “more” ✓",
        readAt: new Date(),
      },
    });
    // A second factor: the sealed secret and hashed recovery codes come back as they were.
    await enrolSecondFactor(prisma, editor.id, "a-backup-test-secret-of-32-characters-or-more");
    // A person's choice, a webhook endpoint (an array of events) and its delivery log.
    await prisma.notificationPreference.create({
      data: { userId: editor.id, event: "claim.returned", inApp: false, email: true },
    });
    const endpoint = await prisma.webhookEndpoint.create({
      data: {
        name: "CMS “main”",
        url: "https://cms.example.org/hook",
        secret: "whsec_test",
        events: ["claim.returned", "claim.approved"],
        createdById: editor.id,
      },
    });
    await prisma.delivery.create({
      data: {
        channel: "webhook",
        eventId: event.id,
        claimId: later.id,
        endpointId: endpoint.id,
        status: "delivered",
        attempts: 2,
        responseCode: 204,
        deliveredAt: new Date(),
      },
    });
    await prisma.reextractItem.create({
      data: {
        articleId: first.articleId!,
        actorId: editor.id,
        status: "DONE",
        attempts: 1,
        outcome: { kept: 1, added: 0, removed: 0, touched: 0 },
        finishedAt: new Date(),
      },
    });
    // A published fact-check (its evidence as JSON) with a correction.
    const publication = await createPublication(prisma, {
      claimId: later.id,
      verdictId: verdict.id,
      status: "UNDER_REVIEW",
    });
    await prisma.publicationCorrection.create({
      data: {
        publicationId: publication.id,
        fromVerdictLabel: "False",
        toVerdictLabel: "Mostly “false”",
        note: "The report was revised — twice.",
      },
    });
    // A library fact-check (its embedding as bytes, float32 values exact) with a rating
    // correction, matched by a claim and judged.
    const factCheck = await prisma.factCheck.create({
      data: {
        key: "https://checks.example/ünïcode?x=1&y=2",
        url: "https://checks.example/ünïcode?x=1&y=2",
        claim: "Tabs\tand “quotes”",
        ratingName: "False",
        ratingValue: 1.5,
        reviewedAt: new Date("2024-01-02T03:04:05.678Z"),
        source: "FILE",
        origin: "checks.csv",
        embedding: new Uint8Array(new Float32Array([0.1, -0.2, 1e-30, 3.4e38]).buffer),
        embeddingModel: "use-lite@0.2.0",
      },
    });
    await prisma.factCheckRevision.create({
      data: { factCheckId: factCheck.id, ratingName: "Mostly false", ratingValue: 2 },
    });
    await prisma.factCheckMatch.create({
      data: {
        claimId: first.id,
        factCheckId: factCheck.id,
        score: 0.7123456789,
        lexical: 1,
        semantic: null,
        stage: "LEXICAL",
        judgement: "SAME",
        judgedById: editor.id,
        judgedAt: new Date(),
      },
    });
    await prisma.workerHeartbeat.create({
      data: {
        id: "host:1:abc",
        hostname: "host",
        pid: 1,
        threads: 2,
        startedAt: new Date(),
        seenAt: new Date(),
      },
    });
    await prisma.loginThrottle.create({
      data: {
        key: "address:1.2.3.4",
        failures: 2,
        firstFailureAt: new Date(),
        lastFailureAt: new Date(),
      },
    });
    await prisma.auditEvent.create({
      data: {
        actorId: editor.id,
        action: "test",
        entity: "Claim",
        entityId: later.id,
        after: { a: [1, { b: null }] },
      },
    });
  } finally {
    await prisma.$disconnect();
  }
}

/** Every table's rows, in key order, as PostgreSQL prints them. */
async function contents(url: string): Promise<Record<string, string>> {
  const tables = await query<{ name: string }>(
    url,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await query<{ dump: string | null }>(
      url,
      `SELECT string_agg(t::text, E'\\n' ORDER BY t::text) AS dump FROM "${name}" t`,
    );
    out[name] = rows[0]!.dump ?? "";
  }
  // Migration rows record when this database applied them; compare what was applied.
  out._prisma_migrations = (
    await query<{ names: string }>(
      url,
      `SELECT string_agg(migration_name || ' ' || checksum, ',' ORDER BY 1) AS names FROM "_prisma_migrations"`,
    )
  )[0]!.names;
  return out;
}

describe("backup and restore", () => {
  // Two command-line runs (npm, tsx, pg_dump and pg_restore started each time): a minute
  // and more on a busy machine, where the default 30 s is not enough.
  it(
    "round-trips the seeded data exactly, through the command-line scripts",
    { timeout: 180_000 },
    async () => {
      await withEmptyDatabase(async (source) => {
        await seedEverything(source);
        const counts = await rowCounts(source);
        for (const [table, n] of Object.entries(counts)) expect(n, table).toBeGreaterThan(0);

        const file = path.join(folder, "cli.backup");
        const env = { ...process.env, DATABASE_URL: source };
        const backup = await run("npm", ["run", "--silent", "db:backup", "--", file], {
          cwd: ROOT,
          env,
        });
        expect(backup.stdout).toMatch(/db:backup: \d+ rows in \d+ tables/);

        await withEmptyDatabase(async (target) => {
          const restore = await run("npm", ["run", "--silent", "db:restore", "--", file], {
            cwd: ROOT,
            env: { ...process.env, DATABASE_URL: target },
          });
          expect(restore.stdout).toMatch(/restored/);
          expect(await contents(target)).toEqual(await contents(source));
          // The audit log's counter continues after the restored ids.
          const [{ max }] = (await query<{ max: string }>(
            target,
            `SELECT max(id) AS max FROM "AuditEvent"`,
          )) as [{ max: string }];
          const [{ id }] = (await query<{ id: string }>(
            target,
            `INSERT INTO "AuditEvent" (action, entity, "entityId") VALUES ('x', 'x', 'x') RETURNING id`,
          )) as [{ id: string }];
          expect(BigInt(id)).toBe(BigInt(max) + 1n);
        });
      });
    },
  );

  it("takes one consistent snapshot while the desk keeps writing", async () => {
    await withEmptyDatabase(async (source) => {
      await migrate(source);
      // A writer that always adds an article and its audit event in one transaction.
      const writer = new pg.Client({ connectionString: source });
      await writer.connect();
      let writing = true;
      let written = 0;
      const writes = (async () => {
        while (writing) {
          await writer.query("BEGIN");
          const { rows } = await writer.query<{ id: string }>(
            `INSERT INTO "Article" (id, title, body, "contentHash", "updatedAt")
             VALUES (gen_random_uuid(), 'pair', 'b', md5(random()::text), now()) RETURNING id`,
          );
          await writer.query(
            `INSERT INTO "AuditEvent" (action, entity, "entityId") VALUES ('pair', 'Article', $1)`,
            [rows[0]!.id],
          );
          await writer.query("COMMIT");
          written += 1;
        }
      })();
      while (written < 50) {
        await Promise.race([writes, new Promise((r) => setTimeout(r, 10))]);
      }
      const file = path.join(folder, "live.backup");
      const result = await backupDatabase(source, file, { method: "logical" });
      writing = false;
      await writes;
      await writer.end();
      expect(result.counts.Article).toBe(result.counts.AuditEvent);
      expect(result.counts.Article).toBeGreaterThanOrEqual(50);
      expect(written).toBeGreaterThan(result.counts.Article!);
    });
  });

  it("refuses a database that is not empty, and a cut-short file, changing nothing", async () => {
    await withEmptyDatabase(async (source) => {
      await seedEverything(source);
      const file = path.join(folder, "full.backup");
      await backupDatabase(source, file, { method: "logical" });

      // Into the database it came from: refused, nothing added.
      const before = await rowCounts(source);
      await expect(restoreDatabase(source, file)).rejects.toThrow(/not empty/);
      expect(await rowCounts(source)).toEqual(before);

      const text = await readFile(file, "utf8");
      const cut = path.join(folder, "cut.backup");
      await writeFile(cut, text.slice(0, Math.floor(text.length * 0.8)));
      await withEmptyDatabase(async (target) => {
        const error = await restoreDatabase(target, cut).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RestoreError);
        // All or nothing: the rows read before the end was found are gone again.
        for (const [table, n] of Object.entries(await rowCounts(target))) expect(n, table).toBe(0);
      });

      const other = path.join(folder, "other.txt");
      await writeFile(other, "hello");
      await withEmptyDatabase(async (target) => {
        await expect(restoreDatabase(target, other)).rejects.toThrow(/not a ClaimDesk backup/);
      });
    });
  });
});
