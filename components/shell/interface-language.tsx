import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { clientMessages } from "@/lib/i18n/client-messages";
import { direction } from "@/lib/i18n/locales";

/**
 * The interface's language and direction (Arabic right to left) for everything inside, and
 * the messages its client components read.
 */
export async function InterfaceLanguage({ children }: { children: React.ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <div lang={locale} dir={direction(locale)}>
      <NextIntlClientProvider messages={clientMessages(messages)}>
        {children}
      </NextIntlClientProvider>
    </div>
  );
}
