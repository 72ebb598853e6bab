import type { LanguageSource } from "@/lib/domain/language";
import { ASSERTION_CHECKWORTHY_THRESHOLD, checkworthiness } from "./checkworthiness";
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
import { nounPhraseEndingAt } from "./noun-phrases";
import { findQuotes, splitSentences, tokenize, type Span, type Token } from "./text";
import { loadModel, type AttributionModel, type StoredModel } from "./tagger/model";
import { tagAttributions } from "./tagger/tag";
import storedModel from "./tagger/attribution-model.json" with { type: "json" };

/** The attribution tagger's model, decoded on first use (or by this, ahead of time). */
let model: AttributionModel | null = null;
export function attributionModel(): AttributionModel {
  return (model ??= loadModel(storedModel as StoredModel));
}

/**
 * Names the extractor whose claims an article has (stored with each article), so that
 * re-extraction can find the articles whose claims came from an older one: the rules'
 * revision and the tagger model's own version (set by `npm run train:attribution`).
 * Change RULES_REVISION whenever the rules' output changes.
 */
const RULES_REVISION = "rules-4";
export const EXTRACTOR_VERSION = `${RULES_REVISION}+${(storedModel as StoredModel).version}`;

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
  /** The model that gave the score: extraction's words model unless a worker rescored it. */
  checkworthinessBy?: "WORDS" | "ENCODER" | "NONE";
  /** The words naming the source at this point ("Peskov", "the deputy minister", "he"). */
  speaker: (Span & { text: string }) | null;
  /** Who that is, once pronouns, descriptions and spelling variants are resolved. */
  speakerRef: number | null;
  cue: (Span & { text: string }) | null;
  content: Span;
}

export interface ExtractionResult {
  claims: ExtractedClaim[];
  /** Claims found before limitClaims kept the most check-worthy (absent: all were kept). */
  found?: number;
  speakers: Array<{ name: string; title: string | null; isPerson: boolean; aliases: string[] }>;
  /** Sentences kept for analysis (boilerplate dropped). */
  sentences: Span[];
  /** The article's language and where it came from, when the extraction decided it (extractArticle). */
  language?: string;
  languageSource?: LanguageSource;
}

/** Minimum score for an unattributed sentence to become an ASSERTION claim. */
export const ASSERTION_THRESHOLD = ASSERTION_CHECKWORTHY_THRESHOLD;

/**
 * The longest run of tokens analysed as one sentence. The longest sentence in PolNeAR's
 * 30,665 training sentences has 220 tokens; a longer "sentence" is not prose (a list, a
 * table, an attack) and is analysed in pieces, so the work per sentence stays bounded and
 * extraction stays linear in the text.
 */
export const MAX_SENTENCE_TOKENS = 250;

export function isBoilerplate(line: string): boolean {
  // The byline and credit patterns only where the line starts like one: tried on every
  // paragraph, they cost more than the rest of this test.
  const start = line.slice(0, 12).toLowerCase().trimStart();
  return (
    BOILERPLATE_LINE.test(line) ||
    (start.startsWith("by") && BYLINE_LINE.test(line)) ||
    (/^\(?(?:photo|image|credit)/.test(start) &&
      /^\s*\(?(?:photo|image|credit)s?\b.*\)?\s*$/i.test(line))
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
export interface ExtractionOptions {
  /** Use the learned tagger (default); false gives the rules alone, for comparison. */
  tagger?: boolean;
}

export function extractClaims(
  text: string,
  { tagger = true }: ExtractionOptions = {},
): ExtractionResult {
  const quotes = findQuotes(text);
  const sentences = boundedSentences(text);
  const registry = new SpeakerRegistry();
  const claims: ExtractedClaim[] = [];

  // The learned tagger's attributions, by the position of their cue. The rules' findings
  // are added where they are not the same attribution (their cue is not a tagged cue, and
  // their content is not mostly a tagged content): on PolNeAR dev the tagger alone scored
  // strict F1 0.628 and speech recall 0.939, with the rules' other attributions 0.625 and
  // 0.950, and with every rule content the tagger missed 0.626 and 0.951 (but these drop a
  // rule's second statement when the tagger joined it to the first).
  const tagged = (tagger ? tagAttributions(text, attributionModel()) : []).sort(
    (a, b) => a.cue.start - b.cue.start,
  );
  const taggedCues = new SpanIndex(tagged.map((t) => t.cue));
  const taggedContents = tagged.map((t) => t.content).sort((a, b) => a.start - b.start);
  const sameAsTagged = (attribution: Attribution) =>
    taggedCues.overlaps(attribution.cue) || mostlyCovered(taggedContents, attribution.content);
  let nextTagged = 0;

  // First every sentence's attributions, so that a quotation attributed at its end
  // ("'… . …,' Peskov added") is known while its first sentences are read. Each sentence
  // sees only the quotations that reach into it and the one closed just before it.
  const window = new QuoteWindow(quotes);
  const analysed = sentences.map(({ sentence, tokens }) => ({
    sentence,
    tokens,
    attributions: findAttributions(text, tokens, sentence, window.around(sentence)),
  }));
  const contents = new Coverage([
    ...tagged.map((t) => t.content),
    ...analysed.flatMap((a) => a.attributions.map((b) => b.content)),
  ]);
  const quoted = new Coverage(quotes);

  for (const { sentence, tokens, attributions } of analysed) {
    // People named with a title anywhere ("Finance Minister Maria Costa presented …") are
    // who a later "she" may refer to.
    for (const mention of titledNames(tokens))
      registry.observe(text.slice(mention.start, mention.end));
    const resolved: Array<Speaker | null> = [];
    let found = 0;
    for (const attribution of attributions) {
      const speaker = resolveSpeaker(text, registry, attribution, resolved);
      resolved.push(speaker);
      if (sameAsTagged(attribution)) continue;
      found++;
      claims.push(
        attributedClaim(
          text,
          attribution,
          attribution.speaker ?? speakerOf(attribution, attributions),
          speaker,
        ),
      );
    }
    // The tagger's attributions whose cue is in this sentence (those in boilerplate lines,
    // between the kept sentences, are passed over).
    while (nextTagged < tagged.length && tagged[nextTagged]!.cue.start < sentence.start)
      nextTagged++;
    for (
      ;
      nextTagged < tagged.length && tagged[nextTagged]!.cue.start < sentence.end;
      nextTagged++
    ) {
      const attribution = tagged[nextTagged]!;
      found++;
      const speaker = attribution.speaker
        ? registry.resolve(text.slice(attribution.speaker.start, attribution.speaker.end), {
            antecedent: relativeAntecedent(text, tokens, registry, attribution.speaker),
          })
        : null;
      claims.push(attributedClaim(text, attribution, attribution.speaker, speaker));
    }
    if (found > 0 || attributions.length > 0) continue;
    if (contents.covers(sentence)) continue;

    const sentenceText = text.slice(sentence.start, sentence.end);
    // A quotation with no attribution in reach is not logged on a guess of who said it.
    if (quoted.covers(sentence)) continue;
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
    // In text order (the rules' and the tagger's claims of a sentence come in turn).
    claims: claims.sort((a, b) => a.start - b.start || a.end - b.end),
    speakers: registry.speakers.map((s) => ({
      name: s.name,
      title: s.title,
      isPerson: s.isPerson,
      aliases: [...s.aliases],
    })),
    sentences: sentences.map((s) => s.sentence),
  };
}

/**
 * The article's sentences outside boilerplate lines, with their tokens; a sentence longer
 * than MAX_SENTENCE_TOKENS is cut into pieces of at most that many tokens.
 */
function boundedSentences(text: string): Array<{ sentence: Span; tokens: Token[] }> {
  const result: Array<{ sentence: Span; tokens: Token[] }> = [];
  const lineRe = /[^\n]*/g;
  let line: RegExpExecArray | null = null;
  for (const sentence of splitSentences(text)) {
    // Sentences come in order and never cross a line: the line is found by moving forward.
    while (!line || line.index + line[0].length < sentence.start) {
      line = lineRe.exec(text)!;
      if (line[0] === "") lineRe.lastIndex++;
    }
    if (isBoilerplate(line[0])) continue;
    const tokens = tokenize(text, sentence.start, sentence.end);
    if (tokens.length <= MAX_SENTENCE_TOKENS) {
      result.push({ sentence, tokens });
      continue;
    }
    for (let i = 0; i < tokens.length; i += MAX_SENTENCE_TOKENS) {
      const piece = tokens.slice(i, i + MAX_SENTENCE_TOKENS);
      result.push({ sentence: { start: piece[0]!.start, end: piece.at(-1)!.end }, tokens: piece });
    }
  }
  return result;
}

/**
 * The quotations that matter to each sentence, for sentences asked in text order: those
 * that overlap it, and the last one closed before it. Quotations are in text order and do
 * not overlap, so one pass over them serves every sentence.
 */
class QuoteWindow {
  private first = 0;
  constructor(private readonly quotes: Span[]) {}

  around(sentence: Span): Span[] {
    while (
      this.first + 1 < this.quotes.length &&
      this.quotes[this.first + 1]!.end <= sentence.start
    )
      this.first++;
    const window: Span[] = [];
    for (let i = this.first; i < this.quotes.length; i++) {
      const q = this.quotes[i]!;
      if (q.start >= sentence.end) break;
      window.push(q);
    }
    return window;
  }
}

/** A claim from an attribution (the rules' or the tagger's): the span of all three parts. */
function attributedClaim(
  text: string,
  attribution: { content: Span; cue: Span; direct: boolean },
  mention: Span | null,
  speaker: Speaker | null,
): ExtractedClaim {
  const claimSpan = union([attribution.content, mention, attribution.cue]);
  return {
    text: text.slice(claimSpan.start, claimSpan.end),
    start: claimSpan.start,
    end: claimSpan.end,
    kind: attribution.direct ? "DIRECT_QUOTE" : "INDIRECT_QUOTE",
    checkworthiness: round(
      checkworthiness(text.slice(attribution.content.start, attribution.content.end)),
    ),
    speaker: withText(text, mention),
    speakerRef: speaker?.id ?? null,
    cue: withText(text, attribution.cue),
    content: attribution.content,
  };
}

/** Whether a span overlaps any of a set of spans: binary search over their starts. */
class SpanIndex {
  private readonly spans: Span[];
  /** The furthest end among the spans up to each index. */
  private readonly reach: number[];
  constructor(spans: Span[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start);
    let reach = -1;
    this.reach = this.spans.map((s) => (reach = Math.max(reach, s.end)));
  }

  overlaps(span: Span): boolean {
    // The last span that starts before `span` ends.
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid]!.start < span.end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.reach[lo - 1]! > span.start;
  }
}

/**
 * Whether a span shares at least half its union with one of the sorted spans (the
 * reference scorer's strict match): those starting before it ends, scanned back while
 * they can still reach it.
 */
function mostlyCovered(sorted: Span[], span: Span): boolean {
  let hi = 0;
  let lo = sorted.length;
  while (hi < lo) {
    const mid = (hi + lo) >> 1;
    if (sorted[mid]!.start < span.end) hi = mid + 1;
    else lo = mid;
  }
  // The nearest eight that start before it ends: a bound that keeps the work constant
  // (tagged contents do not nest, so a match is among the nearest).
  for (let i = hi - 1; i >= 0 && hi - i <= 8; i--) {
    const other = sorted[i]!;
    const shared = Math.min(other.end, span.end) - Math.max(other.start, span.start);
    const union = Math.max(other.end, span.end) - Math.min(other.start, span.start);
    if (shared > 0 && shared / union >= 0.5) return true;
  }
  return false;
}

/** "…, who said": the speaker "who" stands for the noun phrase before the comma. */
function relativeAntecedent(
  text: string,
  tokens: Token[],
  registry: SpeakerRegistry,
  speaker: Span,
): Speaker | null {
  if (!/^(?:who|which)$/i.test(text.slice(speaker.start, speaker.end))) return null;
  const at = tokens.findIndex((t) => t.start === speaker.start);
  if (at < 2 || tokens[at - 1]!.text !== ",") return null;
  const phrase = nounPhraseEndingAt(tokens, at - 2);
  if (!phrase) return null;
  return registry.resolve(text.slice(tokens[phrase.first]!.start, tokens[phrase.last]!.end));
}

/**
 * Whether some span covers a sentence (within one character at each end), for sentences
 * asked in text order: the longest reach of the spans starting before each sentence.
 */
class Coverage {
  private readonly spans: Span[];
  private next = 0;
  private reach = -1;
  constructor(spans: Span[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start);
  }

  covers(sentence: Span): boolean {
    while (this.next < this.spans.length && this.spans[this.next]!.start <= sentence.start + 1)
      this.reach = Math.max(this.reach, this.spans[this.next++]!.end);
    return this.reach >= sentence.end - 1;
  }
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
      // "Finance Minister", "Deputy Foreign Minister": a few capitalised words before the title.
      let first = i;
      while (first > 0 && i - first < 4 && /^\p{Lu}/u.test(tokens[first - 1]!.text)) first--;
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

/**
 * The most claims stored for one article. A news article has a few dozen; a text that
 * yields thousands is not one (a transcript, a list, an attack: 1 MB of "he said that"
 * yields 77,000), and every stored claim costs a similarity search at import.
 */
export const MAX_CLAIMS_PER_ARTICLE = 2_000;

/** Keeps the `max` most check-worthy claims, in text order, and counts what was found. */
export function limitClaims(
  result: ExtractionResult,
  max = MAX_CLAIMS_PER_ARTICLE,
): ExtractionResult {
  if (result.claims.length <= max) return result;
  const kept = new Set(
    result.claims
      .map((claim, index) => ({ claim, index }))
      .sort((a, b) => b.claim.checkworthiness - a.claim.checkworthiness || a.index - b.index)
      .slice(0, max)
      .map(({ index }) => index),
  );
  return {
    ...result,
    claims: result.claims.filter((_, index) => kept.has(index)),
    found: result.claims.length,
  };
}
