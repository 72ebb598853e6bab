import { checkworthiness, CHECKWORTHY_THRESHOLD } from "./checkworthiness";
import {
  BOILERPLATE_LINE,
  BYLINE_LINE,
  MONTHS,
  OPINION_MARKERS,
  PERSON_TITLES,
  WEEKDAYS,
} from "./lexicon";
import { findAttributions, type Attribution } from "./attribution";
import { SpeakerRegistry, type Speaker } from "./speakers";
import { findQuotes, splitSentences, tokenize, type Span, type Token } from "./text";

export type ClaimKind = "DIRECT_QUOTE" | "INDIRECT_QUOTE" | "ASSERTION";

export interface ExtractedSpeaker {
  /** Index into `speakers` of the extraction result. */
  ref: number;
  name: string;
  title: string | null;
}

export interface ExtractedClaim {
  text: string;
  /** The claim's span in the text: speaker, cue and content together (end exclusive). */
  start: number;
  end: number;
  kind: ClaimKind;
  checkworthiness: number;
  /** The words naming the source at this point ("Peskov", "the deputy minister", "he"). */
  speaker: (Span & { text: string }) | null;
  /** Who that is, once pronouns, descriptions and spelling variants are resolved. */
  speakerRef: number | null;
  cue: (Span & { text: string }) | null;
  content: Span;
}

export interface ExtractionResult {
  claims: ExtractedClaim[];
  speakers: Array<{ name: string; title: string | null; isPerson: boolean; aliases: string[] }>;
  /** Sentences kept for analysis (boilerplate dropped). */
  sentences: Span[];
}

/** Minimum score for an unattributed sentence to become an ASSERTION claim. */
export const ASSERTION_THRESHOLD = CHECKWORTHY_THRESHOLD;

function lineOf(text: string, at: number): string {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const end = text.indexOf("\n", at);
  return text.slice(start, end < 0 ? text.length : end);
}

export function isBoilerplate(line: string): boolean {
  return (
    BOILERPLATE_LINE.test(line) ||
    BYLINE_LINE.test(line) ||
    /^\s*\(?(?:photo|image|credit)s?\b.*\)?\s*$/i.test(line)
  );
}

function union(spans: Array<Span | null>): Span {
  const real = spans.filter((s): s is Span => s !== null);
  return { start: Math.min(...real.map((s) => s.start)), end: Math.max(...real.map((s) => s.end)) };
}

function withText(text: string, s: Span | null): (Span & { text: string }) | null {
  return s ? { ...s, text: text.slice(s.start, s.end) } : null;
}

/**
 * Extracts the claims of an article: attributed statements (direct and indirect quotes,
 * "according to", denials, confirmations) with speaker, cue and content spans, and
 * checkable assertions in the article's own voice. Deterministic, offline.
 */
export function extractClaims(text: string): ExtractionResult {
  const quotes = findQuotes(text);
  const sentences = splitSentences(text).filter((s) => !isBoilerplate(lineOf(text, s.start)));
  const registry = new SpeakerRegistry();
  const claims: ExtractedClaim[] = [];

  // First every sentence's attributions, so that a quotation attributed at its end
  // ("'… . …,' Peskov added") is known while its first sentences are read.
  const analysed = sentences.map((sentence) => {
    const tokens = tokenize(text, sentence.start, sentence.end);
    return { sentence, tokens, attributions: findAttributions(text, tokens, sentence, quotes) };
  });
  const contents = analysed.flatMap((a) => a.attributions.map((b) => b.content));

  for (const { sentence, tokens, attributions } of analysed) {
    // People named with a title anywhere ("Finance Minister Maria Costa presented …") are
    // who a later "she" may refer to.
    for (const mention of titledNames(tokens))
      registry.observe(text.slice(mention.start, mention.end));
    const resolved: Array<Speaker | null> = [];
    for (const attribution of attributions) {
      const speaker = resolveSpeaker(text, registry, attribution, resolved);
      resolved.push(speaker);
      const claimSpan = union([attribution.content, attribution.speaker, attribution.cue]);
      claims.push({
        text: text.slice(claimSpan.start, claimSpan.end),
        start: claimSpan.start,
        end: claimSpan.end,
        kind: attribution.direct ? "DIRECT_QUOTE" : "INDIRECT_QUOTE",
        checkworthiness: round(
          checkworthiness(text.slice(attribution.content.start, attribution.content.end)),
        ),
        speaker: withText(text, attribution.speaker ?? speakerOf(attribution, attributions)),
        speakerRef: speaker?.id ?? null,
        cue: withText(text, attribution.cue),
        content: attribution.content,
      });
    }
    if (attributions.length > 0) continue;
    if (contents.some((c) => c.start <= sentence.start + 1 && c.end >= sentence.end - 1)) continue;

    const sentenceText = text.slice(sentence.start, sentence.end);
    // A quotation with no attribution in reach is not logged on a guess of who said it.
    if (quotes.some((q) => q.start <= sentence.start + 1 && q.end >= sentence.end - 1)) continue;
    const score = checkworthiness(sentenceText);
    if (
      score >= ASSERTION_THRESHOLD &&
      isCheckableAssertion(
        sentenceText,
        tokens.map((t) => t.lower),
      )
    ) {
      const content = trimStop(text, sentence);
      claims.push({
        text: text.slice(content.start, content.end),
        start: content.start,
        end: content.end,
        kind: "ASSERTION",
        checkworthiness: round(score),
        speaker: null,
        speakerRef: null,
        cue: null,
        content,
      });
    }
  }

  return {
    claims,
    speakers: registry.speakers.map((s) => ({
      name: s.name,
      title: s.title,
      isPerson: s.isPerson,
      aliases: [...s.aliases],
    })),
    sentences,
  };
}

/** "Finance Minister Maria Costa", "Mr. Lee": a title or honorific followed by a name. */
function titledNames(tokens: Token[]): Span[] {
  const names: Span[] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!PERSON_TITLES.has(tokens[i]!.lower)) continue;
    let j = i + 1;
    while (
      j < tokens.length &&
      /^\p{Lu}\p{Ll}/u.test(tokens[j]!.text) &&
      !PERSON_TITLES.has(tokens[j]!.lower)
    )
      j++;
    if (j > i + 1) {
      let first = i;
      while (first > 0 && /^\p{Lu}/u.test(tokens[first - 1]!.text)) first--;
      names.push({ start: tokens[first]!.start, end: tokens[j - 1]!.end });
      i = j - 1;
    }
  }
  return names;
}

function speakerOf(attribution: Attribution, all: Attribution[]): Span | null {
  let current: Attribution | undefined = attribution;
  for (let hops = 0; current && hops < 5; hops++) {
    if (current.speaker) return current.speaker;
    current = current.sharesSpeakerWith === null ? undefined : all[current.sharesSpeakerWith];
  }
  return null;
}

function resolveSpeaker(
  text: string,
  registry: SpeakerRegistry,
  attribution: Attribution,
  resolvedSoFar: Array<Speaker | null>,
): Speaker | null {
  if (attribution.sharesSpeakerWith !== null)
    return resolvedSoFar[attribution.sharesSpeakerWith] ?? null;
  if (!attribution.speaker) return null;
  const mention = text.slice(attribution.speaker.start, attribution.speaker.end);
  const antecedent = attribution.antecedent
    ? registry.resolve(text.slice(attribution.antecedent.start, attribution.antecedent.end))
    : null;
  return registry.resolve(mention, { antecedent });
}

/** An unattributed sentence worth checking: a factual statement, not an opinion or a question. */
function isCheckableAssertion(sentence: string, words: string[]): boolean {
  if (/[?!]["”]?\s*$/.test(sentence)) return false;
  const wordCount = words.filter((w) => /\p{L}/u.test(w)).length;
  if (wordCount < 6) return false;
  if (words.slice(0, 3).some((w) => OPINION_MARKERS.has(w))) return false;
  const hasNumber =
    /\d/.test(sentence) ||
    /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|percent|dozens?)\b/i.test(
      sentence,
    );
  const hasTime = words.some((w) => MONTHS.has(w) || WEEKDAYS.has(w));
  const names = (sentence.slice(1).match(/\b\p{Lu}[\p{L}’'-]+/gu) ?? []).length;
  return hasNumber || hasTime || names >= 2;
}

function trimStop(text: string, s: Span): Span {
  let end = s.end;
  while (end > s.start && /[.\s]/.test(text[end - 1]!)) end--;
  return { start: s.start, end };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
