import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Fact-check library" };

const SOURCES = {
  DESK: "The desk's verdicts",
  PAGE: "Pages",
  FEED: "Feeds",
  FILE: "Files",
} as const;

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
  const [{ rows, next }, summary] = await Promise.all([
    listLibrary(query),
    librarySummary(ENCODER_VERSION),
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
        title="Fact-check library"
        description={`What new claims are matched against ("checked before"): ${summary.desk.toLocaleString("en")} of the desk's approved verdicts and ${summary.others.toLocaleString("en")} fact-checks by others, from pages, feeds and files (npm run import:factchecks).${summary.waiting > 0 ? ` ${summary.waiting.toLocaleString("en")} wait for a worker to compute their embedding; they are matched once it has.` : ""}`}
      />
      <form
        method="get"
        className="mb-4 grid gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[minmax(0,3fr)_minmax(0,1fr)_auto] sm:items-end"
        aria-label="Search the library"
      >
        <FilterField label="Words of the claim or headline" htmlFor="l-q">
          <input
            id="l-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            className={FILTER_CONTROL}
          />
        </FilterField>
        <FilterField label="From" htmlFor="l-source">
          <select
            id="l-source"
            name="source"
            defaultValue={query.source ?? ""}
            className={FILTER_CONTROL}
          >
            <option value="">Anywhere</option>
            {Object.entries(SOURCES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </FilterField>
        <Button type="submit" size="sm">
          Search
        </Button>
      </form>
      <Table caption="Fact-checks in the library, newest first">
        <thead className="bg-slate-50">
          <tr>
            <Th>Claim checked</Th>
            <Th>Rating</Th>
            <Th>Publisher</Th>
            <Th>Date</Th>
            <Th>From</Th>
            <Th className="text-end">Claims matched</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 && (
            <EmptyRow colSpan={6}>
              {query.q || query.source
                ? "No fact-check in the library matches this search."
                : "The library is empty: approve verdicts, import fact-checks or follow a fact-checker's feed."}
            </EmptyRow>
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
                  <span className="block text-xs text-amber-900">waiting for its embedding</span>
                )}
              </Td>
              <Td>
                {r.ratingName ? <Badge tone="warning">{r.ratingName}</Badge> : "—"}
                {r.corrections > 0 && (
                  <span className="block text-xs text-slate-600">
                    corrected {r.corrections === 1 ? "once" : `${r.corrections} times`}
                  </span>
                )}
              </Td>
              <Td>{r.publisher ?? "—"}</Td>
              <Td className="whitespace-nowrap">{formatDate(r.reviewedAt)}</Td>
              <Td>{SOURCES[r.source]}</Td>
              <Td className="text-end tabular-nums">{r.matches}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <nav aria-label="Pages" className="mt-4 flex gap-3 text-sm">
        {query.after && (
          <Link className="text-brand-700 underline" href={pageUrl(null)}>
            First page
          </Link>
        )}
        {next && (
          <Link className="text-brand-700 underline" href={pageUrl(next)} rel="next">
            Next page
          </Link>
        )}
      </nav>
    </>
  );
}
