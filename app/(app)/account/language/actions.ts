"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions";
import { setUserLocale } from "@/lib/data/users";
import { LOCALES } from "@/lib/i18n/locales";

/** The person's interface language; "" for their browser's. */
const localeInput = z.strictObject({
  locale: z.union([z.enum(LOCALES), z.literal("")]).transform((v) => v || null),
});

export async function setInterfaceLanguage(input: unknown) {
  return runAction("REVIEWER", localeInput, input, setUserLocale);
}
