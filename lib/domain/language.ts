/**
 * An article's language: detected from its text at import (franc's trigram profiles, which
 * ship inside its package), or given by whoever imported it, or corrected by a reviewer.
 * Codes are BCP 47 language tags as the exports write them (`en`, `es`, `pt-BR`). Pure:
 * shared by the import threads, the pages and the tests.
 */
import { francAll } from "franc";

/**
 * The languages the detector chooses among (ISO 639-3, as franc names them): the languages
 * of the world's news, not franc's 187 (among all of them, a short English paragraph reads
 * as Scots, a Spanish one as Galician).
 */
const CANDIDATES = (
  "eng spa por fra deu ita nld arb rus ukr pol tur cmn jpn kor hin ben urd ind vie tha swe " +
  "nob dan fin ell heb ces slk ron hun bul hrv srp slv pes swh tgl cat glg eus tam tel mar " +
  "guj kan mal pan amh hau yor zul afr lit lav est kat hye azj uzn kaz sqi mkd bos"
).split(" ");

/** Below this many letters a text is too short to tell its language reliably. */
export const MIN_DETECTION_LETTERS = 120;
/**
 * The detector cannot tell when its fourth-best language scores this close to the best
 * (franc scores the best 1). On repetitive text ("he said that he said that…", a list of
 * names) the first four all score above 0.998. Close languages make a real text's
 * runner-up close too (Catalan scores 0.990 on Spanish news), but on PolNeAR's 84 English
 * articles and 953 paragraphs, and on the Spanish test set, the fourth never scored above
 * 0.986.
 */
const AMBIGUOUS_FOURTH = 0.995;
/** The detector reads this much of an article at most: enough, and its cost stays bounded. */
const DETECTION_SAMPLE_CHARS = 20_000;

/** A BCP 47 tag from an ISO 639-3 code (`spa` → `es`, `arb` → `ar`); null if unknown. */
export function bcp47(code: string): string | null {
  try {
    return Intl.getCanonicalLocales(code)[0] ?? null;
  } catch {
    return null;
  }
}

/** The language of a text, or null when it is too short, unlike any candidate, or ambiguous. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, DETECTION_SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_DETECTION_LETTERS) return null;
  const ranked = francAll(sample, { only: CANDIDATES, minLength: MIN_DETECTION_LETTERS });
  const best = ranked[0];
  if (!best || best[0] === "und") return null;
  if ((ranked[3]?.[1] ?? 0) >= AMBIGUOUS_FOURTH) return null;
  return bcp47(best[0]);
}

/** A language tag's primary subtag: `es` of `es-AR`. */
export function primaryLanguage(tag: string): string {
  return tag.split("-")[0]!.toLowerCase();
}

/** Where an article's language came from. */
export const LANGUAGE_SOURCES = ["DETECTED", "DECLARED", "DEFAULT", "REVIEWER"] as const;
export type LanguageSource = (typeof LANGUAGE_SOURCES)[number];

/**
 * The language an article is filed under: the one given at import (a file's `language`
 * field, the form's choice), else the one detected, else the desk's default.
 */
export function articleLanguage(
  body: string,
  { declared, fallback }: { declared?: string | null; fallback: string },
): { language: string; source: LanguageSource } {
  if (declared) return { language: declared, source: "DECLARED" };
  const detected = detectLanguage(body);
  if (detected) return { language: detected, source: "DETECTED" };
  return { language: fallback, source: "DEFAULT" };
}

/** The languages the desk extracts attributed statements from (others get sentences only). */
export const EXTRACTION_LANGUAGES = ["en", "es"] as const;
export function hasExtractor(tag: string): boolean {
  return (EXTRACTION_LANGUAGES as readonly string[]).includes(primaryLanguage(tag));
}

/** The languages the check-worthiness models were trained on. */
export function hasCheckworthinessModel(tag: string): boolean {
  return primaryLanguage(tag) === "en";
}

/** The platform's language names, one set per interface language (there are three). */
const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A language's name in the interface language, English by default ("Spanish"; "es-AR" →
 * "Argentinian Spanish"; in Spanish "español"); the tag if unknown.
 */
export function languageName(tag: string, locale = "en"): string {
  try {
    let names = displayNames.get(locale);
    if (!names) {
      names = new Intl.DisplayNames([locale], { type: "language" });
      displayNames.set(locale, names);
    }
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const CHOICE_TAGS = CANDIDATES.map(bcp47).filter((tag): tag is string => tag !== null);
const choicesByLocale = new Map<string, Array<{ tag: string; name: string }>>();

/**
 * The languages offered when a reviewer corrects one: those the detector knows, by name in
 * the interface language, in its alphabetical order (computed once per interface language).
 */
export function languageChoices(locale = "en"): Array<{ tag: string; name: string }> {
  let choices = choicesByLocale.get(locale);
  if (!choices) {
    choices = CHOICE_TAGS.map((tag) => ({ tag, name: languageName(tag, locale) })).sort((a, b) =>
      a.name.localeCompare(b.name, locale),
    );
    choicesByLocale.set(locale, choices);
  }
  return choices;
}
