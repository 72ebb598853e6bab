/**
 * Fact-check records as the matcher reads them, from the two shapes fact-checks come in:
 * schema.org ClaimReview (JSON-LD, alone, in an array or in an `@graph`) and the
 * CheckThat! claim-matching `vclaim` records. Nothing else of a record is needed to match.
 */
export interface FactCheckRecord {
  /** CheckThat!'s `vclaim_id`, else the fact-check page's address. */
  id: string;
  /** The claim as checked. */
  claim: string;
  /** The fact-check's headline and subtitle, when it has them. */
  title: string | null;
  subtitle: string | null;
  rating: string | null;
  /** The rating's number on the publisher's scale (ClaimReview's ratingValue). */
  ratingValue: number | null;
  publisher: string | null;
  /** Who made the claim (ClaimReview's itemReviewed author). */
  claimant: string | null;
  date: string | null;
  /** The fact-check page's address (null for CheckThat! records, which have none). */
  url: string | null;
  language: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() ? value.trim() : null;

const nameOf = (value: unknown): string | null =>
  text(value) ??
  (Array.isArray(value)
    ? nameOf(value[0])
    : value && typeof value === "object"
      ? text((value as Record<string, unknown>).name)
      : null);

const numberOf = (value: unknown): number | null => {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
};

const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

function isClaimReview(node: Record<string, unknown>): boolean {
  const type = node["@type"];
  return Array.isArray(type) ? type.includes("ClaimReview") : type === "ClaimReview";
}

/** The longest address or id a record may have (it is the library's key, indexed). */
const MAX_KEY = 2000;

/** An absolute http(s) address, or null: a fact-check's page must be one to be linked to. */
function webAddress(value: unknown): string | null {
  const raw = text(value);
  if (!raw || raw.length > MAX_KEY) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The records in one parsed JSON value: a `vclaim` record, a ClaimReview, or an array or
 * `@graph` of them (one level: JSON-LD nests no deeper in practice, and a hostile document
 * gains nothing by nesting). What is neither is skipped.
 */
export function recordsOf(value: unknown): FactCheckRecord[] {
  const nodes: unknown[] = Array.isArray(value) ? value : [value];
  const out: Array<Record<string, unknown>> = [];
  for (const node of nodes) {
    if (!node || typeof node !== "object") continue;
    const obj = node as Record<string, unknown>;
    if (Array.isArray(obj["@graph"])) {
      out.push(...(obj["@graph"] as unknown[]).flatMap((n) => (isRecord(n) ? [n] : [])));
    } else if (isRecord(obj)) out.push(obj);
  }
  return out.map(toRecord).filter((r): r is FactCheckRecord => r !== null);
}

const isRecord = (node: unknown): node is Record<string, unknown> =>
  Boolean(node) &&
  typeof node === "object" &&
  (isClaimReview(node as Record<string, unknown>) || "vclaim" in (node as object));

function toRecord(node: Record<string, unknown>): FactCheckRecord | null {
  if ("vclaim" in node) {
    const id = text(node.vclaim_id);
    const claim = text(node.vclaim);
    if (!id || !claim || id.length > MAX_KEY) return null;
    return {
      id,
      claim,
      title: text(node.title),
      subtitle: text(node.subtitle),
      rating: null,
      ratingValue: null,
      publisher: nameOf(node.author),
      claimant: null,
      date: text(node.date),
      url: null,
      language: null,
    };
  }
  const id = webAddress(node.url);
  const claim = text(node.claimReviewed);
  if (!id || !claim) return null;
  const rating = objectOf(node.reviewRating);
  const item = objectOf(node.itemReviewed);
  return {
    id,
    claim,
    title: text(node.headline) ?? text(node.name),
    subtitle: text(node.description),
    rating: rating ? (text(rating.alternateName) ?? text(rating.name)) : null,
    ratingValue: rating ? numberOf(rating.ratingValue) : null,
    publisher: nameOf(node.author),
    claimant: item ? nameOf(item.author) : null,
    date: text(node.datePublished),
    url: id,
    language: text(node.inLanguage) ?? nameOf(node.inLanguage),
  };
}

/**
 * What deduplicates a record in the library: its page's address, or for a CheckThat!
 * record (which has none) its id.
 */
export const libraryKey = (r: FactCheckRecord): string => (r.url ? r.id : `vclaim:${r.id}`);

/** What the lexical stage reads of a record: its claim, title and subtitle. */
export const lexicalText = (r: FactCheckRecord): string =>
  [r.claim, r.title, r.subtitle].filter(Boolean).join(" \n");

/**
 * A query as the matchers read it: a tweet's links, handles and trailing "— Name (@handle)
 * date" signature are not the claim.
 */
export function queryText(raw: string): string {
  return raw
    .replace(/\s+—\s+[^—]*\(@\w+\)[^—]*$/u, "")
    .replace(/https?:\/\/\S+|pic\.twitter\.com\/\S+/g, " ")
    .replace(/@(\w+)/g, "$1")
    .replace(/#(\w+)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
