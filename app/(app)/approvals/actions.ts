"use server";

import { claimOf, runAction } from "@/lib/actions";
import { approveClaim, reopenClaim, returnClaim } from "@/lib/data/approval";
import { approveInput, reopenInput, returnInput } from "@/lib/validation/decision";
import { reconcileClaim } from "@/lib/data/reconciliation";
import { reconcileInput } from "@/lib/validation/double-review";

export async function approveSubmittedClaim(input: unknown) {
  return runAction("EDITOR", approveInput, input, approveClaim);
}

export async function returnSubmittedClaim(input: unknown) {
  return runAction("EDITOR", returnInput, input, returnClaim);
}

export async function reopenApprovedClaim(input: unknown) {
  return runAction("EDITOR", reopenInput, input, reopenClaim, { publicPages: claimOf });
}

export async function reconcileReviews(input: unknown) {
  return runAction("EDITOR", reconcileInput, input, reconcileClaim);
}
