import { MIN_CLAIMS_TO_READ, type AgreementReport, type Interval } from "@/lib/domain/agreement";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/page-header";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

const claims = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "claim" : "claims"}`;

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

/** κ or α with two decimals; "undefined" when both reviewers only ever used one verdict. */
const coefficient = (value: number | null, claimCount: number) =>
  claimCount === 0 ? "—" : value === null ? "undefined (one verdict only)" : value.toFixed(2);

/** "0.31 to 0.78". */
const span = (range: Interval, format: (x: number) => string) =>
  `${format(range[0])} to ${format(range[1])}`;

/** "95% interval 0.31 to 0.78", or why there is none. */
function interval(range: Interval | null, format: (x: number) => string): string {
  return range
    ? `95% interval ${span(range, format)}`
    : "no interval (undefined in most resamples)";
}
const twoDecimals = (x: number) => x.toFixed(2);
const wholePercent = (x: number) => `${Math.round(x * 100)}%`;

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
  return (
    <Card title="Agreement on double-reviewed claims">
      {overall.claims === 0 ? (
        <p className="text-sm text-slate-600">
          No claim has two submitted reviews yet. Mark claims as needing two reviews in the queue.
        </p>
      ) : (
        <div className="space-y-4 text-sm">
          {tooFew(overall.claims) && (
            <Alert>
              <strong>Too few claims to read:</strong> {claims(overall.claims)} double-reviewed.
              Below {MIN_CLAIMS_TO_READ} claims these figures say little; the intervals show how
              little.
            </Alert>
          )}
          <dl className="grid gap-3 sm:grid-cols-3" data-testid="agreement-overall">
            <div>
              <dt className="text-xs font-medium text-slate-600">Raw agreement</dt>
              <dd className="text-2xl font-semibold tabular-nums">{percent(overall.raw)}</dd>
              <dd className="text-xs text-slate-600">
                {overall.agreed} of {claims(overall.claims)}
              </dd>
              <dd className="text-xs text-slate-600">
                {interval(overall.rawInterval, wholePercent)}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">
                Krippendorff’s alpha, all reviewers
              </dt>
              <dd className="text-2xl font-semibold tabular-nums">
                {coefficient(overall.alpha, overall.claims)}
              </dd>
              <dd className="text-xs text-slate-600">
                {interval(overall.alphaInterval, twoDecimals)}, on {claims(overall.claims)}
              </dd>
              <dd className="text-xs text-slate-600">1 = perfect, 0 = chance</dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">
                Final verdict neither reviewer’s
              </dt>
              <dd className="text-2xl font-semibold tabular-nums">
                {report.reconciled === 0 ? "—" : percent(report.finalDiffered / report.reconciled)}
              </dd>
              <dd className="text-xs text-slate-600">
                {report.finalDiffered} of {report.reconciled} reconciled
              </dd>
            </div>
          </dl>
          <p className="text-xs text-slate-600">
            On each reviewer’s first, blind verdict. Intervals: percentile bootstrap over claims,
            1,000 resamples. Alpha takes each claim’s two verdicts whoever gave them; kappa, per
            pair, keeps each person one rater throughout. In the verdict table, rows are the verdict
            of whoever took the claim first.
          </p>
          <Table caption="Agreement per reviewer pair">
            <TableHead
              columns={["Reviewers", "Claims", "Raw agreement", "Cohen’s kappa", "95% interval"]}
            />
            <tbody>
              {report.pairs.map((p) => (
                <tr key={p.reviewers.join("|")} className="border-t border-slate-100">
                  <Td>{p.reviewers.join(" and ")}</Td>
                  <Td className="tabular-nums">
                    {p.claims}
                    {tooFew(p.claims) && (
                      <span className="block text-xs text-slate-600">too few to read</span>
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
          <Table caption="Blind verdicts, verdict by verdict: rows the first reviewer’s, columns the second’s">
            <thead className="bg-slate-50">
              <tr>
                <Th>First ↓ · second →</Th>
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
              Download the pairs behind these figures (CSV)
            </a>
          </p>
        </div>
      )}
    </Card>
  );
}
