"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { addFeedAction, pollFeedNowAction, setFeedPausedAction } from "@/app/(app)/feeds/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Card } from "@/components/ui/page-header";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { useActionRunner } from "@/components/ui/use-action";

export interface FeedRow {
  id: string;
  url: string;
  title: string | null;
  intervalMinutes: number;
  /** Polled at least once. */
  polled: boolean;
  /** A fact-checker's feed, read into the fact-check library. */
  factChecks: boolean;
  paused: boolean;
  failures: number;
  lastPoll: string;
  nextPoll: string;
  lastError: string | null;
  /** What the last poll left out, and why. */
  lastNote: string | null;
  entries: number;
  imported: number;
  pending: number;
  addedBy: string;
}

const INTERVALS = [15, 30, 60, 360, 1440] as const;

/** Follow a feed; each feed's schedule, outcome and last error, with pause, resume and poll now. */
export function FeedsAdmin({ feeds }: { feeds: FeedRow[] }) {
  const t = useTranslations("FeedsAdmin");
  const [url, setUrl] = useState("");
  const [every, setEvery] = useState("30");
  const [factChecks, setFactChecks] = useState(false);
  const { run, pending, message, fieldErrors } = useActionRunner();
  // While a feed waits for its first poll or its entries are being imported, the page
  // refreshes itself (typing in the form above is kept).
  const router = useRouter();
  const working = feeds.some((f) => !f.paused && (!f.polled || f.pending > 0));
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [working, router]);
  return (
    <div className="space-y-6">
      <Card title={t("follow")}>
        <form
          className="grid gap-4 sm:grid-cols-[minmax(0,3fr)_minmax(0,1fr)_auto] sm:items-end"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => addFeedAction({ url, intervalMinutes: every, factChecks }), {
              success: factChecks ? t("addedFactChecks") : t("added"),
              onSuccess: () => {
                setUrl("");
                setFactChecks(false);
              },
            });
          }}
        >
          <Field label={t("address")} required error={fieldErrors.url}>
            <Input
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://news.example/rss.xml"
            />
          </Field>
          <Field label={t("poll")} error={fieldErrors.intervalMinutes}>
            <Select value={every} onChange={(e) => setEvery(e.target.value)}>
              {INTERVALS.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {t("every", { minutes })}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" disabled={pending}>
            {pending ? t("adding") : t("followButton")}
          </Button>
          <label className="flex items-start gap-2 text-sm text-slate-800 sm:col-span-3">
            <input
              type="checkbox"
              className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
              checked={factChecks}
              onChange={(e) => setFactChecks(e.target.checked)}
            />
            <span>{t("factChecksFeed")}</span>
          </label>
        </form>
        {message && (
          <div className="mt-3">
            <Alert tone={message.tone}>{message.text}</Alert>
          </div>
        )}
      </Card>
      <Table caption={t("caption")}>
        <TableHead
          columns={[
            t("feed"),
            t("status"),
            t("lastPoll"),
            t("nextPoll"),
            t("entries"),
            t("lastError"),
            "",
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {feeds.length === 0 && <EmptyRow colSpan={7}>{t("empty")}</EmptyRow>}
          {feeds.map((feed) => (
            <tr key={feed.id} data-testid="feed-row">
              <Td>
                <span className="font-medium">{feed.title ?? t("notRead")}</span>
                <span className="block text-xs break-all text-slate-600">{feed.url}</span>
                <span className="block text-xs text-slate-600">
                  {t("addedBy", { name: feed.addedBy })}
                </span>
                {feed.factChecks && (
                  <span className="mt-1 block">
                    <Badge tone="info">{t("factChecks")}</Badge>
                  </span>
                )}
              </Td>
              <Td>
                {feed.paused ? (
                  <Badge>{t("paused")}</Badge>
                ) : feed.failures > 0 ? (
                  <Badge tone="danger">{t("failing", { count: feed.failures })}</Badge>
                ) : (
                  <Badge tone="success">{t("active")}</Badge>
                )}
              </Td>
              <Td className="whitespace-nowrap">{feed.lastPoll}</Td>
              <Td className="whitespace-nowrap">{feed.nextPoll}</Td>
              <Td className="tabular-nums">
                {t("imported", { imported: feed.imported, entries: feed.entries })}
                {feed.pending > 0 && (
                  <span className="block text-xs text-slate-600">
                    {t("inProgress", { count: feed.pending })}
                  </span>
                )}
                {feed.lastNote && (
                  <span className="block text-xs text-amber-900">{feed.lastNote}</span>
                )}
              </Td>
              <Td className="max-w-xs break-words text-red-800">{feed.lastError ?? "—"}</Td>
              <Td>
                <div className="flex flex-wrap gap-1">
                  {!feed.paused && (
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending}
                      onClick={() =>
                        run(() => pollFeedNowAction({ feedId: feed.id }), {
                          success: t("pollQueued"),
                        })
                      }
                    >
                      {t("pollNow")}
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending}
                    onClick={() =>
                      run(() => setFeedPausedAction({ feedId: feed.id, paused: !feed.paused }), {
                        success: feed.paused ? t("resumed") : t("pausedDone"),
                      })
                    }
                  >
                    {feed.paused ? t("resume") : t("pause")}
                  </Button>
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
