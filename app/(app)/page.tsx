import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { countArticles, countClaimsByState, deskOverview } from "@/lib/data/overview";
import { CLAIM_STATES } from "@/lib/domain/claims";
import { Card, PageHeader } from "@/components/ui/page-header";
import { formatDate } from "@/components/ui/format";
import { ApprovalsChart } from "@/components/overview/approvals-chart";
import { AgreementCard } from "@/components/overview/agreement-card";
import { agreementOverview } from "@/lib/data/agreement";
import { listRepeats } from "@/lib/data/fact-check-matches";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Overview"))("title") };
}

export default async function OverviewPage() {
  const user = await requireRole();
  const [counts, articles, desk, agreement, repeats, t, states, locale] = await Promise.all([
    countClaimsByState(),
    countArticles(),
    deskOverview(),
    agreementOverview(),
    listRepeats({ days: 7, limit: 10 }),
    getTranslations("Overview"),
    getTranslations("States"),
    getLocale(),
  ]);
  const hours = desk.medianHoursToApproval;
  const approvedTotal = desk.verdicts.reduce((n, v) => n + v.count, 0);
  return (
    <>
      <PageHeader title={t("title")} description={t("welcome", { name: user.name })} />
      <section aria-labelledby="claims-by-state" className="mb-6">
        <h2 id="claims-by-state" className="mb-3 text-sm font-semibold text-slate-700">
          {t("byState")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {CLAIM_STATES.map((state) => (
            <div key={state} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <dt className="text-xs font-medium text-slate-600">{states(state)}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">
                <Link href={`/claims?state=${state}`} className="hover:underline">
                  {counts[state]}
                </Link>
              </dd>
            </div>
          ))}
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs font-medium text-slate-600">{t("articles")}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">
              <Link href="/articles" className="hover:underline">
                {articles}
              </Link>
            </dd>
          </div>
        </dl>
      </section>
      <dl className="mb-6 grid gap-3 sm:grid-cols-3">
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs font-medium text-slate-600">{t("approvedWeek")}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid="approved-this-week">
            {desk.approvedThisWeek}
          </dd>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs font-medium text-slate-600">{t("median")}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">
            {hours === null
              ? "—"
              : hours < 48
                ? t("hours", { value: hours.toFixed(1) })
                : t("days", { value: (hours / 24).toFixed(1) })}
          </dd>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs font-medium text-slate-600">{t("overdueClaims")}</dt>
          <dd
            className={`mt-1 text-2xl font-semibold tabular-nums ${desk.overdueCount > 0 ? "text-red-700" : ""}`}
            data-testid="overdue-count"
          >
            {desk.overdueCount}
          </dd>
        </div>
      </dl>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title={t("perDay")}>
            <ApprovalsChart data={desk.approvedPerDay} />
          </Card>
        </div>
        <Card title={t("verdicts")}>
          {approvedTotal === 0 ? (
            <p className="text-sm text-slate-600">{t("noVerdicts")}</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {desk.verdicts.map((v) => (
                <li key={v.label}>
                  <div className="flex justify-between">
                    <span>{v.label}</span>
                    <span className="tabular-nums">{v.count}</span>
                  </div>
                  <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden="true">
                    <div
                      className="h-2 rounded bg-brand-600"
                      style={{ width: `${(v.count / approvedTotal) * 100}%` }}
                    />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("waiting")}>
          {desk.waitingPerReviewer.length === 0 ? (
            <p className="text-sm text-slate-600">{t("nobodyWaiting")}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {desk.waitingPerReviewer.map((w) => (
                <li key={w.name} className="flex justify-between">
                  <span>{w.name}</span>
                  <span className="tabular-nums">{w.count}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div className="lg:col-span-2">
          <Card title={t("overdue")}>
            {desk.overdue.length === 0 ? (
              <p className="text-sm text-slate-600">{t("nothingOverdue")}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {desk.overdue.map((o) => (
                  <li key={o.id}>
                    <Link className="text-red-800 hover:underline" href={`/claims/${o.id}`}>
                      {o.text.slice(0, 120)}
                    </Link>{" "}
                    <span className="text-slate-600">
                      —{" "}
                      {t("due", {
                        date: formatDate(o.dueAt, locale),
                        assignee: o.assignee ?? t("unassigned"),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="lg:col-span-3">
          <Card title={t("repeats")}>
            {repeats.length === 0 ? (
              <p className="text-sm text-slate-600">{t("noRepeats")}</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="repeats">
                {repeats.map((r) => (
                  <li key={r.claimId}>
                    <Link className="text-slate-900 hover:underline" href={`/claims/${r.claimId}`}>
                      {r.claimText.length > 120 ? `${r.claimText.slice(0, 120)}…` : r.claimText}
                    </Link>
                    <div className="text-xs text-slate-600">
                      {[r.speaker, r.outlet ?? r.articleTitle].filter(Boolean).join(", ")}
                      {r.speaker || r.outlet || r.articleTitle ? " · " : ""}
                      {r.ratedAt
                        ? t("repeatsOn", {
                            rating: r.rating ?? t("byTheDesk"),
                            date: formatDate(r.ratedAt, locale),
                          })
                        : t("repeatsRated", { rating: r.rating ?? t("byTheDesk") })}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 text-sm">
              <Link className="text-brand-700 underline" href="/claims?checked=repeat&sort=newest">
                {t("allRepeats")}
              </Link>
            </p>
          </Card>
        </div>
        <div className="min-w-0 lg:col-span-3">
          <AgreementCard report={agreement} />
        </div>
      </div>
    </>
  );
}
