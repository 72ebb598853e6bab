"use server";

import { runAction } from "@/lib/actions";
import { addManualClaim } from "@/lib/data/claim-edits";
import { addClaimInput } from "@/lib/validation/claim";

export async function addClaimFromSelection(input: unknown) {
  return runAction("REVIEWER", addClaimInput, input, addManualClaim);
}
