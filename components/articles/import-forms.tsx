"use client";

import { useActionState, useRef, useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
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

type Translate = ReturnType<typeof useTranslations<"Import">>;

/** What is wrong with a choice of files before any of them travels, or null. */
function uploadProblem(
  files: File[],
  limits: ImportLimits,
  t: Translate,
  locale: string,
): string | null {
  if (files.length === 0) return t("chooseFile");
  if (files.length > limits.files)
    return t("tooManyFiles", { count: files.length, limit: limits.files });
  const tooBig = files.filter((f) => f.size > limits.fileBytes);
  if (tooBig.length > 0)
    return t("tooBig", {
      files: tooBig
        .map((f) => t("fileBytes", { name: f.name, bytes: f.size.toLocaleString(locale) }))
        .join(", "),
      count: tooBig.length,
      limit: mb(limits.fileBytes),
      bytes: limits.fileBytes.toLocaleString(locale),
    });
  const unsupported = files.filter(
    (f) => !EXTENSIONS.some((ext) => f.name.toLowerCase().endsWith(ext)),
  );
  if (unsupported.length > 0)
    return t("unsupported", {
      files: unsupported.map((f) => f.name).join(", "),
      types: EXTENSIONS.join(", "),
    });
  const empty = files.filter((f) => f.size === 0);
  if (empty.length > 0) return t("empty", { files: empty.map((f) => f.name).join(", ") });
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
  const t = useTranslations("Import");
  const [urls, setUrls] = useState("");
  const { run, pending, message } = useActionRunner();
  return (
    <Card title={t("web")}>
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => importUrls({ urls }), {
            success: ({ queued }) => t("urlsQueued", { count: queued }),
            onSuccess: () => setUrls(""),
          });
        }}
      >
        <Field label={t("urls")} hint={t("urlsHint")}>
          <Textarea
            rows={4}
            value={urls}
            onChange={(e) => setUrls(e.target.value)}
            placeholder="https://news.example/2026/12/02/story"
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? t("queueing") : t("fetch")}
        </Button>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
      </form>
    </Card>
  );
}

function PasteForm({ limits }: { limits: ImportLimits }) {
  const t = useTranslations("Import");
  const locale = useLocale();
  const [report, action, pending] = useActionState(importPastedArticle, null);
  const errors = report?.fieldErrors ?? {};
  const values = report?.values ?? {};
  // A fresh form after the article was queued; the typed values back after a refusal.
  const formKey = report?.batchId ? `queued-${report.batchId}` : "editing";
  return (
    <Card title={t("paste")}>
      <form key={formKey} action={action} className="space-y-4">
        <Field label={t("title")} hint={t("titleHint")} error={errors.title}>
          <Input name="title" defaultValue={values.title} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("outlet")} error={errors.outlet}>
            <Input name="outlet" defaultValue={values.outlet} />
          </Field>
          <Field label={t("published")} error={errors.publishedAt}>
            <Input name="publishedAt" type="date" defaultValue={values.publishedAt} />
          </Field>
        </div>
        <Field label={t("url")} hint={t("urlHint")} error={errors.url}>
          <Input name="url" type="url" defaultValue={values.url} />
        </Field>
        <Field label={t("author")} error={errors.author}>
          <Input name="author" defaultValue={values.author} />
        </Field>
        <Field
          label={t("body")}
          hint={t("bodyHint", { limit: limits.bodyChars.toLocaleString(locale) })}
          error={errors.body}
          required
        >
          <Textarea name="body" rows={12} maxLength={limits.bodyChars} defaultValue={values.body} />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? t("queueing") : t("importArticle")}
        </Button>
        {report?.batchId && <Alert tone="info">{t("pasteQueued")}</Alert>}
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
  const t = useTranslations("Import");
  const locale = useLocale();
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
    const found = uploadProblem(files, limits, t, locale);
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
          failures.push(`${file.name}: ${t("cutOff")}`);
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
    <Card title={t("upload")}>
      <form onSubmit={upload} className="space-y-4" noValidate>
        {problem && <Alert tone="error">{problem}</Alert>}
        <Field
          label={t("files")}
          hint={t("filesHint", {
            articles: limits.articlesPerFile.toLocaleString(locale),
            size: mb(limits.fileBytes),
            files: limits.files,
          })}
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
          {pending ? t("uploading") : t("uploadSubmit")}
        </Button>
        {progress && (
          <p className="text-sm text-slate-700" role="status">
            {t("progress", { n: progress.done + 1, total: progress.total, name: progress.name })}
          </p>
        )}
        {sent !== null && sent > 0 && (
          <Alert tone="info">{t("filesQueued", { count: sent })}</Alert>
        )}
        {refused.length > 0 && (
          <Alert tone="error">
            {t("notUploaded", { count: refused.length })}
            <ul className="mt-1 list-disc ps-5">
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
