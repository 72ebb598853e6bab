import { authorizeApi, mayReadUnpublished } from "@/lib/auth/api";
import { exportBytes, ExportsBusyError } from "@/lib/data/export-stream";
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
  const chunks = exportBytes(format, filter, {
    appBase: appBaseUrl(),
    publisher: publisherFromEnv(),
  });
  // The first piece before the headers: a query that cannot start is an error status, not
  // a broken download.
  let first: IteratorResult<Buffer, void>;
  try {
    first = await chunks.next();
  } catch (error) {
    if (!(error instanceof ExportsBusyError)) throw error;
    return Response.json(
      { error: error.message },
      { status: 503, headers: { "retry-after": "60" } },
    );
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(first.value);
    },
    // Pulled by the client: a slow download never buffers the whole export (the COPY
    // behind it waits). PostgreSQL's bytes go out as they come, in pieces of about 64 KB.
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
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
