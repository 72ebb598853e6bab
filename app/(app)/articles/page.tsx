import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { listArticles } from "@/lib/data/articles";
import { PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/button";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Articles"))("title") };
}

export default async function ArticlesPage() {
  await requireRole();
  const [articles, t, locale] = await Promise.all([
    listArticles(),
    getTranslations("Articles"),
    getLocale(),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <LinkButton href="/articles/import" variant="primary">
            {t("import")}
          </LinkButton>
        }
      />
      <Table caption={t("title")}>
        <thead className="bg-slate-50">
          <tr>
            <Th>{t("columnTitle")}</Th>
            <Th>{t("outlet")}</Th>
            <Th>{t("published")}</Th>
            <Th>{t("imported")}</Th>
            <Th className="text-end">{t("claims")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {articles.length === 0 && <EmptyRow colSpan={5}>{t("empty")}</EmptyRow>}
          {articles.map((article) => (
            <tr key={article.id}>
              <Td>
                <Link className="text-brand-700 underline" href={`/articles/${article.id}`}>
                  {article.title}
                </Link>
              </Td>
              <Td>{article.outlet ?? "—"}</Td>
              <Td>{formatDate(article.publishedAt, locale)}</Td>
              <Td>{formatDate(article.createdAt, locale)}</Td>
              <Td className="text-end tabular-nums">{article._count.claims}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
