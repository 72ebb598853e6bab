import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSettings, SettingsError, settingsTableRows } from "./settings";

describe("settings", () => {
  it("takes the defaults when nothing is set (or a variable is empty)", () => {
    const s = parseSettings({ CLAIMDESK_DOCUMENT_BUDGET_MS: "" });
    expect(s.CLAIMDESK_DOCUMENT_BUDGET_MS).toBe(5_000);
    expect(s.CLAIMDESK_WORKER_THREADS).toBe(Math.max(1, os.availableParallelism()));
    expect(s.CLAIMDESK_JOB_LEASE_SECONDS).toBeUndefined();
    expect(s.CLAIMDESK_EXPORT_IDLE_SECONDS).toBe(30);
  });

  it("reads whole numbers within their range", () => {
    const s = parseSettings({
      CLAIMDESK_WORKER_THREADS: " 4 ",
      CLAIMDESK_JOB_LEASE_SECONDS: "600",
    });
    expect(s.CLAIMDESK_WORKER_THREADS).toBe(4);
    expect(s.CLAIMDESK_JOB_LEASE_SECONDS).toBe(600);
  });

  it("reads addresses, lists and levels, and refuses what they cannot be", () => {
    const s = parseSettings({
      DATABASE_URL: "postgresql://desk@db.example/claimdesk",
      CLAIMDESK_FETCH_ALLOW_HOSTS: " Intranet.Example , ,wire.example",
      LOG_LEVEL: "warn",
      CLAIMDESK_TRUSTED_PROXIES: "10.0.0.0/8, ::1",
    });
    expect(s.DATABASE_URL).toBe("postgresql://desk@db.example/claimdesk");
    expect(s.CLAIMDESK_FETCH_ALLOW_HOSTS).toEqual(["intranet.example", "wire.example"]);
    expect(s.LOG_LEVEL).toBe("warn");
    expect(() =>
      parseSettings({
        DATABASE_URL: "mysql://x",
        NEXTAUTH_URL: "ftp://app.example",
        NEXTAUTH_SECRET: "short",
        LOG_LEVEL: "loud",
        CLAIMDESK_TRUSTED_PROXIES: "proxy.example",
        CLAIMDESK_CLAIM_URL_TEMPLATE: "https://x.example/checks",
      }),
    ).toThrow(
      'Invalid settings: DATABASE_URL="mysql://x" is not a postgres:// or postgresql:// address; ' +
        'NEXTAUTH_SECRET="short" is not at least 32 characters long; ' +
        'NEXTAUTH_URL="ftp://app.example" is not an http:// or https:// address; ' +
        'LOG_LEVEL="loud" is not one of debug, info, warn, error or silent; ' +
        'CLAIMDESK_TRUSTED_PROXIES="proxy.example" is not a hop count or a comma-separated list of addresses and CIDR ranges; ' +
        'CLAIMDESK_CLAIM_URL_TEMPLATE="https://x.example/checks" is not an address holding {id}',
    );
  });

  it("reads the sign-in settings, and refuses the ones that only make sense together", () => {
    const s = parseSettings({
      CLAIMDESK_OIDC_ISSUER: "https://login.microsoftonline.com/tenant/v2.0",
      CLAIMDESK_OIDC_CLIENT_ID: "id",
      CLAIMDESK_OIDC_CLIENT_SECRET: "secret",
      CLAIMDESK_OIDC_DOMAINS: "Newsroom.org, bureau.newsroom.org",
      CLAIMDESK_OIDC_ROLE_MAP: "Desk Editors=EDITOR, desk-admins=ADMIN",
      CLAIMDESK_PASSWORD_LOGIN: "off",
      CLAIMDESK_REQUIRE_2FA: "all",
    });
    expect(s.CLAIMDESK_OIDC_DOMAINS).toEqual(["newsroom.org", "bureau.newsroom.org"]);
    expect(s.CLAIMDESK_OIDC_ROLE_MAP).toEqual({ "Desk Editors": "EDITOR", "desk-admins": "ADMIN" });
    expect(s.CLAIMDESK_PASSWORD_LOGIN).toBe(false);
    expect(s.CLAIMDESK_REQUIRE_2FA).toBe("all");
    expect(parseSettings({}).CLAIMDESK_REQUIRE_2FA).toBe("admins");
    expect(() => parseSettings({ CLAIMDESK_OIDC_ROLE_MAP: "editors=BOSS" })).toThrow(
      /group=ROLE pairs/,
    );
    expect(() => parseSettings({ CLAIMDESK_OIDC_ISSUER: "https://sso.example" })).toThrow(
      "CLAIMDESK_OIDC_ISSUER needs CLAIMDESK_OIDC_CLIENT_ID and CLAIMDESK_OIDC_CLIENT_SECRET",
    );
    expect(() => parseSettings({ CLAIMDESK_PASSWORD_LOGIN: "off" })).toThrow(
      /nobody could sign in/,
    );
  });

  it("stops with every wrong variable named and what it expects, instead of falling back", () => {
    const parse = () =>
      parseSettings({
        CLAIMDESK_WORKER_THREADS: "four",
        CLAIMDESK_DOCUMENT_BUDGET_MS: "5",
        CLAIMDESK_FETCH_PER_HOST: "2.5",
      });
    expect(parse).toThrow(SettingsError);
    expect(parse).toThrow(
      'Invalid settings: CLAIMDESK_WORKER_THREADS="four" is not a whole number from 1 to 256; ' +
        'CLAIMDESK_DOCUMENT_BUDGET_MS="5" is not at least 10; ' +
        'CLAIMDESK_FETCH_PER_HOST="2.5" is not a whole number from 1 to 64',
    );
  });
});

describe("the README's settings table", () => {
  it("is the settings' own table, row for row (npx tsx scripts/settings-table.ts prints it)", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8");
    const rows = readme
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) =>
        line
          .slice(1, -1)
          .split(" | ")
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual(settingsTableRows());
  });
});
