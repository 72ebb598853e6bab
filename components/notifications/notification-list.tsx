"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import {
  markAllNotificationsReadAction,
  markNotificationReadAction,
} from "@/app/(app)/notifications/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/components/ui/use-action";
import { cx } from "@/components/ui/cx";

export interface NotificationItem {
  id: string;
  text: string;
  claimId: string | null;
  at: string;
  read: boolean;
}

/**
 * A person's notifications, newest first, unread ones marked: opening one marks it read and
 * goes to its claim; "Mark read" and "Mark all read" without leaving the page.
 */
export function NotificationList({ items }: { items: NotificationItem[] }) {
  const t = useTranslations("NotificationList");
  const router = useRouter();
  const { run, pending, message } = useActionRunner();
  const unread = items.filter((n) => !n.read).length;
  const open = (item: NotificationItem) =>
    run(() => markNotificationReadAction({ id: item.id }), {
      refresh: false,
      onSuccess: () => router.push(item.claimId ? `/claims/${item.claimId}` : "/notifications"),
    });
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3 text-sm">
        <span className="text-slate-700">
          {unread === 0 ? t("allRead") : t("unread", { count: unread })}
        </span>
        {unread > 0 && (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            onClick={() => run(() => markAllNotificationsReadAction({}), { success: t("allRead") })}
          >
            {t("markAll")}
          </Button>
        )}
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <ul
        className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
        data-testid="notifications"
      >
        {items.map((item) => (
          <li
            key={item.id}
            className={cx(
              "flex flex-wrap items-start gap-3 p-3 text-sm",
              !item.read && "bg-brand-50",
            )}
          >
            <div className="min-w-0 flex-1">
              {item.claimId ? (
                <Link
                  href={`/claims/${item.claimId}`}
                  className={cx("text-slate-900 hover:underline", !item.read && "font-semibold")}
                  onClick={(event) => {
                    if (item.read) return;
                    event.preventDefault();
                    void open(item);
                  }}
                >
                  {item.text}
                </Link>
              ) : (
                <span>{item.text}</span>
              )}
              <p className="text-xs text-slate-600">
                {item.at}
                {!item.read && <span className="sr-only"> {t("unreadMark")}</span>}
              </p>
            </div>
            {!item.read && (
              <Button
                size="sm"
                variant="ghost"
                disabled={pending}
                onClick={() => run(() => markNotificationReadAction({ id: item.id }))}
              >
                {t("mark")}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
