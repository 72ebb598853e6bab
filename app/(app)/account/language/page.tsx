import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { LOCALE_NAMES, LOCALES, negotiateLocale } from "@/lib/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { LanguageForm } from "@/components/account/language-form";

export const metadata: Metadata = { title: "Language" };

/** The person's interface language: chosen here, else their browser's. */
export default async function LanguagePage() {
  const user = await requireRole();
  const t = await getTranslations("Account");
  const browser = negotiateLocale((await headers()).get("accept-language"));
  return (
    <>
      <PageHeader title={t("languageTitle")} description={t("languageDescription")} />
      <LanguageForm
        current={user.locale ?? ""}
        choices={[
          { value: "", label: t("browserDefault", { language: LOCALE_NAMES[browser] }) },
          ...LOCALES.map((locale) => ({
            value: locale,
            label: LOCALE_NAMES[locale],
            lang: locale,
          })),
        ]}
      />
    </>
  );
}
