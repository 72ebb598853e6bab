// Before the browser tests: Debian's Chromium where it is installed (CI installs it, since
// Playwright's download host is unreachable there), else Playwright's own Chromium,
// downloaded once if missing, so that `npm test` needs no separate step.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { chromium } from "@playwright/test";

const system = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
if (!system && !existsSync(chromium.executablePath())) {
  console.log("test:e2e: no Chromium found; installing Playwright's (once)");
  const result = spawnSync("npx", ["--no-install", "playwright", "install", "chromium"], {
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}
