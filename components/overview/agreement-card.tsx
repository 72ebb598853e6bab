import { useTranslations } from "next-intl";
import { MIN_CLAIMS_TO_READ, type AgreementReport, type Interval } from "@/lib/domain/agreement";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/page-header";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

const twoDecimals = (x: number) => x.toFixed(2);

/** The reading a figure on `n` claims allows. */
const tooFew = (n: number) => n < MIN_CLAIMS_TO_READ;

/**
 * Agreement on double-reviewed claims, as a methods editor can defend it: raw agreement and
 * Krippendorff's alpha over all reviewers, Cohen's kappa per pair, each with its 95%
 * bootstrap interval and its number of claims, "too few claims to read" under
 * MIN_CLAIMS_TO_READ, the verdict-by-verdict table, the editor's departures, and the pairs
 * behind it all as CSV.
 */
export function AgreementCard({
  report,
}: {
  report: AgreementReport & { labels: Record<string, string> };
}) {
  const { overall, confusion, labels } = report;
  const label = (key: string) => labels[key] ?? key;
  const t = useTranslations("Agreement");
  const claims = (count: number) => t("claims", { count });
  const percent = (share: number | null) => (share === null ? "—" : t("percent", { share }));
  /** κ or α with two decimals; "undefined" when both reviewers only ever used one verdict. */
  const coefficient = (value: number | null, claimCount: number) =>
    claimCount === 0 ? "—" : value === null ? t("undefinedOne") : value.toFixed(2);
  /** "0.31 to 0.78". */
  const span = (range: Interval, format: (x: number) => string) =>
    t("span", { from: format(range[0]), to: format(range[1]) });
  /** "95% interval 0.31 to 0.78", or why there is none. */
  const interval = (range: Interval | null, format: (x: number) => string) =>
    range ? t("interval", { span: span(range, format) }) : t("noInterval");
  const wholePercent = (x: number) => t("percent", { share: x });
  return (
    <Card title={t("title")}>
      {overall.claims === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <div className="space-y-4 text-sm">
          {tooFew(overall.claims) && (
            <Alert>
              {t.rich("tooFew", {
                claims: claims(overall.claims),
                min: MIN_CLAIMS_TO_READ,
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </Alert>
          )}
          <dl className="grid gap-3 sm:grid-cols-3" data-testid="agreement-overall">
            <div>
              <dt className="text-xs font-medium text-slate-600">{t("raw")}</dt>
              <dd className="text-2xl font-semibold tabular-nums">{percent(overall.raw)}</dd>
              <dd className="text-xs text-slate-600">
                {t("of", { part: overall.agreed, whole: claims(overall.claims) })}
              </dd>
              <dd className="text-xs text-slate-600">
                {interval(overall.rawInterval, wholePercent)}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">{t("alpha")}</dt>
              <dd className="text-2xl font-semibold tabular-nums">
                {coefficient(overall.alpha, overall.claims)}
              </dd>
              <dd className="text-xs text-slate-600">
                {t("on", {
                  interval: interval(overall.alphaInterval, twoDecimals),
                  claims: claims(overall.claims),
                })}
              </dd>
              <dd className="text-xs text-slate-600">{t("scale")}</dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">{t("finalNeither")}</dt>
              <dd className="text-2xl font-semibold tabular-nums">
                {report.reconciled === 0 ? "—" : percent(report.finalDiffered / report.reconciled)}
              </dd>
              <dd className="text-xs text-slate-600">
                {t("reconciled", { part: report.finalDiffered, whole: report.reconciled })}
              </dd>
            </div>
          </dl>
          <p className="text-xs text-slate-600">{t("method")}</p>
          <Table caption={t("pairs")}>
            <TableHead
              columns={[
                t("reviewers"),
                t("claimsColumn"),
                t("raw"),
                t("kappa"),
                t("intervalColumn"),
              ]}
            />
            <tbody>
              {report.pairs.map((p) => (
                <tr key={p.reviewers.join("|")} className="border-t border-slate-100">
                  <Td>{t("pair", { a: p.reviewers[0], b: p.reviewers[1] })}</Td>
                  <Td className="tabular-nums">
                    {p.claims}
                    {tooFew(p.claims) && (
                      <span className="block text-xs text-slate-600">{t("tooFewShort")}</span>
                    )}
                  </Td>
                  <Td className="tabular-nums">{percent(p.raw)}</Td>
                  <Td className="tabular-nums">{coefficient(p.kappa, p.claims)}</Td>
                  <Td className="tabular-nums">
                    {p.kappaInterval ? span(p.kappaInterval, twoDecimals) : "—"}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Table caption={t("confusion")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("firstSecond")}</Th>
                {confusion.verdicts.map((v) => (
                  <Th key={v}>{label(v)}</Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {confusion.verdicts.map((v, i) => (
                <tr key={v} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 text-start font-medium text-slate-700">
                    {label(v)}
                  </th>
                  {confusion.counts[i]!.map((count, j) => (
                    <Td
                      key={confusion.verdicts[j]}
                      className={
                        i === j ? "bg-green-50 font-semibold tabular-nums" : "tabular-nums"
                      }
                    >
                      {count}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
          <p>
            <a className="text-brand-700 underline" href="/api/v1/agreement.csv" download>
              {t("download")}
            </a>
          </p>
        </div>
      )}
    </Card>
  );
}
