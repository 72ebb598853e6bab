import { createHash } from "node:crypto";

/**
 * The text two imports of one article share even when copied differently: Unicode
 * compatibility forms folded, whitespace runs collapsed, case ignored.
 */
export function normaliseArticleText(body: string): string {
  return body.normalize("NFKC").replace(/\s+/gu, " ").trim().toLowerCase();
}

export function articleContentHash(body: string): string {
  return createHash("sha256").update(normaliseArticleText(body), "utf8").digest("hex");
}
