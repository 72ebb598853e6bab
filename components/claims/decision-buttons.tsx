"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  approveSubmittedClaim,
  reopenApprovedClaim,
  returnSubmittedClaim,
} from "@/app/(app)/approvals/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { useAction } from "@/components/ui/use-action";

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
  const t = useTranslations("Decision");
  const [dialog, setDialog] = useState(false);
  const close = { onSuccess: () => setDialog(false) };
  const approve = useAction(approveSubmittedClaim, { success: t("approved") });
  const returned = useAction(returnSubmittedClaim, {
    success: t("returned"),
    ...close,
  });
  const reopen = useAction(reopenApprovedClaim, { success: t("reopened"), ...close });
  const decide = mode === "decide" ? returned : reopen;
  const pending = approve.pending || decide.pending;
  const message = approve.message ?? decide.message;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {mode === "decide" &&
          (approveRefusal ? (
            <span className="text-sm text-slate-600">{approveRefusal}</span>
          ) : (
            <Button disabled={pending} onClick={() => approve.run({ claimId, version })}>
              {t("approve")}
            </Button>
          ))}
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => (decide.setMessage(null), setDialog(true))}
        >
          {mode === "decide" ? t("returnOpen") : t("reopenOpen")}
        </Button>
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <ReasonDialog
        open={dialog}
        title={mode === "reopen" ? t("reopenTitle") : t("returnTitle")}
        hint={mode === "reopen" ? t("reopenHint") : t("returnHint")}
        submitLabel={mode === "reopen" ? t("reopen") : t("return")}
        message={decide.message}
        pending={pending}
        onCancel={() => setDialog(false)}
        onSubmit={(reason) => decide.run({ claimId, version, reason })}
      />
    </div>
  );
}
