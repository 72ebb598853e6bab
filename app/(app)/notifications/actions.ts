"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/data/outbox";
import { savePreferences } from "@/lib/data/notification-preferences";
import { preferencesInput } from "@/lib/validation/notifications";

const notificationInput = z.object({ id: z.uuid("Unknown notification") });

export async function markNotificationReadAction(input: unknown) {
  return runAction("REVIEWER", notificationInput, input, markNotificationRead);
}

export async function markAllNotificationsReadAction(input: unknown) {
  return runAction("REVIEWER", z.strictObject({}), input, (user) => markAllNotificationsRead(user));
}

export async function savePreferencesAction(input: unknown) {
  return runAction("REVIEWER", preferencesInput, input, savePreferences);
}
