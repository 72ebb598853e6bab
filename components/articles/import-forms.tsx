"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import {
  importPastedArticle,
  importUploadedFiles,
  type ImportReport,
} from "@/app/(app)/articles/import/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Card } from "@/components/ui/page-header";

function Report({ report }: { report: ImportReport | null }) {
  if (!report || (report.outcomes.length === 0 && report.failures.length === 0)) return null;
  const imported = report.outcomes.filter((o) => o.status === "imported");
  const duplicates = report.outcomes.filter((o) => o.status === "duplicate");
  return (
    <div className="space-y-2" aria-live="polite">
      {imported.length > 0 && (
        <Alert tone="success">
          Imported {imported.length} {imported.length === 1 ? "article" : "articles"}:
          <ul className="mt-1 list-disc pl-5">
            {imported.map((o) => (
              <li key={o.articleId}>
                <Link className="underline" href={`/articles/${o.articleId}`}>
                  {o.title}
                </Link>{" "}
                — {o.status === "imported" ? o.claims : 0} claims
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {duplicates.length > 0 && (
        <Alert tone="info">
          Already imported, not added again:
          <ul className="mt-1 list-disc pl-5">
            {duplicates.map((o) => (
              <li key={`${o.source}-${o.articleId}`}>
                {o.source}: same text as{" "}
                <Link className="underline" href={`/articles/${o.articleId}`}>
                  {o.title}
                </Link>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {report.failures.length > 0 && (
        <Alert tone="error">
          Not imported ({report.failures.length}):
          <ul className="mt-1 list-disc pl-5">
            {report.failures.map((f, i) => (
              <li key={i}>
                {f.source}: {f.error}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}

export function ImportForms({ maxUploadMb }: { maxUploadMb: number }) {
  const [pasteReport, pasteAction, pastePending] = useActionState(importPastedArticle, null);
  const [fileReport, fileAction, filePending] = useActionState(importUploadedFiles, null);
  const [fileError, setFileError] = useState<string | null>(null);
  const errors = pasteReport?.fieldErrors ?? {};
  const values = pasteReport?.values ?? {};
  // A fresh form after a successful import; the typed values back after a refusal.
  const formKey = pasteReport?.outcomes.length
    ? `done-${pasteReport.outcomes[0]!.articleId}`
    : "editing";
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Paste an article">
        <form key={formKey} action={pasteAction} className="space-y-4">
          <Field label="Title" error={errors.title}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                name="title"
                required
                defaultValue={values.title}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Outlet" error={errors.outlet}>
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  name="outlet"
                  defaultValue={values.outlet}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
            <Field label="Published" error={errors.publishedAt}>
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  name="publishedAt"
                  type="date"
                  defaultValue={values.publishedAt}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
          </div>
          <Field
            label="URL"
            hint="Where the article was published (http or https)."
            error={errors.url}
          >
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                name="url"
                type="url"
                defaultValue={values.url}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Author" error={errors.author}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                name="author"
                defaultValue={values.author}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Article text" error={errors.body}>
            {({ id, describedBy, invalid }) => (
              <Textarea
                id={id}
                name="body"
                rows={12}
                required
                defaultValue={values.body}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Button type="submit" disabled={pastePending}>
            {pastePending ? "Importing and extracting…" : "Import article"}
          </Button>
          <Report report={pasteReport} />
        </form>
      </Card>
      <Card title="Upload files">
        <form
          action={fileAction}
          className="space-y-4"
          onSubmit={(event) => {
            // Refuse oversized files here, before they travel; the server checks again.
            const input = event.currentTarget.elements.namedItem("files") as HTMLInputElement;
            const tooBig = Array.from(input.files ?? []).filter(
              (f) => f.size > maxUploadMb * 1024 * 1024,
            );
            if (tooBig.length > 0) {
              event.preventDefault();
              setFileError(
                `${tooBig.map((f) => `${f.name} (${(f.size / 1024 / 1024).toFixed(1)} MB)`).join(", ")} ${tooBig.length === 1 ? "is" : "are"} over the ${maxUploadMb} MB limit; nothing was uploaded.`,
              );
            } else setFileError(null);
          }}
        >
          {fileError && <Alert tone="error">{fileError}</Alert>}
          <Field
            label="Files"
            hint={`.txt, .md, .html, .json or .jsonl (one article per line), up to ${maxUploadMb} MB each and 50 files at once. Larger batches: npm run import.`}
          >
            {({ id, describedBy }) => (
              <Input
                id={id}
                name="files"
                type="file"
                multiple
                required
                accept=".txt,.md,.markdown,.html,.htm,.json,.jsonl,.ndjson"
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Button type="submit" disabled={filePending}>
            {filePending ? "Importing and extracting…" : "Upload and import"}
          </Button>
          <Report report={fileReport} />
        </form>
      </Card>
    </div>
  );
}
