import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireSignedIn } from "@/lib/auth/session";
import { navItemsFor } from "@/lib/domain/pages";
import { InterfaceLanguage } from "@/components/shell/interface-language";
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
  const [t, nav, roles] = await Promise.all([
    getTranslations("Shell"),
    getTranslations("Nav"),
    getTranslations("Roles"),
  ]);
  return (
    <InterfaceLanguage>
      <SkipLink label={t("skipToContent")} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-base font-semibold tracking-tight text-brand-800">
            ClaimDesk
          </Link>
          <nav aria-label={t("mainNav")} className="flex-1">
            <NavLinks
              items={navItemsFor(user.role).map((item) => ({ ...item, label: nav(item.label) }))}
            />
          </nav>
          <NotificationBell
            initial={await countUnread(user.id)}
            labels={{
              none: t("notifications"),
              unread: t("notificationsUnread", { count: "{count}" }),
            }}
          />
          <div className="flex items-center gap-3 text-sm" data-testid="current-user">
            <Link
              href="/account/security"
              className="font-medium text-slate-800 underline-offset-2 hover:underline"
              title={t("signInSecurity")}
            >
              {user.name}
            </Link>
            <Badge tone="info">{roles(user.role)}</Badge>
            <Link
              href="/account/language"
              className="text-slate-700 underline-offset-2 hover:underline"
            >
              {t("language")}
            </Link>
            <LogoutButton labels={{ idle: t("logOut"), pending: t("loggingOut") }} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </InterfaceLanguage>
  );
}
