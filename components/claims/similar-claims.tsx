"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { CLAIM_STATE_TONES } from "@/lib/domain/claims";
import { formatDate } from "@/components/ui/format";
import type { SimilarClaim as Similar } from "@/lib/data/matching";

/** A similar claim as the API sends it: its instants as ISO text. */
type SimilarClaim = Omit<Similar, "createdAt" | "approvedAt"> & {
  createdAt: string;
  approvedAt: string | null;
};

type Loaded =
  { status: "loading" } | { status: "error" } | { status: "done"; claims: SimilarClaim[] };

/**
 * Earlier claims that say nearly the same, best first: has this been checked before?
 * Loaded after the page (GET /api/v1/claims/{id}/similar), so that neither the claim page
 * nor the re-render after each save waits for the similarity search. Give it `key` = the
 * claim id so that another claim starts from "loading".
 */
export function SimilarClaims({ claimId }: { claimId: string }) {
  const t = useTranslations("Similar");
  const states = useTranslations("States");
  const locale = useLocale();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/v1/claims/${claimId}/similar`, { signal: controller.signal })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<{ data: SimilarClaim[] }>;
      })
      .then((body) => setLoaded({ status: "done", claims: body.data }))
      .catch(() => {
        if (!controller.signal.aborted) setLoaded({ status: "error" });
      });
    return () => controller.abort();
  }, [claimId]);

  if (loaded.status === "loading")
    return (
      <p className="text-sm text-slate-600" role="status">
        {t("loading")}
      </p>
    );
  if (loaded.status === "error")
    return (
      <p className="text-sm text-red-700" role="status">
        {t("error")}
      </p>
    );
  if (loaded.claims.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <ol className="space-y-3" data-testid="similar-claims">
      {loaded.claims.map((c) => (
        <li key={c.id} className="text-sm">
          <div className="mb-1 flex flex-wrap items-center gap-2">
            <Badge tone={CLAIM_STATE_TONES[c.state]}>{states(c.state)}</Badge>
            {c.verdict && (
              <Badge tone={c.state === "APPROVED" ? "success" : "neutral"}>{c.verdict}</Badge>
            )}
            <span className="text-xs text-slate-600 tabular-nums">
              {t("alike", { score: c.score })}
            </span>
          </div>
          <Link
            className="text-brand-700 underline hover:text-brand-900"
            href={`/claims/${c.id}`}
            dir="auto"
          >
            {c.text.length > 200 ? `${c.text.slice(0, 200)}…` : c.text}
          </Link>
          <p className="mt-1 text-xs text-slate-600">
            {c.articleTitle ? (
              <>
                {t.rich("inArticle", {
                  article: () => (
                    <Link className="underline" href={`/articles/${c.articleId}`}>
                      {c.articleTitle}
                    </Link>
                  ),
                })}
                {", "}
              </>
            ) : null}
            {c.approvedAt
              ? t("approved", { date: formatDate(new Date(c.approvedAt), locale) })
              : t("logged", { date: formatDate(new Date(c.createdAt), locale) })}
            {c.reviewer ? `, ${t("reviewedBy", { name: c.reviewer })}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
