import "server-only";
import { headers } from "next/headers";
import type { Logger } from "pino";
import { log } from "@/lib/log";

/** The logger of the current request: every line carries its request id. */
export async function requestLog(): Promise<Logger> {
  try {
    const reqId = (await headers()).get("x-request-id");
    return reqId ? log.child({ reqId }) : log;
  } catch {
    // Outside a request (scripts, tests): the plain logger.
    return log;
  }
}
