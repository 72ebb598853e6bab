import type { Token } from "./text";
import { CLAUSE_WORDS, DETERMINERS, MONTHS, PRONOUNS, ROLE_NOUNS, WEEKDAYS } from "./lexicon";
import { countStep } from "./work";

/** A run of tokens [first, last] (inclusive indices). */
export interface TokenRange {
  first: number;
  last: number;
}

const CONNECTORS = new Set([
  "of",
  "the",
  "to",
  "for",
  "and",
  "de",
  "la",
  "von",
  "van",
  "al",
  "bin",
  "el",
  "del",
  "da",
  "on",
]);

export function isCapitalized(token: Token): boolean {
  return /^\p{Lu}/u.test(token.text);
}

/** Titlecase words are names; all-caps ones are acronyms (UN, OPCW), still part of a name phrase. */
function isNameish(token: Token): boolean {
  return isCapitalized(token) && /\p{L}/u.test(token.text) && !CLAUSE_WORDS.has(token.lower);
}

function isRole(token: Token): boolean {
  return ROLE_NOUNS.has(token.lower) || ROLE_NOUNS.has(token.lower.replace(/[’']s$/, ""));
}

function isPossessive(token: Token): boolean {
  return token.text === "'s" || token.text === "’s" || /[’']s$/.test(token.text);
}

function isNpWord(token: Token): boolean {
  return (
    isNameish(token) ||
    isRole(token) ||
    isPossessive(token) ||
    /^\p{Lu}[\p{L}.]*-\p{L}/u.test(token.text)
  );
}

/** A phrase ending with a month or weekday ("On Tuesday") names a time, not a speaker. */
function isTimeHead(token: Token): boolean {
  return MONTHS.has(token.lower) || WEEKDAYS.has(token.lower);
}

/**
 * The noun phrase that ends at `end` (a speaker before its verb): a pronoun, a name with
 * its title ("Kremlin spokesman Dmitry Peskov", "US Envoy to the UN Nikki Haley") or a
 * description ("the Russian deputy foreign minister", "officials"). Null when the words
 * before the verb are not a plausible speaker.
 */
export function nounPhraseEndingAt(tokens: Token[], end: number, floor = 0): TokenRange | null {
  const head = tokens[end];
  if (!head || end < floor) return null;
  if (PRONOUNS.has(head.lower) && head.lower !== "that") return { first: end, last: end };
  if (isTimeHead(head)) return null;
  if (!isNpWord(head)) return describedNoun(tokens, end, floor);
  let first = end;
  for (let k = end - 1; k >= floor && end - k < 14; k--) {
    countStep();
    const token = tokens[k]!;
    if (isNpWord(token)) {
      first = k;
      continue;
    }
    // "Sanders’ campaign": a possessive apostrophe written apart from its word.
    if (
      (token.text === "’" || token.text === "'") &&
      k > floor &&
      tokens[k - 1]!.end === token.start &&
      /s$/i.test(tokens[k - 1]!.text)
    ) {
      first = k;
      continue;
    }
    // "of", "to the" inside a title ("Envoy to the UN"): keep when a name-ish word stands before them.
    if (CONNECTORS.has(token.lower) && token.lower !== "and") {
      let m = k - 1;
      while (m >= floor && CONNECTORS.has(tokens[m]!.lower) && tokens[m]!.lower !== "and") m--;
      if (m >= floor && isNpWord(tokens[m]!) && m < k) {
        k = m + 1;
        continue;
      }
    }
    break;
  }
  // Lower-case premodifiers of a name: "GOP frontrunner Donald Trump", "ABC moderator David
  // Muir", "Republican presidential candidate Ben Carson".
  if (isCapitalized(tokens[first]!) || isRole(tokens[first]!)) {
    let m = first - 1;
    while (m >= floor && first - m <= 4 && isPremodifier(tokens[m]!)) m--;
    if (
      m < first - 1 &&
      (m < floor ||
        !/[\p{L}\p{N}]/u.test(tokens[m]!.text) ||
        DETERMINERS.has(tokens[m]!.lower) ||
        isCapitalized(tokens[m]!))
    ) {
      first = m + 1;
      while (
        m >= floor &&
        isCapitalized(tokens[m]!) &&
        !CLAUSE_WORDS.has(tokens[m]!.lower) &&
        first - m <= 6
      )
        first = m--;
    }
  }
  // Drop connectors the scan stepped over at the front.
  while (first < end && CONNECTORS.has(tokens[first]!.lower) && !isCapitalized(tokens[first]!))
    first++;
  const det = tokens[first - 1];
  const beforeDet = tokens[first - 2];
  if (
    det &&
    first - 1 >= floor &&
    DETERMINERS.has(det.lower) &&
    !CLAUSE_WORDS.has(det.lower) &&
    !(beforeDet && CONNECTORS.has(beforeDet.lower))
  ) {
    first--;
  }
  if (first === end && !isCapitalized(head)) {
    const described = describedNoun(tokens, end, floor);
    if (described) return described;
  }
  const words = tokens.slice(first, end + 1);
  const hasName = words.some((t) => isNameish(t) && !DETERMINERS.has(t.lower));
  const hasDeterminer = DETERMINERS.has(tokens[first]!.lower);
  const pluralRole = words.length === 1 && isRole(head) && /s$/.test(head.lower);
  if (!hasName && !hasDeterminer && !pluralRole) return null;
  // A sentence-initial capitalised function word is not a name: "In", "On", "But".
  if (words.length === 1 && CLAUSE_WORDS.has(head.lower)) return null;
  return { first, last: end };
}

/**
 * "The GOP presidential candidate", "the billionaire real estate magnate", "the magazine":
 * a determiner with a few plain words before a plain noun.
 */
function describedNoun(tokens: Token[], end: number, floor: number): TokenRange | null {
  const head = tokens[end]!;
  if (
    !/^\p{Ll}{3,}$/u.test(head.text) ||
    CLAUSE_WORDS.has(head.lower) ||
    /(?:ed|ing|ly)$/.test(head.lower)
  )
    return null;
  for (let m = end - 1; m >= floor && end - m <= 5; m--) {
    countStep();
    const t = tokens[m]!;
    if (DETERMINERS.has(t.lower) && !CLAUSE_WORDS.has(t.lower)) {
      return CONNECTORS.has(tokens[m - 1]?.lower ?? "") ? null : { first: m, last: end };
    }
    if (!/^[\p{L}-]+$/u.test(t.text) || CLAUSE_WORDS.has(t.lower) || PRONOUNS.has(t.lower)) break;
  }
  return null;
}

/** The noun phrase starting at `start` (after "according to", "by", or an inverted "said"). */
export function nounPhraseStartingAt(
  tokens: Token[],
  start: number,
  ceiling = tokens.length - 1,
): TokenRange | null {
  let k = start;
  const first = start;
  const tokenAt = tokens[k];
  if (!tokenAt) return null;
  if (PRONOUNS.has(tokenAt.lower) && tokenAt.lower !== "that" && tokenAt.lower !== "which") {
    return { first: k, last: k };
  }
  if (DETERMINERS.has(tokenAt.lower)) k++;
  let last = -1;
  for (; k <= ceiling && k - start < 14; k++) {
    countStep();
    const token = tokens[k]!;
    if (
      isNpWord(token) ||
      (last >= 0 && isAdjectiveLike(token) && k + 1 <= ceiling && isNpWord(tokens[k + 1]!))
    ) {
      last = k;
      continue;
    }
    if (last >= 0 && CONNECTORS.has(token.lower) && token.lower !== "and") {
      // "Envoy to the UN Nikki Haley": a run of connectors followed by a name-ish word.
      let m = k;
      while (m <= ceiling && CONNECTORS.has(tokens[m]!.lower) && tokens[m]!.lower !== "and") m++;
      if (m <= ceiling && isNpWord(tokens[m]!)) {
        k = m - 1;
        continue;
      }
    }
    if (
      last < 0 &&
      DETERMINERS.has(tokens[first]!.lower) &&
      /^\p{Ll}+$/u.test(token.text) &&
      !CLAUSE_WORDS.has(token.lower)
    ) {
      // "the new report", "a senior official": lower-case modifiers before the head.
      if (k + 1 <= ceiling && (isNpWord(tokens[k + 1]!) || /^\p{Ll}+$/u.test(tokens[k + 1]!.text)))
        continue;
    }
    break;
  }
  if (last < 0) return null;
  if (isTimeHead(tokens[last]!)) return null;
  return { first, last };
}

const PREPOSITIONS = new Set([
  "in",
  "on",
  "at",
  "with",
  "for",
  "by",
  "from",
  "about",
  "into",
  "over",
  "after",
  "before",
  "during",
  "under",
  "to",
  "of",
  "as",
  "than",
  "like",
  "via",
  "per",
]);

function isPremodifier(token: Token): boolean {
  return (
    /^[\p{Ll}\p{N}][\p{Ll}\p{N}-]*$/u.test(token.text) &&
    !CLAUSE_WORDS.has(token.lower) &&
    !PRONOUNS.has(token.lower) &&
    !PREPOSITIONS.has(token.lower) &&
    !DETERMINERS.has(token.lower) &&
    !/(?:ed|ing|ly)$/.test(token.lower) &&
    ![
      "is",
      "was",
      "are",
      "were",
      "has",
      "have",
      "had",
      "will",
      "would",
      "said",
      "says",
      "told",
      "not",
    ].includes(token.lower)
  );
}

function isAdjectiveLike(token: Token): boolean {
  return (
    /^\p{Ll}+(?:-\p{Ll}+)*$/u.test(token.text) &&
    !CLAUSE_WORDS.has(token.lower) &&
    token.text.length > 2
  );
}
