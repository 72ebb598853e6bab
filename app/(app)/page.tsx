import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { countArticles, countClaimsByState } from "@/lib/data/overview";
import { CLAIM_STATES, CLAIM_STATE_LABELS } from "@/lib/domain/claims";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireRole();
  const [counts, articles] = await Promise.all([countClaimsByState(), countArticles()]);
  return (
    <>
      <PageHeader title="Overview" description={`Welcome, ${user.name}.`} />
      <section aria-labelledby="claims-by-state">
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
    </>
  );
}
