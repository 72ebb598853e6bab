import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { APPROVAL_PAGE_SIZE, listSubmittedClaims } from "@/lib/data/approval";
import { listAwaitingReconciliation } from "@/lib/data/reconciliation";
import { refusalOf } from "@/lib/domain/lifecycle";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";
import { ClaimContext } from "@/components/claims/claim-context";
import { DecisionButtons } from "@/components/claims/decision-buttons";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Approvals"))("title") };
}

export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<{ after?: string | string[] }>;
}) {
  const user = await requireRole("EDITOR");
  const { after } = await searchParams;
  const [{ claims, total, next }, awaiting, t, comparison, locale] = await Promise.all([
    listSubmittedClaims(typeof after === "string" ? after.slice(0, 400) : undefined),
    listAwaitingReconciliation(),
    getTranslations("Approvals"),
    getTranslations("Comparison"),
    getLocale(),
  ]);
  const now = new Date();
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { total })} />
      {awaiting.total > 0 && !after && (
        <section aria-labelledby="reconcile" className="mb-8">
          <h2 id="reconcile" className="mb-2 text-base font-semibold">
            {t("reconcile", { total: awaiting.total })}
          </h2>
          <ul className="space-y-2" data-testid="reconcile-list">
            {awaiting.claims.map((claim) => (
              <li
                key={claim.id}
                className="rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200"
              >
                <Link className="font-medium text-brand-700 underline" href={`/claims/${claim.id}`}>
                  {claim.text.length > 160 ? `${claim.text.slice(0, 160)}…` : claim.text}
                </Link>
                <span className="block text-slate-600">
                  {claim.blindReviews
                    .map((r) => `${r.reviewer.name}: ${r.verdict?.label ?? "—"}`)
                    .join(" · ")}
                  {claim.article ? ` — ${claim.article.title}` : ""}
                </span>
              </li>
            ))}
          </ul>
          {awaiting.total > awaiting.claims.length && (
            <p className="mt-2 text-sm text-slate-600">
              {t("reconcileMore", { count: awaiting.claims.length })}
            </p>
          )}
        </section>
      )}
      {claims.length === 0 && (
        <p className="text-slate-600">
          {after ? `${t("nothingMore")} ` : t("nothing")}
          {after && (
            <Link className="text-brand-700 underline" href="/approvals">
              {t("backToOldest")}
            </Link>
          )}
        </p>
      )}
      <ol className="space-y-6">
        {claims.map((claim) => {
          const review = claim.reviews[0]!;
          const refusal = refusalOf(
            "approve",
            { role: user.role, userId: user.id },
            { state: "SUBMITTED", assigneeId: null, submittedBy: review.reviewerId },
          );
          return (
            <li
              key={claim.id}
              className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
              data-testid="approval-item"
              data-claim-id={claim.id}
            >
              <div className="grid gap-6 lg:grid-cols-2">
                <div>
                  <h2 className="mb-2 text-base font-semibold">
                    <Link className="hover:underline" href={`/claims/${claim.id}`}>
                      {claim.text.length > 200 ? `${claim.text.slice(0, 200)}…` : claim.text}
                    </Link>
                  </h2>
                  {claim.article && claim.start !== null && claim.end !== null ? (
                    <ClaimContext
                      body={claim.article.body}
                      claim={{
                        start: claim.start,
                        end: claim.end,
                        speakerStart: null,
                        speakerEnd: null,
                        cueStart: null,
                        cueEnd: null,
                      }}
                    />
                  ) : null}
                  {claim.article && (
                    <p className="mt-2 text-xs text-slate-600">
                      {t.rich("from", {
                        article: () => (
                          <Link className="underline" href={`/articles/${claim.article!.id}`}>
                            {claim.article!.title}
                          </Link>
                        ),
                      })}
                    </p>
                  )}
                </div>
                <div className="space-y-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="warning">{t("proposed", { verdict: review.verdict.label })}</Badge>
                    {claim.dueAt && claim.dueAt < now && (
                      <Badge tone="danger">{t("overdue")}</Badge>
                    )}
                    <span className="text-slate-600">
                      {t("by", {
                        name: review.reviewer.name,
                        date: formatDateTime(review.submittedAt, locale),
                      })}
                    </span>
                  </div>
                  <div>
                    <h3 className="font-medium text-slate-800">{t("source")}</h3>
                    <p>
                      {claim.claimantName ?? "—"}
                      {claim.claimantRole ? `, ${claim.claimantRole}` : ""}
                      {claim.appearanceUrl && (
                        <>
                          {" · "}
                          <a
                            className="text-brand-700 underline"
                            href={claim.appearanceUrl}
                            rel="noopener noreferrer nofollow"
                            target="_blank"
                          >
                            {t("whereItAppeared")}
                          </a>
                        </>
                      )}
                    </p>
                  </div>
                  <div>
                    <h3 className="font-medium text-slate-800">{t("rationale")}</h3>
                    <p className="whitespace-pre-wrap">{review.rationale}</p>
                  </div>
                  <div>
                    <h3 className="font-medium text-slate-800">{t("evidence")}</h3>
                    <ol className="list-decimal space-y-1 ps-5">
                      {claim.evidence.map((e) => (
                        <li key={e.id}>
                          <a
                            className="text-brand-700 underline"
                            href={e.url}
                            rel="noopener noreferrer nofollow"
                            target="_blank"
                          >
                            {e.title ?? e.url}
                          </a>{" "}
                          <span className="text-slate-600">
                            ({comparison("stance", { stance: e.stance })},{" "}
                            {comparison("sourceType", { type: e.sourceType })}
                            {e.publisher ? `, ${e.publisher}` : ""})
                          </span>
                        </li>
                      ))}
                    </ol>
                  </div>
                  <DecisionButtons
                    claimId={claim.id}
                    version={claim.version}
                    mode="decide"
                    approveRefusal={refusal}
                  />
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {(next || after) && (
        <nav aria-label={t("pages")} className="mt-6 flex gap-4 text-sm">
          {after && (
            <Link className="text-brand-700 underline" href="/approvals">
              {t("oldestFirst")}
            </Link>
          )}
          {next && (
            <Link className="text-brand-700 underline" href={`/approvals?after=${next}`}>
              {t("next", { count: APPROVAL_PAGE_SIZE })}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
