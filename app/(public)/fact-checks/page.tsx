import { publicLocale, publicTranslations } from "@/lib/i18n/public";
import type { Metadata } from "next";
import Link from "next/link";
import { VerdictLabel } from "@/components/public/verdict";
import { factCheckPath } from "@/lib/data/public";
import { cachedFactCheckIndex, cachedRatings } from "@/lib/data/public-pages";
import { publicDate } from "@/lib/domain/publishing";
import { publicIndexQuery } from "@/lib/validation/public";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await publicTranslations())("factChecks") };
}

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every fact-check that is up, newest first, in pages; by verdict when one is chosen. */
export default async function FactCheckIndexPage({ searchParams }: Search) {
  const { before, verdict } = publicIndexQuery(await searchParams);
  const [index, verdicts, t] = await Promise.all([
    cachedFactCheckIndex({ before, verdict }),
    cachedRatings(),
    publicTranslations(),
  ]);
  const locale = publicLocale();
  const link = (next: { before?: string; verdict?: string }) => {
    const params = new URLSearchParams();
    if (next.verdict) params.set("verdict", next.verdict);
    if (next.before) params.set("before", next.before);
    const query = params.toString();
    return `/fact-checks${query ? `?${query}` : ""}`;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("factChecks")}</h1>
      <p className="text-sm text-slate-600">
        {t("count", { count: index.total, withVerdict: String(Boolean(verdict)) })}
      </p>
      <nav aria-label={t("byVerdict")} className="flex flex-wrap gap-2 text-sm">
        <Link
          href={link({})}
          aria-current={!verdict ? "page" : undefined}
          className={!verdict ? "font-semibold underline" : "underline"}
        >
          {t("all")}
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
        <p className="text-slate-700">{t("none")}</p>
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
                  {publicDate(row.publishedAt, locale)}
                </time>
                {row.status === "UNDER_REVIEW" && ` · ${t("underReviewShort")}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {(before || index.older) && (
        <nav aria-label={t("pages")} className="flex items-center gap-4 text-sm">
          {before && (
            <Link className="underline" href={link({ verdict })}>
              {t("newest")}
            </Link>
          )}
          {index.older && (
            <Link className="underline" href={link({ verdict, before: index.older })} rel="next">
              {t("older")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
