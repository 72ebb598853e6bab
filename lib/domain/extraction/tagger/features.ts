/**
 * Token features of the attribution tagger, shared by training (scripts/train-attribution.ts)
 * and extraction. Every feature is a short string hashed to a 32-bit integer key (FNV-1a),
 * so the model stores integers, not words. Cost per token is a constant: the tagger is
 * linear in the text.
 */
import { CLAUSE_WORDS, DETERMINERS, PRONOUNS, ROLE_NOUNS, SPEECH_CUES } from "../lexicon";
import type { Span, Token } from "../text";

/** The hashed features of a sequence: `width` keys for each token, one after another. */
export interface SequenceFeatures {
  width: number;
  keys: Uint32Array;
}

const FEATURES_PER_TOKEN = 37;

/** FNV-1a, 32 bits. */
export function hashFeature(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A token of a tagged sequence, with what the features need to know of its context. */
export interface SequenceToken extends Token {
  inQuote: boolean;
  sentenceStart: boolean;
  sentenceEnd: boolean;
}

/**
 * Per-word values computed once and kept (news reuses a small vocabulary); the cache is
 * emptied past a bound, so a text of endless new words cannot grow it.
 */
const wordCache = new Map<
  string,
  { hash: number; shape: number; suffix3: number; suffix2: number; prefix3: number }
>();

export function wordValues(text: string, lower: string) {
  let values = wordCache.get(text);
  if (!values) {
    if (wordCache.size > 200_000) wordCache.clear();
    values = {
      hash: hashFeature(lower),
      shape: hashFeature(shape(text)),
      suffix3: hashFeature(lower.slice(-3)),
      suffix2: hashFeature(lower.slice(-2)),
      prefix3: hashFeature(lower.slice(0, 3)),
    };
    wordCache.set(text, values);
  }
  return values;
}

function shape(text: string): string {
  if (/^[“”"‘’'`]$/.test(text)) return "Q";
  if (/^\p{P}$/u.test(text)) return text;
  const s = text
    .replace(/\p{Lu}/gu, "X")
    .replace(/\p{Ll}/gu, "x")
    .replace(/\p{N}/gu, "d")
    .replace(/(.)\1{2,}/g, "$1$1");
  return s.length > 6 ? s.slice(0, 3) + s.slice(-3) : s;
}

function wordClass(lower: string): string {
  if (SPEECH_CUES.has(lower)) return "cue";
  if (PRONOUNS.has(lower)) return "pron";
  if (ROLE_NOUNS.has(lower)) return "role";
  if (DETERMINERS.has(lower)) return "det";
  if (CLAUSE_WORDS.has(lower)) return "clause";
  return "-";
}

/** Mixes two 32-bit values into one (a murmur3-style finaliser over their combination). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ ((b + 0x9e3779b9 + (a << 6) + (a >>> 2)) | 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * A feature key: a template number and up to three values, mixed (no string is built).
 * Signed 32-bit throughout (a key is stored as its unsigned bits); values are hashes, and
 * 0x7fffffff marks "no value".
 */
export function key(template: number, a = NONE, b = NONE, c = NONE): number {
  let h = Math.imul(template, 0x9e3779b1);
  if (a !== NONE) h = mix(h, a);
  if (b !== NONE) h = mix(h, b);
  if (c !== NONE) h = mix(h, c);
  return h;
}
const NONE = 0x7fffffff;

const EDGE_LEFT = hashFeature("<s>");
const EDGE_RIGHT = hashFeature("</s>");
const bucketId = (n: number) => (n <= 3 ? n : n <= 6 ? 4 : n <= 12 ? 5 : 6);
const CLASS_IDS: Record<string, number> = { cue: 1, pron: 2, role: 3, det: 4, clause: 5, "-": 6 };

/**
 * The hashed features of every token of a sequence: its word, shape, suffixes and word
 * class and its neighbours', whether it is quoted, how far the nearest speech verbs stand,
 * and where its sentence's speech verbs are. Integers throughout: words are hashed once,
 * feature keys mixed from them.
 */
export function sequenceFeatures(tokens: SequenceToken[]): SequenceFeatures {
  const n = tokens.length;
  const lower = tokens.map((t) => t.lower);
  const classes = lower.map(wordClass);
  const values = tokens.map((t) => wordValues(t.text, t.lower));
  const words = values.map((v) => v.hash);
  const shapes = values.map((v) => v.shape);
  const classIds = classes.map((c) => CLASS_IDS[c]!);
  // Distance to the nearest cue word on each side (speech verbs mark what is around them).
  const cueLeft = new Int32Array(n);
  const cueRight = new Int32Array(n);
  const isCue = (i: number) => classes[i] === "cue" || lower[i] === "according";
  for (let i = 0, last = -1; i < n; i++) {
    cueLeft[i] = last < 0 ? 99 : i - last;
    if (isCue(i)) last = i;
  }
  for (let i = n - 1, last = -1; i >= 0; i--) {
    cueRight[i] = last < 0 ? 99 : last - i;
    if (isCue(i)) last = i;
  }
  // Where the cue words of the token's sentence stand: a sentence ending ", sources said"
  // makes everything before it content, however far. Summaries per sentence keep this
  // constant work per token.
  const sentenceOf = new Int32Array(n);
  const sentences: Array<{
    first: number;
    last: number;
    firstCue: number;
    lastCue: number;
    /** The last cue within four tokens of the sentence's end, and the last comma before it. */
    finalCue: number;
    commaBeforeFinal: number;
    /** The first cue within four tokens of the sentence's start. */
    earlyCue: number;
  }> = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || tokens[i]!.sentenceStart)
      sentences.push({
        first: i,
        last: i,
        firstCue: -1,
        lastCue: -1,
        finalCue: -1,
        commaBeforeFinal: -1,
        earlyCue: -1,
      });
    const current = sentences.at(-1)!;
    current.last = i;
    if (isCue(i)) {
      if (current.firstCue < 0) current.firstCue = i;
      current.lastCue = i;
      if (current.earlyCue < 0 && i - current.first <= 4) current.earlyCue = i;
    }
    sentenceOf[i] = sentences.length - 1;
  }
  for (const sentence of sentences) {
    if (sentence.lastCue >= 0 && sentence.last - sentence.lastCue <= 4) {
      sentence.finalCue = sentence.lastCue;
      for (let k = sentence.finalCue - 1; k >= sentence.first; k--) {
        if (lower[k] === ",") {
          sentence.commaBeforeFinal = k;
          break;
        }
      }
    }
  }
  const word = (i: number) => (i < 0 ? EDGE_LEFT : i >= n ? EDGE_RIGHT : words[i]!);
  const shapeAt = (i: number) => (i < 0 ? EDGE_LEFT : i >= n ? EDGE_RIGHT : shapes[i]!);
  const classAt = (i: number) => (i < 0 ? 7 : i >= n ? 8 : classIds[i]!);
  // One array for the whole sequence: a typed array per token cost more than the features.
  const keys = new Uint32Array(n * FEATURES_PER_TOKEN);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const q = t.inQuote ? 1 : 0;
    const cl = bucketId(cueLeft[i]!);
    const cr = bucketId(cueRight[i]!);
    const sentence = sentences[sentenceOf[i]!]!;
    const left = sentence.firstCue >= 0 && sentence.firstCue < i ? 1 : 0;
    const right = sentence.lastCue > i ? 1 : 0;
    const finalCue = sentence.finalCue > i ? 1 : 0;
    const where = i === sentence.first ? 0 : i === sentence.last ? 1 : 2;
    const at = i * FEATURES_PER_TOKEN;
    keys[at + 0] = key(1);
    keys[at + 1] = key(2, words[i]!);
    keys[at + 2] = key(3, word(i - 1));
    keys[at + 3] = key(4, word(i + 1));
    keys[at + 4] = key(5, word(i - 2));
    keys[at + 5] = key(6, word(i + 2));
    keys[at + 6] = key(7, word(i - 1), words[i]!);
    keys[at + 7] = key(8, words[i]!, word(i + 1));
    keys[at + 8] = key(9, shapes[i]!);
    keys[at + 9] = key(10, shapeAt(i - 1));
    keys[at + 10] = key(11, shapeAt(i + 1));
    keys[at + 11] = key(12, shapeAt(i - 1), shapes[i]!, shapeAt(i + 1));
    keys[at + 12] = key(13, values[i]!.suffix3);
    keys[at + 13] = key(14, values[i]!.suffix2);
    keys[at + 14] = key(15, values[i]!.prefix3);
    keys[at + 15] = key(16, classIds[i]!);
    keys[at + 16] = key(17, classAt(i - 1));
    keys[at + 17] = key(18, classAt(i + 1));
    keys[at + 18] = key(19, classAt(i - 1), classAt(i + 1));
    keys[at + 19] = key(20, q);
    keys[at + 20] = key(21, q, shapes[i]!);
    keys[at + 21] = key(22, cl);
    keys[at + 22] = key(23, cr);
    keys[at + 23] = key(24, cl, cr);
    keys[at + 24] = key(25, cl, q);
    keys[at + 25] = key(26, cr, q);
    keys[at + 26] = key(27, t.sentenceStart ? 1 : 0);
    keys[at + 27] = key(28, t.sentenceEnd ? 1 : 0);
    keys[at + 28] = key(29, i === 0 ? 0 : i === n - 1 ? 1 : i < 4 ? 2 : 3);
    keys[at + 29] = key(30, word(i - 3));
    keys[at + 30] = key(31, word(i + 3));
    keys[at + 31] = key(32, left, right);
    keys[at + 32] = key(33, finalCue);
    keys[at + 33] = key(34, sentence.earlyCue >= 0 && sentence.earlyCue < i ? 1 : 0);
    keys[at + 34] = key(35, finalCue && i <= sentence.commaBeforeFinal ? 1 : 0);
    keys[at + 35] = key(36, finalCue, q);
    keys[at + 36] = key(37, where, left, right);
  }
  return { width: FEATURES_PER_TOKEN, keys };
}

/** Whether each token lies inside a quotation (quotes are in text order, apart). */
export function quoteFlags(tokens: Token[], quotes: Span[]): boolean[] {
  const flags: boolean[] = [];
  let q = 0;
  for (const t of tokens) {
    while (q < quotes.length && quotes[q]!.end <= t.start) q++;
    flags.push(q < quotes.length && quotes[q]!.start <= t.start && t.end <= quotes[q]!.end);
  }
  return flags;
}
