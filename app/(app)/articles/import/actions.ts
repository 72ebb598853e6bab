"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions";
import { requireRole } from "@/lib/auth/session";
import { asBusy } from "@/lib/data/busy";
import {
  cancelImportBatch,
  pastedArticleItem,
  queueImport,
  urlItem,
} from "@/lib/data/import-batches";
import { hasRole } from "@/lib/domain/roles";
import { SUPPORTED_EXTENSIONS } from "@/lib/domain/import/parse";
import { AppError, toActionError, type ActionResult } from "@/lib/errors";
import {
  articleInput,
  MAX_FILES_PER_IMPORT,
  MAX_UPLOAD_BYTES,
  urlImportInput,
} from "@/lib/validation/article";
import { fieldErrors } from "@/lib/validation/field-errors";
import { requestLog } from "@/lib/request-log";

export interface PasteReport {
  /** The import the article was queued in; its progress shows on the page. */
  batchId?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Echo of the pasted form, so nothing typed is lost when it is refused. */
  values?: Record<string, string>;
}

const PASTE_FIELDS = ["title", "outlet", "url", "author", "publishedAt", "body"] as const;

/**
 * Queues a pasted article for import and returns at once: a worker extracts its claims,
 * and the page shows the outcome.
 */
export async function importPastedArticle(
  _previous: PasteReport | null,
  form: FormData,
): Promise<PasteReport> {
  const user = await requireRole("REVIEWER");
  if (!(form instanceof FormData)) {
    return {
      fieldErrors: {
        form: "The import form was not sent as a form; reload the page and try again.",
      },
    };
  }
  const values = Object.fromEntries(PASTE_FIELDS.map((k) => [k, String(form.get(k) ?? "")]));
  const parsed = articleInput.safeParse(values);
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  try {
    const { batchId } = await queueImport({ userId: user.id }, [pastedArticleItem(parsed.data)]);
    revalidatePath("/articles/import");
    return { batchId };
  } catch (error) {
    const refusal = toActionError(asBusy(error));
    if (refusal.code === "UNEXPECTED")
      (await requestLog()).error(
        { err: error, userId: user.id },
        "queueing a pasted article failed",
      );
    else (await requestLog()).info({ userId: user.id, code: refusal.code }, refusal.message);
    return {
      error:
        refusal.code === "UNEXPECTED"
          ? "Could not queue the article; nothing was saved. Try again."
          : refusal.message,
      values,
    };
  }
}

const uploadFields = z.object({
  batchId: z.uuid().optional(),
  name: z
    .string()
    .min(1)
    .max(500, "The file name is too long")
    .refine(
      (name) => SUPPORTED_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)),
      `Unsupported file type (use ${SUPPORTED_EXTENSIONS.join(", ")})`,
    ),
});

/**
 * Queues one uploaded file: the browser sends the files of an upload one request each
 * (each request stays under the one body limit), the first starting the import and the
 * others joining it. The file is stored as sent and read by a worker.
 */
export async function uploadImportFile(form: FormData): Promise<ActionResult<{ batchId: string }>> {
  const user = await requireRole("REVIEWER");
  try {
    if (!(form instanceof FormData))
      throw new AppError("VALIDATION", "The upload was not sent as a form; reload the page.");
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      throw new AppError("VALIDATION", "Choose a file that is not empty.");
    if (file.size > MAX_UPLOAD_BYTES) {
      throw new AppError(
        "VALIDATION",
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB per file.`,
      );
    }
    const fields = uploadFields.safeParse({
      batchId: form.get("batchId") || undefined,
      name: file.name,
    });
    if (!fields.success)
      throw new AppError("VALIDATION", fields.error.issues.map((i) => i.message).join("; "));
    const content = new Uint8Array(await file.arrayBuffer());
    const { batchId } = await queueImport(
      { userId: user.id },
      [{ source: fields.data.name, kind: "FILE", content }],
      { batchId: fields.data.batchId, maxItems: MAX_FILES_PER_IMPORT },
    );
    revalidatePath("/articles/import");
    return { ok: true, data: { batchId } };
  } catch (error) {
    const logger = await requestLog();
    const refusal = asBusy(error);
    if (refusal instanceof AppError)
      logger.info({ userId: user.id, code: refusal.code }, `upload refused: ${refusal.message}`);
    else logger.error({ err: error, userId: user.id }, "queueing an upload failed");
    return toActionError(refusal);
  }
}

/**
 * Queues web addresses for import: a worker fetches each through the safe fetcher, and the
 * page shows each one's outcome.
 */
export async function importUrls(input: unknown) {
  return runAction("REVIEWER", urlImportInput, input, async (user, { urls }) => {
    const { batchId } = await queueImport({ userId: user.id }, urls.map(urlItem));
    return { batchId, queued: urls.length };
  });
}

/** Cancels the files and lines of an import that no worker has started yet. */
export async function cancelImport(input: unknown) {
  return runAction("REVIEWER", z.object({ batchId: z.uuid() }), input, (user, { batchId }) =>
    cancelImportBatch(batchId, { userId: user.id, isAdmin: hasRole(user.role, "ADMIN") }),
  );
}
