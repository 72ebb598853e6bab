/**
 * Batch import: `npm run import -- <files or folders> [--as <email>]`
 *
 * Reads .txt, .md, .html, .json and .jsonl files (folders recursively), extracts their
 * claims and stores them, skipping articles already imported. Shows progress on stderr,
 * prints a summary, and exits non-zero when any file or line could not be imported.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { openScriptDatabase } from "@/lib/db/script-database";
import { parseImportFile, SUPPORTED_EXTENSIONS } from "@/lib/domain/import/parse";
import { runMain } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");

async function collect(target: string, into: string[]): Promise<void> {
  const info = await stat(target);
  if (info.isDirectory()) {
    for (const entry of (await readdir(target)).sort()) {
      if (entry.startsWith(".")) continue;
      const child = path.join(target, entry);
      const childInfo = await stat(child);
      if (
        childInfo.isDirectory() ||
        SUPPORTED_EXTENSIONS.includes(path.extname(entry).toLowerCase())
      ) {
        await collect(child, into);
      }
    }
  } else {
    into.push(target);
  }
}

function progress(done: number, total: number, counts: Record<string, number>) {
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  const bar = "#".repeat(filled) + ".".repeat(width - filled);
  const line = `[${bar}] ${done}/${total} files · ${counts.imported} imported, ${counts.duplicate} duplicates, ${counts.failed} failed`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
  else if (done === total || done % 25 === 0) process.stderr.write(`${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  const asIndex = argv.indexOf("--as");
  const asEmail = asIndex >= 0 ? argv[asIndex + 1]?.toLowerCase() : undefined;
  const targets = asIndex < 0 ? argv : argv.filter((_, i) => i !== asIndex && i !== asIndex + 1);
  if (targets.length === 0) {
    console.error("usage: npm run import -- <files or folders> [--as <email>]");
    return 2;
  }
  const files: string[] = [];
  for (const target of targets) {
    try {
      await collect(path.resolve(target), files);
    } catch {
      console.error(`import: ${target}: no such file or folder`);
      return 2;
    }
  }

  const db = await openScriptDatabase(ROOT);
  process.env.DATABASE_URL = db.url;
  const { prisma } = await import("@/lib/db");
  const { importArticle } = await import("@/lib/data/articles");
  const counts = { imported: 0, duplicate: 0, failed: 0, claims: 0 };
  const failures: string[] = [];
  try {
    let userId: string | null = null;
    if (asEmail) {
      const user = await prisma.user.findUnique({
        where: { email: asEmail },
        select: { id: true },
      });
      if (!user) {
        console.error(`import: no user with email ${asEmail}`);
        return 2;
      }
      userId = user.id;
    }
    const actor = { userId, label: `cli:${process.env.USER ?? "import"}` };
    for (const [i, file] of files.entries()) {
      const name = path.relative(process.cwd(), file) || file;
      for (const parsed of parseImportFile(name, await readFile(file))) {
        if (!parsed.ok) {
          counts.failed++;
          failures.push(`${parsed.source}: ${parsed.error}`);
          continue;
        }
        try {
          const outcome = await importArticle(parsed.article, actor);
          counts[outcome.status]++;
          if (outcome.status === "imported") counts.claims += outcome.claims;
        } catch (error) {
          counts.failed++;
          failures.push(`${parsed.source}: ${(error as Error).message.split("\n")[0]}`);
        }
      }
      progress(i + 1, files.length, counts);
    }
    if (process.stderr.isTTY) process.stderr.write("\n");
    console.log(
      `imported ${counts.imported} articles (${counts.claims} claims), ${counts.duplicate} already there, ${counts.failed} failed`,
    );
    for (const failure of failures) console.log(`  failed: ${failure}`);
    return counts.failed > 0 ? 1 : 0;
  } finally {
    await prisma.$disconnect();
    await db.close();
  }
}

runMain("import", () => main(process.argv.slice(2)));
