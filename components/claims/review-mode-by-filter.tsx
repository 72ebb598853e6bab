"use client";

import { useState } from "react";
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

const newClaims = (n: number) => `${n.toLocaleString("en")} new ${n === 1 ? "claim" : "claims"}`;
const mode = (double: boolean) => (double ? "two independent reviews" : "one review");

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
              text: `No new claim matching these filters (${description}) needs changing: each already needs ${mode(double)}.`,
            })
          : setAsking({ double, count }),
    });
  };
  const mark = (double: boolean) =>
    run(() => setFilteredReviewMode({ query, double }), {
      success: ({ changed, remaining }) =>
        `${newClaims(changed)} now ${changed === 1 ? "needs" : "need"} ${mode(double)}` +
        (remaining > 0 ? `; ${remaining.toLocaleString("en")} more match: run it again.` : "."),
      onSuccess: ({ ids }) => {
        setAsking(null);
        setUndo(ids.length > 0 ? { ids, double } : null);
      },
    });
  const undoLast = (last: { ids: string[]; double: boolean }) =>
    run(() => undoFilteredReviewMode({ ids: last.ids, double: !last.double }), {
      success: ({ changed, kept }) =>
        `Undone: ${newClaims(changed)} ${changed === 1 ? "needs" : "need"} ${mode(!last.double)} again` +
        (kept > 0
          ? `; ${kept.toLocaleString("en")} taken or changed since ${kept === 1 ? "keeps" : "keep"} ${mode(last.double)}.`
          : "."),
      onSuccess: () => setUndo(null),
    });

  return (
    <div className="mb-4 space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span>New claims matching these filters:</span>
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => ask(true)}>
          Require two reviews…
        </Button>
        <Button size="sm" variant="ghost" disabled={pending} onClick={() => ask(false)}>
          Back to one review…
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
                Undo
              </Button>
            </>
          )}
        </Alert>
      )}
      <Dialog
        open={asking !== null}
        title={asking?.double ? "Require two reviews" : "Back to one review"}
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
              <strong>{newClaims(asking.count)}</strong> matching these filters will need{" "}
              {mode(asking.double)}
              {asking.count > MODE_BATCH
                ? ` (the ${MODE_BATCH.toLocaleString("en")} most check-worthy now; run it again for the rest)`
                : ""}
              .
            </p>
            <p className="text-slate-700">Filters: {description}.</p>
            {message?.tone === "error" && <Alert tone="error">{message.text}</Alert>}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setAsking(null)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {asking.double ? "Require two reviews" : "Back to one review"} for{" "}
                {newClaims(Math.min(asking.count, MODE_BATCH))}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </div>
  );
}
