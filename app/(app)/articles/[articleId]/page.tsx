import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { getArticleById, listArticleClaims } from "@/lib/data/articles";
import { highlightSegments } from "@/lib/domain/highlights";
import { CLAIM_STATE_TONES } from "@/lib/domain/claims";
import { PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/components/ui/format";
import { ArticleText } from "@/components/articles/article-text";
import { CheckworthinessScore } from "@/components/claims/checkworthiness-score";
import { ArticleLanguage } from "@/components/articles/article-language";
import { Alert } from "@/components/ui/alert";
import {
  hasCheckworthinessModel,
  hasExtractor,
  languageChoices,
  languageName,
} from "@/lib/domain/language";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Article"))("title") };
}

export default async function ArticlePage({ params }: { params: Promise<{ articleId: string }> }) {
  await requireRole();
  const [t, states, kinds, locale] = await Promise.all([
    getTranslations("Article"),
    getTranslations("States"),
    getTranslations("Kinds"),
    getLocale(),
  ]);
  const parsed = z.uuid().safeParse((await params).articleId);
  if (!parsed.success) notFound();
  const article = await getArticleById(parsed.data);
  if (!article) notFound();
  const claims = await listArticleClaims(article.id);
  const open = claims.filter((c) => c.state !== "DISMISSED" && c.start !== null && c.end !== null);
  const segments = highlightSegments(
    article.body.length,
    open.map((c) => ({ id: c.id, start: c.start!, end: c.end! })),
  );
  const language = languageName(article.language, locale);
  const meta = [
    article.outlet,
    article.author,
    article.publishedAt && formatDate(article.publishedAt, locale),
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={article.title}
        actions={
          <LinkButton href={`/claims?article=${article.id}`} variant="secondary">
            {t("inQueue")}
          </LinkButton>
        }
        description={
          <>
            {meta.join(" · ")}
            {article.url && (
              <>
                {meta.length > 0 && " · "}
                <a
                  className="text-brand-700 underline"
                  href={article.url}
                  rel="noopener noreferrer nofollow"
                  target="_blank"
                >
                  {t("original")}
                </a>
              </>
            )}
          </>
        }
      />
      <div className="mb-4 space-y-2">
        <ArticleLanguage
          articleId={article.id}
          language={article.language}
          name={language}
          source={t("languageSource", { source: article.languageSource })}
          choices={languageChoices(locale)}
        />
        {!hasExtractor(article.language) ? (
          <Alert tone="info">{t("noExtractor", { language })}</Alert>
        ) : (
          !hasCheckworthinessModel(article.language) && (
            <Alert tone="info">{t("noModel", { language })}</Alert>
          )
        )}
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <ArticleText
          articleId={article.id}
          body={article.body}
          language={article.language}
          segments={segments}
          claimTexts={Object.fromEntries(open.map((c) => [c.id, c.text]))}
        />
        <section aria-labelledby="claims-heading">
          <h2 id="claims-heading" className="mb-3 text-sm font-semibold text-slate-700">
            {t("claims", { count: claims.length })}
          </h2>
          <ol className="space-y-2">
            {claims.map((claim) => (
              <li
                key={claim.id}
                className="rounded-md bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200"
              >
                <div className="mb-1 flex flex-wrap items-center gap-2">
                  <Badge tone={CLAIM_STATE_TONES[claim.state]}>{states(claim.state)}</Badge>
                  <Badge>{kinds(claim.kind)}</Badge>
                  <CheckworthinessScore
                    score={claim.checkworthiness}
                    by={claim.checkworthinessBy}
                  />
                </div>
                <Link href={`/claims/${claim.id}`} className="text-slate-900 hover:underline">
                  {claim.text.length > 220 ? `${claim.text.slice(0, 220)}…` : claim.text}
                </Link>
                {claim.speaker && (
                  <p className="mt-1 text-xs text-slate-600">
                    {claim.speaker.title ? `${claim.speaker.title} ` : ""}
                    {claim.speaker.name}
                    {claim.cueText ? ` · ${claim.cueText}` : ""}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
