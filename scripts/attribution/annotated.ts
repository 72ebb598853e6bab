/**
 * Scores an extractor on a small annotated set in ClaimDesk's own JSON form
 * (tests/fixtures/spanish-news.json): each article's claims as a speaker and the exact
 * passage said. A predicted claim matches a gold one of the same article when their
 * contents are the same passage (strict) or overlap by half the longer one (lenient); its
 * speaker is right when the names agree, ignoring case, accents and a leading article.
 */
import type { ExtractionResult } from "@/lib/domain/extraction/extract";

export interface AnnotatedClaim {
  speaker: string;
  content: string;
  kind: string;
}
export interface AnnotatedArticle {
  id: string;
  set: string;
  text: string;
  claims: AnnotatedClaim[];
}

export interface AnnotatedScore {
  articles: number;
  gold: number;
  predicted: number;
  strict: { precision: number; recall: number; f1: number };
  lenient: { precision: number; recall: number; f1: number };
  /** Of the gold claims found (lenient), the share whose speaker is right. */
  speakerAccuracy: number;
  /** Claims missed and claims proposed that are none of the gold ones, for reading. */
  misses: string[];
  spurious: string[];
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/^(?:el|la|los|las|the)\s+/, "")
    .replace(/[«»“”"]/g, "")
    .replace(/[\s.,;:]+$/u, "")
    .trim();

const prf = (tp: number, predicted: number, gold: number) => {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
};

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return shared > 0 ? shared / Math.max(a.end - a.start, b.end - b.start) : 0;
}

export function scoreAnnotated(
  articles: AnnotatedArticle[],
  extract: (text: string) => ExtractionResult,
): AnnotatedScore {
  let gold = 0;
  let predicted = 0;
  let strict = 0;
  let lenient = 0;
  let speakersRight = 0;
  const misses: string[] = [];
  const spurious: string[] = [];
  for (const article of articles) {
    const result = extract(article.text);
    predicted += result.claims.length;
    gold += article.claims.length;
    const used = new Set<number>();
    for (const want of article.claims) {
      const at = article.text.indexOf(want.content);
      if (at < 0) throw new Error(`${article.id}: "${want.content}" is not in the text`);
      const span = { start: at, end: at + want.content.length };
      const index = result.claims.findIndex(
        (c, i) => !used.has(i) && overlap(c.content, span) >= 0.5,
      );
      if (index < 0) {
        misses.push(`${article.id}: ${want.speaker}: ${want.content}`);
        continue;
      }
      used.add(index);
      const claim = result.claims[index]!;
      lenient++;
      const said = article.text.slice(claim.content.start, claim.content.end);
      if (normalise(said) === normalise(want.content)) strict++;
      const name = claim.speakerRef === null ? "" : result.speakers[claim.speakerRef]!.name;
      if (normalise(name) === normalise(want.speaker)) speakersRight++;
      else misses.push(`${article.id}: speaker "${name}" for ${want.speaker}: ${want.content}`);
    }
    result.claims.forEach((c, i) => {
      if (!used.has(i)) spurious.push(`${article.id}: ${c.text}`);
    });
  }
  return {
    articles: articles.length,
    gold,
    predicted,
    strict: prf(strict, predicted, gold),
    lenient: prf(lenient, predicted, gold),
    speakerAccuracy: lenient ? speakersRight / lenient : 0,
    misses,
    spurious,
  };
}
