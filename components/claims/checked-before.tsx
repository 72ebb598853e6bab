"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
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
  /** Which stage of the matcher found it. */
  foundBy: "LEXICAL" | "SEMANTIC" | "BOTH" | "FUSED";
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

const JUDGEMENTS = ["SAME", "NOT_SAME"] as const;

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
  const t = useTranslations("CheckedBefore");
  const { run, pending, message } = useActionRunner();
  if (matches.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  const judge = (matchId: string, judgement: "SAME" | "NOT_SAME" | null) =>
    run(() => judgeMatchAction({ matchId, judgement }), {
      success: judgement === null ? t("judgementTakenBack") : t("judgementSaved"),
    });
  return (
    <div className="space-y-3">
      <ol className="space-y-4" data-testid="checked-before" aria-label={t("list")}>
        {matches.map((m) => {
          const adopted = m.url !== null && evidenceUrls.includes(m.url);
          return (
            <li
              key={m.id}
              className="text-sm"
              aria-label={t("item", { publisher: m.publisher ?? t("anUnnamedPublisher") })}
            >
              <div className="mb-1 flex flex-wrap items-center gap-2">
                {m.rating && <Badge tone="warning">{m.rating}</Badge>}
                {m.repeat && <Badge tone="danger">{t("repeat")}</Badge>}
                <span className="text-xs text-slate-600 tabular-nums">
                  {t("score", { score: m.score, stage: m.foundBy })}
                </span>
              </div>
              <p className="text-slate-900" dir="auto">
                “{m.claim}”
              </p>
              <p className="mt-1 text-xs text-slate-600">
                {m.publisher ?? t("unnamedPublisher")}
                {m.date ? `, ${m.date}` : ""}
                {m.corrections > 0 && ` · ${t("corrected", { count: m.corrections })}`}
                {" · "}
                {m.deskClaimId ? (
                  <Link className="text-brand-700 underline" href={`/claims/${m.deskClaimId}`}>
                    {t("deskClaim")}
                  </Link>
                ) : m.url ? (
                  <a
                    className="text-brand-700 underline"
                    href={m.url}
                    target="_blank"
                    rel="noreferrer noopener"
                  >
                    {m.title ?? t("theFactCheck")}
                    <span className="sr-only"> {t("newTab")}</span>
                  </a>
                ) : (
                  t("noPage")
                )}
              </p>
              <div
                className="mt-2 flex flex-wrap items-center gap-2"
                role="group"
                aria-label={t("sameQuestion")}
              >
                {JUDGEMENTS.map((judgement) => (
                  <Button
                    key={judgement}
                    size="sm"
                    variant={m.judgement === judgement ? "primary" : "secondary"}
                    aria-pressed={m.judgement === judgement}
                    disabled={pending}
                    // Pressed again, a judgement is taken back.
                    onClick={() => judge(m.id, m.judgement === judgement ? null : judgement)}
                  >
                    {t(`judgement.${judgement}`)}
                  </Button>
                ))}
                {m.url &&
                  canAdopt &&
                  (adopted ? (
                    <span className="text-xs text-slate-600">{t("inEvidence")}</span>
                  ) : (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={pending}
                      onClick={() =>
                        run(() => adoptMatchAction({ matchId: m.id, version }), {
                          success: t("added"),
                        })
                      }
                    >
                      {t("addAsEvidence")}
                    </Button>
                  ))}
                {m.judgedBy && m.judgement && (
                  <span className="text-xs text-slate-600">
                    {t("saidBy", { judgement: m.judgement, name: m.judgedBy })}
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
