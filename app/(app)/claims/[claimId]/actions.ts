"use server";

import { claimOf, runAction } from "@/lib/actions";
import { dismissClaim } from "@/lib/data/dismissal";
import { mergeClaims, splitClaim, updateClaimSpan } from "@/lib/data/claim-edits";
import { renameSpeaker } from "@/lib/data/speakers";
import { publishClaim, unpublishClaim } from "@/lib/data/publishing";
import { adoptLibraryMatch, judgeLibraryMatch } from "@/lib/data/fact-check-matches";
import { publishInput, unpublishInput } from "@/lib/validation/decision";
import {
  adoptMatchInput,
  claimSpanInput,
  judgeMatchInput,
  dismissClaimInput,
  mergeClaimsInput,
  renameSpeakerInput,
  splitClaimInput,
} from "@/lib/validation/claim";

export async function editClaimSpan(input: unknown) {
  return runAction("REVIEWER", claimSpanInput, input, updateClaimSpan);
}

export async function splitClaimAt(input: unknown) {
  return runAction("REVIEWER", splitClaimInput, input, splitClaim);
}

export async function mergeClaimWith(input: unknown) {
  return runAction("REVIEWER", mergeClaimsInput, input, mergeClaims);
}

export async function dismissClaimWithReason(input: unknown) {
  return runAction("REVIEWER", dismissClaimInput, input, dismissClaim);
}

export async function correctSpeakerName(input: unknown) {
  return runAction("REVIEWER", renameSpeakerInput, input, renameSpeaker);
}

export async function publishClaimAction(input: unknown) {
  return runAction("EDITOR", publishInput, input, publishClaim, { publicPages: claimOf });
}

export async function unpublishClaimAction(input: unknown) {
  return runAction("EDITOR", unpublishInput, input, unpublishClaim, { publicPages: claimOf });
}

export async function judgeMatchAction(input: unknown) {
  return runAction("REVIEWER", judgeMatchInput, input, judgeLibraryMatch);
}

export async function adoptMatchAction(input: unknown) {
  return runAction("REVIEWER", adoptMatchInput, input, adoptLibraryMatch);
}
