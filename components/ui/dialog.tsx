"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { Button } from "./button";

/**
 * A modal on the native <dialog> element: focus is trapped and Escape closes it, as
 * the browser does for showModal().
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const t = useTranslations("Common");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-lg rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label={t("close")}>
          ✕
        </Button>
      </div>
      <div className="px-4 py-4">{children}</div>
    </dialog>
  );
}

/** The footer of a dialog's form: Cancel, and the form's submit button. */
export function DialogActions({
  onCancel,
  submitLabel,
  pending,
  danger = false,
}: {
  onCancel: () => void;
  submitLabel: React.ReactNode;
  pending: boolean;
  danger?: boolean;
}) {
  const t = useTranslations("Common");
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel}>
        {t("cancel")}
      </Button>
      <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>
        {submitLabel}
      </Button>
    </div>
  );
}
