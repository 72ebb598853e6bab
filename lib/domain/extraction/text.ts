/**
 * Text primitives for extraction: tokens, sentences and quotations, every one with exact
 * offsets (JavaScript string indices) into the original text. Nothing here rewrites text.
 */
import { countStep } from "./work";

export interface Span {
  start: number;
  end: number;
}

export interface Token extends Span {
  text: string;
  /** Lower-cased text, for lexicon look-ups. */
  lower: string;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[.’'\-–&][\p{L}\p{M}\p{N}]+)*\.?|[“”"‘’']|\S/gu;

/** Words, numbers and punctuation marks. A word keeps inner apostrophes, hyphens and dots (U.S., don't). */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = start;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(text)) && match.index < end) {
    countStep();
    let value = match[0];
    let tokenEnd = match.index + value.length;
    if (tokenEnd > end) {
      value = value.slice(0, end - match.index);
      tokenEnd = end;
    }
    // A trailing dot belongs to the word only for abbreviations and initials.
    if (value.length > 1 && value.endsWith(".") && !isAbbreviation(value)) {
      value = value.slice(0, -1);
      tokenEnd--;
      tokens.push({ start: match.index, end: tokenEnd, text: value, lower: value.toLowerCase() });
      tokens.push({ start: tokenEnd, end: tokenEnd + 1, text: ".", lower: "." });
      continue;
    }
    tokens.push({ start: match.index, end: tokenEnd, text: value, lower: value.toLowerCase() });
  }
  return tokens;
}

const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof sen rep gov gen lt col maj capt sgt cmdr adm st jr sr rev hon pres vs etc inc ltd corp co " +
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos fig approx dept est govt mt ft ave blvd"
  ).split(" "),
);

/** "Mr.", "Sept.", "U.S.", "J." : a dot that does not end a sentence on its own. */
export function isAbbreviation(word: string): boolean {
  if (!word.endsWith(".")) return false;
  const bare = word.slice(0, -1);
  if (ABBREVIATIONS.has(bare.toLowerCase())) return true;
  if (/^\p{Lu}$/u.test(bare)) return true; // an initial
  return /^(?:\p{L}\.)+\p{L}$/u.test(bare); // U.S., U.N., e.g.
}

const CLOSING_AFTER_STOP = /^[”"’')\]]*/u;

/**
 * Sentences with exact offsets. Line breaks always end a sentence (news paragraphs);
 * within a line, a sentence ends at . ! or ? (with any closing quotes or brackets) when
 * the next word starts a new sentence and the dot is not an abbreviation's.
 */
export function splitSentences(text: string): Span[] {
  const sentences: Span[] = [];
  const lineRe = /[^\r\n]+/g;
  let line: RegExpExecArray | null;
  while ((line = lineRe.exec(text))) {
    const lineStart = line.index;
    const lineText = line[0];
    let sentenceStart = lineStart;
    const stopRe = /[.!?…]+/g;
    let stop: RegExpExecArray | null;
    while ((stop = stopRe.exec(lineText))) {
      const stopEnd = stop.index + stop[0].length;
      // Closing quotes and brackets right after the stop belong to the sentence.
      const closing = CLOSING_AFTER_STOP.exec(lineText.slice(stopEnd))![0];
      const after = lineText.slice(stopEnd + closing.length);
      const space = /^\s+/.exec(after)?.[0];
      if (!space) continue; // "3.5", "U.S.A", or the end of the line
      const next = after.slice(space.length);
      if (!/^[\p{Lu}\p{N}“"‘'«¿¡(\[—–-]/u.test(next)) continue;
      if (stop[0] === "." && endsWithAbbreviation(lineText, stop.index)) continue;
      pushTrimmed(text, sentenceStart, lineStart + stopEnd + closing.length, sentences);
      sentenceStart = lineStart + stopEnd + closing.length + space.length;
    }
    pushTrimmed(text, sentenceStart, lineStart + lineText.length, sentences);
  }
  return sentences;
}

const LETTER_OR_DOT = /[\p{L}.]/u;

/** Whether the word before a dot is an abbreviation's. Scans back from the dot only (an
 * end-anchored regular expression would rescan the line from its start at every dot). */
function endsWithAbbreviation(line: string, dotIndex: number): boolean {
  let start = dotIndex;
  // No abbreviation is longer than a dozen characters; a longer run is not one.
  while (start > 0 && dotIndex - start < 16 && LETTER_OR_DOT.test(line[start - 1]!)) start--;
  if (start === dotIndex || (start > 0 && LETTER_OR_DOT.test(line[start - 1]!))) return false;
  return isAbbreviation(line.slice(start, dotIndex) + ".");
}

function pushTrimmed(text: string, start: number, end: number, into: Span[]) {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) into.push({ start, end });
}

/**
 * Double-quoted passages, curly or straight, as spans including their quote marks. A
 * passage may run across sentences and paragraphs: in news style a quoted paragraph that
 * continues opens again without closing the previous one, which is treated as one quote.
 */
export function findQuotes(text: string): Span[] {
  const quotes: Span[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    countStep();
    const ch = text[i]!;
    if (ch === "“") {
      if (open >= 0 && !continuesParagraph(text, open, i))
        quotes.push({ start: open, end: lastNonSpace(text, i) });
      if (open < 0 || !continuesParagraph(text, open, i)) open = i;
    } else if (ch === "”") {
      if (open >= 0) {
        quotes.push({ start: open, end: i + 1 });
        open = -1;
      }
    } else if (ch === '"') {
      if (open < 0 && isOpeningStraightQuote(text, i)) open = i;
      else if (open >= 0) {
        if (isOpeningStraightQuote(text, i) && continuesParagraph(text, open, i)) continue;
        quotes.push({ start: open, end: i + 1 });
        open = -1;
      }
    }
  }
  // A "quotation" longer than a long news quote is a stray quote mark that never closed.
  return quotes.filter((q) => q.end - q.start > 2 && q.end - q.start <= MAX_QUOTE_CHARS);
}

/** Quoted passages run to a few paragraphs; the longest in PolNeAR's 924 articles is about 2,000 characters. */
export const MAX_QUOTE_CHARS = 5_000;

function isOpeningStraightQuote(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  return (
    (before === undefined || /[\s(\[—–-]/.test(before)) && after !== undefined && /\S/.test(after)
  );
}

/**
 * A new opening quote at the start of the next paragraph continues an unclosed quote:
 * only white space, with a line break in it, stands between the quote mark at `i` and the
 * text before it (scanned back from `i`, so the cost is the white space, not the quote).
 */
function continuesParagraph(text: string, open: number, i: number): boolean {
  let k = i - 1;
  let lineBreak = false;
  while (k > open && /\s/.test(text[k]!)) {
    if (text[k] === "\n") lineBreak = true;
    k--;
  }
  return lineBreak;
}

function lastNonSpace(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}
