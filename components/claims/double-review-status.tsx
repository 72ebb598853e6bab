import { useLocale, useTranslations } from "next-intl";
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
  const t = useTranslations("DoubleReview");
  const locale = useLocale();
  const { reviewers, last } = double;
  const mine = reviewers.some((r) => r.id === viewerId);
  return (
    <Card title={t("title")}>
      <div className="space-y-3 text-sm">
        <ul className="space-y-1" data-testid="blind-reviewers">
          {reviewers.map((r) => (
            <li key={r.id}>
              <strong>{r.id === viewerId ? t("you", { name: r.name }) : r.name}</strong>:{" "}
              {r.submitted ? t("submitted") : t("reviewing")}
            </li>
          ))}
          {Array.from({ length: Math.max(0, 2 - reviewers.length) }, (_, i) => (
            <li key={i} className="text-slate-600">
              {t("notTaken", { which: reviewers.length + i === 0 ? "first" : "second" })}
            </li>
          ))}
        </ul>
        {!double.revealed && (
          <p className="text-slate-700">{mine ? t("hiddenMine") : t("hidden")}</p>
        )}
        {double.mine?.returnReason && double.mine.returnedAt && (
          <Alert tone="error">
            <strong>{t("yoursReturned")}</strong> ({formatDateTime(double.mine.returnedAt, locale)}
            ): {t("yoursReturnedWhy")} {double.mine.returnReason}
          </Alert>
        )}
        {last?.outcome === "RETURN" && state === "IN_REVIEW" && (
          <Alert tone="error">
            <strong>{t("bothReturned", { name: last.editor.name })}</strong> (
            {formatDateTime(last.decidedAt, locale)}): {last.reason}
          </Alert>
        )}
        {last && last.outcome !== "RETURN" && state === "APPROVED" && (
          <p data-testid="reconciliation">
            {t("reconciled", {
              name: last.editor.name,
              date: formatDateTime(last.decidedAt, locale),
              outcome: last.outcome,
              reviewer:
                double.reviews.find((r) => r.id === last.adoptedReviewId)?.reviewer.name ?? "—",
              verdict: last.verdict?.label ?? "—",
            })}
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
                  ? (names[r.blindVerdictId] ?? t("anotherVerdict"))
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
