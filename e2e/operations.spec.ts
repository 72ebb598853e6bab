import { readFileSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { embeddedPgDir, resetEmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { DEMO_USERS } from "@/seeds/demo";
import { createClaim, createUser } from "@/seeds/factories";
import { E2E_OPS_DATA_DIR } from "../playwright.config";
import { expect, test } from "./fixtures";
import {
  eventually,
  killApp,
  startApp,
  startWorkerProcess,
  stopApp,
  type AppProcess,
} from "@/scripts/app-process";
import { callAction, embeddedDatabaseUrl, serverActionIds, signedInClient } from "./support/http";

/**
 * Faults, with instances of the app of their own (their own embedded database under
 * .data/e2e-ops, started by the real start command): the database going away and coming
 * back, two app instances on one database, and the app killed with kill -9.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = E2E_OPS_DATA_DIR;
const PORT_A = Number(process.env.E2E_PORT ?? 3210) + 11;
const PORT_B = PORT_A + 1;
const PORT_HTTPS = PORT_A + 2;
const editor = DEMO_USERS.find((u) => u.role === "EDITOR")!;

test.describe.configure({ mode: "serial", timeout: 300_000 });

let a: AppProcess | null = null;
const others: AppProcess[] = [];
let db: ReturnType<typeof createPrismaClient>;
let claimId: string;

const embeddedUrl = () => embeddedDatabaseUrl(DATA_DIR);
const secret = () => readFileSync(path.join(ROOT, DATA_DIR, "nextauth-secret"), "utf8").trim();
/**
 * Budgets small enough that a lost worker's items come back within a lease of 35 s
 * (document 2 s of CPU, 8 s of wall clock; store 15 s; connection wait 10 s; margin 2 s)
 * instead of the default 92 s: for the worker the kill -9 test kills.
 */
const FAST_BUDGETS = { CLAIMDESK_DOCUMENT_BUDGET_MS: "2000", CLAIMDESK_STORE_TIMEOUT_MS: "15000" };
const startA = () =>
  startApp({
    port: PORT_A,
    env: { CLAIMDESK_DATA_DIR: DATA_DIR, CLAIMDESK_LOG_FILE: `${DATA_DIR}/app-a.log` },
  });

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(300_000);
  await resetEmbeddedPostgres(DATA_DIR);
  a = await startA();
  db = createPrismaClient(embeddedUrl());
  const reviewer = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0]!.email } });
  claimId = (await createClaim(db, { state: "IN_REVIEW", assigneeId: reviewer.id })).id;
});

test.afterAll(async ({}, testInfo) => {
  testInfo.setTimeout(120_000);
  await db?.$disconnect();
  for (const app of others) await stopApp(app);
  if (a) await stopApp(a);
});

async function commentCount(): Promise<number> {
  return db.comment.count({ where: { claimId } });
}

test("the database restarts while the app serves: 503 meanwhile, back on its own, nothing half-written", async () => {
  const client = await signedInClient(a!.url, editor.email, editor.password);
  const postComment = serverActionIds().get("app/(app)/claims/actions.ts#postComment")!;
  expect((await client.get(`/claims/${claimId}`)).status()).toBe(200);

  // Stop the server the app runs on (taken over from the app, as a crash or an admin would).
  const server = await startEmbeddedPostgres({ dataDir: DATA_DIR });
  expect(server.recovered).toBe(true);
  const commentsBefore = await commentCount();
  await db.$disconnect();
  await server.stop();

  await eventually(async () => (await client.get(`/claims/${claimId}`)).status() === 503, 10_000);
  const page = await client.get("/claims");
  expect(page.status()).toBe(503);
  expect(page.headers()["retry-after"]).toBe("5");
  expect(await page.text()).toContain("cannot reach its database");
  const api = await client.get("/api/v1/claims");
  expect(api.status()).toBe(503);
  expect(await api.json()).toEqual({ error: expect.stringContaining("unreachable") });
  expect((await client.get("/api/health")).status()).toBe(503);
  const write = await callAction(client, postComment, [{ claimId, body: "during the outage" }]);
  expect(write.status).toBe(503);

  // Postgres comes back; the app, never restarted, serves again by itself.
  await startEmbeddedPostgres({ dataDir: DATA_DIR });
  await eventually(async () => (await client.get(`/claims/${claimId}`)).status() === 200, 30_000);
  expect((await client.get("/api/health")).status()).toBe(200);
  db = createPrismaClient(embeddedUrl());
  expect(await commentCount()).toBe(commentsBefore);
  const after = await callAction(client, postComment, [{ claimId, body: "after the outage" }]);
  expect(after.body).toContain('"ok":true');
  expect(await commentCount()).toBe(commentsBefore + 1);
  await client.dispose();
});

/**
 * React's encoding of (previousState, formData): the form's fields prefixed "_1_", then
 * the root row pointing at them, last (the server resolves the root as it streams in).
 */
function reactFormReply(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(`_1_${name}`, value);
  form.append("0", '[null,"$K1"]');
  return form;
}

/** A pasted article as the browser sends the form: multipart, with the action id header. */
function importPasted(client: APIRequestContext, action: string, title: string, body: string) {
  return client.post("/", {
    headers: { "next-action": action, accept: "text/x-component" },
    multipart: reactFormReply({ title, body }),
  });
}

/** One uploaded file as the import page sends it: uploadImportFile(formData). */
async function uploadFile(
  client: APIRequestContext,
  name: string,
  content: string,
  batchId?: string,
): Promise<string> {
  const action = serverActionIds().get("app/(app)/articles/import/actions.ts#uploadImportFile")!;
  // Fields first, the root row last (a plain object would put the "0" key first).
  const form = new FormData();
  form.append("_1_file", new File([content], name, { type: "application/x-ndjson" }));
  if (batchId) form.append("_1_batchId", batchId);
  form.append("0", '["$K1"]');
  const response = await client.post("/", {
    headers: { "next-action": action, accept: "text/x-component" },
    multipart: form,
  });
  const text = await response.text();
  const id = /"batchId":"([0-9a-f-]{36})"/.exec(text)?.[1];
  if (!id) throw new Error(`upload of ${name} refused: ${response.status()} ${text.slice(0, 300)}`);
  return id;
}

/** The sample article with a marker of its own: a few kilobytes and about 20 claims. */
const SAMPLE = readFileSync(
  path.join(ROOT, "seeds/syria-chemical-weapons-investigation.txt"),
  "utf8",
);
const articleText = (marker: string) => `${SAMPLE}\n\nFiled as ${marker}.`;

test("an import cut off by a database crash in the middle of its write leaves the whole article or nothing, and its worker finishes it once the database is back", async () => {
  const client = await signedInClient(a!.url, editor.email, editor.password);
  const importAction = serverActionIds().get(
    "app/(app)/articles/import/actions.ts#importPastedArticle",
  )!;
  const title = `Crash test ${Date.now()}`;
  const sentence = (i: number) =>
    `"Unemployment fell by ${i} percent in ${1990 + (i % 30)}," the minister of region ${i} said on Tuesday.`;
  const body = Array.from({ length: 2000 }, (_, i) => sentence(i)).join("\n\n");
  // The write itself is made to last: this article's row waits 4 s inside its INSERT (a
  // trigger of this test's own), so the database can be stopped while the write runs.
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION e2e_slow_article_write() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NEW.title LIKE 'Crash test %' THEN PERFORM pg_sleep(4); END IF;
      RETURN NEW;
    END $fn$`);
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE TRIGGER e2e_slow_article_write BEFORE INSERT ON "Article"
    FOR EACH ROW EXECUTE FUNCTION e2e_slow_article_write()`);
  try {
    const queued = await importPasted(client, importAction, title, body);
    expect(queued.status()).toBe(200);
    const item = await db.importItem.findFirstOrThrow({ where: { source: `Pasted: ${title}` } });

    // The worker is inside the article's INSERT: the database dies.
    await eventually(async () => {
      const [row] = await db.$queryRaw<Array<{ n: bigint }>>`
        SELECT count(*) AS n FROM pg_stat_activity
         WHERE wait_event = 'PgSleep' AND query LIKE 'INSERT INTO %"Article"%'`;
      return Number(row!.n) === 1;
    }, 60_000);
    const running = await db.importItem.findUniqueOrThrow({ where: { id: item.id } });
    // Its lease covers far more than this job (seconds), whatever the budgets add up to.
    expect(running.leaseUntil!.getTime() - running.startedAt!.getTime()).toBeGreaterThan(60_000);
    const server = await startEmbeddedPostgres({ dataDir: DATA_DIR });
    await db.$disconnect();
    await server.stop();
    await startEmbeddedPostgres({ dataDir: DATA_DIR });
    db = createPrismaClient(embeddedUrl());

    // The write was cut off: no article, nothing written by the first delivery (the item
    // is still its, or given back already by its worker).
    expect(await db.article.count({ where: { title } })).toBe(0);
    const cut = await db.importItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(cut).toMatchObject({ attempts: 1, writtenAttempt: null });
    expect(["RUNNING", "QUEUED"]).toContain(cut.status);
    await eventually(async () => (await client.get("/api/health")).status() === 200, 30_000);

    // The worker, never restarted, gave the item back once the database answered, and its
    // next delivery wrote the whole article, once.
    await eventually(
      async () =>
        (await db.importItem.findUniqueOrThrow({ where: { id: item.id } })).status === "IMPORTED",
      120_000,
    );
    const ended = await db.importItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(ended).toMatchObject({ attempts: 2, writtenAttempt: 2 });
    const articles = await db.article.findMany({
      where: { title },
      include: { _count: { select: { claims: true } } },
    });
    expect(articles).toHaveLength(1);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { entity: "Article", entityId: articles[0]!.id },
    });
    expect(articles[0]!._count.claims).toBe((event.after as { claims: number }).claims);
    expect(articles[0]!._count.claims).toBe(2000);
  } finally {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS e2e_slow_article_write ON "Article"`);
    await client.dispose();
  }
});

test("a worker started with npm run worker outlives PostgreSQL stopping for 15 s in the middle of a 20-item import, and then imports every item exactly once", async () => {
  test.setTimeout(300_000);
  // A database of its own, so that only this worker takes these items.
  const dir = `${DATA_DIR}-worker`;
  await resetEmbeddedPostgres(dir);
  let server = await startEmbeddedPostgres({ dataDir: dir });
  await migrate(server.url);
  let faultDb = createPrismaClient(server.url);
  const owner = await createUser(faultDb, { role: "REVIEWER" });
  const batch = await faultDb.importBatch.create({ data: { createdById: owner.id } });
  const marker = `outage-${Date.now()}`;
  await faultDb.importItem.createMany({
    data: Array.from({ length: 20 }, (_, i) => ({
      batchId: batch.id,
      position: i,
      source: `Pasted: ${marker} ${i}`,
      kind: "ARTICLE" as const,
      ownerKey: owner.id,
      content: Buffer.from(
        JSON.stringify({ title: `${marker} ${i}`, body: articleText(`${marker} ${i}`).repeat(3) }),
      ),
    })),
  });
  const worker = await startWorkerProcess({
    env: { DATABASE_URL: server.url, CLAIMDESK_WORKER_THREADS: "1", LOG_LEVEL: "info" },
  });
  const pid = worker.child.pid;
  try {
    const done = () =>
      faultDb.importItem.count({ where: { batchId: batch.id, status: "IMPORTED" } });
    await eventually(async () => (await done()) >= 3, 120_000);
    await faultDb.$disconnect();
    await server.stop();
    await new Promise((r) => setTimeout(r, 15_000));
    expect(worker.child.exitCode, worker.output()).toBeNull();
    server = await startEmbeddedPostgres({ dataDir: dir });
    faultDb = createPrismaClient(server.url);

    await eventually(async () => (await done()) === 20, 180_000);
    // The same process all along: it waited, and went on.
    expect(worker.child.exitCode).toBeNull();
    expect(worker.child.pid).toBe(pid);
    expect(worker.output()).toContain("the worker cannot reach the database");
    expect(worker.output()).toContain("the database is back");
    const items = await faultDb.importItem.findMany({ where: { batchId: batch.id } });
    expect(items.every((i) => i.status === "IMPORTED" && i.writtenAttempt === i.attempts)).toBe(
      true,
    );
    const articles = await faultDb.article.findMany({
      where: { title: { startsWith: `${marker} ` } },
      select: { id: true, title: true },
    });
    expect(articles).toHaveLength(20);
    expect(new Set(articles.map((x) => x.title)).size).toBe(20);
    expect(
      await faultDb.auditEvent.count({
        where: { action: "article.import", entityId: { in: articles.map((x) => x.id) } },
      }),
    ).toBe(20);
  } finally {
    worker.child.kill("SIGKILL");
    await faultDb.$disconnect();
    await server.stop();
  }
});

test("two app instances and two workers import 500 articles exactly once; a worker killed with kill -9 mid-job has its job retried", async () => {
  test.setTimeout(300_000);
  const b = await startApp({
    port: PORT_B,
    args: ["--no-worker"],
    env: {
      DATABASE_URL: embeddedUrl(),
      NEXTAUTH_SECRET: secret(),
      CLAIMDESK_LOG_FILE: `${DATA_DIR}/app-b.log`,
    },
  });
  others.push(b);
  // The worker that is killed: its items carry its short lease.
  const second = await startWorkerProcess({
    env: { DATABASE_URL: embeddedUrl(), ...FAST_BUDGETS },
  });
  try {
    const marker = `scale-${Date.now()}`;
    const onA = await signedInClient(a!.url, editor.email, editor.password);
    const onB = await signedInClient(b.url, editor.email, editor.password);
    // Ten files of fifty articles, alternately through each instance, into two imports.
    let batchA: string | undefined;
    let batchB: string | undefined;
    for (let file = 0; file < 10; file++) {
      const lines = Array.from({ length: 50 }, (_, line) =>
        JSON.stringify({
          title: `${marker} ${file}-${line}`,
          body: articleText(`${marker} ${file}-${line}`),
        }),
      ).join("\n");
      if (file % 2 === 0) batchA = await uploadFile(onA, `a-${file}.jsonl`, lines, batchA);
      else batchB = await uploadFile(onB, `b-${file}.jsonl`, lines, batchB);
    }
    const batches = [batchA!, batchB!];

    // The second worker, with an article half done, is killed outright. It is frozen first
    // (SIGSTOP), so that what it holds is read while it can finish nothing; holding nothing
    // at that instant (it had just finished one), it is let go and caught again.
    const pid = second.child.pid!;
    let workerId = "";
    let killed: Array<{ id: string; kind: string }> = [];
    const running = (where: { workerId: string } | { workerId: { contains: string } }) =>
      db.importItem.findMany({
        where: { batchId: { in: batches }, status: "RUNNING", ...where },
        select: { id: true, kind: true, workerId: true },
      });
    await eventually(async () => {
      const seen = await running({ workerId: { contains: `:${pid}:` } });
      if (!seen.some((i) => i.kind === "ARTICLE")) return false;
      process.kill(pid, "SIGSTOP");
      workerId = seen[0]!.workerId!;
      killed = await running({ workerId });
      if (killed.length > 0) return true;
      process.kill(pid, "SIGCONT");
      return false;
    }, 60_000);
    process.kill(pid, "SIGKILL");
    // A commit it had sent just before it froze lands all the same: what it held is read
    // again once the database has settled its connections.
    await new Promise((r) => setTimeout(r, 500));
    killed = await running({ workerId });
    expect(killed.length, "the killed worker left an item half done").toBeGreaterThan(0);

    await eventually(async () => {
      const pending = await db.importItem.count({
        where: { batchId: { in: batches }, status: { in: ["QUEUED", "RUNNING"] } },
      });
      return pending === 0;
    }, 200_000);
    const items = await db.importItem.groupBy({
      by: ["kind", "status"],
      where: { batchId: { in: batches } },
      _count: { _all: true },
    });
    expect(items.map((i) => [i.kind, i.status, i._count._all]).sort()).toEqual([
      ["ARTICLE", "IMPORTED", 500],
      ["FILE", "EXPANDED", 10],
    ]);
    const articles = await db.article.findMany({
      where: { title: { startsWith: `${marker} ` } },
      select: { id: true, title: true },
    });
    expect(articles).toHaveLength(500);
    expect(new Set(articles.map((x) => x.title)).size).toBe(500);
    expect(
      await db.auditEvent.count({
        where: { action: "article.import", entityId: { in: articles.map((x) => x.id) } },
      }),
    ).toBe(500);
    // The killed worker's articles were run again, by a worker that lived, once; the
    // attempt that wrote each is a later one than the killed worker's.
    // (It may also have been reading a file of the import: that one ends read into its articles.)
    for (const { id, kind } of killed) {
      const item = await db.importItem.findUniqueOrThrow({ where: { id } });
      expect(item.attempts).toBeGreaterThanOrEqual(2);
      expect(item).toMatchObject({
        status: kind === "FILE" ? "EXPANDED" : "IMPORTED",
        writtenAttempt: item.attempts,
      });
      expect(item.workerId).not.toBe(workerId);
    }
    await Promise.all([onA.dispose(), onB.dispose()]);
  } finally {
    second.child.kill("SIGKILL");
    await stopApp(b);
    others.splice(others.indexOf(b), 1);
  }
});

test("two instances on one database: migrations once, one login throttle, shared sessions", async () => {
  const b = await startApp({
    port: PORT_B,
    env: {
      DATABASE_URL: embeddedUrl(),
      NEXTAUTH_SECRET: secret(),
      CLAIMDESK_LOG_FILE: `${DATA_DIR}/app-b.log`,
    },
  });
  others.push(b);
  const migrations = await db.$queryRaw<{ name: string; n: bigint }[]>`
    SELECT migration_name AS name, count(*) AS n FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1`;
  expect(migrations.map((m) => [m.name, Number(m.n)])).toEqual(
    (await readMigrations()).map((m) => [m.name, 1]),
  );

  // Five failed logins spread over both instances lock the account on both.
  const user = await createUser(db, { role: "REVIEWER" });
  for (const [i, app] of [a!, b, a!, b, a!].entries()) {
    const attempt = await signedInClient(app.url, user.email, `wrong ${i}`).catch((e: Error) => e);
    expect(attempt).toBeInstanceOf(Error);
  }
  await expect(signedInClient(b.url, user.email, user.password)).rejects.toThrow();
  await expect(signedInClient(a!.url, user.email, user.password)).rejects.toThrow();

  // A session made on one instance works on the other; a write on one shows on the other.
  const onA = await signedInClient(a!.url, editor.email, editor.password);
  const onB = await playwrightRequest.newContext({
    baseURL: b.url,
    storageState: await onA.storageState(),
  });
  const postComment = serverActionIds().get("app/(app)/claims/actions.ts#postComment")!;
  const body = `written on B ${Date.now()}`;
  expect((await callAction(onB, postComment, [{ claimId, body }])).body).toContain('"ok":true');
  expect(await (await onA.get(`/claims/${claimId}`)).text()).toContain(body);
  await Promise.all([onA.dispose(), onB.dispose()]);
});

test("behind an HTTPS proxy the session cookies are Secure (and __Secure-/__Host- prefixed), and the proxy's X-Forwarded-For is the client's address", async () => {
  const https = await startApp({
    port: PORT_HTTPS,
    env: {
      DATABASE_URL: embeddedUrl(),
      NEXTAUTH_SECRET: secret(),
      NEXTAUTH_URL: "https://desk.example",
      // This test is the proxy: connections from loopback are trusted to say who the client is.
      CLAIMDESK_TRUSTED_PROXIES: "127.0.0.1, ::1",
      CLAIMDESK_LOG_FILE: `${DATA_DIR}/app-https.log`,
    },
  });
  others.push(https);
  const url = `http://localhost:${PORT_HTTPS}`;
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers: { "x-forwarded-proto": "https" } });
  const csrfCookie = csrf.headers.getSetCookie().find((c) => c.includes("csrf-token="))!;
  expect(csrfCookie).toMatch(/^__Host-next-auth\.csrf-token=.*;\s*Secure/i);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const logIn = (password: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: csrfCookie.split(";")[0]!,
        "x-forwarded-proto": "https",
        ...headers,
      },
      body: new URLSearchParams({ csrfToken, email: editor.email, password }),
    });
  const login = await logIn(editor.password);
  const session = login.headers.getSetCookie().find((c) => c.includes("session-token="));
  expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);

  const failed = await logIn("not the password", { "x-forwarded-for": "203.0.113.50" });
  expect(failed.status).toBeLessThan(500);
  expect(await db.loginThrottle.count({ where: { key: "ip:203.0.113.50" } })).toBe(1);
});

test("after kill -9 of the app, and of the app and its database, the next start has every row", async () => {
  const before = await commentCount();
  expect(before).toBeGreaterThan(0);
  await db.$disconnect();
  for (const app of others.splice(0)) await stopApp(app);

  // The app dies; its embedded server (in a session of its own) runs on and is taken over.
  await killApp(a!);
  a = await startA();
  expect(a.output()).toContain("reusing it");

  // Now the database dies too, leaving its pid file behind.
  const pgDir = await embeddedPgDir(path.join(ROOT, DATA_DIR));
  const pidFile = readFileSync(path.join(pgDir, "postmaster.pid"), "utf8");
  await killApp(a);
  process.kill(Number(pidFile.split("\n")[0]), "SIGKILL");
  a = await startA();

  db = createPrismaClient(embeddedUrl());
  expect(await commentCount()).toBe(before);
  const client = await signedInClient(a.url, editor.email, editor.password);
  expect((await client.get(`/claims/${claimId}`)).status()).toBe(200);
  await client.dispose();
});
