import type { z } from "zod";

/** The first message per field, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * One message for a refused form: the single problem, or each one; a problem of a list
 * item names the item ("Evidence 2: Choose primary or secondary").
 */
export function errorSummary(errors: Record<string, string>): string {
  const messages = [
    ...new Set(
      Object.entries(errors).map(([key, message]) => {
        const item = /^(\w+)\.(\d+)\./.exec(key);
        if (!item) return message;
        const list = item[1]!.charAt(0).toUpperCase() + item[1]!.slice(1);
        return `${list} ${Number(item[2]) + 1}: ${message}`;
      }),
    ),
  ];
  return messages.length === 1
    ? messages[0]!
    : `Some fields need attention: ${messages.join("; ")}`;
}

/** A refused query string, each problem with the parameter it is of ("days: Too small…"). */
export function queryProblems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ");
}
