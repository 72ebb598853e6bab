import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CLAIM_STATE_LABELS, CLAIM_STATE_TONES, type ClaimState } from "@/lib/domain/claims";

/** Earlier claims that say nearly the same, best first: has this been checked before? */
export function SimilarClaims({
  claims,
}: {
  claims: Array<{
    id: string;
    text: string;
    state: ClaimState;
    verdict: string | null;
    score: number;
  }>;
}) {
  if (claims.length === 0)
    return <p className="text-sm text-slate-600">No similar claims found.</p>;
  return (
    <ol className="space-y-3" data-testid="similar-claims">
      {claims.map((c) => (
        <li key={c.id} className="text-sm">
          <div className="mb-1 flex flex-wrap items-center gap-2">
            <Badge tone={CLAIM_STATE_TONES[c.state]}>{CLAIM_STATE_LABELS[c.state]}</Badge>
            {c.verdict && (
              <Badge tone={c.state === "APPROVED" ? "success" : "neutral"}>{c.verdict}</Badge>
            )}
            <span className="text-xs text-slate-600 tabular-nums">
              {Math.round(c.score * 100)}% alike
            </span>
          </div>
          <Link className="text-slate-900 hover:underline" href={`/claims/${c.id}`}>
            {c.text.length > 200 ? `${c.text.slice(0, 200)}…` : c.text}
          </Link>
        </li>
      ))}
    </ol>
  );
}
