import { type Span, type Token } from "./text";
import {
  nounPhraseEndingAt,
  nounPhraseStartingAt,
  isCapitalized,
  type TokenRange,
} from "./noun-phrases";
import {
  AUXILIARIES,
  CLAUSE_WORDS,
  DETERMINERS,
  HEARER_CUES,
  PARTICIPLE_CUES,
  PARTICLE_CUES,
  ROLE_NOUNS,
  SPEECH_CUES,
} from "./lexicon";
import { countStep } from "./work";

export type AttributionForm =
  "colon" | "verb" | "inverted" | "participle" | "conjoined" | "according" | "passive" | "relative";

/** One attribution found in a sentence: who (a mention), the cue, and what was said. */
export interface Attribution {
  form: AttributionForm;
  cue: Span;
  /** The mention naming the source here; null when it is only implied (a participle). */
  speaker: Span | null;
  /** For "who"/"which": the noun phrase the relative pronoun stands for. */
  antecedent: Span | null;
  /** Index of the attribution in the same sentence whose speaker this one shares. */
  sharesSpeakerWith: number | null;
  content: Span;
  direct: boolean;
}

const PREPOSITIONS = new Set([
  "in",
  "on",
  "at",
  "during",
  "via",
  "through",
  "after",
  "before",
  "last",
  "this",
  "earlier",
  "to",
  "with",
  "from",
  "over",
  "late",
  "early",
  "yesterday",
  "today",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);
const PASSIVE_AUX = new Set(["was", "were", "been", "is", "are", "be", "being"]);
const NOUN_PRECEDERS = new Set([
  "of",
  "in",
  "on",
  "for",
  "with",
  "from",
  "no",
  "any",
  "such",
  "whose",
  "its",
  "their",
  "his",
  "her",
  "our",
  "the",
  "a",
  "an",
  "this",
  "that",
  "these",
  "those",
  "to",
]);
const SEPARATORS = new Set([",", "—", "–", "-", ":"]);
const INFINITIVE_CUES = new Set([
  "say",
  "tell",
  "add",
  "warn",
  "stress",
  "allege",
  "claim",
  "deny",
  "confirm",
  "insist",
  "argue",
  "note",
  "explain",
  "accuse",
  "blame",
  "urge",
  "propose",
  "report",
  "announce",
  "state",
  "write",
  "tweet",
  "suggest",
  "predict",
  "reiterate",
  "acknowledge",
  "admit",
  "declare",
  "reject",
  "promise",
  "call",
  "demand",
  "condemn",
]);

interface Cue {
  first: number;
  last: number;
  according: boolean;
}

function isQuoteMark(token: Token | undefined): boolean {
  return !!token && /^[“”"]$/.test(token.text);
}

/** Where a cue word stands as a verb of attribution (not a noun, not inside a quotation). */
export function findCues(tokens: Token[], quotes: Span[]): Cue[] {
  const cues: Cue[] = [];
  // Quotations are in text order and do not overlap; so are tokens: one pass over both.
  let q = 0;
  for (let i = 0; i < tokens.length; i++) {
    countStep();
    const t = tokens[i]!;
    while (q < quotes.length && quotes[q]!.end <= t.start) q++;
    if (q < quotes.length && quotes[q]!.start < t.start) continue; // inside a quotation
    if (t.lower === "according" && tokens[i + 1]?.lower === "to") {
      cues.push({ first: i, last: i + 1, according: true });
      i++;
      continue;
    }
    if (!SPEECH_CUES.has(t.lower) || isCapitalized(t)) continue;
    const prev = tokens[i - 1];
    const participle = PARTICIPLE_CUES.has(t.lower);
    if (
      prev &&
      NOUN_PRECEDERS.has(prev.lower) &&
      !(participle && ["by", "after", "before", "while", "without"].includes(prev.lower))
    ) {
      // "to say" is a verb only after a verb ("went on to blame", "refused to say").
      if (!(prev.lower === "to" && INFINITIVE_CUES.has(t.lower))) continue;
    }
    let last = i;
    const particles = PARTICLE_CUES[t.lower];
    if (particles) {
      if (particles.has(tokens[i + 1]?.lower ?? "")) last = i + 1;
      else if (
        [
          "point",
          "points",
          "pointed",
          "lash",
          "lashes",
          "lashed",
          "continue",
          "continued",
        ].includes(t.lower)
      )
        continue;
    }
    cues.push({ first: i, last, according: false });
  }
  return cues;
}

/** Skips auxiliaries and adverbs leftwards from `j`; reports whether a passive auxiliary was seen. */
export function skipAuxiliariesBack(
  tokens: Token[],
  j: number,
): { index: number; passive: boolean } {
  let passive = false;
  while (j >= 0) {
    countStep();
    const t = tokens[j]!;
    if (t.lower === "to" && tokens[j - 1]?.lower === "on" && tokens[j - 2]?.lower === "went") {
      j -= 3;
      continue;
    }
    if (AUXILIARIES.has(t.lower) && !["to", "on", "went"].includes(t.lower)) {
      if (PASSIVE_AUX.has(t.lower)) passive = true;
      j--;
      continue;
    }
    if (
      /^\p{Ll}{3,}ly$/u.test(t.text) &&
      !["only", "early", "family", "italy", "july"].includes(t.lower)
    ) {
      j--;
      continue;
    }
    break;
  }
  return { index: j, passive };
}

/** The sentence has material before the speaker that reads as what was said. */
function contentBefore(
  tokens: Token[],
  speakerRange: TokenRange | null,
  cue: Cue,
  form: AttributionForm,
): boolean {
  let e = (speakerRange && form !== "inverted" ? speakerRange.first : cue.first) - 1;
  if (e < 0 || !SEPARATORS.has(tokens[e]!.text)) return isQuoteMark(tokens[e]);
  while (e >= 0 && SEPARATORS.has(tokens[e]!.text)) e--;
  if (e >= 0 && isQuoteMark(tokens[e])) return true;
  return tokens.slice(0, e + 1).filter((t) => /\p{L}/u.test(t.text)).length >= 4;
}

/** Cues that often close a sentence whose content came first ("…, Peskov added."). */
const SENTENCE_FINAL_CUES = new Set(
  "say says said tell tells told add adds added stress stresses stressed note notes noted explain explains explained continue continues continued write writes wrote tweet tweets tweeted ask asks asked reply replies replied respond responds responded conclude concludes concluded joke jokes joked warn warns warned insist insists insisted argue argues argued claim claims claimed report reports reported announce announces announced state states stated".split(
    " ",
  ),
);

const ADJUNCT_STARTS = new Set([
  "with",
  "to",
  "of",
  "in",
  "on",
  "at",
  "during",
  "after",
  "before",
  "while",
  "as",
  "when",
  "from",
  "for",
  "about",
  "through",
  "via",
  "last",
  "this",
  "yesterday",
  "today",
  "tonight",
  "earlier",
  "later",
  "recently",
  "then",
  "again",
]);

/** "said with a laugh", "said Tuesday", "said answering a question": not what was said. */
function isAdjunct(t: Token | undefined): boolean {
  if (!t) return true;
  return ADJUNCT_STARTS.has(t.lower) || MONTH_OR_DAY.test(t.lower) || /^\p{Ll}+ing$/u.test(t.text);
}

const MONTH_OR_DAY =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)$/;

/** Words after a cue that start reported content: "that", a quote, a colon. */
function startsContent(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  const before = tokens[k - 1];
  return !!t && (t.lower === "that" || isQuoteMark(t) || before?.text === ":");
}

/**
 * "Tom Cole of Oklahoma, an ally of GOP leadership, said", "Sarandon, 69, told",
 * "Marley Anderson, 21, a junior from Las Vegas, said": the name before the appositives.
 */
export function beforeAppositive(tokens: Token[], comma: number): TokenRange | null {
  let end = comma;
  for (let segments = 0; segments < 2; segments++) {
    let m = end - 1;
    while (m >= 0 && end - m <= 12 && tokens[m]!.text !== ",") {
      const t = tokens[m]!;
      if (isQuoteMark(t) || t.text === ";" || t.text === "." || SPEECH_CUES.has(t.lower))
        return null;
      m--;
    }
    if (m < 0 || tokens[m]!.text !== ",") return null;
    const segment = tokens.slice(m + 1, end);
    const isAge = segment.length === 1 && /^\d{1,3}$/.test(segment[0]!.text);
    // "an ally of GOP leadership", "executive director of One Wisconsin Now", "R-NY"
    const describesSomeone = segment.some((t) => isCapitalized(t) || ROLE_NOUNS.has(t.lower));
    if (!isAge && !describesSomeone && !nounPhraseStartingAt(tokens, m + 1, end - 1)) return null;
    const name = nounPhraseEndingAt(tokens, m - 1);
    if (name && !PRONOUNS_OR_CLAUSE.has(tokens[name.last]!.lower)) return name;
    end = m;
  }
  return null;
}

const PRONOUNS_OR_CLAUSE = new Set(["who", "which", "that", "it", "they", "he", "she"]);

function span(tokens: Token[], range: TokenRange): Span {
  return { start: tokens[range.first]!.start, end: tokens[range.last]!.end };
}

function quoteEndingAt(quotes: Span[], end: number): Span | null {
  return quotes.find((q) => q.end === end) ?? null;
}

function quoteStartingAt(quotes: Span[], start: number): Span | null {
  return quotes.find((q) => q.start === start) ?? null;
}

/** Drops a sentence-final stop (outside quotes) from a content span. */
function trimContent(text: string, s: Span): Span {
  let { start, end } = s;
  while (end > start && /[\s.,;:!?—–-]/.test(text[end - 1]!) && !/[”"]/.test(text[end - 1]!)) end--;
  while (start < end && /[\s,:—–-]/.test(text[start]!)) start++;
  return { start, end };
}

/**
 * Finds the attributions of one sentence. `tokens` are the sentence's tokens; `quotes`
 * are the quotations that reach into it (which may extend beyond it) and the one that
 * closed just before it.
 */
export function findAttributions(
  text: string,
  tokens: Token[],
  sentence: Span,
  quotes: Span[],
): Attribution[] {
  const cues = findCues(tokens, quotes);
  const found: Attribution[] = [];
  // For each token, the index of the first semicolon at or after it (or the end).
  const semicolonFrom = new Int32Array(tokens.length);
  for (let i = tokens.length - 1, next = tokens.length; i >= 0; i--) {
    if (tokens[i]!.text === ";") next = i;
    semicolonFrom[i] = next;
  }
  // The last cue that made an attribution: its token index and the attribution's index.
  let lastCue: { token: number; attribution: number } | null = null;

  for (const [n, cue] of cues.entries()) {
    const nextCue = cues[n + 1];
    const cueSpan = { start: tokens[cue.first]!.start, end: tokens[cue.last]!.end };
    let attribution: Attribution | null = null;
    if (cue.according) {
      attribution = according(text, tokens, sentence, cue, cueSpan);
    } else {
      attribution = verbAttribution(
        text,
        tokens,
        sentence,
        quotes,
        cue,
        cueSpan,
        nextCue,
        found,
        lastCue,
        semicolonFrom,
      );
    }
    if (attribution && attribution.content.end > attribution.content.start) {
      lastCue = { token: cue.first, attribution: found.length };
      found.push(attribution);
    }
  }
  // A cue inside another attribution's content is part of what was said ("rejects" in
  // "Russia rejects …, Peskov said"), unless it names its own source explicitly.
  if (found.length === 0) {
    const colon = colonAttribution(text, tokens, quotes);
    if (colon) found.push(colon);
  }
  const within = (a: Attribution, b: Attribution) =>
    a.cue.start >= b.content.start && a.cue.end <= b.content.end;
  return found.filter(
    (a) =>
      a.form === "passive" ||
      a.form === "relative" ||
      a.form === "according" ||
      !found.some((b) => b !== a && b.speaker && within(a, b) && !within(b, a)),
  );
}

/** "Trump: 'We will win.'", "Poll: Clinton leads in Ohio": a source, a colon, the content. */
function colonAttribution(text: string, tokens: Token[], quotes: Span[]): Attribution | null {
  const c = tokens.findIndex((t) => t.text === ":");
  if (c < 1 || c > 12) return null;
  const np = nounPhraseStartingAt(tokens, 0, c - 1);
  if (!np || np.last !== c - 1) return null;
  const rest = tokens.slice(c + 1).filter((t) => /\p{L}/u.test(t.text));
  if (rest.length < 3) return null;
  const first = tokens[c + 1]!;
  const quote = isQuoteMark(first) ? quoteStartingAt(quotes, first.start) : null;
  const last = tokens.at(-1)!;
  return {
    form: "colon",
    cue: { start: tokens[c]!.start, end: tokens[c]!.end },
    speaker: span(tokens, np),
    antecedent: null,
    sharesSpeakerWith: null,
    content: quote ?? trimContent(text, { start: first.start, end: last.end }),
    direct: Boolean(quote),
  };
}

function according(
  text: string,
  tokens: Token[],
  sentence: Span,
  cue: Cue,
  cueSpan: Span,
): Attribution | null {
  const np = nounPhraseStartingAt(tokens, cue.last + 1);
  if (!np) return null;
  const speaker = span(tokens, np);
  const leading = tokens
    .slice(0, cue.first)
    .every((t) => CLAUSE_WORDS.has(t.lower) || t.text === ",");
  const content = leading
    ? trimContent(text, { start: tokens[np.last + 1]?.start ?? speaker.end, end: sentence.end })
    : trimContent(text, { start: sentence.start, end: tokens[cue.first]!.start });
  if (content.end - content.start < 8) return null;
  return {
    form: "according",
    cue: cueSpan,
    speaker,
    antecedent: null,
    sharesSpeakerWith: null,
    content,
    direct: false,
  };
}

function verbAttribution(
  text: string,
  tokens: Token[],
  sentence: Span,
  quotes: Span[],
  cue: Cue,
  cueSpan: Span,
  nextCue: Cue | undefined,
  found: Attribution[],
  lastCue: { token: number; attribution: number } | null,
  semicolonFrom: Int32Array,
): Attribution | null {
  const cueToken = tokens[cue.first]!;
  const back = skipAuxiliariesBack(tokens, cue.first - 1);
  let form: AttributionForm = "verb";
  let speakerRange: TokenRange | null = null;
  let antecedent: Span | null = null;
  let sharesSpeakerWith: number | null = null;

  // Passive with an agent: "was confirmed by the OPCW", "has been echoed by Nikki Haley".
  if (back.passive && tokens[cue.last + 1]?.lower === "by") {
    const agent = nounPhraseStartingAt(tokens, cue.last + 2);
    if (!agent) return null;
    let clauseStart = back.index;
    while (clauseStart >= 0 && ![",", ";", "—", "–"].includes(tokens[clauseStart]!.text))
      clauseStart--;
    const contentStart = tokens[clauseStart + 1]?.start ?? sentence.start;
    const contentEnd = tokens[back.index]?.end ?? contentStart;
    return {
      form: "passive",
      cue: cueSpan,
      speaker: span(tokens, agent),
      antecedent: null,
      sharesSpeakerWith: null,
      content: trimContent(text, { start: contentStart, end: contentEnd }),
      direct: false,
    };
  }
  if (back.passive) return null; // "is said to", "was reported": no source named

  const before = tokens[back.index];
  if (
    PARTICIPLE_CUES.has(cueToken.lower) &&
    before &&
    (before.text === "," || ["by", "after", "while", "before"].includes(before.lower))
  ) {
    form = "participle";
    sharesSpeakerWith = found.length > 0 ? found.length - 1 : null;
    if (sharesSpeakerWith === null) speakerRange = nounPhraseStartingAt(tokens, 0, back.index - 1);
  } else if (
    before &&
    (before.lower === "and" || before.text === ",") &&
    found.length > 0 &&
    lastCue !== null
  ) {
    // "Peskov added and warned …": the verb shares the subject of the previous one.
    if (lastCue.token < cue.first) {
      form = "conjoined";
      sharesSpeakerWith = lastCue.attribution;
    }
  } else if (before?.lower === "and" && tokens[back.index - 1]?.text !== "," && back.index > 2) {
    // "Reid caucused in Nevada and says …": the subject of the sentence.
    const subject = nounPhraseStartingAt(tokens, 0, back.index - 1);
    if (subject && subject.last < back.index - 1) {
      form = "conjoined";
      speakerRange = subject;
    }
  }
  if (form === "verb") {
    speakerRange = before ? nounPhraseEndingAt(tokens, back.index) : null;
    if (!speakerRange && before?.text === ",") speakerRange = beforeAppositive(tokens, back.index);
    if (!speakerRange && before?.text === ")") {
      // "Governor Mary Fallin (R-OK) said"
      let open = back.index;
      while (open > 0 && tokens[open]!.text !== "(" && back.index - open < 8) open--;
      if (tokens[open]?.text === "(") speakerRange = nounPhraseEndingAt(tokens, open - 1);
    }
    if (speakerRange && ["who", "which"].includes(tokens[speakerRange.first]!.lower)) {
      form = "relative";
      if (tokens[speakerRange.first - 1]?.text === ",") {
        const ante = nounPhraseEndingAt(tokens, speakerRange.first - 2);
        if (ante) antecedent = span(tokens, ante);
      }
    }
    if (!speakerRange) {
      // Inverted: "…," said Peskov. / "…," said the minister, adding …
      const after = nounPhraseStartingAt(tokens, cue.last + 1);
      const following = after ? tokens[after.last + 1] : undefined;
      const afterQuote =
        isQuoteMark(before) || (before?.text === "," && isQuoteMark(tokens[back.index - 1]));
      if (after && (afterQuote || !following || [",", ".", ";", "—"].includes(following.text))) {
        speakerRange = after;
        form = "inverted";
      }
    }
    if (!speakerRange) return null;
  }

  const speaker = speakerRange ? span(tokens, speakerRange) : null;
  let k = form === "inverted" ? speakerRange!.last + 1 : cue.last + 1;
  // "told Sputnik that", "told reporters": the hearer is not what was said.
  if (
    HEARER_CUES.has(cueToken.lower) &&
    ["tell", "tells", "told", "telling"].includes(cueToken.lower)
  ) {
    const hearer = nounPhraseStartingAt(tokens, k);
    if (hearer) k = hearer.last + 1;
    else if (/^\p{Ll}+s$/u.test(tokens[k]?.text ?? "") && tokens[k + 1]) k++; // "told supporters"
  }
  // "said in a statement that", "said on Twitter:": skip to the content.
  if (tokens[k] && PREPOSITIONS.has(tokens[k]!.lower)) {
    for (let m = k; m < Math.min(tokens.length, k + 10); m++) {
      const t = tokens[m]!;
      if (t.lower === "that" || t.text === ":") {
        k = t.text === ":" ? m + 1 : m;
        break;
      }
      if (t.text === "," || isQuoteMark(t) || SPEECH_CUES.has(t.lower)) break;
    }
  }
  while (tokens[k] && SEPARATORS.has(tokens[k]!.text)) k++;

  // Where the content after the cue stops: another attribution of the same subject, a
  // semicolon, or an "according to".
  let stop = k < tokens.length ? semicolonFrom[k]! : tokens.length;
  const m = nextCue?.first ?? -1;
  if (nextCue && m >= k && m < stop) {
    const joiner = tokens[m - 1];
    if ((joiner && (joiner.lower === "and" || joiner.text === ",")) || nextCue.according) {
      stop = joiner && (joiner.lower === "and" || joiner.text === ",") ? m - 1 : m;
      if (tokens[stop - 1]?.text === ",") stop--;
    } else {
      // ", Kremlin spokesman Dmitry Peskov said": the next cue has its own subject.
      const subject = nounPhraseEndingAt(tokens, skipAuxiliariesBack(tokens, m - 1).index, k);
      if (subject && tokens[subject.first - 1]?.text === ",") stop = subject.first - 1;
    }
  }

  let content: Span | null = null;
  let direct = false;
  // How many words follow the cue (counted up to five: all the tests below need).
  const afterTokens = { length: 0 };
  for (let w = k; w < stop && afterTokens.length < 5; w++)
    if (/\p{L}|\p{N}/u.test(tokens[w]!.text)) afterTokens.length++;
  // Words after the cue are the content only when they read as such ("that …", a quote,
  // a clause); "said with a laugh", "said Tuesday", "said of the ban" are adjuncts when
  // the content came first ("'…,' she said to cheers").
  const contentCameFirst =
    cue.first === cue.last &&
    SENTENCE_FINAL_CUES.has(cueToken.lower) &&
    contentBefore(tokens, speakerRange, cue, form);
  const afterIsContent =
    form !== "inverted" &&
    (afterTokens.length >= 2 || (afterTokens.length >= 1 && isQuoteMark(tokens[k]))) &&
    (!contentCameFirst ||
      startsContent(tokens, k) ||
      (afterTokens.length > 4 && !isAdjunct(tokens[k])));
  if (afterIsContent) {
    const opening = tokens[k];
    const quote = opening && isQuoteMark(opening) ? quoteStartingAt(quotes, opening.start) : null;
    if (quote) {
      content = quote;
      direct = true;
    } else {
      content = trimContent(text, { start: tokens[k]!.start, end: tokens[stop - 1]!.end });
    }
  } else {
    // The content came first: "'…,' Peskov added." / "Russia rejects …, Peskov said."
    let e = (speakerRange && form !== "inverted" ? speakerRange.first : cue.first) - 1;
    while (e >= 0 && SEPARATORS.has(tokens[e]!.text)) e--;
    if (e < 0) {
      // '"… missing." Trump said.': the quotation closed just before this sentence.
      const previous = quotes.find(
        (q) => q.end <= sentence.start && /^\s*$/.test(text.slice(q.end, sentence.start)),
      );
      if (!previous) return null;
      const speaker = speakerRange ? span(tokens, speakerRange) : null;
      return {
        form,
        cue: cueSpan,
        speaker,
        antecedent,
        sharesSpeakerWith,
        content: previous,
        direct: true,
      };
    }
    const quote = isQuoteMark(tokens[e]) ? quoteEndingAt(quotes, tokens[e]!.end) : null;
    if (quote) {
      content = quote;
      direct = true;
    } else {
      let s = 0;
      // Start after an earlier attribution in the same sentence, if any.
      const earlier = found.at(-1);
      if (earlier && earlier.content.end <= tokens[e]!.start) {
        while (s < e && tokens[s]!.start < earlier.content.end) s++;
        while (s < e && (SEPARATORS.has(tokens[s]!.text) || CLAUSE_WORDS.has(tokens[s]!.lower)))
          s++;
      }
      content = trimContent(text, { start: tokens[s]!.start, end: tokens[e]!.end });
      const words = tokens.slice(s, e + 1).filter((t) => /\p{L}/u.test(t.text));
      if (words.length < 3) return null;
    }
  }
  if (!content) return null;
  // A determiner-led single word is rarely a claim ("the issue").
  if (DETERMINERS.has(text.slice(content.start, content.end).toLowerCase())) return null;
  return { form, cue: cueSpan, speaker, antecedent, sharesSpeakerWith, content, direct };
}
