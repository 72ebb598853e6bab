import { Readability } from "@mozilla/readability";
import { Tokenizer } from "htmlparser2";
import { parseHTML } from "linkedom";
import { readPageMetadata } from "./metadata";

export interface HtmlArticle {
  title: string | null;
  body: string;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  /** The page's canonical address (from its metadata), when it was read from the web or says so. */
  canonicalUrl: string | null;
  /** True when the page was too deep or too large for Readability and was read as plain blocks. */
  flattened: boolean;
}

/**
 * What may reach Readability. Its cost grows much faster than the page when elements nest
 * deeply (1,000 nested <div>s, an 11 KB file, took 13 s; 2,000 took 69 s), and building the
 * DOM of 100,000 levels took linkedom 8 s. News pages nest 20 to 40 levels and hold a few
 * thousand elements; past these bounds a page is read as plain blocks of text instead, in
 * one streaming pass.
 */
export const HTML_LIMITS = { maxDepth: 100, maxElements: 50_000 };

const BLOCKS = new Set([
  "P",
  "DIV",
  "SECTION",
  "ARTICLE",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "LI",
  "BLOCKQUOTE",
  "PRE",
  "TR",
  "FIGCAPTION",
  "HEADER",
  "FOOTER",
  "ASIDE",
  "UL",
  "OL",
  "TABLE",
  "DL",
  "DT",
  "DD",
]);

/**
 * Reduces an HTML page to its article text with Mozilla's Readability (the parser behind
 * Firefox's reader view) over linkedom, keeping paragraphs as lines. Scripts, styles and
 * page furniture are dropped; no markup survives.
 */
export function htmlToArticle(html: string, pageUrl: string | null = null): HtmlArticle {
  const plain = readPlainBlocks(html);
  if (plain.depth > HTML_LIMITS.maxDepth || plain.elements > HTML_LIMITS.maxElements) {
    return {
      title: plain.title,
      body: plain.body,
      author: null,
      outlet: null,
      publishedAt: null,
      canonicalUrl: null,
      flattened: true,
    };
  }
  const { document } = parseHTML(html);
  const pageTitle = document.querySelector("title")?.textContent?.trim() || null;
  // Before Readability, which rewrites the document.
  const meta = readPageMetadata(document, pageUrl);
  const parsed = new Readability(document as unknown as Document).parse();
  const content = parsed?.content ?? document.body?.innerHTML ?? "";
  const body = blocksToText(content);
  return {
    title: meta.title || parsed?.title?.trim() || pageTitle,
    body,
    author: meta.author || parsed?.byline?.trim() || null,
    outlet: meta.outlet || parsed?.siteName?.trim() || null,
    publishedAt: meta.publishedAt || parsed?.publishedTime || null,
    canonicalUrl: meta.canonicalUrl,
    flattened: false,
  };
}

const SKIPPED = new Set(["script", "style", "noscript", "template", "head"]);
const VOID = new Set(
  "area base br col embed hr img input link meta param source track wbr".split(" "),
);
/** Elements that an opening tag of the same name closes when left open (<p>a<p>b). */
const SELF_CLOSING_SIBLINGS = new Set(["p", "li", "dt", "dd", "option", "tr", "td", "th"]);

/**
 * One streaming pass over the page with htmlparser2's tokenizer (no tree is built, and the
 * open elements are kept on a stack that only grows and shrinks at its end): its deepest
 * nesting, its element count, its <title>, and its text as lines at block boundaries,
 * scripts and styles left out. Linear in the page whatever its shape. (htmlparser2's own
 * Parser keeps its stack with unshift and shift, which is quadratic in the depth.)
 */
export function readPlainBlocks(html: string): {
  depth: number;
  elements: number;
  title: string | null;
  body: string;
} {
  const open: string[] = [];
  let maxDepth = 0;
  let elements = 0;
  let skipping = 0;
  let tagName = "";
  let title = "";
  const text = new TextLines();
  const boundary = (name: string) => {
    if (name === "br" || BLOCKS.has(name.toUpperCase())) text.flush();
  };
  const addText = (piece: string) => {
    if (open.at(-1) === "title") title += piece;
    else if (skipping === 0) text.add(piece);
  };
  const close = (name: string) => {
    // A stray closing tag (no such element open near the top) is ignored.
    const at = open.lastIndexOf(name, open.length - 1);
    if (at < 0 || open.length - at > 8) return;
    while (open.length > at) {
      const closed = open.pop()!;
      if (SKIPPED.has(closed)) skipping--;
      boundary(closed);
    }
  };
  const ignore = () => {};
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tagName = html.slice(start, end).toLowerCase();
        elements++;
        if (SELF_CLOSING_SIBLINGS.has(tagName) && open.at(-1) === tagName) close(tagName);
        boundary(tagName);
        if (VOID.has(tagName)) return;
        open.push(tagName);
        if (SKIPPED.has(tagName)) skipping++;
        maxDepth = Math.max(maxDepth, open.length);
      },
      onselfclosingtag() {
        if (open.at(-1) === tagName) close(tagName);
      },
      onclosetag(start, end) {
        close(html.slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        addText(html.slice(start, end));
      },
      ontextentity(codepoint) {
        addText(String.fromCodePoint(codepoint));
      },
      onopentagend: ignore,
      onattribdata: ignore,
      onattribentity: ignore,
      onattribend: ignore,
      onattribname: ignore,
      oncdata: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onprocessinginstruction: ignore,
      onend: ignore,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return {
    depth: maxDepth,
    elements,
    title: title.replace(/\s+/g, " ").trim() || null,
    body: text.paragraphs(),
  };
}
/** Text gathered into lines at block boundaries, white space folded, empty lines dropped. */
class TextLines {
  private readonly lines: string[] = [];
  private current = "";

  add(text: string): void {
    this.current += text;
  }

  flush(): void {
    const line = this.current.replace(/\s+/g, " ").trim();
    if (line) this.lines.push(line);
    this.current = "";
  }

  /** The lines as paragraphs (the open one ended first). */
  paragraphs(): string {
    this.flush();
    return this.lines.join("\n\n");
  }
}

function blocksToText(fragment: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${fragment}</body></html>`);
  const text = new TextLines();
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) text.add(child.textContent ?? "");
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT" || tag === "TEMPLATE")
          continue;
        if (tag === "BR") {
          text.flush();
          continue;
        }
        const block = BLOCKS.has(tag);
        if (block) text.flush();
        walk(child);
        if (block) text.flush();
      }
    }
  };
  walk(document.body);
  return text.paragraphs();
}
