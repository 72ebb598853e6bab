"use client";

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

const INTERVALS = [
  [15, "every 15 minutes"],
  [30, "every 30 minutes"],
  [60, "every hour"],
  [360, "every 6 hours"],
  [1440, "once a day"],
] as const;

/** Follow a feed; each feed's schedule, outcome and last error, with pause, resume and poll now. */
export function FeedsAdmin({ feeds }: { feeds: FeedRow[] }) {
  const [url, setUrl] = useState("");
  const [every, setEvery] = useState("30");
  const [factChecks, setFactChecks] = useState(false);
  const { run, pending, message, fieldErrors } = useActionRunner();
  // While a feed waits for its first poll or its entries are being imported, the page
  // refreshes itself (typing in the form above is kept).
  const router = useRouter();
  const working = feeds.some((f) => !f.paused && (f.lastPoll === "not yet" || f.pending > 0));
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [working, router]);
  return (
    <div className="space-y-6">
      <Card title="Follow a feed">
        <form
          className="grid gap-4 sm:grid-cols-[minmax(0,3fr)_minmax(0,1fr)_auto] sm:items-end"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => addFeedAction({ url, intervalMinutes: every, factChecks }), {
              success: factChecks
                ? "Feed of fact-checks added: it is being polled now, into the library."
                : "Feed added: it is being polled now.",
              onSuccess: () => {
                setUrl("");
                setFactChecks(false);
              },
            });
          }}
        >
          <Field label="Feed address" required error={fieldErrors.url}>
            <Input
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://news.example/rss.xml"
            />
          </Field>
          <Field label="Poll" error={fieldErrors.intervalMinutes}>
            <Select value={every} onChange={(e) => setEvery(e.target.value)}>
              {INTERVALS.map(([minutes, label]) => (
                <option key={minutes} value={minutes}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Follow"}
          </Button>
          <label className="flex items-start gap-2 text-sm text-slate-800 sm:col-span-3">
            <input
              type="checkbox"
              className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
              checked={factChecks}
              onChange={(e) => setFactChecks(e.target.checked)}
            />
            <span>
              A fact-checker&apos;s feed: read each entry&apos;s ClaimReview into the fact-check
              library (for &ldquo;checked before&rdquo;), instead of importing its claims
            </span>
          </label>
        </form>
        {message && (
          <div className="mt-3">
            <Alert tone={message.tone}>{message.text}</Alert>
          </div>
        )}
      </Card>
      <Table caption="Feeds the desk follows">
        <TableHead
          columns={["Feed", "Status", "Last poll", "Next poll", "Entries", "Last error", ""]}
        />
        <tbody className="divide-y divide-slate-100">
          {feeds.length === 0 && <EmptyRow colSpan={7}>No feed yet: follow one above.</EmptyRow>}
          {feeds.map((feed) => (
            <tr key={feed.id} data-testid="feed-row">
              <Td>
                <span className="font-medium">{feed.title ?? "Not read yet"}</span>
                <span className="block text-xs break-all text-slate-600">{feed.url}</span>
                <span className="block text-xs text-slate-600">added by {feed.addedBy}</span>
                {feed.factChecks && (
                  <span className="mt-1 block">
                    <Badge tone="info">Fact-checks, into the library</Badge>
                  </span>
                )}
              </Td>
              <Td>
                {feed.paused ? (
                  <Badge>Paused</Badge>
                ) : feed.failures > 0 ? (
                  <Badge tone="danger">
                    Failing ({feed.failures} {feed.failures === 1 ? "time" : "times"})
                  </Badge>
                ) : (
                  <Badge tone="success">Active</Badge>
                )}
              </Td>
              <Td className="whitespace-nowrap">{feed.lastPoll}</Td>
              <Td className="whitespace-nowrap">{feed.nextPoll}</Td>
              <Td className="tabular-nums">
                {feed.imported} imported of {feed.entries}
                {feed.pending > 0 && (
                  <span className="block text-xs text-slate-600">{feed.pending} in progress</span>
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
                          success: "Poll queued.",
                        })
                      }
                    >
                      Poll now
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending}
                    onClick={() =>
                      run(() => setFeedPausedAction({ feedId: feed.id, paused: !feed.paused }), {
                        success: feed.paused ? "Feed resumed: polling now." : "Feed paused.",
                      })
                    }
                  >
                    {feed.paused ? "Resume" : "Pause"}
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
