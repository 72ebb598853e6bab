import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { importArticle } from "@/lib/data/articles";
import { insertUser } from "@/lib/data/users";
import { insertVerdict } from "@/lib/data/verdicts";
import { articleInput } from "@/lib/validation/article";
import { DEFAULT_VERDICTS, DEMO_USERS } from "./demo";

const SEEDS_DIR = import.meta.dirname;

interface SeedArticle {
  file: string;
  title: string;
  outlet?: string;
  url?: string;
  publishedAt?: string;
  language?: string;
}

export interface SeedResult {
  verdicts: number;
  users: number;
  articles: number;
}

/**
 * Fills an empty database: the verdict vocabulary always (the app needs it), demo users
 * and the sample articles only when `demo` is set. Idempotent: rows that exist are kept.
 */
export async function seedDatabase(
  prisma: PrismaClient,
  { demo }: { demo: boolean },
): Promise<SeedResult> {
  const result: SeedResult = { verdicts: 0, users: 0, articles: 0 };
  await prisma.$transaction(async (tx) => {
    for (const verdict of DEFAULT_VERDICTS) {
      if (await insertVerdict(tx, verdict, { actorId: null, actorLabel: "seed" })) {
        result.verdicts++;
      }
    }
  });
  if (!demo) return result;

  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  const manifest = JSON.parse(
    await readFile(path.join(SEEDS_DIR, "articles.json"), "utf8"),
  ) as SeedArticle[];
  const bodies = await Promise.all(
    manifest.map((a) => readFile(path.join(SEEDS_DIR, a.file), "utf8")),
  );

  await prisma.$transaction(async (tx) => {
    for (const [i, user] of DEMO_USERS.entries()) {
      const { email, name, role } = user;
      const created = await insertUser(
        tx,
        { email, name, role, passwordHash: hashes[i]! },
        { actorId: null, actorLabel: "seed" },
      );
      if (created) result.users++;
    }
  });
  // Articles go through the same import as the app's, so their claims are extracted.
  const importer = await prisma.user.findFirst({
    where: { email: DEMO_USERS[0]!.email },
    select: { id: true },
  });
  for (const [i, article] of manifest.entries()) {
    const outcome = await importArticle(
      articleInput.parse({ ...article, body: bodies[i]! }),
      { userId: importer?.id ?? null, label: "seed" },
      prisma,
    );
    if (outcome.status === "imported") result.articles++;
  }
  return result;
}
