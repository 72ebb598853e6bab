import type { Agreement, AgreementReport } from "@/lib/domain/agreement";
import { Card } from "@/components/ui/page-header";
import { Table, TableHead, Td } from "@/components/ui/table";

const claims = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "claim" : "claims"}`;

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

/** κ with two decimals; "undefined" when both reviewers only ever used one verdict. */
function kappa(a: Agreement): string {
  if (a.claims === 0) return "—";
  return a.kappa === null ? "undefined (one verdict only)" : a.kappa.toFixed(2);
}

/**
 * Agreement on double-reviewed claims: the blind verdicts' raw agreement and Cohen's
 * kappa, overall and per reviewer pair, each with its number of claims, and how often the
 * editor's final verdict was neither reviewer's.
 */
export function AgreementCard({ report }: { report: AgreementReport }) {
  const { overall } = report;
  return (
    <Card title="Agreement on double-reviewed claims">
      {overall.claims === 0 ? (
        <p className="text-sm text-slate-600">
          No claim has two submitted reviews yet. Mark claims as needing two reviews in the queue.
        </p>
      ) : (
        <div className="space-y-4 text-sm">
          <dl className="grid gap-3 sm:grid-cols-3" data-testid="agreement-overall">
            <div>
              <dt className="text-xs font-medium text-slate-600">Raw agreement</dt>
              <dd className="text-2xl font-semibold tabular-nums">{percent(overall.raw)}</dd>
              <dd className="text-xs text-slate-600">
                {overall.agreed} of {claims(overall.claims)}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">Cohen’s kappa</dt>
              <dd className="text-2xl font-semibold tabular-nums">{kappa(overall)}</dd>
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
            On each reviewer’s first, blind verdict. Overall, the first rater is whoever took the
            claim first; per pair, each person is one rater throughout.
          </p>
          <Table caption="Agreement per reviewer pair">
            <TableHead columns={["Reviewers", "Claims", "Raw agreement", "Kappa"]} />
            <tbody>
              {report.pairs.map((p) => (
                <tr key={p.reviewers.join("|")} className="border-t border-slate-100">
                  <Td>{p.reviewers.join(" and ")}</Td>
                  <Td className="tabular-nums">{p.claims}</Td>
                  <Td className="tabular-nums">{percent(p.raw)}</Td>
                  <Td className="tabular-nums">{kappa(p)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}
