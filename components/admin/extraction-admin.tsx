"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { reextractAction } from "@/app/(app)/admin/actions";
import { Alert } from "@/components/ui/alert";
import { useAction } from "@/components/ui/use-action";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { Table, TableHead, Td } from "@/components/ui/table";
import type { ExtractorStatus } from "@/lib/data/reextraction";

type Scope = "outdated" | "all" | "chosen";

export function ExtractionAdmin({
  status,
  workersRunning,
}: {
  status: ExtractorStatus;
  workersRunning: number;
}) {
  const t = useTranslations("Extraction");
  const locale = useLocale();
  const router = useRouter();
  const [scope, setScope] = useState<Scope>("outdated");
  const [articles, setArticles] = useState("");
  const { run, pending, message } = useAction(reextractAction, {
    success: (queued) => t("queued", { count: queued }),
  });
  const outdated = status.byVersion
    .filter((v) => v.version !== status.current)
    .reduce((n, v) => n + v.articles, 0);

  // Progress: the page refreshes itself while re-extraction jobs wait or run.
  useEffect(() => {
    if (status.pending === 0) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [status.pending, router]);

  return (
    <div className="space-y-6">
      <Table caption={t("caption")}>
        <TableHead columns={[t("extractor"), t("articles")]} />
        <tbody className="divide-y divide-slate-100">
          {status.byVersion.map((row) => (
            <tr key={row.version}>
              <Td className="font-mono">
                {row.version}
                {row.version === status.current && ` ${t("current")}`}
              </Td>
              <Td>{row.articles.toLocaleString(locale)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {status.pending > 0 && (
        <Alert tone="info">
          {t("pending", { count: status.pending })}
          {workersRunning === 0 && ` ${t("noWorker")}`}
        </Alert>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <form
        aria-label={t("form")}
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        onSubmit={(e) => {
          e.preventDefault();
          void run({ scope, articles });
        }}
      >
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">{t("reextract")}</legend>
          {(
            [
              ["outdated", t("outdated", { count: outdated })],
              ["all", t("all")],
              ["chosen", t("chosen")],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="scope"
                value={value}
                checked={scope === value}
                onChange={() => setScope(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        {scope === "chosen" && (
          <Field label={t("articles")} hint={t("articlesHint")}>
            <Textarea rows={4} value={articles} onChange={(e) => setArticles(e.target.value)} />
          </Field>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? t("queueing") : t("reextract")}
        </Button>
      </form>
    </div>
  );
}
