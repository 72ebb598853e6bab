"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useLocale, useTranslations } from "next-intl";
import { cancelImport } from "@/app/(app)/articles/import/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { formatDateTime } from "@/components/ui/format";
import type { ImportBatchView, ImportItemView, ImportStatus } from "@/lib/data/import-batches";

/** How often the page asks for fresh progress while anything is still queued or running. */
const REFRESH_MS = 1500;

const count = (batch: ImportBatchView, ...statuses: ImportStatus[]) =>
  statuses.reduce((n, s) => n + (batch.counts[s] ?? 0), 0);

/**
 * The importer's latest imports, live: each file's and line's outcome as workers finish
 * them. The page refreshes itself while anything is pending; typing in the forms above is
 * not disturbed (a refresh keeps client state).
 */
export function ImportProgress({
  batches,
  workersRunning,
}: {
  batches: ImportBatchView[];
  workersRunning: number;
}) {
  const t = useTranslations("ImportProgress");
  const router = useRouter();
  const pending = batches.reduce((n, b) => n + count(b, "QUEUED", "RUNNING"), 0);
  useEffect(() => {
    if (pending === 0) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, router]);

  if (batches.length === 0) return null;
  return (
    <section aria-labelledby="imports-heading" className="mt-8 space-y-4">
      <h2 id="imports-heading" className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      {pending > 0 && workersRunning === 0 && (
        <Alert tone="error">
          {t.rich("noWorker", { code: (chunks) => <code>{chunks}</code> })}
        </Alert>
      )}
      {batches.map((batch) => (
        <BatchProgress key={batch.id} batch={batch} />
      ))}
    </section>
  );
}

function BatchProgress({ batch }: { batch: ImportBatchView }) {
  const t = useTranslations("ImportProgress");
  const locale = useLocale();
  const cancel = useAction(cancelImport, {
    success: (n) => t("cancelled", { count: n }),
  });
  const total = count(batch, "QUEUED", "RUNNING", "IMPORTED", "DUPLICATE", "FAILED", "CANCELLED");
  const waiting = count(batch, "QUEUED");
  const running = count(batch, "RUNNING");
  const done = total - waiting - running;
  const of = (status: ImportStatus) => batch.items.filter((i) => i.status === status);
  const more = (status: ImportStatus, shown: number) => count(batch, status) - shown;
  const when = formatDateTime(batch.createdAt, locale);

  return (
    <div
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="import-batch"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700">
          <span className="font-medium text-slate-900">{t("batch", { when })}</span>
          {" · "}
          {t("done", { done, total })}
          {running > 0 && `, ${t("running", { count: running })}`}
          {waiting > 0 && `, ${t("waiting", { count: waiting })}`}
        </p>
        {waiting > 0 && (
          <Button
            variant="secondary"
            size="sm"
            disabled={cancel.pending}
            onClick={() => cancel.run({ batchId: batch.id })}
          >
            {cancel.pending ? t("cancelling") : t("cancel")}
          </Button>
        )}
      </div>
      {total > 0 && (
        <progress
          className="h-2 w-full"
          max={total}
          value={done}
          aria-label={`${t("batch", { when })}: ${t("done", { done, total })}`}
        />
      )}
      {cancel.message && <p className="text-sm text-slate-700">{cancel.message.text}</p>}
      <Outcome
        tone="success"
        items={of("IMPORTED")}
        heading={t("imported", { count: count(batch, "IMPORTED") })}
        more={more("IMPORTED", of("IMPORTED").length)}
        render={(item) => (
          <>
            <Link className="underline" href={`/articles/${item.articleId}`}>
              {item.articleTitle ?? item.source}
            </Link>{" "}
            — {t("claims", { count: item.claims ?? 0 })}
            {item.note && <> ({item.note})</>}
          </>
        )}
      />
      <Outcome
        tone="info"
        items={of("DUPLICATE")}
        heading={t("duplicates")}
        more={more("DUPLICATE", of("DUPLICATE").length)}
        render={(item) => (
          <>
            {item.source}: {/^https?:\/\//.test(item.source) ? t("samePageAs") : t("sameTextAs")}{" "}
            {item.articleId ? (
              <Link className="underline" href={`/articles/${item.articleId}`}>
                {item.articleTitle ?? t("earlierArticle")}
              </Link>
            ) : (
              t("earlierArticle")
            )}
          </>
        )}
      />
      <Outcome
        tone="error"
        items={of("FAILED")}
        heading={t("failed", { count: count(batch, "FAILED") })}
        more={more("FAILED", of("FAILED").length)}
        render={(item) => (
          <>
            {item.source}: {item.error}
          </>
        )}
      />
      {count(batch, "CANCELLED") > 0 && (
        <p className="text-sm text-slate-600">
          {t("cancelledCount", { count: count(batch, "CANCELLED") })}
        </p>
      )}
    </div>
  );
}

function Outcome({
  tone,
  items,
  heading,
  more,
  render,
}: {
  tone: "success" | "info" | "error";
  items: ImportItemView[];
  heading: string;
  /** How many more there are than shown. */
  more: number;
  render: (item: ImportItemView) => React.ReactNode;
}) {
  const t = useTranslations("ImportProgress");
  if (items.length === 0) return null;
  return (
    <Alert tone={tone}>
      {heading}
      <ul className="mt-1 list-disc ps-5">
        {items.map((item, i) => (
          <li key={i}>{render(item)}</li>
        ))}
      </ul>
      {more > 0 && <p className="mt-1">{t("more", { count: more })}</p>}
    </Alert>
  );
}
