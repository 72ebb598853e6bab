import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { CLAIM_STATE_LABELS, CLAIM_STATE_TONES, type ClaimState } from "@/lib/domain/claims";

export interface ClaimRow {
  id: string;
  text: string;
  state: ClaimState;
  checkworthiness: number;
  article: { id: string; title: string } | null;
  speaker: { name: string } | null;
  assignee: { name: string } | null;
  verdict: { label: string } | null;
}

export function ClaimTable({
  caption,
  claims,
  empty,
}: {
  caption: string;
  claims: ClaimRow[];
  empty: React.ReactNode;
}) {
  return (
    <Table caption={caption}>
      <thead className="bg-slate-50">
        <tr>
          <Th>Claim</Th>
          <Th>Speaker</Th>
          <Th>Article</Th>
          <Th>State</Th>
          <Th>Verdict</Th>
          <Th>Assignee</Th>
          <Th className="text-right">Check-worthiness</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {claims.length === 0 && <EmptyRow colSpan={7}>{empty}</EmptyRow>}
        {claims.map((claim) => (
          <tr key={claim.id}>
            <Td className="max-w-md">
              <Link className="hover:underline" href={`/claims/${claim.id}`}>
                {claim.text.length > 200 ? `${claim.text.slice(0, 200)}…` : claim.text}
              </Link>
            </Td>
            <Td>{claim.speaker?.name ?? "—"}</Td>
            <Td>
              {claim.article ? (
                <Link className="text-brand-700 underline" href={`/articles/${claim.article.id}`}>
                  {claim.article.title}
                </Link>
              ) : (
                "—"
              )}
            </Td>
            <Td>
              <Badge tone={CLAIM_STATE_TONES[claim.state]}>{CLAIM_STATE_LABELS[claim.state]}</Badge>
            </Td>
            <Td>{claim.verdict?.label ?? "—"}</Td>
            <Td>{claim.assignee?.name ?? "Unassigned"}</Td>
            <Td className="text-right tabular-nums">{claim.checkworthiness.toFixed(2)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
