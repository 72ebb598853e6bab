"use client";

import { unstable_rethrow, useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";

export type ActionMessage = { tone: "error" | "success"; text: string };

interface Outcome<T> {
  /** Shown after a success; none when absent. */
  success?: string | ((data: T) => string);
  onSuccess?: (data: T) => void;
  /** Refresh the page's server data after a success (default: yes). */
  refresh?: boolean;
}

/**
 * Calls server actions the one way a client component does: while one runs `pending` is
 * true; then a refusal becomes `message` (and `fieldErrors`), a success its `success`
 * message, `onSuccess` runs and the page's server data is refreshed. A request that fails
 * outright (network, 5xx) is a message too, never the error page. `run` resolves to
 * whether it succeeded. For a component with several actions (a toolbar).
 */
export function useActionRunner() {
  const router = useRouter();
  const t = useTranslations("Common");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const run = useCallback(
    <T>(call: () => Promise<ActionResult<T>>, outcome: Outcome<T> = {}) =>
      new Promise<boolean>((resolve) => {
        startTransition(async () => {
          let result: ActionResult<T>;
          try {
            result = await call();
          } catch (error) {
            // Next's own redirects (a session that ended: to /login) and 403/404 travel as
            // errors to its boundaries: let them.
            unstable_rethrow(error);
            // The request itself failed (no network, the server down or failing): say so
            // here, keep the page and what was typed, instead of the error page.
            setMessage({ tone: "error", text: t("unreachable") });
            resolve(false);
            return;
          }
          if (result.ok) {
            const { success, onSuccess, refresh = true } = outcome;
            setFieldErrors({});
            setMessage(
              success
                ? {
                    tone: "success",
                    text: typeof success === "string" ? success : success(result.data),
                  }
                : null,
            );
            onSuccess?.(result.data);
            if (refresh) router.refresh();
          } else {
            setFieldErrors(result.fieldErrors ?? {});
            // The server's generic failures in the person's language; the rest as it wrote them.
            setMessage({
              tone: "error",
              text:
                result.code === "UNEXPECTED"
                  ? t("unexpected")
                  : result.code === "BUSY"
                    ? t("busy")
                    : result.message,
            });
          }
          resolve(result.ok);
        });
      }),
    [router, t],
  );
  return { run, pending, message, setMessage, fieldErrors };
}

/** useActionRunner for one action and one outcome: `run(...args)`. */
export function useAction<Args extends unknown[], T>(
  action: (...args: Args) => Promise<ActionResult<T>>,
  outcome: Outcome<T> = {},
) {
  const runner = useActionRunner();
  const latest = useRef(outcome);
  useEffect(() => {
    latest.current = outcome;
  });
  const { run: runCall } = runner;
  const run = useCallback(
    (...args: Args) => runCall(() => action(...args), latest.current),
    [action, runCall],
  );
  return { ...runner, run };
}
