import { parseFeed } from "feedsmith";
import { MAX_URL_LENGTH } from "@/lib/validation/article";
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from "./json-depth";

/** One entry of a feed: its stable key (guid or id, else its link), its address, its title. */
export interface FeedEntryRef {
  key: string;
  url: string;
  title: string | null;
}

export interface ParsedFeed {
  format: "rss" | "atom" | "json" | "rdf";
  title: string | null;
  entries: FeedEntryRef[];
  /** Entries left out, and why, for the Feeds page; null when none was. */
  note: string | null;
}

/** At most this many entries are taken from one poll (the first, i.e. usually the newest). */
export const MAX_FEED_ENTRIES = 100;

/**
 * XML nested deeper than this is refused by feedsmith's parser (fast-xml-parser's
 * `maxNestedTags`, an explicit limit of its own, not the runtime's stack).
 */
export const MAX_FEED_XML_DEPTH = 100;

const NOT_A_FEED = "is not a feed (RSS, Atom or JSON Feed)";

const str = (value: unknown): string | null => {
  if (typeof value === "string") return value.trim() || null;
  if (value && typeof value === "object" && "value" in value) return str(value.value);
  return null;
};

function absolute(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Reads RSS, Atom, RDF or JSON Feed text (feedsmith) into its entries with an address,
 * relative links resolved against the feed's own. Throws with a readable message when the
 * text is not a feed.
 */
export function readFeed(text: string, feedUrl: string): ParsedFeed {
  if (/^\s*[[{]/.test(text) && jsonNestsDeeperThan(text)) {
    throw new Error(`${NOT_A_FEED}: it nests more than ${MAX_JSON_DEPTH} levels deep`);
  }
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    const cause = String((error as { cause?: unknown }).cause ?? "");
    throw new Error(
      /nested tags/i.test(cause)
        ? `${NOT_A_FEED}: it nests more than ${MAX_FEED_XML_DEPTH} levels deep`
        : NOT_A_FEED,
    );
  }
  const raw: Array<{ key: string | null; href: string | null; title: string | null }> = [];
  const { format, feed } = parsed as {
    format: ParsedFeed["format"];
    feed: Record<string, unknown>;
  };
  const list = (value: unknown) =>
    Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  switch (format) {
    case "atom":
      for (const entry of list(feed.entries)) {
        const links = list(entry.links);
        const link =
          links.find((l) => !l.rel || l.rel === "alternate") ??
          links.find((l) => typeof l.href === "string");
        raw.push({ key: str(entry.id), href: str(link?.href), title: str(entry.title) });
      }
      break;
    case "json":
      for (const item of list(feed.items)) {
        raw.push({
          key: str(item.id),
          href: str(item.url) ?? str(item.external_url),
          title: str(item.title),
        });
      }
      break;
    default:
      for (const item of list(feed.items)) {
        const guid = str(item.guid);
        const link = str(item.link) ?? (guid && /^https?:\/\//i.test(guid) ? guid : null);
        raw.push({ key: guid, href: link, title: str(item.title) });
      }
  }
  const seen = new Set<string>();
  const entries: FeedEntryRef[] = [];
  let tooLong = 0;
  for (const { key, href, title } of raw) {
    // Bounded like the import form's addresses (a 2 MB link was once stored and fetched).
    if (href && href.length > MAX_URL_LENGTH) {
      tooLong++;
      continue;
    }
    const url = absolute(href, feedUrl);
    if (!url || url.length > MAX_URL_LENGTH) {
      if (url) tooLong++;
      continue;
    }
    const id = (key ?? url).slice(0, MAX_URL_LENGTH);
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push({ key: id, url, title: title?.slice(0, 500) ?? null });
    if (entries.length >= MAX_FEED_ENTRIES) break;
  }
  const note = tooLong
    ? `${tooLong} ${tooLong === 1 ? "entry was" : "entries were"} skipped: ${tooLong === 1 ? "its link is" : "their links are"} longer than ${MAX_URL_LENGTH.toLocaleString("en")} characters`
    : null;
  return { format, title: str(feed.title)?.slice(0, 300) ?? null, entries, note };
}
