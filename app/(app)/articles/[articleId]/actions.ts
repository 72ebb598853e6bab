"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { addManualClaim } from "@/lib/data/claim-edits";
import { AppError, toActionError, type ActionResult } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation/article";
import { addClaimInput } from "@/lib/validation/claim";

export async function addClaimFromSelection(input: unknown): Promise<ActionResult<{ id: string }>> {
  const user = await requireRole("REVIEWER");
  try {
    const parsed = addClaimInput.safeParse(input);
    if (!parsed.success)
      throw new AppError("VALIDATION", parsed.error.issues[0]!.message, fieldErrors(parsed.error));
    const claim = await addManualClaim(user, parsed.data);
    revalidatePath(`/articles/${parsed.data.articleId}`);
    return { ok: true, data: { id: claim.id } };
  } catch (error) {
    return toActionError(error);
  }
}
