import Link from "next/link";
import { requireSignedIn } from "@/lib/auth/session";
import { navItemsFor } from "@/lib/domain/pages";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { NavLinks } from "@/components/shell/nav-links";
import { SkipLink } from "@/components/shell/skip-link";
import { LogoutButton } from "@/components/auth/logout-button";
import { Badge } from "@/components/ui/badge";
import { NotificationBell } from "@/components/notifications/bell";
import { countUnread } from "@/lib/data/outbox";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Every page checks its own access (requireRole); the shell is also shown to a person who
  // must still set up a second factor, on the one page open to them.
  const user = await requireSignedIn();
  return (
    <>
      <SkipLink />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-base font-semibold tracking-tight text-brand-800">
            ClaimDesk
          </Link>
          <nav aria-label="Main" className="flex-1">
            <NavLinks items={navItemsFor(user.role)} />
          </nav>
          <NotificationBell initial={await countUnread(user.id)} />
          <div className="flex items-center gap-3 text-sm" data-testid="current-user">
            <Link
              href="/account/security"
              className="font-medium text-slate-800 underline-offset-2 hover:underline"
              title="Sign-in security"
            >
              {user.name}
            </Link>
            <Badge tone="info">{ROLE_LABELS[user.role]}</Badge>
            <LogoutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
