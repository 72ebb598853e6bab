"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions";
import {
  cancelImportBatch,
  pastedArticleItem,
  queueImport,
  urlItem,
} from "@/lib/data/import-batches";
import { hasRole } from "@/lib/domain/roles";
import { SUPPORTED_EXTENSIONS } from "@/lib/domain/import/parse";
import {
  articleInput,
  MAX_FILES_PER_IMPORT,
  MAX_UPLOAD_BYTES,
  urlImportInput,
} from "@/lib/validation/article";

export interface PasteReport {
  /** The import the article was queued in; its progress shows on the page. */
  batchId?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Echo of the pasted form, so nothing typed is lost when it is refused. */
  values?: Record<string, string>;
}

const PASTE_FIELDS = ["title", "outlet", "url", "author", "publishedAt", "body"] as const;

const formValues = (form: FormData): Record<string, unknown> =>
  Object.fromEntries(PASTE_FIELDS.map((k) => [k, String(form.get(k) ?? "")]));

const aForm = (what: string) =>
  z.instanceof(FormData, {
    error: `The ${what} was not sent as a form; reload the page and try again.`,
  });

/** The paste form's fields, as an article. */
const pastedArticleForm = aForm("import form").transform(formValues).pipe(articleInput);

/**
 * Queues a pasted article for import and returns at once: a worker extracts its claims,
 * and the page shows the outcome. A refusal keeps what was typed.
 */
export async function importPastedArticle(
  _previous: PasteReport | null,
  form: FormData,
): Promise<PasteReport> {
  const result = await runAction("REVIEWER", pastedArticleForm, form, async (user, article) =>
    queueImport({ userId: user.id }, [pastedArticleItem(article)]),
  );
  if (result.ok) return { batchId: result.data.batchId };
  const values =
    form instanceof FormData ? (formValues(form) as Record<string, string>) : undefined;
  return result.code === "VALIDATION" && result.fieldErrors
    ? { fieldErrors: result.fieldErrors, values }
    : { error: result.message, values };
}

/** One uploaded file and the import it joins, refused with a message before it is read. */
const uploadForm = aForm("upload")
  .transform((form, ctx) => {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      ctx.addIssue({ code: "custom", message: "Choose a file that is not empty." });
      return z.NEVER;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      ctx.addIssue({
        code: "custom",
        message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB per file.`,
      });
      return z.NEVER;
    }
    const batchId = form.get("batchId");
    return { file, name: file.name, ...(batchId ? { batchId: String(batchId) } : {}) };
  })
  .pipe(
    z.object({
      file: z.instanceof(File),
      batchId: z.uuid({ error: "That import was not found; start a new one." }).optional(),
      name: z
        .string()
        .min(1)
        .max(500, "The file name is too long")
        .refine(
          (name) => SUPPORTED_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)),
          `Unsupported file type (use ${SUPPORTED_EXTENSIONS.join(", ")})`,
        ),
    }),
  );

/**
 * Queues one uploaded file: the browser sends the files of an upload one request each
 * (each request stays under the one body limit), the first starting the import and the
 * others joining it. The file is stored as sent and read by a worker.
 */
export async function uploadImportFile(form: FormData) {
  return runAction("REVIEWER", uploadForm, form, async (user, { file, batchId, name }) => {
    const content = new Uint8Array(await file.arrayBuffer());
    const queued = await queueImport(
      { userId: user.id },
      [{ source: name, kind: "FILE", content }],
      { batchId, maxItems: MAX_FILES_PER_IMPORT },
    );
    return { batchId: queued.batchId };
  });
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
