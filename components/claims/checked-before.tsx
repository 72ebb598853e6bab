"use client";

import Link from "next/link";
import { adoptMatchAction, judgeMatchAction } from "@/app/(app)/claims/[claimId]/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/components/ui/use-action";

/** A library match as the claim page shows it (dates as text, formatted on the server). */
export interface CheckedBeforeMatch {
  id: string;
  /** The fused score, 0 to 1. */
  score: number;
  /** Which stage found it, in words ("meaning", "words in common"…). */
  foundBy: string;
  repeat: boolean;
  judgement: "SAME" | "NOT_SAME" | null;
  judgedBy: string | null;
  claim: string;
  title: string | null;
  rating: string | null;
  publisher: string | null;
  date: string | null;
  /** The fact-check's page (null for a record without one). */
  url: string | null;
  /** The desk's own approved claim, when the record is one. */
  deskClaimId: string | null;
  corrections: number;
}

const JUDGEMENTS = [
  ["SAME", "Same claim"],
  ["NOT_SAME", "Not the same"],
] as const;

/**
 * "Checked before": the fact-checks in the library this claim matched at import, by this
 * desk or others, best first, each with Same claim / Not the same (labels stored for
 * tuning the matcher) and, for the claim's reviewer, "Add as evidence".
 */
export function CheckedBefore({
  claimId,
  version,
  matches,
  canAdopt,
  evidenceUrls,
}: {
  claimId: string;
  version: number;
  matches: CheckedBeforeMatch[];
  /** Whether this person may add evidence to the claim now (its review is theirs to write). */
  canAdopt: boolean;
  evidenceUrls: string[];
}) {
  const { run, pending, message } = useActionRunner();
  if (matches.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No fact-check in the library matched this claim when it was imported.
      </p>
    );
  }
  const judge = (matchId: string, judgement: "SAME" | "NOT_SAME" | null) =>
    run(() => judgeMatchAction({ matchId, judgement }), {
      success: judgement === null ? "Judgement taken back." : "Judgement saved.",
    });
  return (
    <div className="space-y-3">
      <ol
        className="space-y-4"
        data-testid="checked-before"
        aria-label="Fact-checks this claim matched"
      >
        {matches.map((m) => {
          const adopted = m.url !== null && evidenceUrls.includes(m.url);
          return (
            <li
              key={m.id}
              className="text-sm"
              aria-label={`Fact-check by ${m.publisher ?? "an unnamed publisher"}`}
            >
              <div className="mb-1 flex flex-wrap items-center gap-2">
                {m.rating && <Badge tone="warning">{m.rating}</Badge>}
                {m.repeat && <Badge tone="danger">Repeat</Badge>}
                <span className="text-xs text-slate-600 tabular-nums">
                  {Math.round(m.score * 100)}% match, found by {m.foundBy}
                </span>
              </div>
              <p className="text-slate-900">“{m.claim}”</p>
              <p className="mt-1 text-xs text-slate-600">
                {m.publisher ?? "Unnamed publisher"}
                {m.date ? `, ${m.date}` : ""}
                {m.corrections > 0 &&
                  ` · rating corrected ${m.corrections === 1 ? "once" : `${m.corrections} times`}`}
                {" · "}
                {m.deskClaimId ? (
                  <Link className="text-brand-700 underline" href={`/claims/${m.deskClaimId}`}>
                    the desk&apos;s claim
                  </Link>
                ) : m.url ? (
                  <a
                    className="text-brand-700 underline"
                    href={m.url}
                    target="_blank"
                    rel="noreferrer noopener"
                  >
                    {m.title ?? "the fact-check"}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </a>
                ) : (
                  "no page"
                )}
              </p>
              <div
                className="mt-2 flex flex-wrap items-center gap-2"
                role="group"
                aria-label="Is it the same claim?"
              >
                {JUDGEMENTS.map(([judgement, label]) => (
                  <Button
                    key={judgement}
                    size="sm"
                    variant={m.judgement === judgement ? "primary" : "secondary"}
                    aria-pressed={m.judgement === judgement}
                    disabled={pending}
                    // Pressed again, a judgement is taken back.
                    onClick={() => judge(m.id, m.judgement === judgement ? null : judgement)}
                  >
                    {label}
                  </Button>
                ))}
                {m.url &&
                  canAdopt &&
                  (adopted ? (
                    <span className="text-xs text-slate-600">In the evidence</span>
                  ) : (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={pending}
                      onClick={() =>
                        run(() => adoptMatchAction({ matchId: m.id, version }), {
                          success: "Added to the evidence.",
                        })
                      }
                    >
                      Add as evidence
                    </Button>
                  ))}
                {m.judgedBy && m.judgement && (
                  <span className="text-xs text-slate-600">
                    {m.judgement === "SAME" ? "Same" : "Not the same"}, said {m.judgedBy}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {message && (
        <Alert tone={message.tone} key={claimId}>
          {message.text}
        </Alert>
      )}
    </div>
  );
}
