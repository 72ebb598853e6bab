/**
 * Creates a user, typically the first admin of a fresh production database:
 *
 *   npm run user:create -- --email ada@example.org --role ADMIN [--name "Ada Lovelace"]
 *
 * Prompts for the password (twice, not echoed); with no terminal, reads it from the first
 * line of standard input. Uses DATABASE_URL, or the embedded database of this checkout.
 */
import path from "node:path";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { z } from "zod";
import { openScriptDatabase } from "@/lib/db/script-database";
import { hashPassword } from "@/lib/auth/password";
import { email } from "@/lib/validation/auth";
import { newPassword } from "@/lib/validation/auth";
import { ROLES } from "@/lib/domain/roles";
import { parseCommandLine, runMain, UsageError } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");

const args = z.object({
  email,
  role: z.enum(ROLES, { error: `--role must be one of ${ROLES.join(", ")}` }),
  name: z.string().trim().min(1).max(200).optional(),
});

const USAGE =
  'npm run user:create -- --email <address> --role ADMIN|EDITOR|REVIEWER [--name "Full Name"]';

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return "";
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
  });
  const parsed = args.safeParse({ ...values, role: values.role?.toUpperCase() });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("; "));
  const password = await readPassword("Password (at least 12 characters): ");
  const checked = newPassword.safeParse(password);
  if (!checked.success) {
    console.error(`user:create: ${checked.error.issues[0]!.message}`);
    return 2;
  }
  if (process.stdin.isTTY && (await readPassword("Repeat the password: ")) !== password) {
    console.error("user:create: the passwords differ; nothing was created");
    return 2;
  }
  const db = await openScriptDatabase(ROOT);
  process.env.DATABASE_URL = db.url;
  const { closeDatabase } = await import("@/lib/data/setup");
  const { createUserAs } = await import("@/lib/data/users");
  try {
    const { email: address, role } = parsed.data;
    const name = parsed.data.name ?? address.split("@")[0]!;
    const passwordHash = await hashPassword(password);
    const created = await createUserAs(
      { email: address, name, role, passwordHash },
      { actorId: null, actorLabel: `cli:${process.env.USER ?? "user:create"}` },
    );
    if (!created) {
      console.error(
        `user:create: a user with email ${address} already exists; nothing was changed`,
      );
      return 1;
    }
    console.log(`created ${role.toLowerCase()} ${address}`);
    return 0;
  } finally {
    await closeDatabase();
    await db.close();
  }
}

runMain("user:create", () => main(process.argv.slice(2)), undefined, USAGE);
