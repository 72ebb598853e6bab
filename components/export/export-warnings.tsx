import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/page-header";
import type { ExportWarningKind, ExportWarnings } from "@/lib/data/export";

const KINDS: ExportWarningKind[] = ["tooLong", "noAppearance", "noClaimant"];

/** What the export as filtered will warn about, each with links to the claims to fix. */
export function ExportWarningsCard({
  warnings,
  limit,
}: {
  warnings: ExportWarnings;
  limit: number;
}) {
  const t = useTranslations("ExportWarnings");
  const kinds = KINDS.filter((k) => warnings.counts[k] > 0);
  return (
    <div className="mt-6">
      <Card title={t("title")}>
        {kinds.length === 0 ? (
          <p className="text-sm text-slate-700" data-testid="export-warnings">
            {t("none")}
          </p>
        ) : (
          <ul className="space-y-4 text-sm" data-testid="export-warnings">
            {kinds.map((kind) => (
              <li key={kind} data-warning={kind}>
                <p className="font-medium text-slate-800">
                  {t(kind, { count: warnings.counts[kind], limit })}
                </p>
                <ul className="mt-1 list-disc space-y-0.5 ps-5">
                  {warnings.examples[kind].map((claim) => (
                    <li key={claim.id}>
                      <Link className="text-brand-700 underline" href={`/claims/${claim.id}`}>
                        {claim.text}
                      </Link>
                    </li>
                  ))}
                  {warnings.counts[kind] > warnings.examples[kind].length && (
                    <li className="list-none text-slate-600">
                      {t("more", { count: warnings.counts[kind] - warnings.examples[kind].length })}
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
