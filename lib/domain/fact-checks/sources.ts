/**
 * Fact-check records from where other fact-checkers publish them: the ClaimReview JSON-LD
 * of their pages, and spreadsheets (CSV with named columns). Files of JSON and JSON Lines
 * are read by records.ts's `recordsOf`, a value (or line) at a time.
 */
import { createHash } from "node:crypto";
import { Parser } from "htmlparser2";
import { parse as parseCsv } from "csv-parse/sync";
import { jsonNestsDeeperThan } from "@/lib/domain/import/json-depth";
import { recordsOf, type FactCheckRecord } from "./records";

/** A JSON-LD block larger than this is skipped (a fact-check page's are a few kilobytes). */
const MAX_JSON_LD = 200_000;

/** The fact-checks one page holds, or why it holds none. */
export type PageRecords = { ok: true; records: FactCheckRecord[] } | { ok: false; reason: string };

/**
 * The ClaimReview records in a fact-check page's JSON-LD: alone, in an array or an
 * `@graph`, several on one page. A review without its own `url` is the page's (made
 * absolute against it). Reviews sharing one address are told apart by their claim, so
 * that deduplication by address keeps each. The HTML is read by a streaming parser (linear,
 * no DOM); blocks too large, too deep or not JSON are skipped.
 */
export function claimReviewsInPage(html: string, pageUrl: string): PageRecords {
  const blocks: string[] = [];
  let inJsonLd = false;
  let current = "";
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        inJsonLd =
          name === "script" &&
          (attributes.type ?? "").trim().toLowerCase() === "application/ld+json";
        current = "";
      },
      ontext(data) {
        if (inJsonLd && current.length <= MAX_JSON_LD) current += data;
      },
      onclosetag(name) {
        if (name === "script" && inJsonLd) blocks.push(current);
        inJsonLd = false;
      },
    },
    { decodeEntities: false },
  );
  parser.write(html);
  parser.end();
  const nodes: unknown[] = [];
  for (const block of blocks) {
    if (block.length > MAX_JSON_LD || jsonNestsDeeperThan(block)) continue;
    try {
      nodes.push(withPageUrl(JSON.parse(block), pageUrl));
    } catch {
      // A broken block is skipped; the others still count.
    }
  }
  const records = distinctAddresses(nodes.flatMap((n) => recordsOf(n)));
  if (records.length > 0) return { ok: true, records };
  return {
    ok: false,
    reason:
      blocks.length === 0
        ? "the page has no JSON-LD, so no ClaimReview"
        : "the page's JSON-LD holds no ClaimReview with the claim reviewed",
  };
}

/** ClaimReview nodes (top level, in arrays or an @graph) given the page's address as theirs when they have none. */
function withPageUrl(value: unknown, pageUrl: string): unknown {
  const fix = (node: unknown): unknown => {
    if (!node || typeof node !== "object" || Array.isArray(node)) return node;
    const obj = node as Record<string, unknown>;
    if (Array.isArray(obj["@graph"])) return { ...obj, "@graph": obj["@graph"].map(fix) };
    const type = obj["@type"];
    const isReview = Array.isArray(type) ? type.includes("ClaimReview") : type === "ClaimReview";
    if (!isReview) return node;
    return { ...obj, url: absolute(typeof obj.url === "string" ? obj.url : "", pageUrl) };
  };
  return Array.isArray(value) ? value.map(fix) : fix(value);
}

function absolute(url: string, base: string): string {
  try {
    const resolved = new URL(url || base, base);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : base;
  } catch {
    return base;
  }
}

/** Records sharing an address, each after the first given an id of the address and its claim. */
function distinctAddresses(records: FactCheckRecord[]): FactCheckRecord[] {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  return records.map((r) =>
    counts.get(r.id)! > 1 ? { ...r, id: `${r.id}#claim-${shortHash(r.claim)}` } : r,
  );
}

const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 10);

/** The column names a fact-check spreadsheet may use for each field (compared lower-cased, without spaces, dashes or underscores). */
const COLUMNS = {
  claim: ["claim", "claimreviewed", "claimtext", "statement"],
  url: ["url", "link", "factcheckurl", "reviewurl", "address"],
  rating: ["rating", "ratingname", "verdict", "textualrating", "alternatename"],
  ratingValue: ["ratingvalue", "score"],
  publisher: ["publisher", "author", "factchecker", "organisation", "organization"],
  claimant: ["claimant", "speaker", "claimby"],
  date: ["date", "datepublished", "reviewdate", "published"],
  language: ["language", "lang", "inlanguage"],
  title: ["title", "headline"],
} as const;

const normalise = (name: string) => name.toLowerCase().replace(/[\s_\-]+/g, "");

/**
 * Records from a CSV file with a header row naming its columns (see COLUMNS: `claim` and
 * `url` are needed, the rest optional). Rows without a claim or address are skipped with
 * their line number. Throws when the header lacks either column.
 */
export function recordsFromCsv(text: string): {
  records: FactCheckRecord[];
  skipped: number;
  problems: string[];
} {
  const rows = parseCsv(text, {
    bom: true,
    columns: (header: string[]) => header.map(normalise),
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as Array<Record<string, string | undefined>>;
  const header = new Set(Object.keys(rows[0] ?? {}));
  const pick = (row: Record<string, string | undefined>, field: keyof typeof COLUMNS) => {
    for (const name of COLUMNS[field]) {
      const value = row[name]?.trim();
      if (value) return value;
    }
    return null;
  };
  for (const field of ["claim", "url"] as const) {
    if (rows.length > 0 && !COLUMNS[field].some((c) => header.has(c))) {
      throw new Error(
        `the CSV has no ${field} column (one of: ${COLUMNS[field].join(", ")}); its columns are ${[...header].join(", ")}`,
      );
    }
  }
  const records: FactCheckRecord[] = [];
  const problems: string[] = [];
  let skipped = 0;
  rows.forEach((row, i) => {
    const claim = pick(row, "claim");
    const url = pick(row, "url");
    if (!claim || !url || !/^https?:\/\//i.test(url)) {
      skipped++;
      if (problems.length < 5) {
        problems.push(`row ${i + 2}: ${!claim ? "no claim" : "no http(s) address"}`);
      }
      return;
    }
    const ratingValue = pick(row, "ratingValue");
    const value = ratingValue === null ? NaN : Number(ratingValue);
    records.push({
      id: url,
      claim,
      title: pick(row, "title"),
      subtitle: null,
      rating: pick(row, "rating"),
      ratingValue: Number.isFinite(value) ? value : null,
      publisher: pick(row, "publisher"),
      claimant: pick(row, "claimant"),
      date: pick(row, "date"),
      url,
      language: pick(row, "language"),
    });
  });
  return { records, skipped, problems };
}
