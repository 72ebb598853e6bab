import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { clientMessages } from "@/lib/i18n/client-messages";
import { direction } from "@/lib/i18n/locales";

/** Sign-in and log-out pages, in the browser's language (or the person's, when signed in). */
export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <div lang={locale} dir={direction(locale)}>
      <NextIntlClientProvider messages={clientMessages(messages)}>
        {children}
      </NextIntlClientProvider>
    </div>
  );
}
