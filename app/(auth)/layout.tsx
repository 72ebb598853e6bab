import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { direction } from "@/lib/i18n/locales";

/** Sign-in and log-out pages, in the browser's language (or the person's, when signed in). */
export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <div lang={locale} dir={direction(locale)}>
      <NextIntlClientProvider>{children}</NextIntlClientProvider>
    </div>
  );
}
