import { getTranslations } from "next-intl/server";
import { settings } from "@/lib/settings";
import { deskLocale } from "./locales";

/** The public pages' language: the desk's (CLAIMDESK_DEFAULT_LANGUAGE), the same for every reader. */
export const publicLocale = () => deskLocale(settings().CLAIMDESK_DEFAULT_LANGUAGE);

/** The public pages' messages, in the desk's language; no session or header is read. */
export const publicTranslations = () =>
  getTranslations({ locale: publicLocale(), namespace: "Public" as const });
