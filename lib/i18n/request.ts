import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { isLocale, negotiateLocale, withFallback, type Locale } from "./locales";

type Messages = Parameters<typeof withFallback>[0];
/** Each language's messages merged over English, once per process. */
const merged = new Map<Locale, Promise<Messages>>();

function messagesOf(locale: Locale): Promise<Messages> {
  let messages = merged.get(locale);
  if (!messages) {
    messages = (async () => {
      const english = (await import("./messages/en.json")).default;
      if (locale === "en") return english;
      return withFallback(english, (await import(`./messages/${locale}.json`)).default);
    })();
    merged.set(locale, messages);
  }
  return messages;
}

/**
 * The interface language of a request: the one a page asks for (the public pages speak the
 * desk's language: getTranslations({ locale })), else the signed-in person's choice, else
 * their browser's (Accept-Language), else English; and its messages. Messages missing in a
 * language fall back to English (the key-parity test keeps that from happening unnoticed).
 */
export default getRequestConfig(async ({ locale: asked }) => {
  let locale: Locale;
  if (asked && isLocale(asked)) locale = asked;
  else {
    const user = await getCurrentUser();
    locale =
      user?.locale && isLocale(user.locale)
        ? user.locale
        : negotiateLocale((await headers()).get("accept-language"));
  }
  return { locale, messages: await messagesOf(locale) };
});
