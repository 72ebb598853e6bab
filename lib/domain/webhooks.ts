import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { EVENT_NAMES } from "./events";

/**
 * Webhooks as receivers see them: the JSON body of an event, its Slack-compatible form, the
 * signature over timestamp and body, and the schedule of retries.
 */

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = "X-ClaimDesk-Signature";
/** The event's id: a receiver keeps the ids it has handled, since a delivery may repeat. */
export const EVENT_ID_HEADER = "X-ClaimDesk-Event-Id";
export const EVENT_NAME_HEADER = "X-ClaimDesk-Event";
/** A signature older (or newer) than this is refused by verifySignature: a replayed capture. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type WebhookFormat = "json" | "slack";

/**
 * An event's JSON body: the schema the OpenAPI description publishes (`webhooks`,
 * components.schemas.WebhookEvent) and the tests hold every delivery to.
 */
export const webhookEventSchema = z.strictObject({
  id: z.string().describe("The event's id: the same in every delivery of it (drop repeats by it)."),
  type: z.enum(EVENT_NAMES),
  createdAt: z.iso.datetime(),
  actor: z
    .strictObject({ id: z.string(), name: z.string() })
    .nullable()
    .describe("Who acted, by name (no email address leaves the desk); null for the desk itself."),
  claim: z
    .strictObject({ id: z.string(), text: z.string(), url: z.url() })
    .nullable()
    .describe(
      "The claim the event is about, with its page in the desk; null for feed and webhook events.",
    ),
  data: z.strictObject({
    reason: z
      .string()
      .optional()
      .describe("A return's, reopening's or correction's reason; why a feed or a webhook fails."),
    verdict: z.string().optional().describe("The verdict approved or published."),
    subject: z.string().optional().describe("The feed or webhook the event is about."),
    publishedUrl: z.url().optional().describe("The public fact-check page."),
    repeats: z
      .string()
      .optional()
      .describe("The approved claim a new claim repeats (claim.repeat)."),
  }),
  text: z.string().describe("The event as a sentence, as the desk's notifications say it."),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** `t=…,v1=…` for a body sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver runs (the README shows it): true when `header` signs exactly `body` with
 * `secret`, at a time within the tolerance of `now` (unix seconds).
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  now = Math.floor(Date.now() / 1000),
): boolean {
  const parts = new Map(
    header.split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}

/** The body POSTed for an event: the event itself, or Slack's `{ "text": … }`. */
export function webhookBody(event: WebhookEvent, format: WebhookFormat): string {
  if (format === "slack") {
    const link = event.claim ? ` <${event.claim.url}|Open in ClaimDesk>` : "";
    return JSON.stringify({ text: `${slackEscape(event.text)}${link}` });
  }
  return JSON.stringify(event);
}

/** Slack's three control characters in message text. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Minutes to wait after each failed attempt: doubling from one minute to eight hours, 12
 * attempts spread over a day (1,443 minutes); after the last the delivery has failed.
 */
export const BACKOFF_MINUTES = [1, 2, 4, 8, 16, 32, 60, 120, 240, 480, 480] as const;
export const MAX_DELIVERY_ATTEMPTS = BACKOFF_MINUTES.length + 1;
/** An endpoint that has not taken a delivery for this long while failing is disabled. */
export const DISABLE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * When to try again after failed attempt `attempts` (1 = the first), or null when that was
 * the last. Up to a tenth later at random (`random` in [0, 1)), so that the deliveries of
 * an endpoint that comes back do not all arrive in the same second.
 */
export function nextAttemptAt(attempts: number, now: Date, random = Math.random): Date | null {
  const minutes = BACKOFF_MINUTES[attempts - 1];
  if (minutes === undefined) return null;
  return new Date(now.getTime() + minutes * 60_000 * (1 + random() / 10));
}

/** A secret for a new endpoint: 32 random bytes, shown once. */
export function newWebhookSecret(random: (size: number) => Buffer): string {
  return `whsec_${random(32).toString("base64url")}`;
}
