import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, BUSY_MESSAGE } from "@/lib/errors";

/**
 * Whether an error means the database could not take the work in time, so that nothing
 * was done and the same request may simply be sent again: a transaction that could not
 * start within its wait, or expired before it ended (Prisma's P2028), or no connection
 * free in the pool in time (pg's "timeout exceeded when trying to connect"). Seen under
 * load: a save that could not start its transaction surfaced as an unexpected error.
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2028") return true;
    if (e instanceof Error && /timeout exceeded when trying to connect/i.test(e.message)) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The error a person reads when the database was busy; other errors as they are. */
export function asBusy(error: unknown): unknown {
  return isDatabaseBusy(error) ? new AppError("BUSY", BUSY_MESSAGE) : error;
}
