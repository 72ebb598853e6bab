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
  publisher: string | null;
  date: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() ? value.trim() : null;

const nameOf = (value: unknown): string | null =>
  text(value) ??
  (value && typeof value === "object" ? text((value as Record<string, unknown>).name) : null);

function isClaimReview(node: Record<string, unknown>): boolean {
  const type = node["@type"];
  return Array.isArray(type) ? type.includes("ClaimReview") : type === "ClaimReview";
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
    if (!id || !claim) return null;
    return {
      id,
      claim,
      title: text(node.title),
      subtitle: text(node.subtitle),
      rating: null,
      publisher: nameOf(node.author),
      date: text(node.date),
    };
  }
  const id = text(node.url);
  const claim = text(node.claimReviewed);
  if (!id || !claim) return null;
  const rating = node.reviewRating as Record<string, unknown> | undefined;
  return {
    id,
    claim,
    title: text(node.headline) ?? text(node.name),
    subtitle: text(node.description),
    rating: rating ? (text(rating.alternateName) ?? text(rating.name)) : null,
    publisher: nameOf(node.author),
    date: text(node.datePublished),
  };
}

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
