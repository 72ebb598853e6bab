import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { TEST_CLIENT } from "./tests/support/oidc-test-client";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DATA_DIR = ".data/e2e";
export const E2E_LOG_FILE = `${E2E_DATA_DIR}/app.log`;
/** Where e2e/operations.spec.ts runs app instances and a database of its own. */
export const E2E_OPS_DATA_DIR = ".data/e2e-ops";
/** Where e2e/hardening.spec.ts runs an app instance and a database of its own. */
export const E2E_HARDENING_DATA_DIR = ".data/e2e-hardening";
const baseURL = `http://localhost:${PORT}`;
/** Where e2e/notifications.spec.ts runs a mail server and a webhook receiver for the app. */
export const E2E_SMTP_PORT = PORT + 21;
export const E2E_WEBHOOK_PORT = PORT + 22;
/** The OpenID Connect provider the app signs in through (tests/support/oidc-provider.ts). */
export const E2E_OIDC_PORT = PORT + 23;
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;

// Debian's Chromium where it is installed (Playwright's own download is not reachable on
// every machine); elsewhere the browser from `npx playwright install chromium`.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) =>
  existsSync(p),
);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  // Ceilings, not waits: a test ends as soon as its conditions hold. They are set for a
  // machine busy with other work beside the suite (a test of two sign-ins and two saves
  // took 29 s of the old 30 s ceiling on one), where every step may take seconds.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /logs\.spec\.ts/ },
    // Last, once every other test has written to the app's log: it must hold no secret.
    { name: "logs", testMatch: /logs\.spec\.ts/, dependencies: ["chromium"] },
  ],
  // The real start command on its own data folder, wiped first: a production build, the
  // embedded Postgres, migrations and the demo seed, exactly as a new user gets them.
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs tests/support/oidc-provider-server.ts",
      url: `${E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        OIDC_PORT: String(E2E_OIDC_PORT),
        OIDC_REDIRECT_URI: `${baseURL}/api/auth/callback/oidc`,
      },
    },
    {
      command: `node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/start.ts --fresh`,
      url: `${baseURL}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      // SIGINT lets `npm start` stop Next.js and then the embedded Postgres in order.
      gracefulShutdown: { signal: "SIGINT", timeout: 20_000 },
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        CLAIMDESK_DATA_DIR: E2E_DATA_DIR,
        CLAIMDESK_LOG_FILE: E2E_LOG_FILE,
        NEXTAUTH_URL: baseURL,
        DATABASE_URL: "",
        // The document budget is CPU time (lib/jobs/pool.ts): the default holds however
        // busy this suite keeps the two cores (a wall-clock budget once failed legitimate
        // texts here).
        // The feed and pages of e2e/feeds.spec.ts are served on this machine.
        CLAIMDESK_FETCH_ALLOW_HOSTS: "127.0.0.1",
        // The mail server of e2e/notifications.spec.ts (mail to it fails, and is retried, while
        // no test runs it).
        CLAIMDESK_SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
        CLAIMDESK_FEED_TICK_SECONDS: "2",
        // Single sign-on through the test provider (e2e/single-sign-on.spec.ts): people of
        // newsroom.test get an account at their first sign-in, their groups give the role.
        CLAIMDESK_OIDC_ISSUER: E2E_OIDC_ISSUER,
        CLAIMDESK_OIDC_CLIENT_ID: TEST_CLIENT.id,
        CLAIMDESK_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
        CLAIMDESK_OIDC_NAME: "Newsroom SSO",
        CLAIMDESK_OIDC_DOMAINS: "newsroom.test",
        CLAIMDESK_OIDC_ROLE_MAP: "desk-editors=EDITOR,desk-admins=ADMIN",
      },
    },
  ],
});
