import { z } from "zod";
import { EVENT_NAMES } from "@/lib/domain/events";

const eventName = z.enum(EVENT_NAMES, { error: "Unknown event" });

/** A person's notification settings, as the settings form sends them. */
export const preferencesInput = z.strictObject({
  events: z
    .array(z.strictObject({ event: eventName, inApp: z.boolean(), email: z.boolean() }))
    .max(EVENT_NAMES.length),
  dailyDigest: z.boolean(),
});
export type PreferencesInput = z.infer<typeof preferencesInput>;

/** A new webhook endpoint. */
export const webhookInput = z.strictObject({
  name: z.string().trim().min(1, "Give it a name").max(100, "At most 100 characters"),
  url: z
    .string()
    .trim()
    .max(2000, "At most 2,000 characters")
    .pipe(z.url({ protocol: /^https?$/, error: "An http:// or https:// address" })),
  events: z.array(eventName).min(1, "Choose at least one event").max(EVENT_NAMES.length),
  format: z.enum(["json", "slack"], { error: "JSON or Slack" }),
});
export type WebhookInput = z.infer<typeof webhookInput>;

export const webhookIdInput = z.strictObject({ id: z.uuid("Unknown endpoint") });
export const webhookEnabledInput = z.strictObject({
  id: z.uuid("Unknown endpoint"),
  enabled: z.boolean(),
});
export const deliveryIdInput = z.strictObject({
  id: z.string().regex(/^\d{1,18}$/, "Unknown delivery"),
});
