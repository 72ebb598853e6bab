/**
 * What a news page says about itself: JSON-LD (`NewsArticle` and kin, in a graph or
 * not), OpenGraph and plain `<meta>` tags, and `<link rel="canonical">`, in that order of
 * trust. Read from the page's parsed document (linkedom), never by regular expressions
 * over the HTML; each JSON-LD block is bounded in size before it is parsed.
 */
import { jsonNestsDeeperThan } from "./json-depth";

export interface PageMetadata {
  title: string | null;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  /** The page's canonical address, absolute, http(s) only. */
  canonicalUrl: string | null;
}

/** The part of a DOM document read here (linkedom's and the browser's alike). */
interface QueryableDocument {
  querySelectorAll(selector: string): Iterable<{
    getAttribute(name: string): string | null;
    textContent: string | null;
  }>;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|Report|LiveBlogPosting)$/;
const MAX_JSON_LD = 200_000;

type Node = Record<string, unknown>;

/** The text a JSON-LD value stands for: itself, its first item, or its name (a loop: no stack). */
const text = (value: unknown): string | null => {
  for (let v = value; v !== null && v !== undefined;) {
    if (typeof v === "string") return v.trim() || null;
    if (Array.isArray(v)) v = v[0];
    else if (typeof v === "object") {
      const node = v as Node;
      v = node.name ?? node["@value"] ?? node["@id"] ?? node.url;
    } else return null;
  }
  return null;
};

/** Names of one or more authors ("A and B"). */
const names = (value: unknown): string | null => {
  const list = (Array.isArray(value) ? value : [value]).map(text).filter(Boolean) as string[];
  if (list.length === 0) return null;
  return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
};

function articleNode(blocks: unknown[]): Node | null {
  const queue = [...blocks];
  for (let seen = 0; queue.length > 0 && seen < 500; seen++) {
    const node = queue.shift();
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    if (!node || typeof node !== "object") continue;
    const n = node as Node;
    const types = Array.isArray(n["@type"]) ? n["@type"] : [n["@type"]];
    if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t))) return n;
    if (Array.isArray(n["@graph"])) queue.push(...n["@graph"]);
  }
  return null;
}

function absoluteUrl(value: string | null, base: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base ?? undefined);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function readPageMetadata(
  document: QueryableDocument,
  pageUrl: string | null,
): PageMetadata {
  const meta = new Map<string, string>();
  for (const tag of document.querySelectorAll("meta")) {
    const key = (tag.getAttribute("property") ?? tag.getAttribute("name") ?? "").toLowerCase();
    const content = tag.getAttribute("content")?.trim();
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const blocks: unknown[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const source = script.textContent ?? "";
    // Too large or too deep a block is skipped like a broken one (json-depth.ts says why).
    if (source.length > MAX_JSON_LD || jsonNestsDeeperThan(source)) continue;
    try {
      blocks.push(JSON.parse(source));
    } catch {
      // A broken block is skipped; the others and the meta tags still count.
    }
  }
  const ld = articleNode(blocks);
  let canonical: string | null = null;
  for (const link of document.querySelectorAll("link")) {
    const rel = (link.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    if (rel.includes("canonical")) {
      canonical = link.getAttribute("href");
      break;
    }
  }
  const ldUrl = ld ? (text(ld.mainEntityOfPage) ?? text(ld.url)) : null;
  return {
    title: (ld && text(ld.headline)) ?? meta.get("og:title") ?? meta.get("twitter:title") ?? null,
    author:
      (ld && names(ld.author)) ??
      meta.get("author") ??
      meta.get("article:author") ??
      meta.get("byl")?.replace(/^by\s+/i, "") ??
      null,
    outlet: (ld && text(ld.publisher)) ?? meta.get("og:site_name") ?? null,
    publishedAt:
      (ld && text(ld.datePublished)) ??
      meta.get("article:published_time") ??
      meta.get("date") ??
      meta.get("pubdate") ??
      null,
    canonicalUrl:
      absoluteUrl(canonical, pageUrl) ??
      absoluteUrl(meta.get("og:url") ?? null, pageUrl) ??
      absoluteUrl(ldUrl, pageUrl),
  };
}
