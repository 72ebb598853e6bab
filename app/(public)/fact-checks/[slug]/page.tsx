import { publicLocale, publicTranslations } from "@/lib/i18n/public";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { VerdictLabel } from "@/components/public/verdict";
import { factCheckPath, factCheckUrl } from "@/lib/data/public";
import { cachedFactCheck } from "@/lib/data/public-pages";
import { htmlSafeJson } from "@/lib/domain/export/encode";
import { BEST_RATING } from "@/lib/domain/export/claim-review";
import {
  claimReviewOfPage,
  correctionText,
  FEED_ALTERNATE,
  markdownHtml,
  publicDate,
} from "@/lib/domain/publishing";
import { settings } from "@/lib/settings";

type Params = { params: Promise<{ slug: string }> };

interface PublishedEvidence {
  url: string;
  archivedUrl: string | null;
  title: string | null;
  publisher: string | null;
  stance: string;
  sourceType: string;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const fact = await cachedFactCheck(decodeURIComponent((await params).slug));
  if (!fact || fact.status === "UNPUBLISHED") return {};
  const url = factCheckUrl(fact.slug);
  const description = `${fact.verdictLabel}: ${fact.claimReviewed}`;
  return {
    title: fact.headline,
    description,
    alternates: { canonical: url, types: FEED_ALTERNATE },
    openGraph: {
      type: "article",
      url,
      title: fact.headline,
      description,
      siteName: settings().CLAIMDESK_ORG_NAME,
      publishedTime: fact.publishedAt.toISOString(),
      modifiedTime: fact.updatedAt.toISOString(),
    },
    twitter: { card: "summary_large_image", title: fact.headline, description },
  };
}

/** Dates as readers read them, with the machine-readable date beside. */
function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString().slice(0, 10)}>{publicDate(date, publicLocale())}</time>;
}

/**
 * A published fact-check: the claim as reviewed, its sentence in its source, who said it
 * and where, the verdict (linked to its definition), the summary and rationale, the
 * evidence, the dates and any corrections, with exactly one ClaimReview made from the same
 * copy. A page withdrawn answers 410 before it gets here (proxy.ts); one never published, 404.
 */
export default async function FactCheckPage({ params }: Params) {
  const fact = await cachedFactCheck(decodeURIComponent((await params).slug));
  if (!fact || fact.status === "UNPUBLISHED") notFound();
  const s = settings();
  const url = factCheckUrl(fact.slug);
  const jsonLd = claimReviewOfPage(fact, {
    url,
    publisherName: s.CLAIMDESK_ORG_NAME,
    publisherUrl: s.CLAIMDESK_ORG_URL,
  });
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const evidence = fact.evidence as unknown as PublishedEvidence[];
  const t = await publicTranslations();
  const corrected = fact.corrections.at(-1);
  return (
    <article className="space-y-8" data-testid="fact-check">
      <script
        type="application/ld+json"
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: htmlSafeJson(JSON.stringify(jsonLd)) }}
      />
      {fact.status === "UNDER_REVIEW" && (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900"
        >
          {t.rich("underReview", { strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
      )}
      <header className="space-y-3">
        <p className="text-sm text-slate-600">{t("factCheck")}</p>
        <h1 className="text-2xl font-bold text-slate-900">{fact.headline}</h1>
        <p className="flex flex-wrap items-center gap-3">
          <VerdictLabel
            label={fact.verdictLabel}
            rating={fact.verdictRating}
            verdictKey={fact.verdict.key}
            linkLabel={t("verdictLink", { label: fact.verdictLabel })}
            large
          />
          {fact.verdictRating >= 1 && fact.verdictRating <= BEST_RATING && (
            <span className="text-sm text-slate-600">
              {t("rating", { value: fact.verdictRating, best: BEST_RATING })}
            </span>
          )}
        </p>
        <p className="text-sm text-slate-600">
          {t.rich("published", { date: () => <When date={fact.publishedAt} /> })}
          {corrected && (
            <> · {t.rich("corrected", { date: () => <When date={corrected.correctedAt} /> })}</>
          )}
          {" · "}
          {s.CLAIMDESK_ORG_NAME}
          {fact.byline && <> · {fact.byline}</>}
        </p>
      </header>

      <section aria-labelledby="claim-heading" className="space-y-2">
        <h2 id="claim-heading" className="text-lg font-semibold">
          {t("theClaim")}
        </h2>
        <blockquote className="border-s-4 border-brand-300 ps-4 text-lg text-slate-900">
          {fact.claimReviewed}
        </blockquote>
        <p className="text-slate-700">
          {t.rich("saidBy", {
            name: fact.claimantName,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
          {fact.claimantRole && <>, {fact.claimantRole}</>}
          {fact.appearanceDate && (
            <> {t.rich("on", { date: () => <When date={fact.appearanceDate!} /> })}</>
          )}
          .{" "}
          <a className="text-brand-700 underline" href={fact.appearanceUrl} rel="nofollow noopener">
            {t("whereItAppeared")}
          </a>
          {fact.firstAppearanceUrl && fact.firstAppearanceUrl !== fact.appearanceUrl && (
            <>
              {" · "}
              <a
                className="text-brand-700 underline"
                href={fact.firstAppearanceUrl}
                rel="nofollow noopener"
              >
                {t("whereItFirstAppeared")}
              </a>
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="source-heading" className="space-y-2">
        <h2 id="source-heading" className="text-lg font-semibold">
          {t("inItsSource")}
        </h2>
        <p className="text-slate-700" data-testid="quote-in-context">
          {fact.quotePrefix && <span className="text-slate-500">…{fact.quotePrefix}</span>}
          <mark className="bg-brand-50 text-slate-900">{fact.quote}</mark>
          {fact.quoteSuffix && <span className="text-slate-500">{fact.quoteSuffix}…</span>}
        </p>
        {fact.articleUrl ? (
          <p className="text-sm">
            {t("from")}{" "}
            <a className="text-brand-700 underline" href={fact.articleUrl} rel="nofollow noopener">
              {fact.articleTitle ?? fact.articleUrl}
            </a>
            {fact.articleOutlet && <> ({fact.articleOutlet})</>}
            {fact.articlePublishedAt && (
              <>
                , <When date={fact.articlePublishedAt} />
              </>
            )}
          </p>
        ) : (
          fact.articleTitle && (
            <p className="text-sm">
              {t("from")} {fact.articleTitle}
            </p>
          )
        )}
      </section>

      {fact.summary && (
        <section
          aria-label={t("summary")}
          className="prose-public space-y-3 text-slate-800"
          dangerouslySetInnerHTML={{ __html: markdownHtml(fact.summary) }}
        />
      )}

      <section aria-labelledby="rationale-heading" className="space-y-2">
        <h2 id="rationale-heading" className="text-lg font-semibold">
          {t("why", { verdict: fact.verdictLabel })}
        </h2>
        {fact.rationale.split(/\n{2,}/).map((paragraph, i) => (
          <p key={i} className="whitespace-pre-line text-slate-800">
            {paragraph}
          </p>
        ))}
      </section>

      <section aria-labelledby="evidence-heading" className="space-y-2">
        <h2 id="evidence-heading" className="text-lg font-semibold">
          {t("evidence")}
        </h2>
        <ol className="list-decimal space-y-2 ps-6">
          {evidence.map((item, i) => (
            <li key={i}>
              <a className="text-brand-700 underline" href={item.url} rel="nofollow noopener">
                {item.title ?? item.url}
              </a>
              {item.publisher && <> · {item.publisher}</>}
              <span className="text-sm text-slate-600">
                {" "}
                ({t("sourceType", { type: item.sourceType })},{" "}
                {t("stance", { stance: item.stance })})
              </span>
              {item.archivedUrl && (
                <>
                  {" · "}
                  <a className="text-sm underline" href={item.archivedUrl} rel="nofollow noopener">
                    {t("archivedCopy")}
                  </a>
                </>
              )}
            </li>
          ))}
        </ol>
      </section>

      {fact.corrections.length > 0 && (
        <section aria-labelledby="corrections-heading" className="space-y-2">
          <h2 id="corrections-heading" className="text-lg font-semibold">
            {t("corrections")}
          </h2>
          <ul className="space-y-2">
            {fact.corrections.map((correction) => (
              <li key={correction.correctedAt.toISOString()} className="text-slate-800">
                {correctionText(correction, t, publicLocale())}
              </li>
            ))}
          </ul>
        </section>
      )}

      <p className="text-sm text-slate-600">
        {t("permanentAddress")}{" "}
        <a className="underline" href={factCheckPath(fact.slug)}>
          {url}
        </a>
      </p>
    </article>
  );
}
