/**
 * The interface's languages: English, Spanish and Arabic (written right to left). Pure:
 * shared by the request configuration, the account page and the tests.
 */
export const LOCALES = ["en", "es", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language by its own name, as the language menu offers it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  es: "Español",
  ar: "العربية",
};

const RIGHT_TO_LEFT = new Set<string>(["ar"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function direction(locale: string): "ltr" | "rtl" {
  return RIGHT_TO_LEFT.has(locale) ? "rtl" : "ltr";
}

/**
 * The interface language for a browser's Accept-Language header: the first of its
 * languages (by weight, then order) the interface has, by primary subtag (`es-MX` → `es`);
 * else English. Bounded: a header of thousands of entries is read for its first 50.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const wanted = acceptLanguage
    .slice(0, 2_000)
    .split(",")
    .slice(0, 50)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.trim().split("-")[0]!.toLowerCase(), q: q ? Number(q) : 1, index };
    })
    .filter((w) => w.q > 0 && !Number.isNaN(w.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return wanted.map((w) => w.primary).find(isLocale) ?? DEFAULT_LOCALE;
}

type Messages = { [key: string]: string | Messages };

/** A language's messages with English's wherever it lacks one (at any depth). */
export function withFallback(english: Messages, own: Messages): Messages {
  const merged: Messages = { ...english };
  for (const [key, value] of Object.entries(own)) {
    const base = english[key];
    merged[key] =
      typeof value === "object" && typeof base === "object" ? withFallback(base, value) : value;
  }
  return merged;
}

/**
 * The language of the desk's public pages (its published fact-checks): the desk's own,
 * CLAIMDESK_DEFAULT_LANGUAGE, when the interface has it (`es-MX` → `es`), else English.
 * One language for every reader, so that a page and its cached copy read the same.
 */
export function deskLocale(defaultLanguage: string): Locale {
  const primary = defaultLanguage.split("-")[0]!.toLowerCase();
  return isLocale(primary) ? primary : DEFAULT_LOCALE;
}
