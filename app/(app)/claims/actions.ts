"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { addComment, assignClaims, dismissClaims, saveReview, takeClaims } from "@/lib/data/review";
import type { SessionUser } from "@/lib/data/users";
import { AppError, toActionError, type ActionResult } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation/article";
import {
  assignInput,
  bulkDismissInput,
  claimIdsInput,
  commentInput,
  reviewFormInput,
} from "@/lib/validation/review";
import type { Role } from "@/lib/domain/roles";

/** Every action: parse with its schema → check the role → one transaction in lib/data → revalidate. */
async function run<S extends z.ZodType, T>(
  role: Role,
  schema: S,
  input: unknown,
  work: (user: SessionUser, data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const user = await requireRole(role);
  try {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      throw new AppError(
        "VALIDATION",
        "Some fields need attention: " + Object.values(errors).join("; "),
        errors,
      );
    }
    const data = await work(user, parsed.data);
    revalidatePath("/claims", "layout");
    revalidatePath("/approvals");
    revalidatePath("/");
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function saveReviewForm(input: unknown) {
  return run("REVIEWER", reviewFormInput, input, (user, data) =>
    saveReview(user, data, { submit: false }),
  );
}

export async function submitReviewForm(input: unknown) {
  return run("REVIEWER", reviewFormInput, input, (user, data) =>
    saveReview(user, data, { submit: true }),
  );
}

export async function takeSelectedClaims(input: unknown) {
  return run("REVIEWER", claimIdsInput, input, (user, data) => takeClaims(user, data.claims));
}

export async function assignSelectedClaims(input: unknown) {
  return run("EDITOR", assignInput, input, (user, data) => assignClaims(user, data));
}

export async function dismissSelectedClaims(input: unknown) {
  return run("REVIEWER", bulkDismissInput, input, (user, data) => dismissClaims(user, data));
}

export async function postComment(input: unknown) {
  return run("REVIEWER", commentInput, input, (user, data) => addComment(user, data));
}
