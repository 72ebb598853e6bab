import { authorizeApi, mayReadUnpublished } from "@/lib/auth/api";
import { exportClaims } from "@/lib/data/export";
import { encodeExport } from "@/lib/domain/export/encode";
import { FORMAT_FILES, type ExportFormat } from "@/lib/domain/export/types";
import { OPENAPI } from "@/lib/domain/export/openapi";
import { appBaseUrl, publisherFromEnv } from "@/lib/publisher";
import { exportFilter, filterParams } from "@/lib/validation/export";

export const dynamic = "force-dynamic";

const FILES: Record<string, ExportFormat> = {
  "export.csv": "csv",
  "export.json": "json",
  "export.jsonl": "jsonl",
  "export.claimreview.json": "claimreview",
};

/**
 * GET /api/v1/export.{csv,json,jsonl,claimreview.json}: the reviewed claims as a
 * streamed download; GET /api/v1/openapi.json: this API's description.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (file === "openapi.json") return Response.json(OPENAPI);
  const format = FILES[file];
  if (!format) return Response.json({ error: "Not found" }, { status: 404 });
  const auth = await authorizeApi(request, "export:read");
  if (!auth.ok) return auth.response;
  const parsed = exportFilter.safeParse(filterParams(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json(
      { error: parsed.error.issues.map((i) => i.message).join("; ") },
      { status: 400 },
    );
  }
  const filter = parsed.data;
  if (filter.state !== "APPROVED" && !mayReadUnpublished(auth.caller)) {
    return Response.json(
      { error: "Claims that are not approved need the claims:unpublished scope or an editor" },
      { status: 403 },
    );
  }
  const chunks = encodeExport(format, exportClaims(filter, appBaseUrl()), publisherFromEnv());
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Pulled by the client: a slow download never buffers the whole export. Claims are
      // sent in pieces of about 64 KB, not one write each.
      let piece = "";
      while (piece.length < 65_536) {
        const { value, done } = await chunks.next();
        if (done) {
          if (piece) controller.enqueue(encoder.encode(piece));
          controller.close();
          return;
        }
        piece += value;
      }
      controller.enqueue(encoder.encode(piece));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  const name = `claimdesk-${filter.state.toLowerCase()}-${date}.${FORMAT_FILES[format].extension}`;
  return new Response(body, {
    headers: {
      "content-type": FORMAT_FILES[format].contentType,
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
