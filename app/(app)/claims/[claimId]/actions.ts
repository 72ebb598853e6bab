"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { dismissClaim, mergeClaims, splitClaim, updateClaimSpan } from "@/lib/data/claim-edits";
import { AppError, toActionError, type ActionResult } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation/article";
import {
  claimSpanInput,
  dismissClaimInput,
  mergeClaimsInput,
  splitClaimInput,
} from "@/lib/validation/claim";
import type { SessionUser } from "@/lib/data/users";

/** Parse → authorise → one transaction (in lib/data) → revalidate, for every claim edit. */
async function runClaimAction<S extends z.ZodType, T>(
  schema: S,
  run: (user: SessionUser, input: z.infer<S>) => Promise<T>,
  input: unknown,
): Promise<ActionResult<T>> {
  const user = await requireRole("REVIEWER");
  try {
    const parsed = schema.safeParse(input);
    if (!parsed.success)
      throw new AppError("VALIDATION", parsed.error.issues[0]!.message, fieldErrors(parsed.error));
    const data = await run(user, parsed.data);
    revalidatePath("/claims", "layout");
    revalidatePath("/articles", "layout");
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function editClaimSpan(input: unknown) {
  return runClaimAction(claimSpanInput, updateClaimSpan, input);
}

export async function splitClaimAt(input: unknown) {
  return runClaimAction(splitClaimInput, splitClaim, input);
}

export async function mergeClaimWith(input: unknown) {
  return runClaimAction(mergeClaimsInput, mergeClaims, input);
}

export async function dismissClaimWithReason(input: unknown) {
  return runClaimAction(dismissClaimInput, dismissClaim, input);
}
