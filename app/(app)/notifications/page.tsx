import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { listNotifications } from "@/lib/data/outbox";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { NotificationList } from "@/components/notifications/notification-list";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireRole();
  const items = await listNotifications(user.id);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="What happened to your claims, and what waits for you: the latest hundred."
        actions={
          <Link
            href="/notifications/settings"
            className="rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Settings
          </Link>
        }
      />
      <NotificationList
        items={items.map((n) => ({
          id: n.id,
          text: n.text,
          claimId: n.claimId,
          at: formatDateTime(n.createdAt),
          read: n.readAt !== null,
        }))}
      />
    </>
  );
}
