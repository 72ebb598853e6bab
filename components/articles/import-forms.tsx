"use client";

import { useActionState, useRef, useState, useTransition } from "react";
import {
  importPastedArticle,
  importUrls,
  uploadImportFile,
} from "@/app/(app)/articles/import/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Card } from "@/components/ui/page-header";
import { useActionRunner } from "@/components/ui/use-action";

export interface ImportLimits {
  fileBytes: number;
  files: number;
  articlesPerFile: number;
  bodyChars: number;
}

const EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson"];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;

/** What is wrong with a choice of files before any of them travels, or null. */
export function uploadProblem(files: File[], limits: ImportLimits): string | null {
  if (files.length === 0) return "Choose at least one file.";
  if (files.length > limits.files)
    return `${files.length} files chosen; at most ${limits.files} at once (use npm run import for more). Nothing was uploaded.`;
  const tooBig = files.filter((f) => f.size > limits.fileBytes);
  if (tooBig.length > 0)
    return `${tooBig.map((f) => `${f.name} (${f.size.toLocaleString("en")} bytes)`).join(", ")} ${tooBig.length === 1 ? "is" : "are"} over the limit of ${mb(limits.fileBytes)} (${limits.fileBytes.toLocaleString("en")} bytes) a file; nothing was uploaded.`;
  const unsupported = files.filter(
    (f) => !EXTENSIONS.some((ext) => f.name.toLowerCase().endsWith(ext)),
  );
  if (unsupported.length > 0)
    return `${unsupported.map((f) => f.name).join(", ")}: not a supported type (${EXTENSIONS.join(", ")}); nothing was uploaded.`;
  const empty = files.filter((f) => f.size === 0);
  if (empty.length > 0)
    return `${empty.map((f) => f.name).join(", ")}: empty; nothing was uploaded.`;
  return null;
}

export function ImportForms({ limits }: { limits: ImportLimits }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <PasteForm limits={limits} />
      <div className="space-y-6">
        <UrlForm />
        <UploadForm limits={limits} />
      </div>
    </div>
  );
}

/** Web addresses, one per line: each is fetched and read by a worker. */
function UrlForm() {
  const [urls, setUrls] = useState("");
  const { run, pending, message } = useActionRunner();
  return (
    <Card title="Import from the web">
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => importUrls({ urls }), {
            success: ({ queued }) =>
              `${queued} ${queued === 1 ? "address" : "addresses"} queued: progress below.`,
            onSuccess: () => setUrls(""),
          });
        }}
      >
        <Field
          label="Web addresses"
          hint="One per line, up to 50. Each page is fetched by a worker and read like an uploaded page (title, byline, date and outlet from its metadata); a page already imported is reported as a duplicate."
        >
          <Textarea
            rows={4}
            value={urls}
            onChange={(e) => setUrls(e.target.value)}
            placeholder="https://news.example/2026/12/02/story"
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Queueing…" : "Fetch and import"}
        </Button>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
      </form>
    </Card>
  );
}

function PasteForm({ limits }: { limits: ImportLimits }) {
  const [report, action, pending] = useActionState(importPastedArticle, null);
  const errors = report?.fieldErrors ?? {};
  const values = report?.values ?? {};
  // A fresh form after the article was queued; the typed values back after a refusal.
  const formKey = report?.batchId ? `queued-${report.batchId}` : "editing";
  return (
    <Card title="Paste an article">
      <form key={formKey} action={action} className="space-y-4">
        <Field
          label="Title"
          hint="Optional: the first line of the text when left empty."
          error={errors.title}
        >
          <Input name="title" defaultValue={values.title} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Outlet" error={errors.outlet}>
            <Input name="outlet" defaultValue={values.outlet} />
          </Field>
          <Field label="Published" error={errors.publishedAt}>
            <Input name="publishedAt" type="date" defaultValue={values.publishedAt} />
          </Field>
        </div>
        <Field
          label="URL"
          hint="Where the article was published (http or https)."
          error={errors.url}
        >
          <Input name="url" type="url" defaultValue={values.url} />
        </Field>
        <Field label="Author" error={errors.author}>
          <Input name="author" defaultValue={values.author} />
        </Field>
        <Field
          label="Article text"
          hint={`Up to ${limits.bodyChars.toLocaleString("en")} characters.`}
          error={errors.body}
          required
        >
          <Textarea name="body" rows={12} maxLength={limits.bodyChars} defaultValue={values.body} />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Queueing…" : "Import article"}
        </Button>
        {report?.batchId && (
          <Alert tone="info">Queued: its claims are being extracted (progress below).</Alert>
        )}
        {(report?.error ?? errors.form) && (
          <Alert tone="error">{report?.error ?? errors.form}</Alert>
        )}
      </form>
    </Card>
  );
}

/**
 * Files travel one request each, so that every request stays under the one body limit and
 * a refused file leaves the others queued. The chosen files stay chosen when something is
 * refused; a problem found before upload sends nothing.
 */
function UploadForm({ limits }: { limits: ImportLimits }) {
  const input = useRef<HTMLInputElement>(null);
  const [pending, startUpload] = useTransition();
  const [progress, setProgress] = useState<{ done: number; total: number; name: string } | null>(
    null,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState<string[]>([]);
  const [sent, setSent] = useState<number | null>(null);

  function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const files = Array.from(input.current?.files ?? []);
    const found = uploadProblem(files, limits);
    setProblem(found);
    setRefused([]);
    setSent(null);
    if (found) return;
    startUpload(async () => {
      let batchId: string | undefined;
      const failures: string[] = [];
      for (const [i, file] of files.entries()) {
        setProgress({ done: i, total: files.length, name: file.name });
        const form = new FormData();
        form.set("file", file);
        if (batchId) form.set("batchId", batchId);
        try {
          const result = await uploadImportFile(form);
          if (result.ok) batchId = result.data.batchId;
          else failures.push(`${file.name}: ${result.message}`);
        } catch {
          failures.push(`${file.name}: the upload was cut off; try again`);
        }
      }
      setProgress(null);
      setRefused(failures);
      setSent(files.length - failures.length);
      // Keep the choice when something was refused, so it can be sent again.
      if (failures.length === 0 && input.current) input.current.value = "";
    });
  }

  return (
    <Card title="Upload files">
      <form onSubmit={upload} className="space-y-4" noValidate>
        {problem && <Alert tone="error">{problem}</Alert>}
        <Field
          label="Files"
          hint={`.txt, .md, .html, .json or .jsonl (one article per line, up to ${limits.articlesPerFile.toLocaleString("en")} a file), up to ${mb(limits.fileBytes)} each and ${limits.files} files at once. Larger batches: npm run import.`}
        >
          <Input
            ref={input}
            name="files"
            type="file"
            multiple
            accept={EXTENSIONS.join(",")}
            onChange={() => setProblem(null)}
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Uploading…" : "Upload and import"}
        </Button>
        {progress && (
          <p className="text-sm text-slate-700" role="status">
            Uploading {progress.done + 1} of {progress.total}: {progress.name}
          </p>
        )}
        {sent !== null && sent > 0 && (
          <Alert tone="info">
            {sent} {sent === 1 ? "file" : "files"} queued: progress below.
          </Alert>
        )}
        {refused.length > 0 && (
          <Alert tone="error">
            Not uploaded ({refused.length}):
            <ul className="mt-1 list-disc pl-5">
              {refused.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </Alert>
        )}
      </form>
    </Card>
  );
}
