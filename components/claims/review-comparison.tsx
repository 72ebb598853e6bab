import { formatDate, formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import {
  REVIEW_FIELD_DEFS,
  SOURCE_FIELDS,
  type ReviewFieldValue,
  type SourceField,
} from "@/lib/domain/review-fields";

/** One reviewer's review as the comparison shows it. */
export type ComparedReview = {
  id: string;
  reviewer: string;
  submittedAt: Date | null;
  verdict: string | null;
  /** The verdict of the first, blind submission, when it was another. */
  blindVerdict: string | null;
  rationale: string | null;
  evidence: Array<{ url: string; title: string | null; stance: string; sourceType: string }>;
} & { [F in SourceField]: ReviewFieldValue<F> | null };

/** The verdict and rationale, then the source fields in the review form's order. */
const ROWS: Array<[string, (r: ComparedReview) => string]> = [
  [REVIEW_FIELD_DEFS.verdictId.short, (r) => r.verdict ?? ""],
  [REVIEW_FIELD_DEFS.rationale.short, (r) => r.rationale ?? ""],
  ...SOURCE_FIELDS.map((field): [string, (r: ComparedReview) => string] => [
    REVIEW_FIELD_DEFS[field].short,
    (r) => {
      const value = r[field];
      if (value instanceof Date) return formatDate(value);
      return REVIEW_FIELD_DEFS[field].kind === "claimantType"
        ? (value?.toLowerCase() ?? "")
        : (value ?? "");
    },
  ]),
];

const STANCES: Record<string, string> = {
  SUPPORTS: "supports",
  REFUTES: "refutes",
  CONTEXT: "context",
};

/**
 * The two reviews of a claim side by side, each field that differs marked (in words, not
 * only colour), evidence marked by whether both reviewers cited it.
 */
export function ReviewComparison({ reviews }: { reviews: ComparedReview[] }) {
  const [a, b] = reviews;
  if (!a || !b) return null;
  const inA = new Set(a.evidence.map((e) => e.url));
  const inB = new Set(b.evidence.map((e) => e.url));
  const differing = ROWS.filter(([, value]) => value(a).trim() !== value(b).trim()).length;
  const evidenceDiffers =
    a.evidence.some((e) => !inB.has(e.url)) || b.evidence.some((e) => !inA.has(e.url));
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" data-testid="comparison-summary">
        {differing + (evidenceDiffers ? 1 : 0) === 0
          ? "The two reviews agree on every field."
          : `The reviews differ on ${differing + (evidenceDiffers ? 1 : 0)} of ${ROWS.length + 1} fields, marked “differs”.`}
      </p>
      <div className="overflow-x-auto">
        <table
          className="w-full table-fixed border-collapse text-sm"
          data-testid="review-comparison"
        >
          <caption className="sr-only">The two reviews side by side</caption>
          <thead>
            <tr className="border-b border-slate-200 text-start">
              <th scope="col" className="w-40 py-2 pr-3 font-medium text-slate-600">
                Field
              </th>
              {[a, b].map((r) => (
                <th key={r.id} scope="col" className="py-2 pr-3 font-semibold text-slate-900">
                  {r.reviewer}
                  <span className="block text-xs font-normal text-slate-600">
                    {r.submittedAt ? `submitted ${formatDateTime(r.submittedAt)}` : "being revised"}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map(([label, value]) => {
              const differs = value(a).trim() !== value(b).trim();
              return (
                <tr
                  key={label}
                  className={cx("border-b border-slate-100 align-top", differs && "bg-amber-50")}
                  data-differs={differs || undefined}
                >
                  <th scope="row" className="py-2 pr-3 text-start font-medium text-slate-700">
                    {label}
                    {differs && (
                      <span className="ml-1">
                        <Badge tone="warning">differs</Badge>
                      </span>
                    )}
                  </th>
                  {[a, b].map((r) => (
                    <td key={r.id} className="py-2 pr-3 break-words whitespace-pre-wrap">
                      {value(r) || <span className="text-slate-500">—</span>}
                      {label === "Verdict" && r.blindVerdict && (
                        <span className="block text-xs text-slate-600">
                          first submitted as {r.blindVerdict}
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
            <tr
              className={cx("align-top", evidenceDiffers && "bg-amber-50")}
              data-differs={evidenceDiffers || undefined}
            >
              <th scope="row" className="py-2 pr-3 text-start font-medium text-slate-700">
                Evidence
                {evidenceDiffers && (
                  <span className="ml-1">
                    <Badge tone="warning">differs</Badge>
                  </span>
                )}
              </th>
              {[
                [a, inB],
                [b, inA],
              ].map(([r, other]) => {
                const review = r as ComparedReview;
                const cited = other as Set<string>;
                return (
                  <td key={review.id} className="py-2 pr-3">
                    {review.evidence.length === 0 ? (
                      <span className="text-slate-500">—</span>
                    ) : (
                      <ol className="list-decimal space-y-1 pl-4">
                        {review.evidence.map((e) => (
                          <li key={e.url} className="break-words">
                            <a className="text-brand-700 underline" href={e.url} rel="noreferrer">
                              {e.title || e.url}
                            </a>{" "}
                            <span className="text-xs text-slate-600">
                              ({STANCES[e.stance] ?? e.stance}, {e.sourceType.toLowerCase()})
                            </span>{" "}
                            {cited.has(e.url) ? (
                              <span className="text-xs text-slate-600">in both</span>
                            ) : (
                              <Badge tone="warning">only here</Badge>
                            )}
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
