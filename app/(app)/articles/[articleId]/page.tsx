import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { getArticleById, listArticleClaims } from "@/lib/data/articles";
import { highlightSegments } from "@/lib/domain/highlights";
import { CLAIM_STATE_LABELS, CLAIM_STATE_TONES, CLAIM_KIND_LABELS } from "@/lib/domain/claims";
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
  LANGUAGE_CHOICES,
  LANGUAGE_SOURCE_LABELS,
  languageName,
} from "@/lib/domain/language";

export const metadata: Metadata = { title: "Article" };

export default async function ArticlePage({ params }: { params: Promise<{ articleId: string }> }) {
  await requireRole();
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
  const language = languageName(article.language);
  const meta = [
    article.outlet,
    article.author,
    article.publishedAt && formatDate(article.publishedAt),
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={article.title}
        actions={
          <LinkButton href={`/claims?article=${article.id}`} variant="secondary">
            Claims of this article in the queue
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
                  Original
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
          source={LANGUAGE_SOURCE_LABELS[article.languageSource]}
          choices={LANGUAGE_CHOICES}
        />
        {!hasExtractor(article.language) ? (
          <Alert tone="info">
            ClaimDesk has no extractor for {language}: each sentence of the article was proposed as
            a claim, without speakers, and none is scored for check-worthiness. If the language is
            wrong, correct it and the claims are extracted again.
          </Alert>
        ) : (
          !hasCheckworthinessModel(article.language) && (
            <Alert tone="info">
              Claims in {language} are not scored for check-worthiness: there is no model for this
              language yet.
            </Alert>
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
            {claims.length} {claims.length === 1 ? "claim" : "claims"}
          </h2>
          <ol className="space-y-2">
            {claims.map((claim) => (
              <li
                key={claim.id}
                className="rounded-md bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200"
              >
                <div className="mb-1 flex flex-wrap items-center gap-2">
                  <Badge tone={CLAIM_STATE_TONES[claim.state]}>
                    {CLAIM_STATE_LABELS[claim.state]}
                  </Badge>
                  <Badge>{CLAIM_KIND_LABELS[claim.kind]}</Badge>
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
