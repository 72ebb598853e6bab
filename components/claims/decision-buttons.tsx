"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  approveSubmittedClaim,
  reopenApprovedClaim,
  returnSubmittedClaim,
} from "@/app/(app)/approvals/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/errors";

/** Approve / Return (submitted claims) or Reopen (approved claims), for editors. */
export function DecisionButtons({
  claimId,
  version,
  mode,
  approveRefusal,
}: {
  claimId: string;
  version: number;
  mode: "decide" | "reopen";
  /** Why this editor may not approve (four-eyes), shown instead of the button. */
  approveRefusal: string | null;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [dialog, setDialog] = useState<"return" | "reopen" | null>(null);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  function run(work: () => Promise<ActionResult<unknown>>, success: string) {
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        setDialog(null);
        setReason("");
        setMessage({ tone: "success", text: success });
        router.refresh();
      } else setMessage({ tone: "error", text: result.message });
    });
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {mode === "decide" ? (
          <>
            {approveRefusal ? (
              <span className="text-sm text-slate-600">{approveRefusal}</span>
            ) : (
              <Button
                disabled={pending}
                onClick={() => run(() => approveSubmittedClaim({ claimId, version }), "Approved.")}
              >
                Approve
              </Button>
            )}
            <Button variant="secondary" disabled={pending} onClick={() => setDialog("return")}>
              Return…
            </Button>
          </>
        ) : (
          <Button variant="secondary" disabled={pending} onClick={() => setDialog("reopen")}>
            Reopen for correction…
          </Button>
        )}
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Dialog
        open={dialog !== null}
        title={dialog === "reopen" ? "Reopen this approved claim" : "Return to the reviewer"}
        onClose={() => setDialog(null)}
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (dialog === "reopen")
              run(
                () => reopenApprovedClaim({ claimId, version, reason }),
                "Reopened for correction.",
              );
            else
              run(
                () => returnSubmittedClaim({ claimId, version, reason }),
                "Returned to the reviewer.",
              );
          }}
        >
          <Field
            label="Reason"
            hint={
              dialog === "reopen"
                ? "What needs correcting; kept in the history."
                : "Shown at the top of the reviewer's form."
            }
          >
            {({ id, describedBy }) => (
              <Textarea
                id={id}
                rows={4}
                required
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <DialogActions
            onCancel={() => setDialog(null)}
            submitLabel={dialog === "reopen" ? "Reopen" : "Return"}
            pending={pending}
          />
        </form>
      </Dialog>
    </div>
  );
}
