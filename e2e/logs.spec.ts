import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_USERS } from "@/seeds/demo";
import {
  E2E_DATA_DIR,
  E2E_HARDENING_DATA_DIR,
  E2E_LOG_FILE,
  E2E_OPS_DATA_DIR,
} from "../playwright.config";
import { expect, logIn, test } from "./fixtures";

/**
 * Runs after every other e2e test (the "logs" project depends on them), so that the app's
 * log of the whole run is checked: structured, each request's lines tied together, no
 * secret. It makes the events it looks for itself, so it also holds run alone
 * (`npx playwright test --project logs --no-deps`).
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

test("the app's log is JSON, with a request id on each request's lines and no secret", async ({
  page,
  makeUser,
}) => {
  // The events this test reads, made here, so that it holds run alone as after the suite:
  // a refused and a successful sign-in, pages, and an import the worker runs.
  const user = await makeUser("REVIEWER");
  await page.goto("/login");
  await logIn(page, user.email, "not the password");
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await logIn(page, user.email, user.password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  const title = `Logged import ${crypto.randomUUID().slice(0, 8)}`;
  await page.goto("/articles/import");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Article text").fill(`The mayor said taxes rose 5 percent in ${title}.`);
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 1 article" })).toBeVisible();

  const text = read(E2E_LOG_FILE);
  const lines = text.split("\n").filter(Boolean);
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const entry of entries) {
    expect(entry).toMatchObject({ app: "claimdesk", level: expect.any(Number) });
    expect(typeof entry.msg).toBe("string");
  }
  // A line is about a request (its id), or is a server instance's start, or a worker's line
  // about its jobs (the worker's id: host, process and a tag).
  const withoutRequest = entries.filter((e) => typeof e.reqId !== "string");
  const workers = withoutRequest.filter((e) => typeof e.worker === "string");
  expect(withoutRequest.filter((e) => !workers.includes(e)).map((e) => e.msg)).toEqual(
    withoutRequest.filter((e) => !workers.includes(e)).map(() => "server instance started"),
  );
  expect(workers.some((e) => e.msg === "worker started")).toBe(true);
  expect(workers.some((e) => e.msg === "import item done" && typeof e.itemId === "string")).toBe(
    true,
  );
  const requests = entries.filter((e) => e.msg === "request");
  expect(requests.some((e) => e.path === "/articles/import")).toBe(true);
  // Lines about what a request did carry the id of that request's first line.
  const requestIds = new Set(requests.map((e) => e.reqId));
  for (const entry of entries.filter((e) => e.reqId && e.msg !== "request")) {
    expect(requestIds.has(entry.reqId), JSON.stringify(entry)).toBe(true);
  }
  expect(entries.some((e) => e.msg === "signed in" && e.userId === user.id)).toBe(true);
  expect(entries.some((e) => e.msg === "sign-in refused")).toBe(true);

  const embedded = JSON.parse(read(`${E2E_DATA_DIR}/embedded-postgres.json`)) as {
    password: string;
  };
  const secrets = [
    ...DEMO_USERS.map((u) => u.password),
    "correct horse battery staple", // the factories' password
    "not the password", // typed in a failing login
    "guess 3", // typed by the hardening tests' stranger
    read(`${E2E_DATA_DIR}/nextauth-secret`).trim(),
    embedded.password,
  ];
  // This app's log and those of the instances the operations and hardening tests started
  // (the latter typed hundreds of wrong passwords and hostile values).
  const otherLogs = [E2E_OPS_DATA_DIR, E2E_HARDENING_DATA_DIR].flatMap((dir) =>
    existsSync(path.join(ROOT, dir))
      ? readdirSync(path.join(ROOT, dir))
          .filter((f) => f.endsWith(".log"))
          .map((f) => `${dir}/${f}`)
      : [],
  );
  // After the whole suite these exist too; run alone, this app's log is checked.
  for (const [name, log] of [
    [E2E_LOG_FILE, text],
    ...otherLogs.map((f) => [f, read(f)]),
  ] as const) {
    for (const secret of secrets) expect(log.includes(secret), `${secret} in ${name}`).toBe(false);
    // API token secrets and session cookies (JWE) by their shape.
    expect(log, name).not.toMatch(/cdk_[A-Za-z0-9_-]{20}/);
    expect(log, name).not.toMatch(/eyJhbGciOiJkaXIi/);
    expect(log, name).not.toMatch(/next-auth\.(session-token|csrf-token)=/);
  }
});
