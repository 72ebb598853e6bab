"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { approveClaim, reopenClaim, returnClaim } from "@/lib/data/approval";
import type { SessionUser } from "@/lib/data/users";
import { AppError, toActionError, type ActionResult } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation/article";
import { approveInput, reopenInput, returnInput } from "@/lib/validation/decision";

async function decide<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  work: (user: SessionUser, data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const user = await requireRole("EDITOR");
  try {
    const parsed = schema.safeParse(input);
    if (!parsed.success)
      throw new AppError("VALIDATION", parsed.error.issues[0]!.message, fieldErrors(parsed.error));
    const data = await work(user, parsed.data);
    revalidatePath("/approvals");
    revalidatePath("/claims", "layout");
    revalidatePath("/");
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function approveSubmittedClaim(input: unknown) {
  return decide(approveInput, input, approveClaim);
}

export async function returnSubmittedClaim(input: unknown) {
  return decide(returnInput, input, returnClaim);
}

export async function reopenApprovedClaim(input: unknown) {
  return decide(reopenInput, input, reopenClaim);
}
