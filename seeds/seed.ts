import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { articleContentHash } from "@/lib/domain/article";
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
    for (const [order, verdict] of DEFAULT_VERDICTS.entries()) {
      const existing = await tx.verdict.findUnique({ where: { key: verdict.key } });
      if (existing) continue;
      const created = await tx.verdict.create({ data: { ...verdict, order } });
      await tx.auditEvent.create({
        data: {
          actorLabel: "seed",
          action: "verdict.create",
          entity: "Verdict",
          entityId: created.id,
          after: verdict,
        },
      });
      result.verdicts++;
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
    let importer: string | null = null;
    for (const [i, user] of DEMO_USERS.entries()) {
      const existing = await tx.user.findUnique({ where: { email: user.email } });
      if (existing) {
        importer ??= existing.id;
        continue;
      }
      const created = await tx.user.create({
        data: { email: user.email, name: user.name, role: user.role, passwordHash: hashes[i]! },
      });
      importer ??= created.id;
      await tx.auditEvent.create({
        data: {
          actorLabel: "seed",
          action: "user.create",
          entity: "User",
          entityId: created.id,
          after: { email: user.email, name: user.name, role: user.role },
        },
      });
      result.users++;
    }
    for (const [i, article] of manifest.entries()) {
      const body = bodies[i]!;
      const contentHash = articleContentHash(body);
      if (await tx.article.findUnique({ where: { contentHash } })) continue;
      const created = await tx.article.create({
        data: {
          title: article.title,
          outlet: article.outlet ?? null,
          url: article.url ?? null,
          publishedAt: article.publishedAt ? new Date(article.publishedAt) : null,
          language: article.language ?? "en",
          body,
          contentHash,
          importedById: importer,
        },
      });
      await tx.auditEvent.create({
        data: {
          actorLabel: "seed",
          action: "article.import",
          entity: "Article",
          entityId: created.id,
          after: { title: article.title, file: article.file },
        },
      });
      result.articles++;
    }
  });
  return result;
}
