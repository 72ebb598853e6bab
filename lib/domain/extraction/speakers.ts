import { PERSON_PRONOUNS, ROLE_NOUNS } from "./lexicon";
import { countStep } from "./work";

/**
 * The speakers of one article. Mentions are merged into speakers: full names with their
 * titles, bare surnames, variant spellings of a surname, descriptions ("the deputy
 * minister") and pronouns resolve to the person they refer to.
 */
export interface Speaker {
  id: number;
  name: string;
  title: string | null;
  isPerson: boolean;
  aliases: Set<string>;
  /** Order of the last mention, for "most recent" look-ups. */
  lastSeen: number;
}

const DIPLOMATIC = [
  "secretary of state",
  "ambassador",
  "envoy",
  "foreign minister",
  "diplomat",
  "consul",
];
const GENERIC_PERSON_HEADS = new Set([
  "official",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "minister",
  "diplomat",
  "envoy",
  "ambassador",
  "senator",
  "governor",
  "president",
  "secretary",
  "chief",
  "leader",
  "lawyer",
  "attorney",
  "adviser",
  "advisor",
  "aide",
  "candidate",
  "nominee",
  "mayor",
  "director",
  "chairman",
  "chairwoman",
  "ceo",
  "founder",
  "professor",
  "judge",
  "prosecutor",
  "premier",
  "chancellor",
  "general",
  "commander",
  "representative",
  "congressman",
  "congresswoman",
  "lawmaker",
  "economist",
  "analyst",
  "expert",
  "researcher",
  "officer",
]);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function isTitleWord(word: string): boolean {
  return ROLE_NOUNS.has(word.toLowerCase());
}

/** Splits "Kremlin spokesman Dmitry Peskov" into a title and a personal name. */
export function splitTitleAndName(mention: string): {
  title: string | null;
  name: string;
  personal: boolean;
} {
  const parts = mention.replace(/^(?:the|a|an)\s+/i, "").split(/\s+/);
  let k = parts.length;
  // A personal name: the trailing Titlecase words that are not title words or acronyms.
  while (k > 0) {
    const w = parts[k - 1]!;
    if (/^\p{Lu}[\p{Ll}’'.-]/u.test(w) && !isTitleWord(w) && !/^(?:of|the|to|for)$/i.test(w)) k--;
    else break;
  }
  const name = parts.slice(k).join(" ");
  const title = parts.slice(0, k).join(" ") || null;
  if (!name) return { title: null, name: parts.join(" "), personal: false };
  const personal =
    parts.length - k >= 2 ||
    (title !== null && title.split(" ").some((w) => GENERIC_PERSON_HEADS.has(w.toLowerCase())));
  return { title, name, personal };
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length]!;
}

function surname(name: string): string {
  return name.split(/\s+/).at(-1)!.toLowerCase();
}

function sameSurname(a: string, b: string): boolean {
  if (a === b) return true;
  return Math.min(a.length, b.length) >= 5 && editDistance(a, b) <= 1;
}

/**
 * The most speakers one article may have. News articles name a few dozen at most; the cap
 * keeps every look-up (each scans the speakers) bounded, so a text made of names costs
 * linear time. Mentions beyond it resolve to nobody.
 */
export const MAX_SPEAKERS = 200;

export class SpeakerRegistry {
  readonly speakers: Speaker[] = [];
  private clock = 0;
  /** Lower-cased aliases to their speaker, for exact look-ups. */
  private readonly byAlias = new Map<string, Speaker>();

  /** Notes a titled person named outside an attribution, as a person a pronoun may refer to. */
  observe(mention: string): void {
    const speaker = this.resolve(mention);
    if (speaker && splitTitleAndName(mention).title) speaker.isPerson = true;
  }

  /** Resolves one mention to a speaker (creating one when it names someone new). */
  resolve(mention: string, hint?: { antecedent?: Speaker | null }): Speaker | null {
    this.clock++;
    const lower = mention.toLowerCase().trim();
    if (lower === "who" || lower === "which") return this.touch(hint?.antecedent ?? null);
    if (PERSON_PRONOUNS.has(lower)) return this.touch(this.mostRecent((s) => s.isPerson));
    if (["they", "it", "we", "i", "you"].includes(lower)) {
      return this.touch(this.mostRecent((s) => !s.isPerson) ?? null);
    }
    const bare = mention.replace(/^(?:the|a|an|this|that|these|those|his|her|its|their)\s+/i, "");
    // A description ends in a lower-case noun: "the deputy minister", "the Russian diplomat".
    if (!/\p{Lu}/u.test(bare.split(/\s+/).at(-1) ?? "")) return this.touch(this.describe(mention));
    const { title, name, personal } = splitTitleAndName(mention);
    const existing = this.findByName(name);
    if (existing) {
      if (name.split(" ").length > existing.name.split(" ").length) existing.name = name;
      if (title && (!existing.title || title.length > existing.title.length))
        existing.title = title;
      this.addAlias(existing, name);
      existing.isPerson ||= personal;
      return this.touch(existing);
    }
    return this.add(name, title, personal);
  }

  private add(name: string, title: string | null, isPerson: boolean): Speaker | null {
    if (this.speakers.length >= MAX_SPEAKERS) return null;
    const speaker: Speaker = {
      id: this.speakers.length,
      name,
      title,
      isPerson,
      aliases: new Set(),
      lastSeen: this.clock,
    };
    this.addAlias(speaker, name);
    this.speakers.push(speaker);
    return speaker;
  }

  private addAlias(speaker: Speaker, alias: string): void {
    speaker.aliases.add(alias);
    // The earliest speaker known by an alias wins, as a scan in order would find it.
    const key = alias.toLowerCase();
    const current = this.byAlias.get(key);
    if (!current || speaker.id < current.id) this.byAlias.set(key, speaker);
  }

  private touch(speaker: Speaker | null): Speaker | null {
    if (speaker) speaker.lastSeen = this.clock;
    return speaker;
  }

  private findByName(name: string): Speaker | null {
    const last = surname(name);
    const first = name.split(/\s+/).length > 1 ? name.split(/\s+/)[0]!.toLowerCase() : null;
    const exact = this.byAlias.get(name.toLowerCase());
    if (exact) return exact;
    for (const speaker of this.speakers) {
      countStep();
      if (
        !speaker.isPerson &&
        speaker.name.split(" ").length === 1 &&
        speaker.name.toLowerCase() !== last
      )
        continue;
      if (!sameSurname(surname(speaker.name), last)) continue;
      const theirFirst =
        speaker.name.split(/\s+/).length > 1 ? speaker.name.split(/\s+/)[0]!.toLowerCase() : null;
      if (first && theirFirst && first !== theirFirst && first[0] !== theirFirst[0]) continue;
      return speaker;
    }
    return null;
  }

  /** "the deputy minister", "the diplomat": the most recent person whose title fits. */
  private describe(mention: string): Speaker | null {
    const described = words(mention).filter(
      (w) => !["the", "a", "an", "this", "that", "his", "her", "its", "their"].includes(w),
    );
    const head = described.at(-1);
    if (!head) return null;
    const fits = (s: Speaker) => {
      if (!s.title) return false;
      const title = s.title.toLowerCase();
      if (head === "diplomat" || head === "diplomats")
        return DIPLOMATIC.some((d) => title.includes(d));
      return described.every((w) => words(title).includes(w));
    };
    const match = this.mostRecent(fits);
    if (match) return match;
    // "the mayor" with no titled person before it: a speaker known by that description.
    const bare = described.join(" ");
    const known = this.speakers.find((s) => s.aliases.has(bare));
    if (known) return known;
    return this.add(bare, null, GENERIC_PERSON_HEADS.has(head));
  }

  private mostRecent(predicate: (s: Speaker) => boolean): Speaker | null {
    let best: Speaker | null = null;
    for (const s of this.speakers) {
      countStep();
      if (predicate(s) && (!best || s.lastSeen > best.lastSeen)) best = s;
    }
    return best;
  }

  /** The display name with title: "Kremlin spokesman Dmitry Peskov". */
  static label(speaker: Speaker): string {
    return speaker.title ? `${speaker.title} ${speaker.name}` : speaker.name;
  }
}
