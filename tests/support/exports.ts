import { expect } from "vitest";
import { exportClaims } from "@/lib/data/export";
import { exportBytes } from "@/lib/data/export-stream";
import type { Publisher } from "@/lib/domain/export/claim-review";
import { encodeExport } from "@/lib/domain/export/encode";
import type { ExportFormat } from "@/lib/domain/export/types";
import type { ExportFilter } from "@/lib/validation/export";

export interface Exported {
  text: string;
  bytes: Buffer;
  warnings: string[];
  claims: number;
}

/** An export as users get it: encoded by PostgreSQL, streamed by COPY. */
export async function exportAsServed(
  format: ExportFormat,
  filter: ExportFilter,
  appBase: string,
  publisher: Publisher,
): Promise<Exported> {
  const pieces: Buffer[] = [];
  const warnings: string[] = [];
  let claims = -1;
  for await (const piece of exportBytes(format, filter, {
    appBase,
    publisher,
    onWarning: (w) => warnings.push(w),
    onEnd: (n) => (claims = n),
  })) {
    pieces.push(piece);
  }
  const bytes = Buffer.concat(pieces);
  return { text: bytes.toString("utf8"), bytes, warnings, claims };
}

/** The same export written by the JavaScript encoders of lib/domain/export (the specification). */
export async function exportByReference(
  format: ExportFormat,
  filter: ExportFilter,
  appBase: string,
  publisher: Publisher,
): Promise<Exported> {
  let text = "";
  let claims = 0;
  const warnings: string[] = [];
  const counted = (async function* () {
    for await (const claim of exportClaims(filter, appBase)) {
      claims++;
      yield claim;
    }
  })();
  for await (const chunk of encodeExport(format, counted, publisher, (w) => warnings.push(w))) {
    text += chunk;
  }
  return { text, bytes: Buffer.from(text, "utf8"), warnings, claims };
}

/**
 * The export as served, after checking that it is byte for byte the reference's (and warns
 * about the same claims). Only for data no other test file changes meanwhile.
 */
export async function exportChecked(
  format: ExportFormat,
  filter: ExportFilter,
  appBase: string,
  publisher: Publisher,
): Promise<Exported> {
  const served = await exportAsServed(format, filter, appBase, publisher);
  const reference = await exportByReference(format, filter, appBase, publisher);
  expect(served.text).toBe(reference.text);
  expect(served.bytes.equals(reference.bytes)).toBe(true);
  expect(served.warnings).toEqual(reference.warnings);
  expect(served.claims).toBe(reference.claims);
  return served;
}
