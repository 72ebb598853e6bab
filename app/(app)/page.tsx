import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { countArticles, countClaimsByState, deskOverview } from "@/lib/data/overview";
import { CLAIM_STATES, CLAIM_STATE_LABELS } from "@/lib/domain/claims";
import { Card, PageHeader } from "@/components/ui/page-header";
import { formatDate } from "@/components/ui/format";
import { ApprovalsChart } from "@/components/overview/approvals-chart";
import { AgreementCard } from "@/components/overview/agreement-card";
import { agreementOverview } from "@/lib/data/agreement";
import { listRepeats } from "@/lib/data/fact-check-matches";

export const metadata: Metadata = { title: "Overview" };

function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

export default async function OverviewPage() {
  const user = await requireRole();
  const [counts, articles, desk, agreement, repeats] = await Promise.all([
    countClaimsByState(),
    countArticles(),
    deskOverview(),
    agreementOverview(),
    listRepeats({ days: 7, limit: 10 }),
  ]);
  const approvedTotal = desk.verdicts.reduce((n, v) => n + v.count, 0);
  return (
    <>
      <PageHeader title="Overview" description={`Welcome, ${user.name}.`} />
      <section aria-labelledby="claims-by-state" className="mb-6">
        <h2 id="claims-by-state" className="mb-3 text-sm font-semibold text-slate-700">
          Claims by state
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {CLAIM_STATES.map((state) => (
            <div key={state} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <dt className="text-xs font-medium text-slate-600">{CLAIM_STATE_LABELS[state]}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">
                <Link href={`/claims?state=${state}`} className="hover:underline">
                  {counts[state]}
                </Link>
              </dd>
            </div>
          ))}
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs font-medium text-slate-600">Articles</dt>
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
          <dt className="text-xs font-medium text-slate-600">Approved in the last 7 days</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid="approved-this-week">
            {desk.approvedThisWeek}
          </dd>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs font-medium text-slate-600">
            Median time from import to approval
          </dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">
            {formatHours(desk.medianHoursToApproval)}
          </dd>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs font-medium text-slate-600">Overdue claims</dt>
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
          <Card title="Claims approved per day (last 30 days)">
            <ApprovalsChart data={desk.approvedPerDay} />
          </Card>
        </div>
        <Card title="Approved verdicts">
          {approvedTotal === 0 ? (
            <p className="text-sm text-slate-600">No approved verdicts yet.</p>
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
        <Card title="Waiting per reviewer">
          {desk.waitingPerReviewer.length === 0 ? (
            <p className="text-sm text-slate-600">Nobody has claims in review.</p>
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
          <Card title="Overdue">
            {desk.overdue.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing is overdue.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {desk.overdue.map((o) => (
                  <li key={o.id}>
                    <Link className="text-red-800 hover:underline" href={`/claims/${o.id}`}>
                      {o.text.slice(0, 120)}
                    </Link>{" "}
                    <span className="text-slate-600">
                      — due {formatDate(o.dueAt)}, {o.assignee ?? "unassigned"}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="lg:col-span-3">
          <Card title="Repeats this week">
            {repeats.length === 0 ? (
              <p className="text-sm text-slate-600">
                No new claim repeated one the desk has rated in the last 7 days.
              </p>
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
                      repeats a claim rated {r.rating ?? "by the desk"}
                      {r.ratedAt ? ` on ${formatDate(r.ratedAt)}` : ""}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 text-sm">
              <Link className="text-brand-700 underline" href="/claims?checked=repeat&sort=newest">
                All repeats
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
