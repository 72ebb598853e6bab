import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { isLocale, negotiateLocale, withFallback } from "./locales";

/**
 * The interface language of a request: the signed-in person's choice, else their browser's
 * (Accept-Language), else English; and its messages. Messages missing in a language fall
 * back to English (the key-parity test keeps that from happening unnoticed).
 */
export default getRequestConfig(async () => {
  const user = await getCurrentUser();
  const locale =
    user?.locale && isLocale(user.locale)
      ? user.locale
      : negotiateLocale((await headers()).get("accept-language"));
  const english = (await import("./messages/en.json")).default;
  const own = locale === "en" ? english : (await import(`./messages/${locale}.json`)).default;
  return { locale, messages: withFallback(english, own) };
});
