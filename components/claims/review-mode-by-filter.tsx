"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  countFilteredReviewMode,
  setFilteredReviewMode,
  undoFilteredReviewMode,
} from "@/app/(app)/claims/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useActionRunner } from "@/components/ui/use-action";
import type { QueueQuery } from "@/lib/validation/queue";
import { MODE_BATCH } from "@/lib/domain/claims";

/**
 * For editors: every NEW claim matching the queue's filters (a threshold, a speaker, an
 * article…) needs two independent reviews, or one again, a thousand at a time. First it
 * says how many claims it will change and for which filters, and asks; then it says how
 * many it changed, with an undo for that same set.
 */
export function ReviewModeByFilter({
  query,
  description,
}: {
  query: Omit<QueueQuery, "q" | "after" | "sort">;
  /** The filters in words (describeFilters). */
  description: string;
}) {
  const t = useTranslations("ReviewModeByFilter");
  const mode = (double: boolean) => (double ? "two" : "one");
  const { run, pending, message, setMessage } = useActionRunner();
  const [asking, setAsking] = useState<{ double: boolean; count: number } | null>(null);
  const [undo, setUndo] = useState<{ ids: string[]; double: boolean } | null>(null);

  const ask = (double: boolean) => {
    setUndo(null);
    void run(() => countFilteredReviewMode({ query, double }), {
      refresh: false,
      onSuccess: ({ count }) =>
        count === 0
          ? setMessage({
              tone: "success",
              text: t("nothingToChange", { description, mode: mode(double) }),
            })
          : setAsking({ double, count }),
    });
  };
  const mark = (double: boolean) =>
    run(() => setFilteredReviewMode({ query, double }), {
      success: ({ changed, remaining }) =>
        t("changed", { count: changed, mode: mode(double), remaining }),
      onSuccess: ({ ids }) => {
        setAsking(null);
        setUndo(ids.length > 0 ? { ids, double } : null);
      },
    });
  const undoLast = (last: { ids: string[]; double: boolean }) =>
    run(() => undoFilteredReviewMode({ ids: last.ids, double: !last.double }), {
      success: ({ changed, kept }) =>
        t("undone", {
          count: changed,
          mode: mode(!last.double),
          kept,
          keptMode: mode(last.double),
        }),
      onSuccess: () => setUndo(null),
    });

  return (
    <div className="mb-4 space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span>{t("label")}</span>
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => ask(true)}>
          {t("requireTwoOpen")}
        </Button>
        <Button size="sm" variant="ghost" disabled={pending} onClick={() => ask(false)}>
          {t("backToOneOpen")}
        </Button>
      </div>
      {message && !asking && (
        <Alert tone={message.tone}>
          {message.text}
          {undo && message.tone === "success" && (
            <>
              {" "}
              <Button
                size="sm"
                variant="secondary"
                disabled={pending}
                onClick={() => undoLast(undo)}
              >
                {t("undo")}
              </Button>
            </>
          )}
        </Alert>
      )}
      <Dialog
        open={asking !== null}
        title={asking?.double ? t("requireTwo") : t("backToOne")}
        onClose={() => setAsking(null)}
      >
        {asking && (
          <form
            className="space-y-4 text-sm"
            onSubmit={(event) => {
              event.preventDefault();
              void mark(asking.double);
            }}
          >
            <p data-testid="review-mode-confirm">
              {t.rich("confirm", {
                count: asking.count,
                mode: mode(asking.double),
                batch: MODE_BATCH,
                more: String(asking.count > MODE_BATCH),
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
            <p className="text-slate-700">{t("filters", { description })}</p>
            {message?.tone === "error" && <Alert tone="error">{message.text}</Alert>}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setAsking(null)}>
                {t("cancel")}
              </Button>
              <Button type="submit" disabled={pending}>
                {t("submit", {
                  double: String(asking.double),
                  count: Math.min(asking.count, MODE_BATCH),
                })}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </div>
  );
}
