import type { Instrumentation } from "next";

/** Runs once when a server instance starts: refuse to serve with a broken configuration. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Every setting checked once, here: a wrong one stops the instance with its name.
    const { serverSettings } = await import("@/lib/settings");
    serverSettings();
    const { log } = await import("@/lib/log");
    log.info({ node: process.version }, "server instance started");
    if (process.env.CLAIMDESK_LOOP_STATS_FILE) {
      const { recordEventLoopDelay } = await import("@/lib/http/event-loop-stats");
      recordEventLoopDelay(process.env.CLAIMDESK_LOOP_STATS_FILE);
    }
  }
}

/** Errors thrown while rendering or in a handler: one structured line with the request id. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("@/lib/log");
  const header = request.headers["x-request-id"];
  // A body cut at the request limit (one sent in chunks, whose length the server in front
  // could not check) ends the form early: a refusal of the client's, not a failure of ours.
  if (error instanceof Error && /Unexpected end of form|body exceeded/i.test(error.message)) {
    log.warn(
      {
        reqId: Array.isArray(header) ? header[0] : header,
        method: request.method,
        path: request.path.split("?")[0],
      },
      "request refused: its body is over the limit",
    );
    return;
  }
  log.error(
    {
      reqId: Array.isArray(header) ? header[0] : header,
      err: error,
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      kind: context.routerKind === "App Router" ? context.routeType : context.routerKind,
    },
    "request failed",
  );
};
