"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions";
import {
  createWebhook,
  deleteWebhook,
  replayDelivery,
  setWebhookEnabled,
} from "@/lib/data/webhooks";
import {
  deliveryIdInput,
  webhookEnabledInput,
  webhookIdInput,
  webhookInput,
} from "@/lib/validation/notifications";
import {
  changeUserRole,
  createUserAccount,
  resetUserPassword,
  setUserDisabled,
} from "@/lib/data/users";
import {
  createVerdict,
  deleteVerdict,
  moveVerdict,
  setVerdictRetired,
  updateVerdict,
} from "@/lib/data/verdicts";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { queueReextraction } from "@/lib/data/reextraction";
import { clearLoginLock } from "@/lib/data/login-throttle";
import { resetTwoFactor } from "@/lib/data/two-factor";
import { inviteUser } from "@/lib/data/single-sign-on";
import { API_SCOPES } from "@/lib/domain/api-scopes";
import {
  changeRoleInput,
  createUserInput,
  reextractInput,
  setDisabledInput,
  userRef,
  verdictInput,
  verdictMoveInput,
  verdictRef,
  verdictUpdateInput,
} from "@/lib/validation/admin";

export async function createUserAction(input: unknown) {
  return runAction("ADMIN", createUserInput, input, createUserAccount);
}
export async function changeRoleAction(input: unknown) {
  return runAction("ADMIN", changeRoleInput, input, changeUserRole);
}
export async function setDisabledAction(input: unknown) {
  return runAction("ADMIN", setDisabledInput, input, setUserDisabled);
}
export async function resetPasswordAction(input: unknown) {
  return runAction("ADMIN", userRef, input, resetUserPassword);
}
export async function inviteUserAction(input: unknown) {
  return runAction("ADMIN", createUserInput, input, inviteUser);
}
export async function resetTwoFactorAction(input: unknown) {
  return runAction("ADMIN", userRef, input, resetTwoFactor);
}
export async function createVerdictAction(input: unknown) {
  return runAction("ADMIN", verdictInput, input, createVerdict, { publicPages: true });
}
export async function updateVerdictAction(input: unknown) {
  return runAction("ADMIN", verdictUpdateInput, input, updateVerdict, { publicPages: true });
}
export async function moveVerdictAction(input: unknown) {
  return runAction("ADMIN", verdictMoveInput, input, moveVerdict, { publicPages: true });
}
export async function retireVerdictAction(input: unknown) {
  return runAction("ADMIN", verdictRef.extend({ retired: z.boolean() }), input, setVerdictRetired, {
    publicPages: true,
  });
}
export async function deleteVerdictAction(input: unknown) {
  return runAction("ADMIN", verdictRef, input, deleteVerdict, { publicPages: true });
}

const tokenInput = z.object({
  name: z.string().trim().min(1, "Name the token after its use").max(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope"),
});

export async function createTokenAction(input: unknown) {
  return runAction("ADMIN", tokenInput, input, createApiToken);
}
export async function revokeTokenAction(input: unknown) {
  return runAction("ADMIN", z.object({ tokenId: z.uuid() }), input, revokeApiToken);
}

export async function clearLoginLockAction(input: unknown) {
  return runAction("ADMIN", z.object({ key: z.string().min(3).max(700) }), input, clearLoginLock);
}

export async function reextractAction(input: unknown) {
  return runAction("ADMIN", reextractInput, input, (user, { scope, articleIds }) =>
    queueReextraction(
      scope === "chosen" ? { articleIds } : scope === "all" ? { all: true } : { outdated: true },
      { userId: user.id },
    ),
  );
}

export async function createWebhookAction(input: unknown) {
  return runAction("ADMIN", webhookInput, input, createWebhook);
}
export async function setWebhookEnabledAction(input: unknown) {
  return runAction("ADMIN", webhookEnabledInput, input, setWebhookEnabled);
}
export async function deleteWebhookAction(input: unknown) {
  return runAction("ADMIN", webhookIdInput, input, deleteWebhook);
}
export async function replayDeliveryAction(input: unknown) {
  return runAction("ADMIN", deliveryIdInput, input, replayDelivery);
}
