import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandLine, UsageError } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("command lines", () => {
  const options = { format: { type: "string" }, quiet: { type: "boolean" } } as const;

  it("read flags and positionals as declared", () => {
    const { values, positionals } = parseCommandLine(
      ["--format", "csv", "a.txt", "--quiet"],
      options,
      { positionals: true },
    );
    expect(values).toEqual({ format: "csv", quiet: true });
    expect(positionals).toEqual(["a.txt"]);
  });

  it("refuse a mistyped flag, a missing value and an unexpected positional", () => {
    expect(() => parseCommandLine(["--formt", "csv"], options)).toThrow(UsageError);
    expect(() => parseCommandLine(["--format"], options)).toThrow(/argument missing/);
    expect(() => parseCommandLine(["stray"], options)).toThrow(/positional/);
  });

  it("end a script with its usage and exit code 2, before it touches any database", () => {
    const run = spawnSync(
      process.execPath,
      [
        "node_modules/tsx/dist/cli.mjs",
        "--conditions=react-server",
        "scripts/export.ts",
        "--formt",
        "csv",
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: "postgresql://nowhere" },
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("export: Unknown option '--formt'");
    expect(run.stderr).toContain("usage: npm run export --");
  });
});
