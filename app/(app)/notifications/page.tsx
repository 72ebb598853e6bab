import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { listNotifications } from "@/lib/data/outbox";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { NotificationList } from "@/components/notifications/notification-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Notifications"))("title") };
}

export default async function NotificationsPage() {
  const user = await requireRole();
  const [items, t, locale] = await Promise.all([
    listNotifications(user.id),
    getTranslations("Notifications"),
    getLocale(),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link
            href="/notifications/settings"
            className="rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            {t("settings")}
          </Link>
        }
      />
      <NotificationList
        items={items.map((n) => ({
          id: n.id,
          text: n.text,
          claimId: n.claimId,
          at: formatDateTime(n.createdAt, locale),
          read: n.readAt !== null,
        }))}
      />
    </>
  );
}
