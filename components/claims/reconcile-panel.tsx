"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("Reconcile");
  const [dialog, setDialog] = useState<"final" | "return" | null>(null);
  const [verdictId, setVerdictId] = useState(reviews[0]?.verdictId ?? "");
  const [rationale, setRationale] = useState("");
  const [sourceReviewId, setSourceReviewId] = useState(reviews[0]?.id ?? "");
  const close = { onSuccess: () => setDialog(null) };
  const reconcile = useAction(reconcileReviews, { success: t("reconciled"), ...close });
  const returned = useAction(returnSubmittedClaim, {
    success: t("returned"),
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
            {r.verdict
              ? t("adoptWithVerdict", { reviewer: r.reviewer, verdict: r.verdict })
              : t("adopt", { reviewer: r.reviewer })}
          </Button>
        ))}
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => (reconcile.setMessage(null), setDialog("final"))}
        >
          {t("writeFinalOpen")}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => (returned.setMessage(null), setDialog("return"))}
        >
          {t("returnBothOpen")}
        </Button>
      </div>
      {message && !dialog && <Alert tone={message.tone}>{message.text}</Alert>}
      <Dialog open={dialog === "final"} title={t("writeFinal")} onClose={() => setDialog(null)}>
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
          <Field label={t("finalVerdict")} required error={reconcile.fieldErrors.verdictId}>
            <Select value={verdictId} onChange={(e) => setVerdictId(e.target.value)}>
              <Options none={t("choose")} items={verdicts} />
            </Select>
          </Field>
          <Field
            label={t("finalRationale")}
            hint={t("finalRationaleHint")}
            required
            error={reconcile.fieldErrors.rationale}
          >
            <Textarea rows={6} value={rationale} onChange={(e) => setRationale(e.target.value)} />
          </Field>
          <Field
            label={t("keepSource")}
            hint={t("keepSourceHint")}
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
            submitLabel={t("approve")}
            pending={pending}
          />
        </form>
      </Dialog>
      <ReasonDialog
        open={dialog === "return"}
        title={t("returnTitle")}
        hint={t("returnHint")}
        submitLabel={t("returnBoth")}
        message={returned.message}
        pending={pending}
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => returned.run({ claimId, version, reason })}
      />
    </div>
  );
}
