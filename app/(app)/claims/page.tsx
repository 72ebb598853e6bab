import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getArticleTitle, listArticleLanguages } from "@/lib/data/articles";
import { languageName } from "@/lib/domain/language";
import { settings } from "@/lib/settings";
import { listQueue } from "@/lib/data/queue";
import { listActiveVerdicts } from "@/lib/data/verdicts";
import { listAssignableUsers } from "@/lib/data/users";
import { hasRole } from "@/lib/domain/roles";
import { queueQuery, type QueueQuery } from "@/lib/validation/queue";
import { PageHeader } from "@/components/ui/page-header";
import { QueueFilters } from "@/components/claims/queue-filters";
import { QueueTable } from "@/components/claims/queue-table";
import { blindReviewersLabel } from "@/lib/domain/claims";
import { describeFilters } from "@/lib/domain/queue-description";
import { ReviewModeByFilter } from "@/components/claims/review-mode-by-filter";
import { formatAge } from "@/components/ui/format";
import { LinkButton } from "@/components/ui/button";

/** The queue's filters that exports understand, carried to the export page. */
function exportUrl(query: QueueQuery): string {
  const params = new URLSearchParams();
  for (const key of ["state", "verdict", "article", "from", "to"] as const) {
    const value = query[key];
    if (value) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/export?${search}` : "/export";
}

export const metadata: Metadata = { title: "Claims" };

function pageUrl(query: QueueQuery, after: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === "after" || value === undefined || value === "") continue;
    if (key === "sort" && value === "checkworthy") continue;
    params.set(key, String(value));
  }
  if (after) params.set("after", after);
  const search = params.toString();
  return search ? `/claims?${search}` : "/claims";
}

export default async function ClaimsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole();
  const raw = await searchParams;
  const query = queueQuery.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const [{ rows, next, total }, verdicts, users, articleTitle, languages] = await Promise.all([
    listQueue(query, user.id),
    listActiveVerdicts(),
    listAssignableUsers(),
    query.article ? getArticleTitle(query.article) : Promise.resolve(null),
    listArticleLanguages(),
  ]);
  const [t, locale] = await Promise.all([getTranslations("Queue"), getLocale()]);
  const now = new Date();
  const defaultLanguage = settings().CLAIMDESK_DEFAULT_LANGUAGE;
  const filterQuery = {
    state: query.state,
    assignee: query.assignee,
    verdict: query.verdict,
    article: query.article,
    speaker: query.speaker,
    from: query.from,
    to: query.to,
    min: query.min,
    checked: query.checked,
    language: query.language,
  };
  const names = {
    users: Object.fromEntries(users.map((u) => [u.id, u.name])),
    verdicts: Object.fromEntries(verdicts.map((v) => [v.id, v.label])),
    articleTitle,
  };
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <LinkButton href={exportUrl(query)} variant="secondary">
            {t("exportView")}
          </LinkButton>
        }
      />
      <QueueFilters
        query={query}
        verdicts={verdicts}
        users={users}
        articleTitle={articleTitle}
        languages={languages.map((tag) => ({ id: tag, label: languageName(tag, locale) }))}
      />
      {hasRole(user.role, "EDITOR") && !query.q && (
        <ReviewModeByFilter
          query={filterQuery}
          description={describeFilters(
            filterQuery,
            names,
            await getTranslations("FilterWords"),
            locale,
          )}
        />
      )}
      <QueueTable
        canAssign={hasRole(user.role, "EDITOR")}
        showArticle={!query.article}
        assignees={users}
        rows={rows.map((r) => ({
          id: r.id,
          text: r.text,
          headline: r.headline,
          checkedBefore:
            r.matchedClaim && r.matchedClaim.state === "APPROVED"
              ? {
                  id: r.matchedClaim.id,
                  verdict: r.matchedClaim.verdict?.label ?? null,
                  score: r.matchScore ?? 0,
                }
              : null,
          library: r.factCheckMatches[0]
            ? {
                publisher: r.factCheckMatches[0].factCheck.publisher,
                rating: r.factCheckMatches[0].factCheck.ratingName,
                repeat: r.factCheckMatches[0].repeat,
              }
            : null,
          state: r.state,
          version: r.version,
          checkworthiness: r.checkworthinessBy === "NONE" ? null : r.checkworthiness,
          age: formatAge(r.createdAt, now, locale),
          overdue: Boolean(
            r.dueAt && r.dueAt < now && (r.state === "NEW" || r.state === "IN_REVIEW"),
          ),
          article: r.article,
          language:
            r.article && r.article.language !== defaultLanguage
              ? { tag: r.article.language, name: languageName(r.article.language, locale) }
              : null,
          speaker: r.speaker?.name ?? null,
          assignee: r.doubleReview
            ? blindReviewersLabel(r.blindReviews.map((b) => b.reviewer.name))
            : (r.assignee?.name ?? null),
          verdict: r.verdict?.label ?? null,
          doubleReview: r.doubleReview ? { taken: r.blindReviews.length } : null,
        }))}
      />
      {total !== null && (
        <p className="mt-3 text-sm text-slate-600" role="status">
          {total === 0
            ? t("noMatch")
            : total > rows.length
              ? t("bestMatches", { shown: rows.length, total })
              : t("matches", { total })}
        </p>
      )}
      <nav aria-label={t("pages")} className="mt-4 flex gap-3 text-sm">
        {query.after && (
          <Link className="text-brand-700 underline" href={pageUrl(query, null)}>
            {t("firstPage")}
          </Link>
        )}
        {next && (
          <Link className="text-brand-700 underline" href={pageUrl(query, next)} rel="next">
            {t("nextPage")}
          </Link>
        )}
      </nav>
    </>
  );
}
