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
    yield (first ? "\n" : ",\n") + JSON.stringify(item);
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}
