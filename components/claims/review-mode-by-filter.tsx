"use client";

import { setFilteredReviewMode } from "@/app/(app)/claims/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/components/ui/use-action";
import type { QueueQuery } from "@/lib/validation/queue";

/**
 * For editors: every NEW claim matching the queue's filters (a threshold, a speaker, an
 * article…) needs two independent reviews, or one again; a thousand at a time.
 */
export function ReviewModeByFilter({ query }: { query: Omit<QueueQuery, "q" | "after" | "sort"> }) {
  const { run, pending, message } = useActionRunner();
  const mark = (double: boolean) =>
    run(() => setFilteredReviewMode({ query, double }), {
      success: ({ changed, remaining }) =>
        `${changed.toLocaleString("en")} new ${changed === 1 ? "claim needs" : "claims need"} ${double ? "two independent reviews" : "one review"}` +
        (remaining > 0 ? `; ${remaining.toLocaleString("en")} more match: run it again.` : "."),
    });
  return (
    <div className="mb-4 space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span>New claims matching these filters:</span>
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => mark(true)}>
          Require two reviews
        </Button>
        <Button size="sm" variant="ghost" disabled={pending} onClick={() => mark(false)}>
          Back to one review
        </Button>
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </div>
  );
}
