"use server";

import { runAction } from "@/lib/actions";
import { approveClaim, reopenClaim, returnClaim } from "@/lib/data/approval";
import { approveInput, reopenInput, returnInput } from "@/lib/validation/decision";

export async function approveSubmittedClaim(input: unknown) {
  return runAction("EDITOR", approveInput, input, approveClaim);
}

export async function returnSubmittedClaim(input: unknown) {
  return runAction("EDITOR", returnInput, input, returnClaim);
}

export async function reopenApprovedClaim(input: unknown) {
  return runAction("EDITOR", reopenInput, input, reopenClaim);
}
