import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { createPrismaClient } from "@/lib/db";
import { resetEmbeddedPostgres } from "@/lib/db/embedded";
import { ACTION_ACCESS } from "@/lib/auth/access-policy";
import { DEMO_USERS } from "@/seeds/demo";
import { createClaim, createUser, enrolSecondFactor } from "@/seeds/factories";
import { eventually } from "@/scripts/app-process";
import { startApp, stopApp, type AppProcess } from "@/scripts/app-process";
import { E2E_HARDENING_DATA_DIR } from "../playwright.config";
import { expect, test } from "./fixtures";
import {
  callAction,
  createToken,
  embeddedAppSecret,
  embeddedDatabaseUrl,
  serverActionIds,
  signedInClient,
} from "./support/http";
import { attemptLogin, rawRequest, stalledDownload } from "./support/raw-http";

/**
 * What an attacker tries over HTTP, against an app instance of its own (its own embedded
 * database under .data/e2e-hardening, no worker), so that its lockouts and its count of
 * every table's rows are undisturbed by the rest of the suite. Clients connect from
 * different loopback addresses (127.0.0.x), each a different client to the server.
 */
const DATA_DIR = E2E_HARDENING_DATA_DIR;
const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.E2E_PORT ?? 3210) + 15;
const admin = DEMO_USERS.find((u) => u.role === "ADMIN")!;
/** A path segment of any text (encodeURIComponent throws on half of a surrogate pair). */
const segment = (value: string) => encodeURIComponent(value.toWellFormed());

test.describe.configure({ mode: "serial", timeout: 180_000 });

let app: AppProcess;
let db: ReturnType<typeof createPrismaClient>;
let asAdmin: APIRequestContext;
let claimId: string;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(300_000);
  await resetEmbeddedPostgres(DATA_DIR);
  app = await startApp({
    port: PORT,
    args: ["--no-worker"],
    env: {
      CLAIMDESK_DATA_DIR: DATA_DIR,
      CLAIMDESK_LOG_FILE: `${DATA_DIR}/app.log`,
      // A stalled download is ended after 10 s here (30 s by default).
      CLAIMDESK_EXPORT_IDLE_SECONDS: "10",
    },
  });
  db = createPrismaClient(embeddedDatabaseUrl(DATA_DIR));
  // The demo admin with the second factor admins must have, signing in with a recovery code.
  const adminId = (await db.user.findUniqueOrThrow({ where: { email: admin.email } })).id;
  const { recoveryCodes } = await enrolSecondFactor(db, adminId, embeddedAppSecret(DATA_DIR));
  asAdmin = await signedInClient(app.url, admin.email, admin.password, recoveryCodes[0]);
  claimId = (await createClaim(db, { state: "NEW" })).id;
});

test.afterAll(async ({}, testInfo) => {
  testInfo.setTimeout(120_000);
  await asAdmin?.dispose();
  await db?.$disconnect();
  if (app) await stopApp(app);
});

test("a stranger's failed logins slow the stranger, never the owner; an admin sees and clears the lock", async () => {
  const owner = await createUser(db);
  const stranger = { localAddress: "127.0.0.21" };
  for (let i = 0; i < 5; i++) {
    expect((await attemptLogin(app.url, owner.email, `guess ${i}`, stranger)).error).toBe(
      "CredentialsSignin",
    );
  }
  // The stranger is slowed: even the right password is refused from there for now.
  const slowed = await attemptLogin(app.url, owner.email, owner.password, stranger);
  expect(slowed.error).toMatch(/^RATE_LIMITED:\d+$/);
  // The owner, from their own address, is not locked out.
  const ownAddress = await attemptLogin(app.url, owner.email, owner.password, {
    localAddress: "127.0.0.22",
  });
  expect(ownAddress.cookie).not.toBeNull();

  // The admin sees the lock, with the account and the address, and clears it (audited).
  const page = await (await asAdmin.get("/admin/sign-in")).text();
  expect(page).toContain(owner.email);
  expect(page).toContain("127.0.0.21");
  expect(page).toContain("Locked until");
  const key = `pair:${owner.email}|127.0.0.21`;
  const clear = serverActionIds().get("app/(app)/admin/actions.ts#clearLoginLockAction")!;
  expect((await callAction(asAdmin, clear, [{ key }])).body).toContain('"ok":true');
  expect(await db.auditEvent.count({ where: { action: "login-lock.clear", entityId: key } })).toBe(
    1,
  );
  expect(
    (await attemptLogin(app.url, owner.email, owner.password, stranger)).cookie,
  ).not.toBeNull();
});

test("a client's own X-Forwarded-For is not its address: sprays are throttled, colleagues are not framed", async () => {
  const sprayer = { localAddress: "127.0.0.23" };
  const outcomes: Array<string | null> = [];
  for (let i = 0; i < 25; i++) {
    const attempt = await attemptLogin(app.url, `ghost-${i}-${Date.now()}@claimdesk.test`, "x", {
      ...sprayer,
      headers: { "x-forwarded-for": `198.51.100.${i + 1}`, "x-real-ip": `198.51.100.${i + 1}` },
    });
    outcomes.push(attempt.error);
  }
  // 20 free failures for one address, then every attempt is throttled whatever it claims.
  expect(outcomes.slice(0, 20).every((e) => e === "CredentialsSignin")).toBe(true);
  expect(outcomes.slice(20).every((e) => /^RATE_LIMITED:/.test(e ?? ""))).toBe(true);
  expect(await db.loginThrottle.count({ where: { key: { contains: "198.51.100." } } })).toBe(0);

  // Failures sent "from" a colleague's address count against the sender's own.
  const colleague = await createUser(db);
  for (let i = 0; i < 6; i++) {
    await attemptLogin(app.url, colleague.email, `guess ${i}`, {
      localAddress: "127.0.0.24",
      headers: { "x-forwarded-for": "127.0.0.25" },
    });
  }
  const fromOwnDesk = await attemptLogin(app.url, colleague.email, colleague.password, {
    localAddress: "127.0.0.25",
  });
  expect(fromOwnDesk.cookie).not.toBeNull();
});

test("the cross-site check compares the whole origin and ignores a client's X-Forwarded-Host", async () => {
  const host = `127.0.0.1:${PORT}`;
  const post = (headers: Record<string, string>) =>
    rawRequest(`${app.url}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: "",
    });
  const evil = await post({ origin: "http://evil.example", "x-forwarded-host": "evil.example" });
  expect(evil.status).toBe(403);
  const otherScheme = await post({ origin: `https://localhost:${PORT}` });
  expect(otherScheme.status).toBe(403);
  const otherPort = await post({ origin: `http://localhost:${PORT + 1}` });
  expect(otherPort.status).toBe(403);

  // The public URL (localhost) while the request names 127.0.0.1: proxy.ts and Next's own
  // check of server actions agree; a server action answers, not a 500.
  const comment = serverActionIds().get("app/(app)/claims/actions.ts#postComment")!;
  const cookie = (await asAdmin.storageState()).cookies.map((c) => `${c.name}=${c.value}`);
  const action = await rawRequest(`http://${host}/`, {
    method: "POST",
    headers: {
      host,
      origin: `http://localhost:${PORT}`,
      cookie: cookie.join("; "),
      "next-action": comment,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
    },
    body: JSON.stringify([{ claimId, body: "from the public address" }]),
  });
  expect(action.status).toBe(200);
  expect(action.body).toContain('"ok":true');
});

test("malformed parameters answer 400 on the API and the default view on pages, never 500", async () => {
  const cursor = Buffer.from(JSON.stringify(["not a date", crypto.randomUUID()])).toString(
    "base64url",
  );
  for (const url of [
    "/api/v1/export.csv?from=2024-13-45",
    "/api/v1/export.claimreview.json?to=2023-02-29",
    "/api/v1/claims?from=2024-13-45",
    "/api/v1/claims?after=not-a-uuid",
    "/api/v1/claims?limit=1e400",
    `/api/v1/claims/${claimId}/similar?limit=%00`,
  ]) {
    const response = await asAdmin.get(url);
    expect(response.status(), url).toBe(400);
    expect(((await response.json()) as { error: string }).error, url).toBeTruthy();
  }
  for (const url of [
    "/claims?from=2024-13-45",
    `/claims?sort=newest&after=${cursor}`,
    `/claims?sort=oldest&after=${cursor}`,
    "/claims?q=%00",
    "/claims?q=%ED%A0%80",
    `/approvals?after=${cursor}`,
    "/export?from=2024-13-45&state=%00",
  ]) {
    expect((await asAdmin.get(url)).status(), url).toBe(200);
  }
});

test("a lone surrogate in a comment is refused with a message and stores nothing", async () => {
  const comment = serverActionIds().get("app/(app)/claims/actions.ts#postComment")!;
  const before = await db.comment.count();
  const response = await callAction(asAdmin, comment, [{ claimId, body: "broken \ud83d here" }]);
  expect(response.status).toBe(200);
  expect(response.body).toContain("surrogate");
  expect(await db.comment.count()).toBe(before);
});

test("an API token stops with its creator: disabled, or no longer an admin", async () => {
  const creator = await createUser(db, { role: "ADMIN" });
  const secret = await createToken(db, creator.id, ["claims:read"]);
  const get = () =>
    rawRequest(`${app.url}/api/v1/claims?limit=1`, {
      headers: { authorization: `Bearer ${secret}` },
    });
  expect((await get()).status).toBe(200);
  await db.user.update({ where: { id: creator.id }, data: { disabledAt: new Date() } });
  expect((await get()).status).toBe(401);
  await db.user.update({ where: { id: creator.id }, data: { disabledAt: null, role: "EDITOR" } });
  expect((await get()).status).toBe(401);
  await db.user.update({ where: { id: creator.id }, data: { role: "ADMIN" } });
  expect((await get()).status).toBe(200);
  // No "Stopped" badge in the markup (the message itself travels with the page's client messages).
  expect(await (await asAdmin.get("/admin/tokens")).text()).not.toMatch(/>Stopped: /);
});

test("/api/auth/session answers a disabled user's cookie as it answers nobody", async () => {
  const user = await createUser(db);
  const { cookie } = await attemptLogin(app.url, user.email, user.password, {
    localAddress: "127.0.0.31",
  });
  const session = () => rawRequest(`${app.url}/api/auth/session`, { headers: { cookie: cookie! } });
  expect(JSON.parse((await session()).body)).toMatchObject({ user: { email: user.email } });
  await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
  const answer = await session();
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({});
  expect(answer.body).not.toContain(user.email);
});

/** Every table's row count, in one statement. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const sql = `SELECT ${tables
    .map((t) => `(SELECT count(*) FROM "${t.name}")::int AS "${t.name}"`)
    .join(", ")}`;
  const [row] = await db.$queryRawUnsafe<Record<string, number>[]>(sql);
  return row!;
}

/** Values a stranger might put anywhere: dates that do not exist, NULs, broken characters, huge or odd numbers, tampered cursors. */
const hostileText = fc.oneof(
  fc.constantFrom(
    "2024-13-45",
    "2023-02-29",
    "\u0000",
    "\ud800",
    "a\udfffb",
    "-1",
    "1e400",
    "NaN",
    "Infinity",
    "null",
    "[]",
    "{}",
    "ALL",
    "APPROVED",
    "../../etc/passwd",
    "%00",
    "<script>",
    '\'; DROP TABLE "Claim"; --',
    "x".repeat(5000),
    crypto.randomUUID(),
  ),
  fc.string({ maxLength: 40, unit: "binary" }),
  fc.base64String({ maxLength: 80 }),
  fc
    .tuple(fc.oneof(fc.string(), fc.double(), fc.constant(null)), fc.oneof(fc.uuid(), fc.string()))
    .map((pair) => Buffer.from(JSON.stringify(pair)).toString("base64url")),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);

/** Every parameter of every page and route, by the names they read. */
// prettier-ignore
const PARAMETERS = [
  "state", "assignee", "verdict", "article", "reviewer", "speaker", "q", "from", "to", "min",
  "sort", "after", "limit", "callbackUrl", "error",
];
// prettier-ignore
const PATHS = [
  "/", "/claims", "/articles", "/articles/import", "/approvals", "/export", "/login",
  "/admin", "/admin/sign-in", "/api/v1/claims", "/api/v1/export.csv", "/api/v1/export.json",
  "/api/v1/export.jsonl", "/api/v1/export.claimreview.json", "/api/auth/session",
];
/** Every field name an action of the app reads, so that generated input reaches each schema. */
// prettier-ignore
const FIELDS = [
  "claimId", "claimIds", "articleId", "articleIds", "version", "text", "body", "title",
  "reason", "verdictId", "rationale", "evidence", "start", "end", "at", "otherClaimId",
  "duplicateOfId", "assigneeId", "userId", "role", "disabled", "name", "email", "password",
  "key", "label", "scopes", "tokenId", "scope", "batchId", "itemId", "claimantName", "url",
  "speakerId", "shortText", "duplicateOf", "dueAt", "otherVersion", "double", "query",
  "outcome", "reviewId", "sourceReviewId", "claims",
];

test("odd requests get plain answers before the app: OPTIONS *, TRACE, an absolute-form target, a body over the limit", async () => {
  const [host, port] = [new URL(app.url).hostname, Number(new URL(app.url).port)];
  const raw = (lines: string[]) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host, port }, () => socket.end(lines.join("\r\n")));
      let reply = "";
      socket.on("data", (chunk) => (reply += chunk.toString("latin1")));
      socket.on("close", () => resolve(reply));
      socket.on("error", reject);
    });
  const head = (reply: string) => reply.split("\r\n\r\n")[0]!;
  const options = await raw([`OPTIONS * HTTP/1.1`, `Host: ${host}:${port}`, "", ""]);
  expect(head(options)).toMatch(/^HTTP\/1\.1 204 /);
  expect(head(options)).toMatch(/\r\nallow: GET, HEAD, POST, OPTIONS/i);
  const trace = await raw([`TRACE /login HTTP/1.1`, `Host: ${host}:${port}`, "", ""]);
  expect(head(trace)).toMatch(/^HTTP\/1\.1 405 /);
  expect(head(trace)).toMatch(/\r\nallow: GET, HEAD, POST, OPTIONS/i);
  const connect = await raw([
    `CONNECT evil.example:443 HTTP/1.1`,
    "Host: evil.example:443",
    "",
    "",
  ]);
  expect(head(connect)).toMatch(/^HTTP\/1\.1 405 /);
  // Node's own parser refuses a method it does not know (TRACK) with a plain 400.
  const track = await raw([`TRACK /login HTTP/1.1`, `Host: ${host}:${port}`, "", ""]);
  expect(head(track)).toMatch(/^HTTP\/1\.1 400 /);
  const absolute = await raw([
    "GET http://evil.example/login HTTP/1.1",
    `Host: ${host}:${port}`,
    "",
    "",
  ]);
  expect(head(absolute)).toMatch(/^HTTP\/1\.1 400 /);
  expect(absolute).not.toMatch(/evil\.example/i);
  const big = await raw([
    "POST / HTTP/1.1",
    `Host: ${host}:${port}`,
    "Content-Type: multipart/form-data; boundary=x",
    `Content-Length: ${12 * 1024 * 1024}`,
    "",
    "--x",
  ]);
  expect(head(big)).toMatch(/^HTTP\/1\.1 413 /);
  expect(big).toContain("The request is 12.0 MB; the limit is 10.1 MB.");
  // Said in the log at warn level, without a stack.
  const log = readFileSync(path.join(ROOT, DATA_DIR, "app.log"), "utf8");
  const refusals = log
    .split("\n")
    .filter((line) => line.includes("request refused before the app"))
    .map((line) => JSON.parse(line) as { level: number; stack?: string; status: number });
  expect(refusals.map((r) => r.status).sort()).toEqual([204, 400, 405, 405, 413]);
  expect(refusals.every((r) => r.level === 40 && !("err" in r))).toBe(true);
});

test("downloads that stop reading cannot hold the exports: they are ended and their connections released, a third person's download goes through, and each runs one export at a time", async () => {
  test.setTimeout(180_000);
  const adminId = (await db.user.findUniqueOrThrow({ where: { email: admin.email } })).id;
  // About 30 MB of approved claims, under an article of their own.
  const template = await createClaim(db, { state: "APPROVED" });
  await db.claim.update({
    where: { id: template.id },
    data: { rationale: "The budget documents show another figure. ".repeat(50) },
  });
  const columns = (
    await db.$queryRaw<Array<{ name: string }>>`
      SELECT column_name AS name FROM information_schema.columns
       WHERE table_name = 'Claim' AND is_generated = 'NEVER' AND column_name <> 'id'`
  )
    .map((c) => `"${c.name}"`)
    .join(", ");
  await db.$executeRawUnsafe(
    `INSERT INTO "Claim" (id, ${columns})
     SELECT gen_random_uuid(), ${columns} FROM "Claim", generate_series(1, 15000)
      WHERE id = $1::uuid`,
    template.id,
  );
  const exportUrl = (file: string) =>
    `${app.url}/api/v1/${file}?state=APPROVED&article=${template.articleId}`;
  const exporting = async () => {
    const [row] = await db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM pg_stat_activity
       WHERE application_name = 'claimdesk export' AND query LIKE 'COPY (%' AND state <> 'idle'`;
    return Number(row!.n);
  };
  let stalled: Array<Awaited<ReturnType<typeof stalledDownload>>> = [];
  try {
    const [one, two, three] = await Promise.all(
      [1, 2, 3].map(() => createToken(db, adminId, ["export:read"])),
    );
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    // Two clients read 300 KB and stop: both export connections are held.
    stalled = await Promise.all(
      [one!, two!].map((token) =>
        stalledDownload(exportUrl("export.json"), bearer(token), 300_000),
      ),
    );
    expect(stalled.map((s) => s.status)).toEqual([200, 200]);
    expect(await exporting()).toBe(2);
    // The same token again, and a third caller: neither takes a connection from the stalled
    // downloads. The token's second download waits behind its own first; the third caller
    // waits for a connection. The app ends both stalled downloads, and each gets everything.
    const [again, third] = await Promise.all([
      rawRequest(exportUrl("export.csv"), { headers: bearer(one!), timeoutMs: 120_000 }),
      rawRequest(exportUrl("export.jsonl"), { headers: bearer(three!), timeoutMs: 120_000 }),
    ]);
    expect(again.status).toBe(200);
    expect(again.body.trimEnd().split("\r\n")).toHaveLength(15_002);
    expect(third.status).toBe(200);
    expect(third.body.trimEnd().split("\n")).toHaveLength(15_001);
    // Both stalled downloads were ended by the app (its log says so) and hold nothing.
    await eventually(async () => (await exporting()) === 0, 30_000);
    const ended = readFileSync(path.join(ROOT, DATA_DIR, "app.log"), "utf8")
      .split("\n")
      .filter((line) => line.includes("export download stalled"));
    expect(ended).toHaveLength(2);
    expect(stalled.every((s) => s.received() < 20_000_000)).toBe(true);
  } finally {
    for (const download of stalled) download.close();
    await db.claim.deleteMany({ where: { articleId: template.articleId! } });
  }
});

test("fuzz: generated values in every parameter and action field answer without a 5xx, and a refused action changes no table", async () => {
  test.setTimeout(240_000);
  const pathFor = fc.oneof(
    fc.constantFrom(...PATHS),
    hostileText.map((v) => `/claims/${segment(v)}`),
    hostileText.map((v) => `/articles/${segment(v)}`),
    hostileText.map((v) => `/api/v1/claims/${segment(v)}/similar`),
  );
  const query = fc.dictionary(fc.constantFrom(...PARAMETERS), hostileText, { maxKeys: 4 });
  await fc.assert(
    fc.asyncProperty(pathFor, query, async (pathname, params) => {
      const search = new URLSearchParams(params).toString();
      const response = await rawRequest(`${app.url}${pathname}${search ? `?${search}` : ""}`, {
        headers: { cookie: await cookieHeader() },
      });
      expect(response.status, `${pathname}?${search}`).toBeLessThan(500);
    }),
    { seed: 20261202, numRuns: 250, interruptAfterTimeLimit: 60_000 },
  );

  const actions = [...serverActionIds()].filter(([name]) => name in ACTION_ACCESS);
  expect(actions.length).toBe(Object.keys(ACTION_ACCESS).length);
  const input = fc.oneof(
    fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { minKeys: 1, maxKeys: 6 }),
    hostileValue,
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...actions), input, async ([name, id], value) => {
      const before = await rowCounts();
      const response = await callAction(asAdmin, id, [value]);
      expect(response.status, name).toBeLessThan(500);
      if (!response.body.includes('"ok":true')) {
        expect(await rowCounts(), `${name} ${JSON.stringify(value).slice(0, 200)}`).toEqual(before);
      }
    }),
    { seed: 20261202, numRuns: 400, interruptAfterTimeLimit: 90_000 },
  );
});

async function cookieHeader(): Promise<string> {
  return (await asAdmin.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
