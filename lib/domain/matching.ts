/**
 * Text for matching claims that say the same thing in other words: lower case, accents
 * and punctuation gone, numbers written as words turned to digits, light stemming, stop
 * words dropped, and the remaining words sorted, so that word order does not matter to
 * Postgres's trigram similarity over it.
 */
const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1_000,
  million: 1_000_000,
  billion: 1_000_000_000,
};

const STOP = new Set(
  (
    "a an the and or but of to in on at by for with from as is are was were be been being has have had do does did " +
    "that this these those it its their his her they he she we you i not no so than then there which who whom what " +
    "will would can could should may might must also just into over about after before said says say told"
  ).split(" "),
);

/** "forty two" → "42", "3.5 million" stays numeric; other words pass through. */
function numbersToDigits(words: string[]): string[] {
  const out: string[] = [];
  let value: number | null = null;
  let current = 0;
  const flush = () => {
    if (value !== null) out.push(String(value + current));
    value = null;
    current = 0;
  };
  for (const word of words) {
    if (word in UNITS) {
      value ??= 0;
      current += UNITS[word]!;
    } else if (word in SCALES && (value !== null || current > 0)) {
      value ??= 0;
      value += (current || 1) * SCALES[word]!;
      current = 0;
    } else if (word === "and" && value !== null) {
      continue;
    } else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out;
}

/** A light stemmer: enough to meet "attacks"/"attacked"/"attacking" at "attack". */
export function stem(word: string): string {
  if (/^\d/.test(word) || word.length <= 4) return word;
  if (word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.endsWith("ing") && word.length > 6) return word.slice(0, -3);
  if (word.endsWith("ed") && word.length > 5) return word.slice(0, -2);
  if (word.endsWith("es") && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** The text's words as matching compares them, in order, repeats kept (for BM25). */
export function matchWords(text: string): string[] {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/(\d),(\d{3})/g, "$1$2")
    .replace(/%/g, " percent ")
    .replace(/\bper cent\b/g, "percent")
    .split(/[^\p{L}\p{N}.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, ""))
    .filter(Boolean);
  return numbersToDigits(words)
    .filter((w) => !STOP.has(w))
    .map(stem);
}

export function matchText(text: string): string {
  return [...new Set(matchWords(text))].sort().join(" ");
}

/** 32-bit FNV-1a of a string, with a seed folded in. */
function fnv(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export const LSH_BANDS = 20;
const LSH_ROWS = 2;

/**
 * Locality-sensitive hashing of the match text's word set (MinHash, 20 bands of 2): two
 * claims whose word sets overlap by Jaccard 0.43 share at least one band 98% of the time,
 * by 0.3 85%, by 0.05 5%. A GIN index over these integers finds the candidates of a
 * similarity search without scanning trigrams of every claim.
 */
export function matchBands(text: string): number[] {
  const words = text.split(" ").filter(Boolean);
  if (words.length === 0) return [];
  const bands: number[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    const mins: number[] = [];
    for (let row = 0; row < LSH_ROWS; row++) {
      const seed = band * LSH_ROWS + row + 1;
      let min = 0xffffffff;
      for (const word of words) min = Math.min(min, fnv(word, Math.imul(seed, 0x9e3779b1)));
      mins.push(min);
    }
    // Signed 32-bit, as Postgres integers are.
    bands.push(fnv(`${band}:${mins.join(",")}`, 0) | 0);
  }
  return bands;
}

/** The stored matching columns of a claim text. */
export function matchFields(text: string): { matchText: string; matchBands: number[] } {
  const normalised = matchText(text);
  return { matchText: normalised, matchBands: matchBands(normalised) };
}
