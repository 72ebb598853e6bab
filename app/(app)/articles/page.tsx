import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { listArticles } from "@/lib/data/articles";
import { PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/button";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";

export const metadata: Metadata = { title: "Articles" };

export default async function ArticlesPage() {
  await requireRole();
  const articles = await listArticles();
  return (
    <>
      <PageHeader
        title="Articles"
        description="Imported articles, newest first."
        actions={
          <LinkButton href="/articles/import" variant="primary">
            Import articles
          </LinkButton>
        }
      />
      <Table caption="Articles">
        <thead className="bg-slate-50">
          <tr>
            <Th>Title</Th>
            <Th>Outlet</Th>
            <Th>Published</Th>
            <Th>Imported</Th>
            <Th className="text-end">Claims</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {articles.length === 0 && <EmptyRow colSpan={5}>No articles yet.</EmptyRow>}
          {articles.map((article) => (
            <tr key={article.id}>
              <Td>
                <Link className="text-brand-700 underline" href={`/articles/${article.id}`}>
                  {article.title}
                </Link>
              </Td>
              <Td>{article.outlet ?? "—"}</Td>
              <Td>{formatDate(article.publishedAt)}</Td>
              <Td>{formatDate(article.createdAt)}</Td>
              <Td className="text-end tabular-nums">{article._count.claims}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
