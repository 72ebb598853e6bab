"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import {
  changeUserRole,
  createUserAccount,
  createVerdict,
  deleteVerdict,
  moveVerdict,
  resetUserPassword,
  setUserDisabled,
  setVerdictRetired,
  updateVerdict,
} from "@/lib/data/admin";
import type { SessionUser } from "@/lib/data/users";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { API_SCOPES } from "@/lib/domain/api-scopes";
import { AppError, toActionError, type ActionResult } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation/article";
import {
  changeRoleInput,
  createUserInput,
  setDisabledInput,
  userRef,
  verdictInput,
  verdictMoveInput,
  verdictRef,
  verdictUpdateInput,
} from "@/lib/validation/admin";

async function admin<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  work: (user: SessionUser, data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const user = await requireRole("ADMIN");
  try {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      throw new AppError("VALIDATION", Object.values(errors).join("; "), errors);
    }
    const data = await work(user, parsed.data);
    revalidatePath("/admin", "layout");
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function createUserAction(input: unknown) {
  return admin(createUserInput, input, createUserAccount);
}
export async function changeRoleAction(input: unknown) {
  return admin(changeRoleInput, input, changeUserRole);
}
export async function setDisabledAction(input: unknown) {
  return admin(setDisabledInput, input, setUserDisabled);
}
export async function resetPasswordAction(input: unknown) {
  return admin(userRef, input, resetUserPassword);
}
export async function createVerdictAction(input: unknown) {
  return admin(verdictInput, input, createVerdict);
}
export async function updateVerdictAction(input: unknown) {
  return admin(verdictUpdateInput, input, updateVerdict);
}
export async function moveVerdictAction(input: unknown) {
  return admin(verdictMoveInput, input, moveVerdict);
}
export async function retireVerdictAction(input: unknown) {
  return admin(verdictRef.extend({ retired: z.boolean() }), input, setVerdictRetired);
}
export async function deleteVerdictAction(input: unknown) {
  return admin(verdictRef, input, deleteVerdict);
}

const tokenInput = z.object({
  name: z.string().trim().min(1, "Name the token after its use").max(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope"),
});

export async function createTokenAction(input: unknown) {
  return admin(tokenInput, input, createApiToken);
}
export async function revokeTokenAction(input: unknown) {
  return admin(z.object({ tokenId: z.uuid() }), input, revokeApiToken);
}
