import { useLocale, useTranslations } from "next-intl";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import {
  REVIEW_FIELD_DEFS,
  SOURCE_FIELDS,
  type ReviewField,
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

type Row = [ReviewField, (r: ComparedReview) => string];

/** The verdict and rationale, then the source fields in the review form's order. */
function rows(locale: string, claimantType: (type: string) => string): Row[] {
  return [
    ["verdictId", (r) => r.verdict ?? ""],
    ["rationale", (r) => r.rationale ?? ""],
    ...SOURCE_FIELDS.map((field): Row => [
      field,
      (r) => {
        const value = r[field];
        if (value instanceof Date) return formatDate(value, locale);
        return REVIEW_FIELD_DEFS[field].kind === "claimantType"
          ? value
            ? claimantType(value)
            : ""
          : (value ?? "");
      },
    ]),
  ];
}

/**
 * The two reviews of a claim side by side, each field that differs marked (in words, not
 * only colour), evidence marked by whether both reviewers cited it.
 */
export function ReviewComparison({ reviews }: { reviews: ComparedReview[] }) {
  const t = useTranslations("Comparison");
  const labels = useTranslations("ReviewFieldsShort");
  const claimantTypes = useTranslations("ClaimantTypes");
  const locale = useLocale();
  const [a, b] = reviews;
  if (!a || !b) return null;
  const ROWS = rows(locale, (type) =>
    claimantTypes(type as "PERSON" | "ORGANISATION" | "GOVERNMENT").toLowerCase(),
  );
  const inA = new Set(a.evidence.map((e) => e.url));
  const inB = new Set(b.evidence.map((e) => e.url));
  const differing = ROWS.filter(([, value]) => value(a).trim() !== value(b).trim()).length;
  const evidenceDiffers =
    a.evidence.some((e) => !inB.has(e.url)) || b.evidence.some((e) => !inA.has(e.url));
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" data-testid="comparison-summary">
        {differing + (evidenceDiffers ? 1 : 0) === 0
          ? t("agree")
          : t("differ", { count: differing + (evidenceDiffers ? 1 : 0), total: ROWS.length + 1 })}
      </p>
      <div className="overflow-x-auto">
        <table
          className="w-full table-fixed border-collapse text-sm"
          data-testid="review-comparison"
        >
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-start">
              <th scope="col" className="w-40 py-2 pe-3 font-medium text-slate-600">
                {t("field")}
              </th>
              {[a, b].map((r) => (
                <th key={r.id} scope="col" className="py-2 pe-3 font-semibold text-slate-900">
                  {r.reviewer}
                  <span className="block text-xs font-normal text-slate-600">
                    {r.submittedAt
                      ? t("submitted", { date: formatDateTime(r.submittedAt, locale) })
                      : t("beingRevised")}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map(([field, value]) => {
              const differs = value(a).trim() !== value(b).trim();
              return (
                <tr
                  key={field}
                  className={cx("border-b border-slate-100 align-top", differs && "bg-amber-50")}
                  data-differs={differs || undefined}
                >
                  <th scope="row" className="py-2 pe-3 text-start font-medium text-slate-700">
                    {labels(field)}
                    {differs && (
                      <span className="ms-1">
                        <Badge tone="warning">{t("differs")}</Badge>
                      </span>
                    )}
                  </th>
                  {[a, b].map((r) => (
                    <td key={r.id} className="py-2 pe-3 break-words whitespace-pre-wrap">
                      {value(r) || <span className="text-slate-500">—</span>}
                      {field === "verdictId" && r.blindVerdict && (
                        <span className="block text-xs text-slate-600">
                          {t("firstSubmittedAs", { verdict: r.blindVerdict })}
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
              <th scope="row" className="py-2 pe-3 text-start font-medium text-slate-700">
                {t("evidence")}
                {evidenceDiffers && (
                  <span className="ms-1">
                    <Badge tone="warning">{t("differs")}</Badge>
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
                  <td key={review.id} className="py-2 pe-3">
                    {review.evidence.length === 0 ? (
                      <span className="text-slate-500">—</span>
                    ) : (
                      <ol className="list-decimal space-y-1 ps-4">
                        {review.evidence.map((e) => (
                          <li key={e.url} className="break-words">
                            <a className="text-brand-700 underline" href={e.url} rel="noreferrer">
                              {e.title || e.url}
                            </a>{" "}
                            <span className="text-xs text-slate-600">
                              ({t("stance", { stance: e.stance })},{" "}
                              {t("sourceType", { type: e.sourceType })})
                            </span>{" "}
                            {cited.has(e.url) ? (
                              <span className="text-xs text-slate-600">{t("inBoth")}</span>
                            ) : (
                              <Badge tone="warning">{t("onlyHere")}</Badge>
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
