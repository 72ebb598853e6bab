import type en from "./lib/i18n/messages/en.json";
import type { Locale } from "./lib/i18n/locales";

/**
 * The interface's messages, typed from the English file: `t("key")` with a key English does
 * not have (or a namespace, or a missing placeholder) fails type checking. The other
 * languages are held to English's keys by lib/i18n/messages.test.ts.
 */
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
