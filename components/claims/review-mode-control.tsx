"use client";

import { useTranslations } from "next-intl";
import { setClaimsReviewMode } from "@/app/(app)/claims/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/components/ui/use-action";

/**
 * For editors, on a new claim's page: ask for two independent reviews, or go back to one
 * while nobody has taken it (the rules of the queue's toolbar: the lifecycle's "mode").
 */
export function ReviewModeControl({
  claimId,
  version,
  double,
}: {
  claimId: string;
  version: number;
  double: boolean;
}) {
  const t = useTranslations("ReviewMode");
  const { run, pending, message } = useActionRunner();
  const set = (to: boolean) =>
    run(() => setClaimsReviewMode({ claims: [{ id: claimId, version }], double: to }), {
      success: to ? t("nowTwo") : t("nowOne"),
    });
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-700">{double ? t("two") : t("one")}</p>
      <Button size="sm" variant="secondary" disabled={pending} onClick={() => set(!double)}>
        {double ? t("backToOne") : t("askTwo")}
      </Button>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </div>
  );
}
