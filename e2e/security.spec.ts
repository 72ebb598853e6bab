import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { createArticle, createClaim } from "@/seeds/factories";
import { E2E_DATA_DIR } from "../playwright.config";
import { expect, test, signIn } from "./fixtures";
import { callAction, serverActionIds, signedInClient } from "./support/http";

const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

test("every kind of response carries the security headers; pages run only nonced scripts", async ({
  request,
}) => {
  const login = await request.get("/login");
  const html = await login.text();
  const csp = login.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  // Every script tag of the page carries this response's nonce.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // ...and a fresh one on the next response.
  const again = await request.get("/login");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);

  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)![0];
  const responses: Array<[string, Promise<{ headers(): Record<string, string> }>]> = [
    ["page", Promise.resolve(login)],
    ["redirect to login", request.get("/claims", { maxRedirects: 0 })],
    ["API", request.get("/api/health")],
    ["API refusal", request.get("/api/v1/claims")],
    ["not found", request.get("/no-such-page")],
    ["static asset", request.get(asset)],
  ];
  for (const [what, response] of responses) expectSecurityHeaders((await response).headers(), what);
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ makeUser }, testInfo) => {
  const user = await makeUser("REVIEWER");
  const client = await playwrightRequest.newContext({ baseURL: testInfo.project.use.baseURL });
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
    maxRedirects: 0,
  });
  const session = response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value)
    .find((v) => v.startsWith("next-auth.session-token="));
  expect(session).toBeTruthy();
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
  await client.dispose();
});

test("another site cannot make a signed-in user's browser change anything", async ({
  makeUser,
  makeClaim,
  db,
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const reviewer = await makeUser("REVIEWER");
  const claim = await makeClaim();
  const client = await signedInClient(baseURL, reviewer.email, reviewer.password);
  const postComment = serverActionIds().get("app/(app)/claims/actions.ts#postComment")!;
  const args = [{ claimId: claim.id, body: "Posted from another site" }];

  for (const headers of <Record<string, string>[]>[
    { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    { origin: "https://evil.example" },
    { "sec-fetch-site": "same-site" },
  ]) {
    const response = await callAction(client, postComment, args, headers);
    expect(response.status, JSON.stringify(headers)).toBe(403);
  }
  expect(await db.comment.count({ where: { claimId: claim.id } })).toBe(0);

  // The same call from the app's own pages goes through.
  const own = await callAction(client, postComment, args, {
    origin: new URL(baseURL).origin,
    "sec-fetch-site": "same-origin",
  });
  expect(own.status).toBe(200);
  expect(await db.comment.count({ where: { claimId: claim.id } })).toBe(1);

  // Signing in from another site is refused too (login CSRF).
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const login = await anonymous.post("/api/auth/callback/credentials", {
    headers: { origin: "https://evil.example" },
    form: { email: reviewer.email, password: reviewer.password },
    maxRedirects: 0,
  });
  expect(login.status()).toBe(403);
  await Promise.all([client.dispose(), anonymous.dispose()]);
});

test("markup in articles, claims, reviews and comments is shown as text and never runs", async ({
  page,
  makeUser,
  db,
}) => {
  const reviewer = await makeUser("REVIEWER");
  const article = await createArticle(db, {
    title: `Headline ${HOSTILE}`,
    body: `${HOSTILE} The mayor said taxes rose 4% in 2023.`,
  });
  const claim = await createClaim(db, {
    articleId: article.id,
    state: "IN_REVIEW",
    assigneeId: reviewer.id,
    text: `${HOSTILE} The mayor said taxes rose 4% in 2023.`,
  });
  await db.claim.update({ where: { id: claim.id }, data: { rationale: HOSTILE } });
  await db.comment.create({ data: { claimId: claim.id, authorId: reviewer.id, body: HOSTILE } });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await signIn(page, reviewer);
  for (const url of [`/claims/${claim.id}`, `/articles/${article.id}`, "/claims?q=mayor"]) {
    await page.goto(url);
    await expect(page.getByText(HOSTILE).first()).toBeVisible();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main script, main img[src=x]").count()).toBe(0);
  }
  expect(dialogs).toEqual([]);
});

test("the embedded default generated its session secret under .data, readable by its owner only", () => {
  const file = path.resolve(import.meta.dirname, "..", E2E_DATA_DIR, "nextauth-secret");
  expect(readFileSync(file, "utf8").trim().length).toBeGreaterThanOrEqual(32);
  expect(statSync(file).mode & 0o777).toBe(0o600);
});
