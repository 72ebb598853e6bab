import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface HtmlArticle {
  title: string | null;
  body: string;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
}

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
export function htmlToArticle(html: string): HtmlArticle {
  const { document } = parseHTML(html);
  const pageTitle = document.querySelector("title")?.textContent?.trim() || null;
  const parsed = new Readability(document as unknown as Document).parse();
  const content = parsed?.content ?? document.body?.innerHTML ?? "";
  const body = blocksToText(content);
  return {
    title: parsed?.title?.trim() || pageTitle,
    body,
    author: parsed?.byline?.trim() || null,
    outlet: parsed?.siteName?.trim() || null,
    publishedAt: parsed?.publishedTime ?? null,
  };
}

function blocksToText(fragment: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${fragment}</body></html>`);
  const lines: string[] = [];
  let current = "";
  const flush = () => {
    const line = current.replace(/\s+/g, " ").trim();
    if (line) lines.push(line);
    current = "";
  };
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) current += child.textContent ?? "";
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT" || tag === "TEMPLATE")
          continue;
        if (tag === "BR") {
          flush();
          continue;
        }
        const block = BLOCKS.has(tag);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(document.body);
  flush();
  return lines.join("\n\n");
}
