import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { getArticleById } from "@/lib/data/articles";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate } from "@/components/ui/format";

export const metadata: Metadata = { title: "Article" };

export default async function ArticlePage({ params }: { params: Promise<{ articleId: string }> }) {
  await requireRole();
  const parsed = z.uuid().safeParse((await params).articleId);
  if (!parsed.success) notFound();
  const article = await getArticleById(parsed.data);
  if (!article) notFound();
  const meta = [article.outlet, article.author, formatDate(article.publishedAt)].filter(Boolean);
  return (
    <>
      <PageHeader title={article.title} description={meta.join(" · ")} />
      <article className="max-w-3xl rounded-lg bg-white p-6 whitespace-pre-wrap shadow-sm ring-1 ring-slate-200 leading-relaxed">
        {article.body}
      </article>
    </>
  );
}
