"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";

/** How often an open page asks for the unread count (and whenever it is looked at again). */
const POLL_MS = 10_000;

/**
 * The header's bell: the person's unread notifications, counted when the page is rendered
 * and asked again every few seconds while the page is visible, so that a return or an
 * assignment shows without a reload. A link to the notifications page.
 */
export function NotificationBell({
  initial,
  labels = { none: "Notifications", unread: "Notifications: {count} unread" },
}: {
  initial: number;
  /** In the interface's language; `{count}` stands for the number unread. */
  labels?: { none: string; unread: string };
}) {
  // A polled count holds until the page is rendered again with a newer one.
  const [polled, setPolled] = useState<{ initial: number; unread: number } | null>(null);
  const unread = polled && polled.initial === initial ? polled.unread : initial;
  const rendered = useRef(initial);
  useEffect(() => {
    rendered.current = initial;
  }, [initial]);
  useEffect(() => {
    let stopped = false;
    const ask = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/api/notifications/unread", { cache: "no-store" });
        if (!response.ok || stopped) return;
        const body = (await response.json()) as { unread: number };
        setPolled({ initial: rendered.current, unread: body.unread });
      } catch {
        // Offline or the server away: the count stays until the next try.
      }
    };
    const timer = setInterval(() => void ask(), POLL_MS);
    document.addEventListener("visibilitychange", ask);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", ask);
    };
  }, []);
  const label = unread === 0 ? labels.none : labels.unread.replace("{count}", String(unread));
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
      data-testid="notification-bell"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8" />
        <path d="M10.3 20a2 2 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span
          className="absolute -end-1 -top-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold leading-5 text-white"
          data-testid="notification-count"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
