import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import type { DoubleReview } from "@/lib/data/blind-reviews";
import { sourceValues } from "@/lib/domain/review-fields";
import { ReviewComparison } from "./review-comparison";

/**
 * Where a claim needing two reviews stands: who took it, who has submitted, the editor's
 * last decision, and both reviews side by side once both are in (before that, nothing of
 * either review is here: `double.reviews` is empty).
 */
export function DoubleReviewStatus({
  double,
  state,
  viewerId,
  names,
}: {
  double: DoubleReview;
  state: string;
  viewerId: string;
  /** Verdict labels by id (for the first, blind verdicts). */
  names: Record<string, string>;
}) {
  const { reviewers, last } = double;
  const mine = reviewers.some((r) => r.id === viewerId);
  return (
    <Card title="Two independent reviews">
      <div className="space-y-3 text-sm">
        <ul className="space-y-1" data-testid="blind-reviewers">
          {reviewers.map((r) => (
            <li key={r.id}>
              <strong>{r.id === viewerId ? `${r.name} (you)` : r.name}</strong>:{" "}
              {r.submitted ? "submitted" : "reviewing"}
            </li>
          ))}
          {Array.from({ length: Math.max(0, 2 - reviewers.length) }, (_, i) => (
            <li key={i} className="text-slate-600">
              {reviewers.length + i === 0 ? "First" : "Second"} reviewer: not taken yet
            </li>
          ))}
        </ul>
        {!double.revealed && (
          <p className="text-slate-700">
            {mine
              ? "Your review is yours alone until both are submitted: the other reviewer cannot see it, nor you theirs."
              : "Each review stays hidden, from editors too, until both reviewers have submitted."}
          </p>
        )}
        {double.mine?.returnReason && double.mine.returnedAt && (
          <Alert tone="error">
            <strong>Your review was returned</strong> ({formatDateTime(double.mine.returnedAt)}): an
            editor changed this claim’s text or span. {double.mine.returnReason}
          </Alert>
        )}
        {last?.outcome === "RETURN" && state === "IN_REVIEW" && (
          <Alert tone="error">
            <strong>Both reviews returned by {last.editor.name}</strong> (
            {formatDateTime(last.decidedAt)}): {last.reason}
          </Alert>
        )}
        {last && last.outcome !== "RETURN" && state === "APPROVED" && (
          <p data-testid="reconciliation">
            Reconciled by {last.editor.name} on {formatDateTime(last.decidedAt)}:{" "}
            {last.outcome === "ADOPT"
              ? `adopted ${double.reviews.find((r) => r.id === last.adoptedReviewId)?.reviewer.name ?? "one"}’s review`
              : "wrote the final verdict"}{" "}
            ({last.verdict?.label ?? "—"}).
          </p>
        )}
        {double.revealed && double.reviews.length === 2 && (
          <ReviewComparison
            reviews={double.reviews.map((r) => ({
              id: r.id,
              reviewer: r.reviewer.name,
              submittedAt: r.submittedAt,
              verdict: r.verdict?.label ?? null,
              blindVerdict:
                r.blindVerdictId && r.blindVerdictId !== r.verdictId
                  ? (names[r.blindVerdictId] ?? "another verdict")
                  : null,
              rationale: r.rationale,
              ...sourceValues(r),
              evidence: r.evidence,
            }))}
          />
        )}
      </div>
    </Card>
  );
}
