import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { librarySummary, listLibrary } from "@/lib/data/fact-check-library";
import { ENCODER_VERSION } from "@/lib/encoder/version";
import { libraryQuery } from "@/lib/validation/claim";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";
import { FILTER_CONTROL, FilterField } from "@/components/ui/filter-field";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Library"))("title") };
}

const SOURCES = ["DESK", "PAGE", "FEED", "FILE"] as const;

export default async function LibraryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole();
  const raw = await searchParams;
  const query = libraryQuery.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const [{ rows, next }, summary, t, locale] = await Promise.all([
    listLibrary(query),
    librarySummary(ENCODER_VERSION),
    getTranslations("Library"),
    getLocale(),
  ]);
  const pageUrl = (after: string | null) => {
    const params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    if (query.source) params.set("source", query.source);
    if (after) params.set("after", after);
    const search = params.toString();
    return search ? `/library?${search}` : "/library";
  };
  return (
    <>
      <PageHeader
        title={t("title")}
        description={`${t("description", { desk: summary.desk, others: summary.others })}${summary.waiting > 0 ? ` ${t("waiting", { count: summary.waiting })}` : ""}`}
      />
      <form
        method="get"
        className="mb-4 grid gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[minmax(0,3fr)_minmax(0,1fr)_auto] sm:items-end"
        aria-label={t("searchForm")}
      >
        <FilterField label={t("words")} htmlFor="l-q">
          <input
            id="l-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            className={FILTER_CONTROL}
          />
        </FilterField>
        <FilterField label={t("from")} htmlFor="l-source">
          <select
            id="l-source"
            name="source"
            defaultValue={query.source ?? ""}
            className={FILTER_CONTROL}
          >
            <option value="">{t("anywhere")}</option>
            {SOURCES.map((value) => (
              <option key={value} value={value}>
                {t(`source.${value}`)}
              </option>
            ))}
          </select>
        </FilterField>
        <Button type="submit" size="sm">
          {t("search")}
        </Button>
      </form>
      <Table caption={t("caption")}>
        <thead className="bg-slate-50">
          <tr>
            <Th>{t("claim")}</Th>
            <Th>{t("rating")}</Th>
            <Th>{t("publisher")}</Th>
            <Th>{t("date")}</Th>
            <Th>{t("from")}</Th>
            <Th className="text-end">{t("matched")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 && (
            <EmptyRow colSpan={6}>{query.q || query.source ? t("noMatch") : t("empty")}</EmptyRow>
          )}
          {rows.map((r) => (
            <tr key={r.id} data-testid="library-row">
              <Td className="max-w-xl">
                {r.claimId ? (
                  <Link className="text-brand-700 underline" href={`/claims/${r.claimId}`}>
                    {r.claim}
                  </Link>
                ) : r.url ? (
                  <a className="text-brand-700 underline" href={r.url} rel="noreferrer noopener">
                    {r.claim}
                  </a>
                ) : (
                  r.claim
                )}
                {r.title && <span className="block text-xs text-slate-600">{r.title}</span>}
                {!r.embedded && (
                  <span className="block text-xs text-amber-900">{t("noEmbedding")}</span>
                )}
              </Td>
              <Td>
                {r.ratingName ? <Badge tone="warning">{r.ratingName}</Badge> : "—"}
                {r.corrections > 0 && (
                  <span className="block text-xs text-slate-600">
                    {t("corrected", { count: r.corrections })}
                  </span>
                )}
              </Td>
              <Td>{r.publisher ?? "—"}</Td>
              <Td className="whitespace-nowrap">{formatDate(r.reviewedAt, locale)}</Td>
              <Td>{t(`source.${r.source}`)}</Td>
              <Td className="text-end tabular-nums">{r.matches}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <nav aria-label={t("pages")} className="mt-4 flex gap-3 text-sm">
        {query.after && (
          <Link className="text-brand-700 underline" href={pageUrl(null)}>
            {t("firstPage")}
          </Link>
        )}
        {next && (
          <Link className="text-brand-700 underline" href={pageUrl(next)} rel="next">
            {t("nextPage")}
          </Link>
        )}
      </nav>
    </>
  );
}
