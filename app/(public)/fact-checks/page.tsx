import type { Metadata } from "next";
import Link from "next/link";
import { VerdictLabel } from "@/components/public/verdict";
import { factCheckPath } from "@/lib/data/public";
import { cachedFactCheckIndex, cachedRatings } from "@/lib/data/public-pages";
import { publicDate } from "@/lib/domain/publishing";
import { publicIndexQuery } from "@/lib/validation/public";

export const metadata: Metadata = { title: "Fact-checks" };

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every fact-check that is up, newest first, in pages; by verdict when one is chosen. */
export default async function FactCheckIndexPage({ searchParams }: Search) {
  const { before, verdict } = publicIndexQuery(await searchParams);
  const [index, verdicts] = await Promise.all([
    cachedFactCheckIndex({ before, verdict }),
    cachedRatings(),
  ]);
  const link = (next: { before?: string; verdict?: string }) => {
    const params = new URLSearchParams();
    if (next.verdict) params.set("verdict", next.verdict);
    if (next.before) params.set("before", next.before);
    const query = params.toString();
    return `/fact-checks${query ? `?${query}` : ""}`;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Fact-checks</h1>
      <p className="text-sm text-slate-600">
        {index.total.toLocaleString("en")} {index.total === 1 ? "fact-check" : "fact-checks"}
        {verdict ? " with this verdict" : ""}, newest first.
      </p>
      <nav aria-label="By verdict" className="flex flex-wrap gap-2 text-sm">
        <Link
          href={link({})}
          aria-current={!verdict ? "page" : undefined}
          className={!verdict ? "font-semibold underline" : "underline"}
        >
          All
        </Link>
        {verdicts.map((v) => (
          <Link
            key={v.key}
            href={link({ verdict: v.key })}
            aria-current={verdict === v.key ? "page" : undefined}
            className={verdict === v.key ? "font-semibold underline" : "underline"}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      {index.rows.length === 0 ? (
        <p className="text-slate-700">No fact-check has been published here yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200" data-testid="fact-check-index">
          {index.rows.map((row) => (
            <li key={row.slug} className="space-y-1 py-4">
              <h2 className="text-lg font-semibold">
                <Link className="text-slate-900 hover:underline" href={factCheckPath(row.slug)}>
                  {row.headline}
                </Link>
              </h2>
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                <VerdictLabel label={row.verdictLabel} rating={row.verdictRating} />
                <span>
                  {row.claimantName}: “{row.claimReviewed}”
                </span>
              </p>
              <p className="text-xs text-slate-600">
                <time dateTime={row.publishedAt.toISOString().slice(0, 10)}>
                  {publicDate(row.publishedAt)}
                </time>
                {row.status === "UNDER_REVIEW" && " · under review"}
              </p>
            </li>
          ))}
        </ul>
      )}
      {(before || index.older) && (
        <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
          {before && (
            <Link className="underline" href={link({ verdict })}>
              Newest
            </Link>
          )}
          {index.older && (
            <Link className="underline" href={link({ verdict, before: index.older })} rel="next">
              Older
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
