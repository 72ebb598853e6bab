/** An error meant for the user: a code the UI can act on and one readable message. */
export type AppErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "INVALID_STATE"
  | "VALIDATION"
  /** Too much of one person's work waiting or running; wait, then try again. */
  | "RATE_LIMITED"
  /** The database could not take the change in time; nothing was saved. */
  | "BUSY";

/** What a person reads when the database could not take a change in time. */
export const BUSY_MESSAGE = "The desk is busy; nothing was saved. Try again in a moment.";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
    /** Extra facts for the UI, e.g. what changed in a conflicting save. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** What a server action returns: data, or a message (and field errors) to show. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: AppErrorCode | "UNEXPECTED";
      message: string;
      fieldErrors?: Record<string, string>;
      details?: unknown;
    };

export function toActionError(error: unknown): Extract<ActionResult, { ok: false }> {
  if (error instanceof AppError) {
    return {
      ok: false,
      code: error.code,
      message: error.message,
      fieldErrors: error.fieldErrors,
      details: error.details,
    };
  }
  return {
    ok: false,
    code: "UNEXPECTED",
    message: "Something went wrong on our side; nothing was saved. Try again.",
  };
}
