"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/data/outbox";

const notificationInput = z.object({ id: z.uuid("Unknown notification") });

export async function markNotificationReadAction(input: unknown) {
  return runAction("REVIEWER", notificationInput, input, markNotificationRead);
}

export async function markAllNotificationsReadAction(input: unknown) {
  return runAction("REVIEWER", z.strictObject({}), input, (user) => markAllNotificationsRead(user));
}
