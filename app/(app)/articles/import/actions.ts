"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { importArticle, type ImportOutcome } from "@/lib/data/articles";
import { parseImportFile } from "@/lib/domain/import/parse";
import { articleInput, MAX_UPLOAD_BYTES } from "@/lib/validation/article";
import { fieldErrors } from "@/lib/validation/field-errors";
import { requestLog } from "@/lib/request-log";

export interface ImportReport {
  outcomes: Array<ImportOutcome & { source: string }>;
  failures: Array<{ source: string; error: string }>;
  fieldErrors?: Record<string, string>;
  /** Echo of the pasted form, so nothing typed is lost when it is refused. */
  values?: Record<string, string>;
}

const MAX_FILES = 50;

/** What a call with anything but the form's own data gets back. */
const NOT_A_FORM: ImportReport = {
  outcomes: [],
  failures: [],
  fieldErrors: { form: "The import form was not sent as a form; reload the page and try again." },
};

export async function importPastedArticle(
  _previous: ImportReport | null,
  form: FormData,
): Promise<ImportReport> {
  const user = await requireRole("REVIEWER");
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const values = Object.fromEntries(
    ["title", "outlet", "url", "author", "publishedAt", "body"].map((k) => [
      k,
      String(form.get(k) ?? ""),
    ]),
  );
  const parsed = articleInput.safeParse(values);
  if (!parsed.success)
    return { outcomes: [], failures: [], fieldErrors: fieldErrors(parsed.error), values };
  try {
    const outcome = await importArticle(parsed.data, { userId: user.id });
    revalidatePath("/articles");
    return { outcomes: [{ ...outcome, source: parsed.data.title }], failures: [] };
  } catch (error) {
    (await requestLog()).error({ err: error, userId: user.id }, "article import failed");
    return {
      outcomes: [],
      failures: [
        {
          source: parsed.data.title,
          error: "Could not save the article; nothing was saved. Try again.",
        },
      ],
      values,
    };
  }
}

export async function importUploadedFiles(
  _previous: ImportReport | null,
  form: FormData,
): Promise<ImportReport> {
  const user = await requireRole("REVIEWER");
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const files = form.getAll("files").filter((f): f is File => f instanceof File && f.size > 0);
  if (files.length === 0)
    return { outcomes: [], failures: [{ source: "upload", error: "Choose at least one file." }] };
  if (files.length > MAX_FILES) {
    return {
      outcomes: [],
      failures: [
        {
          source: "upload",
          error: `At most ${MAX_FILES} files at once; use npm run import for larger batches.`,
        },
      ],
    };
  }
  const report: ImportReport = { outcomes: [], failures: [] };
  for (const file of files) {
    if (file.size > MAX_UPLOAD_BYTES) {
      report.failures.push({
        source: file.name,
        error: `file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB per file`,
      });
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    for (const parsed of parseImportFile(file.name, bytes)) {
      if (!parsed.ok) {
        report.failures.push({ source: parsed.source, error: parsed.error });
        continue;
      }
      try {
        report.outcomes.push({
          ...(await importArticle(parsed.article, { userId: user.id })),
          source: parsed.source,
        });
      } catch (error) {
        (await requestLog()).error({ err: error, userId: user.id }, "article import failed");
        report.failures.push({ source: parsed.source, error: "could not be saved; try again" });
      }
    }
  }
  revalidatePath("/articles");
  return report;
}
