import { direction } from "@/lib/i18n/locales";
import { publicLocale, publicTranslations } from "@/lib/i18n/public";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { VerdictLabel } from "@/components/public/verdict";
import { factCheckUrl } from "@/lib/data/public";
import { cachedFactCheck } from "@/lib/data/public-pages";
import { publicDate } from "@/lib/domain/publishing";
import { settings } from "@/lib/settings";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const fact = await cachedFactCheck(decodeURIComponent((await params).slug));
  return fact
    ? {
        title: fact.headline,
        robots: { index: false },
        alternates: { canonical: factCheckUrl(fact.slug) },
      }
    : {};
}

/** A fact-check as a card: the claim, who said it, the verdict, and a link to the page. */
export default async function FactCheckEmbed({ params }: Params) {
  const fact = await cachedFactCheck(decodeURIComponent((await params).slug));
  if (!fact || fact.status === "UNPUBLISHED") notFound();
  const url = factCheckUrl(fact.slug);
  const t = await publicTranslations();
  const locale = publicLocale();
  return (
    <article
      lang={locale}
      dir={direction(locale)}
      className="max-w-xl space-y-2 rounded-lg border border-slate-300 bg-white p-4"
      data-testid="fact-check-embed"
    >
      <p className="text-xs text-slate-600">
        {t("factCheckBy", { desk: settings().CLAIMDESK_ORG_NAME })} ·{" "}
        <time dateTime={fact.publishedAt.toISOString().slice(0, 10)}>
          {publicDate(fact.publishedAt, locale)}
        </time>
        {fact.status === "UNDER_REVIEW" && ` · ${t("underReviewShort")}`}
      </p>
      <p className="text-slate-900">
        <span className="font-semibold">{fact.claimantName}:</span> “{fact.claimReviewed}”
      </p>
      <p>
        <VerdictLabel label={fact.verdictLabel} rating={fact.verdictRating} large />
      </p>
      <p>
        <a className="text-sm text-brand-700 underline" href={url} target="_blank" rel="noopener">
          {t("read")}
        </a>
      </p>
    </article>
  );
}
