"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog, DialogActions } from "./dialog";
import { Alert } from "./alert";
import { Field, Textarea } from "./field";
import type { ActionMessage } from "./use-action";

/**
 * The one dialog that asks why (return, reopen, dismiss): a required reason, its hint,
 * and whatever else the caller puts below it. `onSubmit` gets the reason;
 * the dialog clears it when it closes.
 */
export function ReasonDialog({
  open,
  title,
  label,
  hint,
  error,
  message,
  submitLabel,
  pending,
  danger = false,
  onCancel,
  onSubmit,
  children,
}: {
  open: boolean;
  title: string;
  label?: string;
  hint?: string;
  /** The server's message about the reason, if it refused it. */
  error?: string;
  /** A refusal or failure of the action, shown in the dialog (the page behind is inert). */
  message?: ActionMessage | null;
  submitLabel: string;
  pending: boolean;
  danger?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
  children?: React.ReactNode;
}) {
  const t = useTranslations("Common");
  const [reason, setReason] = useState("");
  const close = () => {
    setReason("");
    onCancel();
  };
  return (
    <Dialog open={open} title={title} onClose={close}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(reason);
        }}
      >
        {message?.tone === "error" && <Alert tone="error">{message.text}</Alert>}
        <Field label={label ?? t("reason")} hint={hint} error={error} required>
          <Textarea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        {children}
        <DialogActions
          onCancel={close}
          submitLabel={submitLabel}
          pending={pending}
          danger={danger}
        />
      </form>
    </Dialog>
  );
}
