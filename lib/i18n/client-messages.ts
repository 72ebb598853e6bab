/**
 * The message namespaces client components read (useTranslations in a "use client" module
 * or one it imports). Only these travel to the browser with each page: the rest stay on
 * the server. lib/i18n/messages.test.ts holds this list to the components.
 */
export const CLIENT_NAMESPACES = [
  "Account",
  "ArticleLanguage",
  "ArticleText",
  "CheckedBefore",
  "ClaimEdit",
  "ClaimantTypes",
  "Comments",
  "Common",
  "Decision",
  "Evidence",
  "ExportForm",
  "Extraction",
  "FeedsAdmin",
  "Import",
  "ImportProgress",
  "Login",
  "NotificationList",
  "Preferences",
  "Publish",
  "QueueRow",
  "QueueTable",
  "QueueToolbar",
  "Reconcile",
  "ReviewFields",
  "ReviewForm",
  "ReviewMode",
  "ReviewModeByFilter",
  "Roles",
  "Shortcuts",
  "SignInLocks",
  "Similar",
  "Speaker",
  "States",
  "Tokens",
  "TwoFactor",
  "Users",
  "Verdicts",
  "Webhooks",
] as const;

/** A language's messages cut to what client components read. */
export function clientMessages<M extends Record<string, unknown>>(messages: M): Partial<M> {
  return Object.fromEntries(
    CLIENT_NAMESPACES.filter((name) => name in messages).map((name) => [name, messages[name]]),
  ) as Partial<M>;
}
