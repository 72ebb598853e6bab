import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { listFeeds } from "@/lib/data/feeds";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { FeedsAdmin } from "@/components/feeds/feeds-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Feeds"))("title") };
}

export default async function FeedsPage() {
  await requireRole("EDITOR");
  const [t, locale] = await Promise.all([getTranslations("Feeds"), getLocale()]);
  const feeds = await listFeeds();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <FeedsAdmin
        feeds={feeds.map((f) => ({
          id: f.id,
          url: f.url,
          title: f.title,
          intervalMinutes: f.intervalMinutes,
          factChecks: f.factChecks,
          paused: f.pausedAt !== null,
          failures: f.failures,
          polled: f.lastPolledAt !== null,
          lastPoll: f.lastPolledAt ? formatDateTime(f.lastPolledAt, locale) : t("notYet"),
          nextPoll: f.pausedAt ? t("paused") : formatDateTime(f.nextPollAt, locale),
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
