import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listFeeds } from "@/lib/data/feeds";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { FeedsAdmin } from "@/components/feeds/feeds-admin";

export const metadata: Metadata = { title: "Feeds" };

export default async function FeedsPage() {
  await requireRole("EDITOR");
  const feeds = await listFeeds();
  return (
    <>
      <PageHeader
        title="Feeds"
        description="News feeds the desk follows (RSS, Atom or JSON Feed). Workers poll each on its schedule; every new entry is fetched and imported like an address pasted on the import page, its claims joining the queue by check-worthiness. A fact-checker's feed fills the fact-check library instead: each entry's ClaimReview is read, for matching new claims against."
      />
      <FeedsAdmin
        feeds={feeds.map((f) => ({
          id: f.id,
          url: f.url,
          title: f.title,
          intervalMinutes: f.intervalMinutes,
          factChecks: f.factChecks,
          paused: f.pausedAt !== null,
          failures: f.failures,
          lastPoll: f.lastPolledAt ? formatDateTime(f.lastPolledAt) : "not yet",
          nextPoll: f.pausedAt ? "paused" : formatDateTime(f.nextPollAt),
          lastError: f.lastError,
          lastNote: f.lastNote,
          entries: f.entries,
          imported: f.imported,
          pending: f.pending,
          addedBy: f.createdBy?.name ?? "—",
        }))}
      />
    </>
  );
}
