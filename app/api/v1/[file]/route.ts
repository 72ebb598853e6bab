import { authorizeApi, mayReadUnpublished } from "@/lib/auth/api";
import { exportBytes, ExportRunningError, ExportsBusyError } from "@/lib/data/export-stream";
import { requestLog } from "@/lib/request-log";
import { settings } from "@/lib/settings";
import { FORMAT_FILES, type ExportFormat } from "@/lib/domain/export/types";
import { OPENAPI } from "@/lib/domain/export/openapi";
import { appBaseUrl, publisherFromSettings } from "@/lib/publisher";
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
  const caller =
    auth.caller.kind === "token" ? `token:${auth.caller.tokenId}` : `user:${auth.caller.userId}`;
  const chunks = exportBytes(format, filter, {
    appBase: appBaseUrl(),
    publisher: publisherFromSettings(),
    caller,
  });
  // The first piece before the headers: a query that cannot start is an error status, not
  // a broken download.
  let first: IteratorResult<Buffer, void>;
  try {
    first = await chunks.next();
  } catch (error) {
    if (!(error instanceof ExportsBusyError || error instanceof ExportRunningError)) throw error;
    return Response.json(
      { error: error.message },
      {
        status: error instanceof ExportRunningError ? 429 : 503,
        headers: { "retry-after": String(error.retryAfterSeconds), "cache-control": "no-store" },
      },
    );
  }
  // A download that takes nothing for the idle time is ended and its connection released:
  // a client that stops reading cannot hold an export connection. The clock runs only
  // while a piece waits for the client, never while PostgreSQL prepares the next.
  const idleMs = settings().CLAIMDESK_EXPORT_IDLE_SECONDS * 1000;
  const logger = await requestLog();
  let waiting: NodeJS.Timeout | undefined;
  let ended = false;
  const end = async () => {
    ended = true;
    clearTimeout(waiting);
    await chunks.return(undefined);
  };
  const handOut = (controller: ReadableStreamDefaultController<Uint8Array>, piece: Buffer) => {
    controller.enqueue(piece);
    waiting = setTimeout(() => {
      if (ended) return;
      logger.warn({ caller, idleMs }, "export download stalled: ended, its connection released");
      controller.error(new Error("the download took nothing for too long"));
      void end();
    }, idleMs);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) {
        controller.close();
        void end();
      } else handOut(controller, first.value);
    },
    // Pulled by the client: a slow download never buffers the whole export (the COPY
    // behind it waits). PostgreSQL's bytes go out as they come, in pieces of about 64 KB.
    async pull(controller) {
      clearTimeout(waiting);
      const { value, done } = await chunks.next();
      if (ended) return;
      if (done) {
        controller.close();
        await end();
      } else handOut(controller, value);
    },
    async cancel() {
      await end();
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
