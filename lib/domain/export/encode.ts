import { csvHeader, csvRow } from "./csv";
import { toClaimReviewJsonLd, type Publisher } from "./claim-review";
import type { ExportClaim, ExportFormat } from "./types";

/**
 * Turns a stream of claims into a stream of text in one format, one claim at a time, so
 * that an export of any size runs in constant memory.
 */
export async function* encodeExport(
  format: ExportFormat,
  claims: AsyncIterable<ExportClaim>,
  publisher: Publisher,
  onWarning: (warning: string) => void = () => {},
): AsyncGenerator<string> {
  if (format === "csv") {
    yield csvHeader();
    for await (const claim of claims) yield csvRow(claim);
    return;
  }
  if (format === "jsonl") {
    for await (const claim of claims) yield JSON.stringify(claim) + "\n";
    return;
  }
  yield "[";
  let first = true;
  for await (const claim of claims) {
    let item: unknown = claim;
    if (format === "claimreview") {
      const { jsonld, warnings } = toClaimReviewJsonLd(claim, publisher);
      warnings.forEach(onWarning);
      item = jsonld;
    }
    const json = JSON.stringify(item);
    yield (first ? "\n" : ",\n") + (format === "claimreview" ? htmlSafeJson(json) : json);
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}

const HTML_UNSAFE: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * JSON-LD is pasted into `<script type="application/ld+json">` blocks, where a claim
 * quoting `</script><script>…` would end the block and run: `<`, `>` and `&` (and the two
 * line separators older JavaScript chokes on) are written as \u escapes, which JSON reads
 * back as the same characters. Only string contents can hold them, so the escapes never
 * touch the document's structure.
 */
export function htmlSafeJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => HTML_UNSAFE[c]!);
}
