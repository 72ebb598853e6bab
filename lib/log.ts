import pino, { type DestinationStream, type Logger } from "pino";
import { settings } from "./settings";

/**
 * The app's structured log: one JSON object a line, on stdout or, when CLAIMDESK_LOG_FILE
 * is set, appended to that file. Every line about a request
 * carries its request id (`reqId`, set by proxy.ts). Credentials never reach a line:
 * whatever sits under a key named like one is replaced before it is written, and callers
 * log ids, never request bodies or headers.
 */
const REDACTED_KEYS = ["password", "token", "authorization", "cookie", "secret", "sessionToken"];

function destination(): DestinationStream {
  const file = settings().CLAIMDESK_LOG_FILE;
  // Synchronous writes: a line written before a crash is on disk.
  return pino.destination({ dest: file || 1, append: true, mkdir: Boolean(file), sync: true });
}

function createLogger(): Logger {
  return pino(
    {
      level: settings().LOG_LEVEL,
      base: { app: "claimdesk", pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
        censor: "[redacted]",
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination(),
  );
}

const globalForLog = globalThis as unknown as { claimdeskLog?: Logger };

/** The process's logger (one per process, whichever bundle imports it). */
export const log: Logger = (globalForLog.claimdeskLog ??= createLogger());
