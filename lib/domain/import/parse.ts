import {
  articleInput,
  MAX_ARTICLES_PER_FILE,
  MAX_UPLOAD_BYTES,
  type ArticleInput,
} from "@/lib/validation/article";
import { htmlToArticle } from "./html";
import { jsonNestsDeeperThan, tooDeepMessage } from "./json-depth";

/** One article found in an upload, or why it could not be read. */
export type ParsedArticle =
  | { source: string; ok: true; article: ArticleInput }
  | { source: string; ok: false; error: string };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export const SUPPORTED_EXTENSIONS = [
  ".txt",
  ".md",
  ".markdown",
  ".html",
  ".htm",
  ".json",
  ".jsonl",
  ".ndjson",
];

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot).toLowerCase();
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "syria-chemical-weapons.txt" → "Syria chemical weapons" */
export function titleFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
  const words = base.replace(/[-_]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Untitled article";
}

/**
 * Reads one uploaded file into article candidates, each validated. Never throws for bad
 * input: every problem comes back as a message naming the file (and line, for JSONL).
 */
export function parseImportFile(name: string, bytes: Uint8Array): ParsedArticle[] {
  const ext = extensionOf(name);
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    return [
      {
        source: name,
        ok: false,
        error: `unsupported file type "${ext || "none"}" (use ${SUPPORTED_EXTENSIONS.join(", ")})`,
      },
    ];
  }
  if (bytes.byteLength > MAX_UPLOAD_BYTES) {
    return [
      {
        source: name,
        ok: false,
        error: `file is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(MAX_UPLOAD_BYTES)} per file`,
      },
    ];
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return [
      {
        source: name,
        ok: false,
        error: "not valid UTF-8 text (save the file as UTF-8 and try again)",
      },
    ];
  }
  switch (ext) {
    case ".json":
      return parseJson(name, text);
    case ".jsonl":
    case ".ndjson":
      return parseJsonLines(name, text);
    case ".html":
    case ".htm":
      return [htmlArticle(name, text, null)];
    case ".md":
    case ".markdown":
      return [validate(name, markdownArticle(name, text))];
    default:
      return [validate(name, plainTextArticle(name, text))];
  }
}

/** A date the page gives, when it is one (a page's "yesterday" is dropped, not an error). */
function dateOrNothing(value: string | null): string | undefined {
  return value && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/** Fewer words than this on a fetched page is navigation or a wall, not an article. */
export const MIN_PAGE_WORDS = 25;

/** An HTML page (uploaded, or fetched from `url`) as an article, with what its metadata says. */
function htmlArticle(source: string, html: string, url: string | null): ParsedArticle {
  const page = htmlToArticle(html, url);
  const words = page.body.split(/\s+/).filter(Boolean).length;
  if (words === 0 || (url && words < MIN_PAGE_WORDS)) {
    const counted = words ? ` (${words} ${words === 1 ? "word" : "words"})` : "";
    return { source, ok: false, error: `no article text was found on the page${counted}` };
  }
  return validate(source, {
    title: page.title ?? (url ? undefined : titleFromFileName(source)),
    body: page.body,
    author: page.author ?? undefined,
    outlet: page.outlet ?? undefined,
    publishedAt: dateOrNothing(page.publishedAt),
    url: page.canonicalUrl ?? url ?? undefined,
    canonicalUrl: page.canonicalUrl ?? url ?? undefined,
  });
}

/**
 * A page fetched from the web (lib/fetch/safe-fetch.ts): HTML through Readability with its
 * metadata, plain text as it is; the address it came from stands in for a canonical one.
 */
export function parseWebPage(url: string, contentType: string, text: string): ParsedArticle {
  if (contentType === "text/plain") {
    if (!text.trim()) return { source: url, ok: false, error: "the page is empty" };
    const name = new URL(url).pathname.split("/").filter(Boolean).at(-1) ?? "page";
    return validate(url, { ...plainTextArticle(name, text), url, canonicalUrl: url });
  }
  return htmlArticle(url, text, url);
}

/** A first short line followed by a blank line is the headline; otherwise the file name is. */
export function plainTextArticle(name: string, text: string): { title: string; body: string } {
  const match = /^\s*([^\n]{1,200})\r?\n\s*\r?\n/.exec(text);
  if (match && !/[.!?]["”]?$/.test(match[1]!.trim())) {
    return { title: match[1]!.trim(), body: text.slice(match[0].length) };
  }
  return { title: titleFromFileName(name), body: text };
}

function markdownArticle(name: string, text: string): { title: string; body: string } {
  const heading = /^\s*#\s+(.+)\r?\n/.exec(text);
  const rest = heading ? text.slice(heading[0].length) : text;
  const body = rest
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/^\s*>\s?/gm, "")
    .replace(/^\s*[-*+]\s+/gm, "")
    .trim();
  return { title: heading ? heading[1]!.trim() : plainTextArticle(name, rest).title, body };
}

function parseJson(name: string, text: string): ParsedArticle[] {
  if (jsonNestsDeeperThan(text)) return [{ source: name, ok: false, error: tooDeepMessage() }];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [{ source: name, ok: false, error: `not valid JSON: ${(error as Error).message}` }];
  }
  const items = Array.isArray(data) ? data : [data];
  if (items.length === 0) return [{ source: name, ok: false, error: "the JSON array is empty" }];
  if (items.length > MAX_ARTICLES_PER_FILE) return [tooMany(name, items.length)];
  return items.map((item, i) =>
    validate(items.length > 1 ? `${name} item ${i + 1}` : name, fromRecord(item)),
  );
}

function parseJsonLines(name: string, text: string): ParsedArticle[] {
  const results: ParsedArticle[] = [];
  const lines = text.split(/\r?\n/);
  const count = lines.reduce((n, line) => (line.trim() ? n + 1 : n), 0);
  if (count > MAX_ARTICLES_PER_FILE) return [tooMany(name, count)];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const source = `${name} line ${i + 1}`;
    if (jsonNestsDeeperThan(line)) {
      results.push({ source, ok: false, error: tooDeepMessage() });
      return;
    }
    try {
      results.push(validate(source, fromRecord(JSON.parse(line))));
    } catch (error) {
      results.push({ source, ok: false, error: `not valid JSON: ${(error as Error).message}` });
    }
  });
  if (results.length === 0) return [{ source: name, ok: false, error: "the file has no lines" }];
  return results;
}

function tooMany(name: string, count: number): ParsedArticle {
  return {
    source: name,
    ok: false,
    error: `holds ${count.toLocaleString("en")} articles; the limit is ${MAX_ARTICLES_PER_FILE.toLocaleString("en")} per file: split it into smaller files`,
  };
}

/** Files that hold many articles: each becomes an import item of its own. */
export function holdsManyArticles(name: string, articles: ParsedArticle[]): boolean {
  return articles.length > 1 || [".jsonl", ".ndjson"].includes(extensionOf(name));
}

/** Accepts the field names common in news exports. */
function fromRecord(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return { invalid: true };
  const r = value as Record<string, unknown>;
  return {
    title: r.title ?? r.headline,
    body: r.body ?? r.text ?? r.content,
    url: r.url ?? r.link,
    outlet: r.outlet ?? r.publisher ?? r.source,
    author: r.author ?? r.byline,
    publishedAt: r.publishedAt ?? r.published_at ?? r.date,
    language: r.language ?? r.lang,
  };
}

function validate(source: string, candidate: unknown): ParsedArticle {
  if (candidate && typeof candidate === "object" && "invalid" in candidate) {
    return { source, ok: false, error: "expected an object with title and body" };
  }
  const parsed = articleInput.safeParse(candidate);
  if (parsed.success) return { source, ok: true, article: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  const message =
    issue.code === "invalid_type" && field ? `${field} is missing or not text` : issue.message;
  return { source, ok: false, error: message };
}
