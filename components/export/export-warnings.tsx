import Link from "next/link";
import { Card } from "@/components/ui/page-header";
import type { ExportWarningKind, ExportWarnings } from "@/lib/data/export";

const EXPLAINED: Record<ExportWarningKind, (n: number, limit: number) => string> = {
  tooLong: (n, limit) =>
    `${n} ${n === 1 ? "claim is" : "claims are"} longer than ${limit} characters and ${n === 1 ? "has" : "have"} no short form: ClaimReview's claimReviewed will be long.`,
  noAppearance: (n) =>
    `${n} ${n === 1 ? "claim has" : "claims have"} no address where it appeared (and no article URL): ClaimReview will have no appearance.`,
  noClaimant: (n) =>
    `${n} ${n === 1 ? "claim has" : "claims have"} no claimant: ClaimReview will name no author of the claim.`,
};

/** What the export as filtered will warn about, each with links to the claims to fix. */
export function ExportWarningsCard({
  warnings,
  limit,
}: {
  warnings: ExportWarnings;
  limit: number;
}) {
  const kinds = (Object.keys(EXPLAINED) as ExportWarningKind[]).filter(
    (k) => warnings.counts[k] > 0,
  );
  return (
    <div className="mt-6">
      <Card title="Before you download">
        {kinds.length === 0 ? (
          <p className="text-sm text-slate-700" data-testid="export-warnings">
            Nothing to warn about in these claims.
          </p>
        ) : (
          <ul className="space-y-4 text-sm" data-testid="export-warnings">
            {kinds.map((kind) => (
              <li key={kind} data-warning={kind}>
                <p className="font-medium text-slate-800">
                  {EXPLAINED[kind](warnings.counts[kind], limit)}
                </p>
                <ul className="mt-1 list-disc space-y-0.5 pl-5">
                  {warnings.examples[kind].map((claim) => (
                    <li key={claim.id}>
                      <Link className="text-brand-700 underline" href={`/claims/${claim.id}`}>
                        {claim.text}
                      </Link>
                    </li>
                  ))}
                  {warnings.counts[kind] > warnings.examples[kind].length && (
                    <li className="list-none text-slate-600">
                      and {warnings.counts[kind] - warnings.examples[kind].length} more
                    </li>
                  )}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
