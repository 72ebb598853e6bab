import { direction } from "@/lib/i18n/locales";
import { publicLocale, publicTranslations } from "@/lib/i18n/public";
import type { Metadata } from "next";
import Link from "next/link";
import { SkipLink } from "@/components/shell/skip-link";
import { publicBaseUrl } from "@/lib/data/public";
import { FEED_ALTERNATE } from "@/lib/domain/publishing";
import { settings } from "@/lib/settings";

/**
 * The public part of the app: published fact-checks, the ratings, the corrections. No
 * login, no session read; its pages read only what publishing copied out
 * (lib/data/public.ts) and work without JavaScript.
 */
// Rendered per request (each with its CSP nonce and the running app's settings), from
// reads cached until a publication changes (lib/data/public-pages.ts): never at build time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const desk = settings().CLAIMDESK_ORG_NAME;
  const t = await publicTranslations();
  return {
    metadataBase: new URL(publicBaseUrl()),
    // Absolute: the desk's name, not the app's, ends the public pages' titles.
    title: { absolute: `${t("factChecks")} · ${desk}`, template: `%s · ${desk}` },
    description: t("publishedBy", { desk }),
    alternates: { types: FEED_ALTERNATE },
  };
}

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const desk = settings().CLAIMDESK_ORG_NAME;
  const t = await publicTranslations();
  const locale = publicLocale();
  return (
    // The desk's language and its direction, for every reader.
    <div lang={locale} dir={direction(locale)}>
      <SkipLink label={t("skip")} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/fact-checks" className="text-base font-semibold text-brand-800">
            {desk}
          </Link>
          <nav aria-label={t("factChecks")} className="flex-1">
            <ul className="flex flex-wrap gap-4 text-sm">
              <li>
                <Link className="text-slate-700 hover:underline" href="/fact-checks">
                  {t("factChecks")}
                </Link>
              </li>
              <li>
                <Link className="text-slate-700 hover:underline" href="/ratings">
                  {t("howWeRate")}
                </Link>
              </li>
              <li>
                <Link className="text-slate-700 hover:underline" href="/corrections">
                  {t("corrections")}
                </Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 py-6 text-sm text-slate-600">
        <div className="mx-auto flex max-w-3xl flex-wrap gap-x-6 gap-y-2 px-4">
          <span>{desk}</span>
          <Link className="underline" href="/corrections">
            {t("correctionsPolicy")}
          </Link>
          <Link className="underline" href="/ratings">
            {t("ourRatings")}
          </Link>
          <a className="underline" href="/fact-checks/feed.xml">
            {t("feed")}
          </a>
        </div>
      </footer>
    </div>
  );
}
