"use client";

import Link from "next/link";
import type { Ref } from "react";
import { Highlighted } from "@/components/claims/highlighted";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Td } from "@/components/ui/table";
import { CLAIM_STATE_TONES, type ClaimState } from "@/lib/domain/claims";
import { useLocale, useTranslations } from "next-intl";

export interface QueueRow {
  id: string;
  text: string;
  /** A search snippet with \u0001…\u0002 around matched words. */
  headline: string | null;
  /** An approved claim this one closely matches. */
  checkedBefore: { id: string; verdict: string | null; score: number } | null;
  /** The best fact-check of the library it matched (a repeat: of the desk's own verdict). */
  library: { publisher: string | null; rating: string | null; repeat: boolean } | null;
  state: ClaimState;
  version: number;
  /** Null: not scored (no model for the claim's language). */
  checkworthiness: number | null;
  age: string;
  overdue: boolean;
  article: { id: string; title: string } | null;
  /** The article's language when it is not the desk's default: its tag and name. */
  language: { tag: string; name: string } | null;
  speaker: string | null;
  /** Who has it: the assignee, or a claim's blind reviewers (blindReviewersLabel in lib/domain/claims.ts); null for nobody. */
  assignee: string | null;
  verdict: string | null;
  /** For a claim needing two independent reviews: how many reviewers have taken it. */
  doubleReview: { taken: number } | null;
}

/** New, or needing two reviews and still short of its second reviewer. */
export const takeable = (row: QueueRow) =>
  row.state === "NEW" ||
  (row.state === "IN_REVIEW" && row.doubleReview !== null && row.doubleReview.taken < 2);

/** One claim of the queue: its selection box, text, people, state, score, age and Take. */
export function QueueTableRow({
  row,
  active,
  selected,
  showArticle,
  pending,
  rowRef,
  onFocus,
  onToggle,
  onTake,
  onLinkDuplicate,
}: {
  row: QueueRow;
  /** The row the keyboard is on. */
  active: boolean;
  selected: boolean;
  showArticle: boolean;
  pending: boolean;
  rowRef: Ref<HTMLTableRowElement>;
  onFocus: () => void;
  onToggle: () => void;
  onTake: () => void;
  onLinkDuplicate: () => void;
}) {
  const t = useTranslations("QueueRow");
  const states = useTranslations("States");
  const locale = useLocale();
  return (
    <tr
      ref={rowRef}
      tabIndex={-1}
      data-testid="queue-row"
      data-claim-id={row.id}
      aria-selected={active}
      onFocus={onFocus}
      className={active ? "bg-brand-50/60 outline-none" : undefined}
    >
      <Td>
        <input
          type="checkbox"
          aria-label={t("select", { text: row.text.slice(0, 60) })}
          checked={selected}
          onChange={onToggle}
        />
      </Td>
      <Td className="max-w-md">
        <Link
          className="text-slate-900 hover:underline"
          href={`/claims/${row.id}`}
          lang={row.language?.tag}
          dir="auto"
        >
          {row.headline ? (
            <Highlighted text={row.headline} />
          ) : row.text.length > 180 ? (
            `${row.text.slice(0, 180)}…`
          ) : (
            row.text
          )}
        </Link>
        {row.language && (
          <div className="mt-1">
            <Badge>{row.language.name}</Badge>
          </div>
        )}
        {row.library && (!row.checkedBefore || !row.library.repeat) && (
          <div className="mt-1" data-testid="library-match">
            <Link href={`/claims/${row.id}`}>
              <Badge tone={row.library.repeat ? "danger" : "warning"}>
                {row.library.repeat ? t("repeat") : t("checkedBefore")}
                {row.library.rating ? `: ${row.library.rating}` : ""}
                {row.library.publisher && !row.library.repeat ? ` (${row.library.publisher})` : ""}
              </Badge>
            </Link>
          </div>
        )}
        {row.checkedBefore && (
          <div className="mt-1 flex flex-wrap items-center gap-2" data-testid="checked-before">
            <Link href={`/claims/${row.checkedBefore.id}`}>
              <Badge tone="warning">
                {t("checkedBeforeVerdict", { verdict: row.checkedBefore.verdict ?? t("approved") })}
              </Badge>
            </Link>
            {(row.state === "NEW" || row.state === "IN_REVIEW") && (
              <Button size="sm" variant="ghost" disabled={pending} onClick={onLinkDuplicate}>
                {t("linkDuplicate")}
              </Button>
            )}
          </div>
        )}
      </Td>
      <Td>{row.speaker ?? "—"}</Td>
      {showArticle && (
        <Td className="max-w-48">
          {row.article ? (
            <Link
              className="line-clamp-2 text-brand-700 underline"
              href={`/articles/${row.article.id}`}
            >
              {row.article.title}
            </Link>
          ) : (
            "—"
          )}
        </Td>
      )}
      <Td>
        <div className="flex flex-col items-start gap-1">
          <Badge tone={CLAIM_STATE_TONES[row.state]}>{states(row.state)}</Badge>
          {row.overdue && <Badge tone="danger">{t("overdue")}</Badge>}
          {row.doubleReview && (
            <Badge tone="info">
              {row.state === "IN_REVIEW"
                ? t("twoReviewsTaken", { taken: row.doubleReview.taken })
                : t("twoReviews")}
            </Badge>
          )}
        </div>
      </Td>
      <Td>{row.verdict ?? "—"}</Td>
      <Td>{row.assignee ?? t("unassigned")}</Td>
      <Td className="text-end tabular-nums">
        {row.checkworthiness === null ? (
          <span title={t("notScored")}>
            —<span className="sr-only"> {t("notScoredShort")}</span>
          </span>
        ) : (
          row.checkworthiness.toLocaleString(locale, {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          })
        )}
      </Td>
      <Td className="text-end whitespace-nowrap tabular-nums">{row.age}</Td>
      <Td>
        {takeable(row) && (
          <Button size="sm" disabled={pending} onClick={onTake}>
            {t("take")}
          </Button>
        )}
      </Td>
    </tr>
  );
}
