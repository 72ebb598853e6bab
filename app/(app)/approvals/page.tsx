import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Approvals" };

const STANCE = { SUPPORTS: "supports", REFUTES: "refutes", CONTEXT: "context" } as const;

export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<{ after?: string | string[] }>;
}) {
  const user = await requireRole("EDITOR");
  const { after } = await searchParams;
  const [{ claims, total, next }, awaiting] = await Promise.all([
    listSubmittedClaims(typeof after === "string" ? after.slice(0, 400) : undefined),
    listAwaitingReconciliation(),
  ]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Approvals"
        description={`Verdicts submitted for an editor's decision, oldest first: ${total.toLocaleString("en")} waiting.`}
      />
      {awaiting.total > 0 && !after && (
        <section aria-labelledby="reconcile" className="mb-8">
          <h2 id="reconcile" className="mb-2 text-base font-semibold">
            Two reviews to reconcile ({awaiting.total.toLocaleString("en")})
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
              The {awaiting.claims.length} waiting longest; the rest follow as these are decided.
            </p>
          )}
        </section>
      )}
      {claims.length === 0 && (
        <p className="text-slate-600">
          {after ? "Nothing more is waiting. " : "Nothing is waiting for approval."}
          {after && (
            <Link className="text-brand-700 underline" href="/approvals">
              Back to the oldest
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
                      From{" "}
                      <Link className="underline" href={`/articles/${claim.article.id}`}>
                        {claim.article.title}
                      </Link>
                    </p>
                  )}
                </div>
                <div className="space-y-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="warning">Proposed: {review.verdict.label}</Badge>
                    {claim.dueAt && claim.dueAt < now && <Badge tone="danger">Overdue</Badge>}
                    <span className="text-slate-600">
                      by {review.reviewer.name}, {formatDateTime(review.submittedAt)}
                    </span>
                  </div>
                  <div>
                    <h3 className="font-medium text-slate-800">Source</h3>
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
                            where it appeared
                          </a>
                        </>
                      )}
                    </p>
                  </div>
                  <div>
                    <h3 className="font-medium text-slate-800">Rationale</h3>
                    <p className="whitespace-pre-wrap">{review.rationale}</p>
                  </div>
                  <div>
                    <h3 className="font-medium text-slate-800">Evidence</h3>
                    <ol className="list-decimal space-y-1 pl-5">
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
                            ({STANCE[e.stance]}, {e.sourceType.toLowerCase()}
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
        <nav aria-label="Pages" className="mt-6 flex gap-4 text-sm">
          {after && (
            <Link className="text-brand-700 underline" href="/approvals">
              Oldest first
            </Link>
          )}
          {next && (
            <Link className="text-brand-700 underline" href={`/approvals?after=${next}`}>
              Next {APPROVAL_PAGE_SIZE}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
