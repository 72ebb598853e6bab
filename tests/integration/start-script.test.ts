import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function runStart(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "--conditions=react-server",
        "scripts/start.ts",
      ],
      {
        cwd: ROOT,
        // A clean environment: only what the case under test sets.
        env: {
          NODE_ENV: "production",
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          ...env,
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm start refuses clearly", () => {
  it("when DATABASE_URL points at nothing: one line, no stack trace, exit code 1", async () => {
    const { code, stderr } = await runStart({
      DATABASE_URL: "postgresql://nobody:secret@127.0.0.1:1/claimdesk",
      NEXTAUTH_SECRET: "x".repeat(40),
      PORT: "3999",
    });
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^claimdesk: Cannot reach PostgreSQL at 127\.0\.0\.1:1\/claimdesk: connection refused/,
    );
    expect(stderr).not.toContain("secret");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("when DATABASE_URL is set without a session secret", async () => {
    const { code, stderr } = await runStart({
      DATABASE_URL: "postgresql://127.0.0.1:1/x",
      PORT: "3998",
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^claimdesk: NEXTAUTH_SECRET is required with DATABASE_URL/);
  });

  it("when the port is in use", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const { code, stderr } = await runStart({ PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `claimdesk: port ${port} is already in use. Stop what runs there, or start with PORT=<another port>.`,
      );
    } finally {
      server.close();
    }
  });
});
