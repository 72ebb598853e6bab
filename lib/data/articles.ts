import "server-only";
import { prisma } from "@/lib/db";

export async function listArticles({ take = 100 }: { take?: number } = {}) {
  return prisma.article.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      title: true,
      outlet: true,
      url: true,
      publishedAt: true,
      createdAt: true,
      _count: { select: { claims: true } },
    },
  });
}

export async function getArticleById(articleId: string) {
  return prisma.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      title: true,
      outlet: true,
      author: true,
      url: true,
      publishedAt: true,
      body: true,
      createdAt: true,
      importedBy: { select: { name: true } },
    },
  });
}
