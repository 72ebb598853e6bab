"use client";

import { useState } from "react";
import { reconcileReviews, returnSubmittedClaim } from "@/app/(app)/approvals/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Select, Textarea } from "@/components/ui/field";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { useAction } from "@/components/ui/use-action";
import { Options } from "@/components/ui/options";

/**
 * An editor's three ways out of two submitted reviews: adopt one, write the final verdict
 * drawing on both (the source of one, the evidence of both), or return both with a reason.
 * `refusal` (the editor wrote one of the reviews) replaces the buttons.
 */
export function ReconcilePanel({
  claimId,
  version,
  reviews,
  verdicts,
  refusal,
}: {
  claimId: string;
  version: number;
  reviews: Array<{
    id: string;
    reviewer: string;
    verdictId: string | null;
    verdict: string | null;
  }>;
  verdicts: Array<{ id: string; label: string }>;
  refusal: string | null;
}) {
  const [dialog, setDialog] = useState<"final" | "return" | null>(null);
  const [verdictId, setVerdictId] = useState(reviews[0]?.verdictId ?? "");
  const [rationale, setRationale] = useState("");
  const [sourceReviewId, setSourceReviewId] = useState(reviews[0]?.id ?? "");
  const close = { onSuccess: () => setDialog(null) };
  const reconcile = useAction(reconcileReviews, { success: "Reconciled and approved.", ...close });
  const returned = useAction(returnSubmittedClaim, {
    success: "Both reviews returned to their reviewers.",
    ...close,
  });
  const pending = reconcile.pending || returned.pending;
  const message = reconcile.message ?? returned.message;

  if (refusal) return <p className="text-sm text-slate-700">{refusal}</p>;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {reviews.map((r) => (
          <Button
            key={r.id}
            disabled={pending}
            onClick={() => reconcile.run({ claimId, version, outcome: "ADOPT", reviewId: r.id })}
          >
            Adopt {r.reviewer}’s review{r.verdict ? ` (${r.verdict})` : ""}
          </Button>
        ))}
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => (reconcile.setMessage(null), setDialog("final"))}
        >
          Write the final verdict…
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => (returned.setMessage(null), setDialog("return"))}
        >
          Return both…
        </Button>
      </div>
      {message && !dialog && <Alert tone={message.tone}>{message.text}</Alert>}
      <Dialog
        open={dialog === "final"}
        title="Write the final verdict"
        onClose={() => setDialog(null)}
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            reconcile.run({
              claimId,
              version,
              outcome: "FINAL",
              verdictId,
              rationale,
              sourceReviewId,
            });
          }}
        >
          {reconcile.message?.tone === "error" && (
            <Alert tone="error">{reconcile.message.text}</Alert>
          )}
          <Field label="Final verdict" required error={reconcile.fieldErrors.verdictId}>
            <Select value={verdictId} onChange={(e) => setVerdictId(e.target.value)}>
              <Options none="Choose…" items={verdicts} />
            </Select>
          </Field>
          <Field
            label="Final rationale"
            hint="Published with the verdict. At least 10 characters."
            required
            error={reconcile.fieldErrors.rationale}
          >
            <Textarea rows={6} value={rationale} onChange={(e) => setRationale(e.target.value)} />
          </Field>
          <Field
            label="Keep the source annotation of"
            hint="The evidence of both reviews is kept, each address once."
            error={reconcile.fieldErrors.sourceReviewId}
          >
            <Select value={sourceReviewId} onChange={(e) => setSourceReviewId(e.target.value)}>
              {reviews.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.reviewer}
                </option>
              ))}
            </Select>
          </Field>
          <DialogActions
            onCancel={() => setDialog(null)}
            submitLabel="Approve this verdict"
            pending={pending}
          />
        </form>
      </Dialog>
      <ReasonDialog
        open={dialog === "return"}
        title="Return both reviews"
        hint="Shown at the top of both reviewers' forms; each revises their own review."
        submitLabel="Return both"
        message={returned.message}
        pending={pending}
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => returned.run({ claimId, version, reason })}
      />
    </div>
  );
}
