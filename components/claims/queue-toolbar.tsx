"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** The bulk actions on the selected claims, and the shortcut list's button. */
export function SelectionToolbar({
  selected,
  canAssign,
  pending,
  ready,
  onTake,
  onAssign,
  onReviewMode,
  onDismiss,
  onHelp,
}: {
  /** How many claims are selected. */
  selected: number;
  canAssign: boolean;
  pending: boolean;
  /** Hydrated: the keyboard handlers are live (the e2e tests wait for it). */
  ready: boolean;
  onTake: () => void;
  onAssign: () => void;
  onReviewMode: (double: boolean) => void;
  onDismiss: () => void;
  onHelp: () => void;
}) {
  const t = useTranslations("QueueToolbar");
  return (
    <div
      className="flex min-h-10 flex-wrap items-center gap-2"
      role="toolbar"
      aria-label={t("label")}
      data-ready={ready || undefined}
    >
      <span className="text-sm text-slate-700">{t("selected", { count: selected })}</span>
      <Button size="sm" variant="secondary" disabled={pending || selected === 0} onClick={onTake}>
        {t("take")}
      </Button>
      {canAssign && (
        <>
          <Button
            size="sm"
            variant="secondary"
            disabled={pending || selected === 0}
            onClick={onAssign}
          >
            {t("assign")}
          </Button>
          {[true, false].map((double) => (
            <Button
              key={String(double)}
              size="sm"
              variant="secondary"
              disabled={pending || selected === 0}
              onClick={() => onReviewMode(double)}
            >
              {double ? t("twoReviews") : t("oneReview")}
            </Button>
          ))}
        </>
      )}
      <Button
        size="sm"
        variant="secondary"
        disabled={pending || selected === 0}
        onClick={onDismiss}
      >
        {t("dismiss")}
      </Button>
      <Button size="sm" variant="ghost" onClick={onHelp} aria-label={t("shortcuts")}>
        ?
      </Button>
    </div>
  );
}
