"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { setInterfaceLanguage } from "@/app/(app)/account/language/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

/** The interface language menu: each language by its own name, or the browser's choice. */
export function LanguageForm({
  current,
  choices,
}: {
  current: string;
  choices: Array<{ value: string; label: string; lang?: string }>;
}) {
  const t = useTranslations("Account");
  const [locale, setLocale] = useState(current);
  const save = useAction(setInterfaceLanguage, {
    success: () =>
      t("saved", { language: choices.find((c) => c.value === locale)?.label ?? locale }),
  });
  return (
    <form
      className="max-w-md space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run({ locale });
      }}
    >
      {save.message && <Alert tone={save.message.tone}>{save.message.text}</Alert>}
      <Field label={t("interfaceLanguage")} error={save.fieldErrors.locale}>
        <Select value={locale} onChange={(e) => setLocale(e.target.value)}>
          {choices.map((c) => (
            <option key={c.value} value={c.value} lang={c.lang}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={save.pending}>
        {t("save")}
      </Button>
    </form>
  );
}
