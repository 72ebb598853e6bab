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
  it("has each setting's row as lib/settings.ts describes it: name, default and meaning", () => {
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
    for (const row of settingsTableRows()) {
      expect(rows.find((r) => r[0] === row[0]), row[0]).toEqual(row);
    }
  });
});
