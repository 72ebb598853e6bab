/**
 * Extraction by the article's language: English and Spanish have extractors of attributed
 * statements; an article in any other language gets its sentences as claims, so the desk
 * can still work it, and is never read as English. Check-worthiness is scored only where a
 * model was trained for the language (English); other claims say they are not scored.
 */
import { articleLanguage, primaryLanguage } from "@/lib/domain/language";
import {
  extractClaims,
  isBoilerplate,
  type ExtractedClaim,
  type ExtractionResult,
} from "./extract";
import { extractSpanish } from "./spanish";
import type { Span } from "./text";
import { countStep } from "./work";

export type ArticleExtraction = ExtractionResult &
  Required<Pick<ExtractionResult, "language" | "languageSource">>;

/** A sentence shorter than this (in letters) is a heading or a caption, not a claim. */
const MIN_SENTENCE_LETTERS = 20;
/** The longest sentence proposed whole; a longer run of text is cut into pieces this long. */
const MAX_SENTENCE_CHARS = 1_000;

/**
 * The claims of an article in `language` (or the language detected, else `fallback`).
 * `declared`: the language given at import, if any.
 */
export function extractArticle(
  body: string,
  { declared, fallback = "en" }: { declared?: string | null; fallback?: string } = {},
): ArticleExtraction {
  const { language, source } = articleLanguage(body, { declared, fallback });
  return { ...extractIn(body, language), language, languageSource: source };
}

/** The claims of a text known to be in `language`. */
export function extractIn(body: string, language: string): ExtractionResult {
  const primary = primaryLanguage(language);
  if (primary === "en") return extractClaims(body);
  if (primary === "es") return extractSpanish(body);
  return sentenceClaims(body, language);
}

/**
 * Every sentence of the text as a claim in the article's own voice, not scored: what the
 * desk can offer in a language it has no extractor for. Sentences come from the platform's
 * segmenter for the language (Arabic's «؟», Chinese's «。»), lines first, so a line that is
 * boilerplate (a byline, a credit) is left out as in English.
 */
export function sentenceClaims(body: string, language: string): ExtractionResult {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
  } catch {
    segmenter = new Intl.Segmenter("und", { granularity: "sentence" });
  }
  const claims: ExtractedClaim[] = [];
  const sentences: Span[] = [];
  const lineRe = /[^\r\n]+/g;
  let line: RegExpExecArray | null;
  while ((line = lineRe.exec(body))) {
    if (isBoilerplate(line[0])) continue;
    for (const piece of segmenter.segment(line[0])) {
      for (let at = 0; at < piece.segment.length; at += MAX_SENTENCE_CHARS) {
        countStep();
        const text = piece.segment.slice(at, at + MAX_SENTENCE_CHARS);
        const start = line.index + piece.index + at + (text.length - text.trimStart().length);
        const end = line.index + piece.index + at + text.trimEnd().length;
        if (end <= start) continue;
        sentences.push({ start, end });
        if ((body.slice(start, end).match(/\p{L}/gu)?.length ?? 0) < MIN_SENTENCE_LETTERS) continue;
        claims.push({
          text: body.slice(start, end),
          start,
          end,
          kind: "ASSERTION",
          checkworthiness: 0,
          checkworthinessBy: "NONE",
          speaker: null,
          speakerRef: null,
          cue: null,
          content: { start, end },
        });
      }
    }
  }
  return { claims, speakers: [], sentences };
}
