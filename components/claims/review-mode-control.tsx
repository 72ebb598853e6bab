"use client";

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
  const { run, pending, message } = useActionRunner();
  const set = (to: boolean) =>
    run(() => setClaimsReviewMode({ claims: [{ id: claimId, version }], double: to }), {
      success: to
        ? "This claim now needs two independent reviews."
        : "This claim now needs one review.",
    });
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-700">
        {double
          ? "Two reviewers will each judge this claim on their own, each review hidden until both are in."
          : "One reviewer judges this claim, and another editor approves the verdict."}
      </p>
      <Button size="sm" variant="secondary" disabled={pending} onClick={() => set(!double)}>
        {double ? "Back to one review" : "Ask for two reviews"}
      </Button>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </div>
  );
}
